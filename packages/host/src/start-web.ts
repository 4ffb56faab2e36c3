import { parseArgs } from 'node:util';
import { composeServices } from './compose-services.js';
import { DEFAULT_RENDERER_DIR } from './renderer-dir.js';
import { defaultDataDir } from './user-data-dir.js';
import { startWebHost } from './web/web-host.js';

/**
 * `pnpm start:web [--port N] [--data-dir DIR]`: the same services as the desktop app, served with the built UI on
 * 127.0.0.1. Prints exactly one line, the URL with the per-launch token; everything else goes to the log file.
 */
async function main(): Promise<void> {
  let values: { port?: string; 'data-dir'?: string; 'renderer-dir'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, 'renderer-dir': { type: 'string' }, help: { type: 'boolean' } },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`E_USAGE: ${(error as Error).message}\n`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write('Cách dùng / usage: pnpm start:web [--port N] [--data-dir DIR] [--renderer-dir DIR]\n');
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`E_USAGE: --port phải là số cổng 0–65535 / must be a port number: ${values.port}\n`);
    process.exit(2);
  }
  const services = await composeServices({ dataDir: values['data-dir'] ?? defaultDataDir() });
  await services.startBackgroundJobs();
  const host = await startWebHost({ services, rendererDir: values['renderer-dir'] ?? DEFAULT_RENDERER_DIR, port });
  services.logger.info({ port: host.port, dataDir: services.store.dataDir }, 'web host started');
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
  const code = (error as { code?: unknown }).code;
  process.stderr.write(`${typeof code === 'string' ? code : 'E_INTERNAL'}: ${(error as Error).message}\n`);
  process.exit(1);
});
