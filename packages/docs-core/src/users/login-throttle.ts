import { EOfficeError } from '@eoffice/contract';
import { LOCK_AFTER_FAILURES } from './user-accounts.js';

/**
 * How failed sign-ins slow down. A real account is locked after LOCK_AFTER_FAILURES failures; a name that is no
 * account (or a locked one) never locks, so past the same count each further failure doubles the wait. A source
 * (the HTTP peer) trying many names is slowed after `sourceFreeFailures`, however the failures spread over names.
 */
export interface LoginThrottlePolicy {
  readonly nameFreeFailures: number;
  readonly sourceFreeFailures: number;
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
  /** A key with no failure for this long is forgotten. */
  readonly forgetAfterMs: number;
  /** Keys kept at most (the oldest go first), so a flood of made-up names cannot grow memory without bound. */
  readonly maxKeys: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottlePolicy = {
  // One more than the lockout: the locked account's own "same answer" attempt is not throttled yet.
  nameFreeFailures: LOCK_AFTER_FAILURES + 1,
  sourceFreeFailures: 20,
  firstDelayMs: 1_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
  maxKeys: 10_000,
};

interface Entry {
  failures: number;
  lastFailureAt: number;
  /** Whether the current wait was already audited: a flood of refused attempts writes one entry per wait. */
  waitAudited: boolean;
}

export interface ThrottleRefusal {
  readonly key: 'name' | 'source';
  readonly retryAfterMs: number;
  /** First refusal in this wait (the caller audits it). */
  readonly firstInWait: boolean;
}

/**
 * In-memory per service instance: a refusal costs nothing (no scrypt, no database write), so it never holds up
 * anyone else's call. The time is the machine's elapsed time, not the business clock (EOFFICE_NOW moves dates, not
 * waits). Keys are the name as typed, whether or not it is an account, so a refusal confirms no username.
 */
export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly policy: LoginThrottlePolicy = DEFAULT_LOGIN_THROTTLE,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Before a sign-in: a refusal while the name's or the source's wait runs; otherwise the attempt is counted at once
   * as a failure (parallel guesses cannot all slip through before the first one fails) until `succeeded` says not.
   */
  begin(username: string, source: string | null | undefined): ThrottleRefusal | undefined {
    const at = this.now();
    const keys: Array<['name' | 'source', string, number]> = [['name', nameKey(username), this.policy.nameFreeFailures]];
    if (source) keys.push(['source', sourceKey(source), this.policy.sourceFreeFailures]);
    for (const [kind, key, free] of keys) {
      const entry = this.live(key, at);
      if (!entry || entry.failures < free) continue;
      const wait = Math.min(this.policy.maxDelayMs, this.policy.firstDelayMs * 2 ** (entry.failures - free));
      const retryAfterMs = entry.lastFailureAt + wait - at;
      if (retryAfterMs > 0) {
        const firstInWait = !entry.waitAudited;
        entry.waitAudited = true;
        return { key: kind, retryAfterMs, firstInWait };
      }
    }
    for (const [, key] of keys) this.bump(key, at);
    return undefined;
  }

  /** The attempt `begin` counted was good: the name starts afresh and the source's count takes it back. */
  succeeded(username: string, source: string | null | undefined): void {
    this.forgetName(username);
    const entry = source ? this.entries.get(sourceKey(source)) : undefined;
    if (entry) entry.failures = Math.max(0, entry.failures - 1);
  }

  /** An admin's unlock or reset: the name starts afresh. */
  forgetName(username: string): void {
    this.entries.delete(nameKey(username));
  }

  private live(key: string, at: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && at - entry.lastFailureAt > this.policy.forgetAfterMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private bump(key: string, at: number): void {
    const entry = this.live(key, at) ?? { failures: 0, lastFailureAt: at, waitAudited: false };
    entry.failures += 1;
    entry.lastFailureAt = at;
    entry.waitAudited = false;
    // Re-inserted so the map's order is oldest-failure first.
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.policy.maxKeys) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}

const nameKey = (username: string) => `name:${username}`;
const sourceKey = (source: string) => `source:${source}`;

export function tooManyAttempts(refusal: ThrottleRefusal): EOfficeError {
  const seconds = Math.ceil(refusal.retryAfterMs / 1000);
  return new EOfficeError(
    'E_TOO_MANY_ATTEMPTS',
    `Đăng nhập sai nhiều lần: hãy thử lại sau ${seconds} giây / too many failed sign-ins: try again in ${seconds} s`,
  );
}
