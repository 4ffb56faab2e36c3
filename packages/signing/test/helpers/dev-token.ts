import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

const script = path.join(repoRoot, 'scripts/dev-token');

/** What `scripts/dev-token` prints (never its PINs), with the PINs the caller gave it. */
export interface DevTokenMade {
  readonly softhsm2Conf: string;
  readonly module: string;
  readonly token: string;
  readonly serial: string;
  /** The user and SO PINs this caller passed (EOFFICE_DEV_TOKEN_PIN, EOFFICE_DEV_TOKEN_SO_PIN): not read from the output. */
  readonly pin: string;
  readonly soPin: string;
  readonly keys: { readonly leader: string; readonly agency: string; readonly leaderEc: string; readonly deputy: string };
  readonly caCert: string;
  readonly certs: { readonly leader: string; readonly agency: string; readonly leaderEc: string; readonly deputy: string };
}

/** Fresh PINs for one test token (8 digits: never a test's deliberately wrong 6-digit PIN). */
export function devTokenPins(): { pin: string; soPin: string } {
  return { pin: String(randomInt(10_000_000, 100_000_000)), soPin: String(randomInt(10_000_000, 100_000_000)) };
}

/** The environment that gives scripts/dev-token these PINs. */
export function devTokenPinEnv(pins: { pin: string; soPin: string }): NodeJS.ProcessEnv {
  return { ...process.env, EOFFICE_DEV_TOKEN_PIN: pins.pin, EOFFICE_DEV_TOKEN_SO_PIN: pins.soPin };
}

/**
 * Runs `scripts/dev-token <dir> [args]` with fresh PINs passed in its environment; fails with its stderr. For callers
 * that keep the token themselves (the CLI tests); `makeDevToken` below also owns a temp dir.
 */
export function runDevToken(dir: string, args: readonly string[] = []): DevTokenMade {
  const pins = devTokenPins();
  const result = spawnSync(script, [dir, ...args], { encoding: 'utf8', env: devTokenPinEnv(pins) });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`scripts/dev-token failed (exit ${result.status}): ${result.stderr}`);
  return { ...(JSON.parse(result.stdout) as Omit<DevTokenMade, 'pin' | 'soPin'>), ...pins };
}

/** A token made by `makeDevToken`, in its own temp dir. */
export interface DevToken extends DevTokenMade {
  readonly dir: string;
  readonly certificatePem: (name: 'leader' | 'agency' | 'leaderEc' | 'deputy') => string;
  readonly remove: () => void;
}

/**
 * Makes a fresh SoftHSM2 token with the project's own `scripts/dev-token` (so the script is tested too) in a temp dir,
 * and points SOFTHSM2_CONF of this process at it. Fails loudly, naming the Debian package, when a tool is missing.
 */
export function makeDevToken(): DevToken {
  const dir = mkdtempSync(path.join(tmpdir(), 'eoffice-token-'));
  let printed: DevTokenMade;
  try {
    printed = runDevToken(dir);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
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
