import { axisSecretFrom } from '@eoffice/exchange';

/** Where and as whom this agency exchanges documents, and how patiently. */
export interface ExchangeConfiguration {
  readonly axisUrl: string;
  readonly systemId: string;
  /** The HMAC secret: from configuration only, never a command line, never logged. */
  readonly secret: string;
  readonly pollIntervalMs?: number;
  readonly backoffMs?: readonly number[];
  /** The local demo axis (demo-axis.ts), shown as such: nothing sent through it reaches another agency. */
  readonly demo?: boolean;
}

/**
 * The axis from the environment of a long-running face (Electron main, start:web): EOFFICE_AXIS_URL and
 * EOFFICE_AXIS_SYSTEM_ID, the secret in EOFFICE_AXIS_SECRET or an owner-only file named by EOFFICE_AXIS_SECRET_FILE;
 * EOFFICE_SYNC_INTERVAL_S optional. Null when no axis is named: the face then runs no sync engine.
 */
export function exchangeFromEnvironment(env: NodeJS.ProcessEnv): ExchangeConfiguration | null {
  const axisUrl = env.EOFFICE_AXIS_URL;
  const systemId = env.EOFFICE_AXIS_SYSTEM_ID;
  if (!axisUrl || !systemId) return null;
  const secret = axisSecretFrom(env.EOFFICE_AXIS_SECRET_FILE ? { env, file: env.EOFFICE_AXIS_SECRET_FILE } : { env });
  const seconds = Number(env.EOFFICE_SYNC_INTERVAL_S ?? '');
  return { axisUrl, systemId, secret, ...(Number.isInteger(seconds) && seconds >= 5 ? { pollIntervalMs: seconds * 1000 } : {}) };
}
