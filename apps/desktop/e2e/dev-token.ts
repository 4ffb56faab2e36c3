import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const DEV_TOKEN = fileURLToPath(new URL('../../../scripts/dev-token', import.meta.url));

export interface DevToken {
  readonly softhsm2Conf: string;
  readonly module: string;
  /** The token's label and serial, as `eoffice doc sign --token` takes them. */
  readonly token: string;
  readonly serial: string;
  /** The PIN this helper gave the token (scripts/dev-token never prints it). */
  readonly pin: string;
  /** The test CA that issued the four certificates: what a receiving agency adds to its trust anchors. */
  readonly caCert: string;
  readonly certs: { readonly leader: string; readonly agency: string; readonly leaderEc: string; readonly deputy: string };
}

/** A real SoftHSM2 token (scripts/dev-token) in `dir`: keys 01 leader, 02 agency, 03 leader EC, 04 deputy. */
export function makeDevToken(dir: string, names: { agency: string; leader: string }): Promise<DevToken> {
  const pin = String(randomInt(10_000_000, 100_000_000));
  const soPin = String(randomInt(10_000_000, 100_000_000));
  return new Promise((resolve, reject) => {
    const child = spawn(DEV_TOKEN, [dir, '--agency-name', names.agency, '--leader-name', names.leader], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, EOFFICE_DEV_TOKEN_PIN: pin, EOFFICE_DEV_TOKEN_SO_PIN: soPin },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve({ ...(JSON.parse(stdout) as Omit<DevToken, 'pin'>), pin }) : reject(new Error(`dev-token failed (${code}): ${stderr}`))));
  });
}
