import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database } from './schema.js';
import { dialectOf, type HasExecutor } from './store-dialect.js';

/**
 * Row and advisory locks for transactions on PostgreSQL, where transactions run side by side (READ COMMITTED): a row
 * read and then written by two of them at once loses one write unless the read locks it. SQLite needs none of this:
 * BEGIN IMMEDIATE makes every write transaction the only one from its first statement, so each helper here does
 * nothing on SQLite, and nothing outside a transaction. Every lock taken follows the one global order written in
 * ARCHITECTURE.md ("Lock order"); a change that takes a lock checks itself against it.
 */

/**
 * The rows the query reads stay locked for writing until the transaction ends (`FOR NO KEY UPDATE`: what an UPDATE
 * of non-key columns takes anyway, so rows of other tables that only reference them can still be inserted).
 */
export function lockedForWrite<DB, TB extends keyof DB, O>(db: HasExecutor & { readonly isTransaction: boolean }, query: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O> {
  return db.isTransaction && dialectOf(db) === 'postgres' ? query.forNoKeyUpdate() : query;
}

/** Locks the documents rows (the order's documents step) in id order, so two transactions locking several never cross. */
export async function lockDocuments(db: Kysely<Database>, ids: Iterable<string>): Promise<void> {
  const sorted = [...new Set(ids)].sort();
  if (sorted.length === 0) return;
  await lockedForWrite(db, db.selectFrom('documents').select('id').where('id', 'in', sorted).orderBy('id')).execute();
}

/**
 * The database's transaction-scoped advisory locks, one namespace each (any constants, distinct). The audit chain's
 * (audit-log.ts) and the search sort keys' (postgres-search-index.ts) live beside their code; these guard a decision
 * read from rows that a row lock cannot cover (a count, a row that does not exist yet).
 */
export const ADVISORY_LOCKS = {
  /** The first account (users.setup): the count of users and the insert of the first admin. */
  firstAccount: 0x0f_1a57,
  /** The agency's settings (app_settings): read, merged with a change and written back whole. */
  appSettings: 0x05_e771,
} as const;

/** Takes one of ADVISORY_LOCKS until the transaction ends (PostgreSQL; nothing on SQLite). */
export async function advisoryLock(db: Kysely<Database>, key: (typeof ADVISORY_LOCKS)[keyof typeof ADVISORY_LOCKS]): Promise<void> {
  if (db.isTransaction && dialectOf(db) === 'postgres') await sql`select pg_advisory_xact_lock(${key})`.execute(db);
}
