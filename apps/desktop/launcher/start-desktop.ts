import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { findElectronBinary } from './electron-binary.js';

/**
 * `pnpm start`: the desktop app in Electron's window; where Electron's binary is missing (installed with
 * ELECTRON_SKIP_BINARY_DOWNLOAD=1, or its download failed), one line says so and the same app starts in the browser
 * instead (the web face on the same data folder), never a stack trace (issue 12, item 16).
 */
const DESKTOP = fileURLToPath(new URL('..', import.meta.url));
const REPO = fileURLToPath(new URL('../../..', import.meta.url));
// The bundled browser face (rebuilt when a source changed): under tsx the host compiled for seconds at every start.
const START_WEB = fileURLToPath(new URL('../../../scripts/eoffice/build/start-web.mjs', import.meta.url));
const WEB_LINE = /^E-Office web: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)$/m;

const USAGE = 'Cách dùng / usage: pnpm start [--data-dir DIR] [--port N] [--renderer-dir DIR] [--no-open]\n';

function main(): void {
  let values: { 'data-dir'?: string; port?: string; 'renderer-dir'?: string; 'no-open'?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        'renderer-dir': { type: 'string' },
        'no-open': { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`E_USAGE: ${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const electron = findElectronBinary(`${DESKTOP}package.json`);
  if (electron.found) {
    // Both faces read the data folder from EOFFICE_DATA_DIR when it is set (host's defaultDataDir).
    const env = values['data-dir'] ? { ...process.env, EOFFICE_DATA_DIR: values['data-dir'] } : process.env;
    follow(spawn('pnpm', ['--filter', '@eoffice/desktop', 'start'], { cwd: REPO, stdio: 'inherit', env }));
    return;
  }
  process.stderr.write(
    `Không có Electron (${electron.reason}): mở E-Office trong trình duyệt / Electron's binary is missing: starting the browser face instead\n`,
  );
  startWebFace(values);
}

function startWebFace(values: { 'data-dir'?: string; port?: string; 'renderer-dir'?: string; 'no-open'?: boolean }): void {
  // A named UI folder is served as it is; otherwise the desktop's UI is built first, as `pnpm start:web` does.
  if (!values['renderer-dir']) {
    const build = spawnSync('pnpm', ['--silent', '--filter', '@eoffice/desktop', 'build:renderer', '--logLevel', 'error'], { cwd: REPO, stdio: 'inherit' });
    if (build.status !== 0) {
      process.stderr.write('E_INTERNAL: không dựng được giao diện / the UI could not be built (pnpm build:renderer)\n');
      process.exit(1);
    }
  }
  const args = [
    ...(values['data-dir'] ? ['--data-dir', values['data-dir']] : []),
    ...(values.port ? ['--port', values.port] : []),
    ...(values['renderer-dir'] ? ['--renderer-dir', values['renderer-dir']] : []),
  ];
  const host = spawn(process.execPath, [START_WEB, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
  let seen = '';
  let opened = false;
  host.stdout?.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    seen += chunk.toString('utf8');
    const url = WEB_LINE.exec(seen)?.[1];
    if (url && !opened) {
      opened = true;
      if (!values['no-open']) openBrowser(url);
    }
  });
  follow(host);
}

/** The system browser where there is one (xdg-open); without it the printed line is the way in. */
function openBrowser(url: string): void {
  const opener = ['/usr/bin/xdg-open', '/usr/local/bin/xdg-open'].find((path) => existsSync(path));
  if (!opener || !(process.env['DISPLAY'] || process.env['WAYLAND_DISPLAY'])) return;
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}

/** This process ends with the face it started, and passes Ctrl+C / a stop on to it. */
function follow(child: ChildProcess): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    process.stderr.write(`E_INTERNAL: ${error.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

main();
