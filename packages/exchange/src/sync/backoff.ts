/**
 * Finite exponential back-off for delivering outbox messages (DESIGN.md §2.7): the delay doubles from `baseMs` up to
 * `maxMs`; after `maxAttempts` the message is quarantined instead of retried for ever.
 */
export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
  readonly maxAttempts: number;
}

export const defaultBackoffPolicy: BackoffPolicy = Object.freeze({ baseMs: 5_000, maxMs: 30 * 60_000, maxAttempts: 12 });

/** Delay before attempt number `attempt` (1 = first retry), or null when the message must be quarantined. */
export function nextRetryDelay(attempt: number, policy: BackoffPolicy = defaultBackoffPolicy): number | null {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be a positive integer: ${attempt}`);
  if (attempt > policy.maxAttempts) return null;
  return Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
}
