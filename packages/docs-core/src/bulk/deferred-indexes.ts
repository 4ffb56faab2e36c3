import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema.js';

export interface DroppedIndex {
  readonly name: string;
  readonly sql: string;
}

/**
 * Drops the secondary indexes of the given tables (never the primary key or UNIQUE constraints, which have no SQL
 * of their own) and returns their definitions as the migrations wrote them. Building an index once over sorted
 * rows is cheaper than keeping it up to date through a million random inserts. Call inside the load's
 * transaction, and {@link recreateIndexes} before it commits: no other connection ever sees the table without them.
 */
export async function dropSecondaryIndexes(db: Kysely<Database>, tables: readonly string[]): Promise<DroppedIndex[]> {
  const result = await sql<DroppedIndex>`select name, sql from sqlite_master
    where type = 'index' and sql is not null and tbl_name in (select value from json_each(${JSON.stringify(tables)}))
    order by name`.execute(db);
  for (const index of result.rows) await sql`drop index ${sql.id(index.name)}`.execute(db);
  return result.rows;
}

export async function recreateIndexes(db: Kysely<Database>, indexes: readonly DroppedIndex[]): Promise<void> {
  for (const index of indexes) await sql.raw(index.sql).execute(db);
}
