import { sql, type Kysely } from 'kysely';
import type { BulkLoadTuning, DroppedIndex } from './bulk-load-tuning.js';
import type { Database } from './schema.js';

/**
 * PostgreSQL around a bulk load: building a secondary index once over the loaded rows (above all the search GIN
 * index) is much cheaper than keeping it up to date through a million inserts. Indexes that back a constraint
 * (primary keys, UNIQUE) stay, so a repeated id still fails the load. DDL is transactional on PostgreSQL: the drop
 * and the rebuild are in the load's transaction, and other connections never see the tables without them (they wait
 * on the tables' lock instead).
 */
export function postgresBulkLoadTuning(): BulkLoadTuning {
  return {
    async beforeLoad() {
      return async () => undefined;
    },
    async dropSecondaryIndexes(db: Kysely<Database>, tables: readonly string[]): Promise<DroppedIndex[]> {
      const result = await sql<DroppedIndex>`select i.relname as name, pg_get_indexdef(i.oid) as sql
        from pg_index x
        join pg_class i on i.oid = x.indexrelid
        join pg_class t on t.oid = x.indrelid
        where t.relnamespace = current_schema()::regnamespace and t.relname = any(${[...tables]}::text[])
          and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)
        order by i.relname`.execute(db);
      for (const index of result.rows) await sql`drop index ${sql.id(index.name)}`.execute(db);
      return result.rows;
    },
    async recreateIndexes(db, indexes) {
      for (const index of indexes) await sql.raw(index.sql).execute(db);
    },
  };
}
