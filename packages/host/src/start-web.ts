import { parseArgs } from 'node:util';
import { EOfficeError, exitCodeOf } from '@eoffice/contract';
import { faceServices, serverConnectionFromEnvironment } from './face-services.js';
import { DEFAULT_RENDERER_DIR } from './renderer-dir.js';
import { defaultDataDir } from './user-data-dir.js';
import { startWebHost } from './web/web-host.js';

const USAGE =
  'Cách dùng / usage: pnpm start:web [--port N] [--data-dir DIR] [--renderer-dir DIR] [--server https://HOST:PORT --fingerprint SHA256]\n';

/**
 * `pnpm start:web [--port N] [--data-dir DIR]`: the same services as the desktop app, served with the built UI on
 * 127.0.0.1. With `--server URL --fingerprint SHA256` the workstation works against its agency server (issue 10): every
 * call goes there over HTTPS pinned to that fingerprint, while the tokens (PKCS#11 modules, PIN, the signing of the
 * prepared data) stay on this machine; the data folder then holds only the logs. Prints exactly one line, the URL with
 * the per-launch token; everything else goes to the log file.
 */
async function main(): Promise<void> {
  let values: { port?: string; 'data-dir'?: string; 'renderer-dir'?: string; server?: string; fingerprint?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        'renderer-dir': { type: 'string' },
        server: { type: 'string' },
        fingerprint: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`E_USAGE: ${(error as Error).message}\n`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`E_USAGE: --port phải là số cổng 0–65535 / must be a port number: ${values.port}\n`);
    process.exit(2);
  }
  if ((values.server === undefined) !== (values.fingerprint === undefined)) {
    process.stderr.write('E_USAGE: --server và --fingerprint đi cùng nhau / --server and --fingerprint go together\n');
    process.exit(2);
  }
  const dataDir = values['data-dir'] ?? defaultDataDir();
  // The flags, else the workstation's setting in the environment (EOFFICE_SERVER_URL, EOFFICE_SERVER_FINGERPRINT).
  const server = values.server === undefined ? serverConnectionFromEnvironment(process.env) : { url: values.server, fingerprint: values.fingerprint! };
  const services = await faceServices({ dataDir, server });
  const host = await startWebHost({ services, rendererDir: values['renderer-dir'] ?? DEFAULT_RENDERER_DIR, port });
  services.logger.info({ port: host.port, dataDir, server: services.server }, 'web host started');
  process.stdout.write(`E-Office web: ${host.url}\n`);

  const stop = async (): Promise<void> => {
    // Whatever happens while closing, the process ends: a stuck socket must not keep a stopped host alive.
    setTimeout(() => process.exit(0), 5000).unref();
    await host.close();
    await services.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  const code = error instanceof EOfficeError ? error.code : (error as { code?: unknown }).code;
  process.stderr.write(`${typeof code === 'string' ? code : 'E_INTERNAL'}: ${(error as Error).message}\n`);
  // Bad input (a malformed URL or fingerprint) exits 2, as the CLI does; a refused or failed connection 1.
  process.exit(error instanceof EOfficeError ? exitCodeOf(error.code) : 1);
});
