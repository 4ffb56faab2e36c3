import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../../scripts/eoffice/build/eoffice.mjs', import.meta.url));

export interface LocalAxis {
  readonly url: string;
  readonly stop: () => Promise<void>;
}

/**
 * `eoffice axis serve` on a free port over the demo province, as a separate process: every endpoint is its own system
 * on it, all with the shared secret handed over in the environment (never on a command line).
 */
export async function serveLocalAxis(data: string, secret: string, extra: readonly string[] = []): Promise<LocalAxis> {
  const child: ChildProcess = spawn(process.execPath, [CLI, 'axis', 'serve', '--port', '0', '--data', data, '--json', ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, EOFFICE_AXIS_SECRET: secret },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve((JSON.parse(out) as { url: string }).url);
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`axis serve exited ${code}: ${err}`)));
  });
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
