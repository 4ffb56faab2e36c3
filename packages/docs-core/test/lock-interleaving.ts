import type { Transaction } from 'kysely';
import { expect } from 'vitest';
import { lockAuditChain } from '../src/audit/audit-log.js';
import type { Database } from '../src/store/schema.js';
import type { Store } from '../src/store/store.js';
import { withAdminClient } from './postgres-test-db.js';

/**
 * Deterministic interleavings of transactions on PostgreSQL, for the lock-order tests (ARCHITECTURE.md, "Lock
 * order"): the test holds a lock the transactions under test will queue on, starts them one after the other, waiting
 * each time until PostgreSQL reports the expected number of sessions waiting on a lock, then lets go. What each
 * transaction locked before it queued is then decided by the code's order, never by timing.
 */

/** Sessions of `database` waiting on a lock (row, transaction id or advisory). */
export async function lockWaiters(database: string): Promise<number> {
  return withAdminClient(async (client) =>
    Number((await client.query<{ n: string }>(`select count(*) as n from pg_stat_activity where datname = $1 and wait_event_type = 'Lock'`, [database])).rows[0]!.n),
  );
}

/** Waits until exactly `count` sessions of `database` wait on a lock (10 s at most, then the test fails). */
export async function untilWaiting(database: string, count: number): Promise<void> {
  for (let i = 0; i < 400 && (await lockWaiters(database)) < count; i += 1) await new Promise((r) => setTimeout(r, 25));
  expect(await lockWaiters(database)).toBe(count);
}

/** A transaction of the test's own that holds `lock` until released; resolves once the lock is held. */
export async function holdLock(store: Store, lock: (trx: Transaction<Database>) => Promise<unknown>): Promise<{ release(): Promise<void> }> {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let held!: () => void;
  const acquired = new Promise<void>((resolve) => (held = resolve));
  const done = store.db.transaction().execute(async (trx) => {
    await lock(trx);
    held();
    await gate;
  });
  await Promise.race([acquired, done]);
  return {
    async release() {
      release();
      await done;
    },
  };
}

/** The audit chain's lock, which most transactions take last: everything they locked before it stays locked meanwhile. */
export function holdAuditChain(store: Store): Promise<{ release(): Promise<void> }> {
  return holdLock(store, (trx) => lockAuditChain(trx));
}

/** Settles a promise into what it gave or the error code it failed with (a deadlock shows as `40P01`). */
export async function outcome<T>(promise: Promise<T>): Promise<{ ok: T } | { code: string }> {
  try {
    return { ok: await promise };
  } catch (error) {
    return { code: String((error as { code?: unknown }).code ?? (error as Error).message) };
  }
}
