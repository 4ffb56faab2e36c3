import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** What `scripts/dev-token` prints. */
export interface DevToken {
  readonly softhsm2Conf: string;
  readonly module: string;
  readonly token: string;
  readonly serial: string;
  readonly pin: string;
  readonly soPin: string;
  readonly keys: { readonly leader: string; readonly agency: string; readonly leaderEc: string; readonly deputy: string };
  readonly caCert: string;
  readonly certs: { readonly leader: string; readonly agency: string; readonly leaderEc: string };
  readonly dir: string;
  readonly certificatePem: (name: 'leader' | 'agency' | 'leaderEc') => string;
  readonly remove: () => void;
}

/**
 * Makes a fresh SoftHSM2 token with the project's own `scripts/dev-token` (so the script is tested too) in a temp dir,
 * and points SOFTHSM2_CONF of this process at it. Fails loudly, naming the Debian package, when a tool is missing.
 */
export function makeDevToken(): DevToken {
  const dir = mkdtempSync(path.join(tmpdir(), 'eoffice-token-'));
  const result = spawnSync(path.join(repoRoot, 'scripts/dev-token'), [dir], { encoding: 'utf8' });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`scripts/dev-token failed (exit ${result.status}): ${result.stderr}`);
  }
  const printed = JSON.parse(result.stdout) as Omit<DevToken, 'dir' | 'certificatePem' | 'remove'>;
  process.env.SOFTHSM2_CONF = printed.softhsm2Conf;
  return {
    ...printed,
    dir,
    certificatePem: (name) => readFileSync(printed.certs[name], 'utf8'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Runs a tool against the dev token (pkcs11-tool, softhsm2-util) and fails with its stderr. */
export function runTool(command: string, args: readonly string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) throw new Error(`${command}: ${result.error.message} (Debian package: softhsm2 / opensc / openssl)`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** Fails loudly (never skips) when a tool a test needs is missing, naming its Debian package. */
export function requireTool(command: string, debianPackage: string): void {
  const probe = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  if (probe.status !== 0) {
    throw new Error(`Thiếu công cụ "${command}": cài gói Debian "${debianPackage}" / missing tool, apt-get install ${debianPackage}`);
  }
}
