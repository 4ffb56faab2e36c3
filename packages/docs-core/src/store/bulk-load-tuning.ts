import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** A secondary index dropped for a bulk load, with the statement that makes it again. */
export interface DroppedIndex {
  readonly name: string;
  readonly sql: string;
}

/**
 * What a store does differently around one very large write (the bulk import). The SQLite store switches the
 * journal and drops secondary indexes (sqlite-bulk-load-tuning.ts); the PostgreSQL store to come brings its own.
 */
export interface BulkLoadTuning {
  /** Outside the load's transaction, before it: returns what puts the store back as it was, run after it. */
  beforeLoad(db: Kysely<Database>): Promise<() => Promise<void>>;
  /** Inside the transaction: drops the tables' secondary indexes (never keys or UNIQUE constraints). */
  dropSecondaryIndexes(db: Kysely<Database>, tables: readonly string[]): Promise<DroppedIndex[]>;
  /** Inside the same transaction, before it commits: no other connection ever sees the tables without them. */
  recreateIndexes(db: Kysely<Database>, indexes: readonly DroppedIndex[]): Promise<void>;
}
