import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base } from '@playwright/test';

const CLI_LAUNCHER = fileURLToPath(new URL('../../../scripts/eoffice/build/eoffice.mjs', import.meta.url));
/** What `pnpm start:web` runs: the bundled browser face, rebuilt first when a source changed. */
const START_WEB = fileURLToPath(new URL('../../../scripts/eoffice/build/start-web.mjs', import.meta.url));

export interface RunningAgency {
  /** The server's data folder (its SQLite store): the CLI seeds it beside the running server. */
  readonly dataDir: string;
  /** A folder of the test's own (drafts, downloads), removed afterwards. */
  readonly dir: string;
  /** `https://127.0.0.1:PORT/` and the SHA-256 fingerprint `eoffice serve` printed. */
  readonly serverUrl: string;
  readonly fingerprint: string;
  /**
   * Starts one workstation's browser face (`start:web --server --fingerprint`) with its own environment (a SoftHSM2
   * token plugged into this workstation only); resolves to the URL to open, with its per-launch token.
   */
  face(env?: NodeJS.ProcessEnv): Promise<string>;
}

/** Waits for `pattern` on the child's stdout; a hung start fails after a generous wait, not a measure of speed. */
function printed(child: ChildProcess, pattern: RegExp, what: string, stderr: () => string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start: ${stderr()}`)), 150_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = pattern.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}: ${stderr()}`));
    });
  });
}

/**
 * The agency server (`eoffice serve`, its own process, self-signed HTTPS on loopback) on a temporary data folder, and
 * the workstations' browser faces connected to it, stopped afterwards. The server sees no token: its SoftHSM2 looks at a
 * configuration that is not there, so any signature the test makes comes from the face's own token.
 */
export const test = base.extend<{ agency: RunningAgency }>({
  // Playwright reads a fixture's dependencies from its first parameter's pattern: this one depends on none.
  // eslint-disable-next-line no-empty-pattern
  agency: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'eoffice-e2e-agency-'));
    const dataDir = join(dir, 'server-data');
    await mkdir(dataDir, { recursive: true });
    const children: Array<{ child: ChildProcess; exited: Promise<void>; stderr: () => string; what: string }> = [];
    const track = (child: ChildProcess, what: string) => {
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const entry = { child, exited: new Promise<void>((resolve) => child.once('exit', () => resolve())), stderr: () => stderr, what };
      children.push(entry);
      return entry;
    };

    const server = track(
      spawn(process.execPath, [CLI_LAUNCHER, 'serve', '--listen', '127.0.0.1:0', '--data-dir', dataDir, '--json'], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, SOFTHSM2_CONF: join(dir, 'no-token-on-the-server.conf'), EOFFICE_PKCS11_MODULES: '' },
      }),
      'eoffice serve',
    );
    const line = await printed(server.child, /^\{.*\}$/m, 'eoffice serve', server.stderr);
    const { url, fingerprint } = JSON.parse(line[0]) as { url: string; fingerprint: string };

    let faces = 0;
    await use({
      dataDir,
      dir,
      serverUrl: url,
      fingerprint,
      face: async (env = {}) => {
        faces += 1;
        const face = track(
          spawn(process.execPath, [START_WEB, '--port', '0', '--data-dir', join(dir, `face-${faces}`), '--server', url, '--fingerprint', fingerprint], {
            stdio: ['ignore', 'pipe', 'pipe'],
            env: { ...process.env, ...env },
          }),
          `workstation face ${faces}`,
        );
        return (await printed(face.child, /^E-Office web: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)$/m, 'start:web --server', face.stderr))[1]!;
      },
    });

    const endedEarly = children.filter(({ child }) => child.exitCode !== null || child.signalCode !== null);
    // The faces first, then the server (which finishes the calls in flight).
    for (const { child, exited } of [...children].reverse()) {
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(forced);
    }
    await rm(dir, { recursive: true, force: true });
    if (endedEarly.length > 0) {
      throw new Error(`ended during the test: ${endedEarly.map((entry) => `${entry.what} (${entry.child.exitCode ?? entry.child.signalCode}): ${entry.stderr()}`).join('; ')}`);
    }
  },
});

export { expect } from '@playwright/test';
