import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base } from '@playwright/test';

/** What `pnpm start:web` runs: the bundled browser face, rebuilt first when a source changed. */
const START_WEB = fileURLToPath(new URL('../../../scripts/eoffice/build/start-web.mjs', import.meta.url));

export interface RunningWebHost {
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly dataDir: string;
  /** Everything the host printed on stdout: the contract is exactly one line. */
  readonly stdoutLines: () => string[];
}

export interface LaunchedWebHost extends RunningWebHost {
  /** Stops the host (SIGTERM, then SIGKILL after 10 s); throws when it had ended on its own during the test. */
  readonly stop: () => Promise<void>;
}

/**
 * `start:web` on a free port and the given data folder, as a user starts it. The fixture below starts one per test;
 * a spec with two endpoints (the story) starts one per endpoint, each with its own data folder and environment.
 */
export async function launchWebHost(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<LaunchedWebHost> {
  const child: ChildProcess = spawn(process.execPath, [START_WEB, '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  // Listen for the exit from the start: a host that already ended must not leave the teardown waiting for ever.
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    // Generous: a stale bundle is rebuilt first, and the shared 2-core machine can be loaded (tsx took over 40 s).
    // A wait for a hung start, not a measure of speed.
    const timer = setTimeout(() => reject(new Error(`web host did not start: ${stderr}`)), 120_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /^E-Office web: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)$/m.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}: ${stderr}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: new URLSearchParams(parsed.hash.slice(1)).get('token') ?? '',
    dataDir,
    stdoutLines: () => stdout.split('\n').filter(Boolean),
    stop: async () => {
      const endedEarly = child.exitCode !== null || child.signalCode !== null;
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(forced);
      if (endedEarly) throw new Error(`the web host ended during the test (${child.exitCode ?? child.signalCode}): ${stderr}`);
    },
  };
}

/** Starts `start:web` on a free port and a temporary data folder, as a user would, and stops it afterwards. */
export const test = base.extend<{ webHost: RunningWebHost; webHostEnv: NodeJS.ProcessEnv }>({
  /** Extra environment for the host (a spec's SoftHSM2 token: SOFTHSM2_CONF, EOFFICE_PKCS11_MODULES). */
  webHostEnv: [{}, { option: true }],
  webHost: async ({ webHostEnv }, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'eoffice-e2e-'));
    const host = await launchWebHost(dataDir, webHostEnv);
    await use(host);
    try {
      await host.stop();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  },
});

export { expect } from '@playwright/test';
