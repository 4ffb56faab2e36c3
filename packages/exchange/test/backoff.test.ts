import { describe, expect, it } from 'vitest';
import { nextRetryDelay } from '../src/sync/backoff.js';

describe('nextRetryDelay', () => {
  const policy = { baseMs: 1000, maxMs: 10_000, maxAttempts: 6 };

  it('doubles up to the ceiling', () => {
    expect([1, 2, 3, 4, 5, 6].map((a) => nextRetryDelay(a, policy))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it('gives up after the last attempt so the message is quarantined', () => {
    expect(nextRetryDelay(7, policy)).toBeNull();
  });

  it('rejects nonsense attempts', () => {
    expect(() => nextRetryDelay(0, policy)).toThrow(RangeError);
  });
});
