import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** What `pnpm eoffice` runs: the bundled CLI, rebuilt first when a source changed, so it is never stale. */
const CLI_LAUNCHER = fileURLToPath(new URL('../../../scripts/eoffice/build/eoffice.mjs', import.meta.url));

/**
 * Runs the `eoffice` CLI as a separate process, the way a user runs a command beside the app (a fraction of a second
 * a command, where starting it from source under tsx took seconds).
 */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_LAUNCHER, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
