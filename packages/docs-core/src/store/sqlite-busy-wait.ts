import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Waiting for another connection's lock, done in JavaScript rather than by SQLite's busy handler. `sqlite3` runs every
 * statement on libuv's thread pool (4 threads by default), and SQLite's busy handler sleeps on the thread it runs on:
 * four connections waiting for the write lock used to fill the pool, so the connection holding the lock could not
 * run its COMMIT (or the audit anchor's fsync) until the waiters gave up — six stores opened at once on a new file
 * failed four of six opens with "database is locked" after the full timeout. A wait here holds no thread.
 */

/** SQLite's own busy handler's schedule (sqliteDefaultBusyCallback), then 100 ms between tries. */
const DELAYS_MS = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100];

export function isSqliteBusy(error: unknown): boolean {
  return error instanceof Error && (error as { code?: unknown }).code === 'SQLITE_BUSY';
}

/**
 * Runs `attempt` until it does not fail with SQLITE_BUSY or `timeoutMs` has passed; then the last error is thrown.
 * Only for statements SQLite says may be retried after SQLITE_BUSY: one outside an explicit transaction (BEGIN
 * included) or a COMMIT. Any other statement in a transaction must roll the transaction back instead.
 */
export async function retryWhileBusy<T>(attempt: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let tries = 0; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      const delay = DELAYS_MS[Math.min(tries, DELAYS_MS.length - 1)]!;
      if (!isSqliteBusy(error) || Date.now() + delay > deadline) throw error;
      await sleep(delay);
    }
  }
}
