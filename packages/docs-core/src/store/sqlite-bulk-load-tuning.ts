import { sql, type Kysely } from 'kysely';
import type { BulkLoadTuning, DroppedIndex } from './bulk-load-tuning.js';
import type { Database } from './schema.js';

/**
 * SQLite around a bulk load.
 * - Journal: optionally the rollback journal instead of the WAL, back to WAL after. Pages the load adds at the end of
 *   the file are written once instead of into the WAL and again at the checkpoint, and a crash still rolls the load
 *   back. SQLite keeps the WAL when another connection has the file open, so this is safe to ask for.
 * - Indexes: building one once over the loaded rows is cheaper than keeping it up to date through a million random
 *   inserts; the definitions come back from sqlite_master as the migrations wrote them.
 */
export function sqliteBulkLoadTuning(options: { readonly rollbackJournal?: boolean } = {}): BulkLoadTuning {
  return {
    async beforeLoad(db) {
      if (!options.rollbackJournal) return async () => undefined;
      const mode = await sql<{ journal_mode: string }>`pragma main.journal_mode`.execute(db);
      if (mode.rows[0]?.journal_mode !== 'wal') return async () => undefined;
      await sql`pragma main.journal_mode = delete`.execute(db);
      return async () => {
        await sql`pragma main.journal_mode = wal`.execute(db);
      };
    },
    async dropSecondaryIndexes(db: Kysely<Database>, tables: readonly string[]): Promise<DroppedIndex[]> {
      const result = await sql<DroppedIndex>`select name, sql from sqlite_master
        where type = 'index' and sql is not null and tbl_name in (select value from json_each(${JSON.stringify(tables)}))
        order by name`.execute(db);
      for (const index of result.rows) await sql`drop index ${sql.id(index.name)}`.execute(db);
      return result.rows;
    },
    async recreateIndexes(db, indexes) {
      for (const index of indexes) await sql.raw(index.sql).execute(db);
    },
  };
}
