import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export type ElectronBinary = { readonly found: true; readonly path: string } | { readonly found: false; readonly reason: string };

/**
 * Where Electron's binary is, asked of the `electron` package the way its own CLI asks (its index answers the path,
 * or throws when the install skipped the download: ELECTRON_SKIP_BINARY_DOWNLOAD=1, or a download that failed).
 * `from` is a file of the package that depends on electron (apps/desktop).
 */
export function findElectronBinary(from: string, env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  let path: unknown;
  try {
    // The package reads ELECTRON_OVERRIDE_DIST_PATH from the environment at load: load it fresh for this `env`.
    const require = createRequire(from);
    const entry = require.resolve('electron');
    delete require.cache[entry];
    const saved = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
    setOverride(env['ELECTRON_OVERRIDE_DIST_PATH']);
    try {
      path = require(entry) as unknown;
    } finally {
      setOverride(saved);
      delete require.cache[entry];
    }
  } catch (error) {
    return { found: false, reason: (error as Error).message.split('\n')[0] ?? 'electron is not installed' };
  }
  if (typeof path !== 'string' || !existsSync(path)) return { found: false, reason: `no file at ${String(path)}` };
  return { found: true, path };
}

function setOverride(value: string | undefined): void {
  if (value === undefined) delete process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  else process.env['ELECTRON_OVERRIDE_DIST_PATH'] = value;
}
