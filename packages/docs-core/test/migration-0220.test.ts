import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { migrateTo } from '../src/store/migrator.js';
import { migrations } from '../src/store/migrations/index.js';
import type { Database } from '../src/store/schema.js';
import { openStore } from '../src/store/store.js';
import { useTempDir } from './helpers.js';
import { versionBefore } from './migration-helpers.js';
import { describeEachDialect, useStoreDatabase } from './postgres-test-db.js';

const VERSION = 220;

async function documentIndexes(db: Kysely<Database>, dialect: string): Promise<string[]> {
  const rows =
    dialect === 'sqlite'
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'documents' and name like 'documents_%'`.execute(db)).rows
      : (await sql<{ name: string }>`select indexname as name from pg_indexes where tablename = 'documents' and indexname like 'documents_%'`.execute(db)).rows;
  return rows.map((r) => r.name).sort();
}

/** SQLite's plan for a statement, one line per step. */
async function plan(db: Kysely<Database>, statement: string): Promise<string> {
  const rows = (await sql<{ detail: string }>`explain query plan ${sql.raw(statement)}`.execute(db)).rows;
  return rows.map((r) => r.detail).join('\n');
}

describeEachDialect('migration 0220 (document list indexes)', (dialect) => {
  const tempDir = useTempDir();
  const database = useStoreDatabase(dialect);

  it('adds the list and badge indexes and drops the one the new (direction, state, …) index begins with', async () => {
    const store = await openStore({ dataDir: await tempDir(), ...(await database()), migrateToVersion: versionBefore(VERSION) });
    try {
      expect(await documentIndexes(store.db, dialect)).toContain('documents_direction_state');
      await migrateTo(store.db, migrations, VERSION);
      expect(await store.schemaVersion()).toBe(VERSION);
      const after = await documentIndexes(store.db, dialect);
      expect(after).not.toContain('documents_direction_state');
      expect(after).toEqual(
        expect.arrayContaining(['documents_direction_created', 'documents_direction_state_secrecy', 'documents_direction_state_due', 'documents_state_signer', 'documents_secrecy']),
      );
      if (dialect !== 'sqlite') return;
      // The shapes documents.list and worklist.badges issue (document-queries.ts, document-reads.ts).
      const page = await plan(
        store.db,
        `select * from documents where (secrecy is null or secrecy = 'none') and direction = 'incoming' order by created_at desc, id limit 1000 offset 0`,
      );
      expect(page).toContain('documents_direction_created');
      expect(page).not.toContain('TEMP B-TREE');
      const unread = await plan(
        store.db,
        `select count(*) from documents where direction = 'incoming' and state in ('received', 'registered') and (secrecy is null or secrecy = 'none') ` +
          `and id not in (select document_id from document_reads where user_id = 'u')`,
      );
      expect(unread).toContain('COVERING INDEX documents_direction_state_secrecy');
      const overdue = await plan(store.db, `select due_date from documents where direction = 'incoming' and state in ('received', 'assigned') and due_date < '2026-03-02'`);
      expect(overdue).toMatch(/documents_direction_state_due \(direction=\? AND state=\? AND due_date<\?\)/);
      const approved = await plan(store.db, `select count(*) from documents where state = 'approved' and (signer_user_id in ('a') or signer_user_id is null)`);
      expect(approved).toContain('documents_state_signer');
      const secrets = await plan(store.db, `select id from documents where (secrecy < 'none' or secrecy > 'none') and drafter_id = 'u'`);
      expect(secrets).toContain('COVERING INDEX documents_secrecy');
    } finally {
      await store.close();
    }
  });
});
