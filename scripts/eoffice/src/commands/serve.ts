import { resolve } from 'node:path';
import { isIP } from 'node:net';
import { composeServices, DEFAULT_RENDERER_DIR, serverCertificate, startAgencyServer } from '@eoffice/host';
import { CliError, type CommandContext } from '../command.js';
import { dataDirOf, storeDatabaseOf } from '../store-options.js';
import { stringOption } from './option-values.js';

/**
 * `eoffice serve`: the agency server (issue 10). The services of the data folder over HTTPS to the LAN, the renderer
 * at `/`, the exchange sync engine (when an axis is configured) running here once for the agency. Without
 * --tls-cert/--tls-key a self-signed certificate is made on the first start and kept (0600) in the data folder; its
 * SHA-256 fingerprint is printed for the workstations to pin. Runs until SIGTERM or SIGINT, then lets the calls in
 * flight finish before it closes the store.
 */
export async function runServe(context: CommandContext): Promise<number> {
  const listen = parseListen(stringOption(context.values, 'listen'));
  const certFile = stringOption(context.values, 'tls-cert');
  const keyFile = stringOption(context.values, 'tls-key');
  const dataDir = dataDirOf(context);
  // The store: --db URL or EOFFICE_DB_URL (PostgreSQL for an agency), else the data folder's SQLite file.
  const services = await composeServices({ dataDir, database: await storeDatabaseOf(context), deployment: 'agency-server' });
  try {
    const certificate = await serverCertificate({
      dataDir,
      hostName: listen.host === '0.0.0.0' || listen.host === '::' ? 'localhost' : listen.host,
      ...(certFile === undefined ? {} : { certFile: resolve(certFile) }),
      ...(keyFile === undefined ? {} : { keyFile: resolve(keyFile) }),
    });
    const needsSetup = await services.dispatch('users.needsSetup', {}, { sessionToken: null, actingUsername: null, face: 'cli' });
    await services.startBackgroundJobs();
    const rendererDir = stringOption(context.values, 'renderer-dir');
    const server = await startAgencyServer({
      services,
      rendererDir: rendererDir === undefined ? DEFAULT_RENDERER_DIR : resolve(rendererDir),
      host: listen.host,
      port: listen.port,
      tls: certificate,
    });
    services.logger.info({ url: server.url, fingerprint: certificate.fingerprint, dataDir }, 'agency server started');
    if (needsSetup.ok && (needsSetup.result as { needsSetup: boolean }).needsSetup) {
      // Over the network no one may create the first admin: that is the server operator's step.
      context.io.stderr('Chưa có người dùng: tạo quản trị viên bằng `eoffice user add` / no users yet: add the first admin with `eoffice user add`\n');
    }
    context.io.stdout(
      context.json
        ? `${JSON.stringify({ url: server.url, port: server.port, fingerprint: certificate.fingerprint, certificateCreated: certificate.created })}\n`
        : `E-Office máy chủ cơ quan / agency server: ${server.url}\nSHA-256: ${certificate.fingerprint}\n`,
    );
    await new Promise<void>((done) => {
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
    });
    services.logger.info({}, 'agency server stopping');
    context.io.stderr('Đang dừng: hoàn tất các yêu cầu đang chạy / stopping: finishing the calls in flight\n');
    await server.close();
    return 0;
  } finally {
    await services.close();
  }
}

/** `HOST:PORT`, `[IPv6]:PORT` or `:PORT` (every address). */
export function parseListen(text: string | undefined): { host: string; port: number } {
  const usage = '--listen HOST:PORT, ví dụ / e.g. 0.0.0.0:8443';
  if (!text) throw new CliError('E_USAGE', `Thiếu / missing ${usage}`);
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(text);
  const port = Number(match?.[3]);
  const host = match?.[1] ?? (match?.[2] || '0.0.0.0');
  if (!match || !Number.isInteger(port) || port > 65535 || (match[1] !== undefined && isIP(host) !== 6)) {
    throw new CliError('E_USAGE', `--listen không hợp lệ / invalid: ${text} (${usage})`);
  }
  return { host, port };
}
