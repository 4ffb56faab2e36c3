import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { appendAudit } from '../src/audit/index.js';
import { FixedClock } from '../src/clock/index.js';
import { verifyStoreAudit } from '../src/services/audit-service.js';
import { openStore, type Store } from '../src/store/store.js';
import { useTempDir } from './helpers.js';
import { versionBefore } from './migration-helpers.js';
import { describeEachDialect, useStoreDatabase } from './postgres-test-db.js';

const VERSION = 200;
const clock = new FixedClock('2026-03-02T08:00:00+07:00');

async function append(store: Store, count: number): Promise<void> {
  for (let i = 1; i <= count; i += 1) {
    await store.db.transaction().execute((trx) =>
      appendAudit(trx, clock, { actor: 'vanthu', action: 'document.register', objectType: 'document', objectId: `doc-${i}` }),
    );
  }
}

describeEachDialect('migration 0200 (audit anchors)', (dialect) => {
  const tempDir = useTempDir();
  const database = useStoreDatabase(dialect);

  it('a chain written before anchoring is anchored whole on first start, and the start is itself an anchored entry', async () => {
    const dataDir = await tempDir();
    const options = { dataDir, ...(await database()) };
    const old = await openStore({ ...options, migrateToVersion: versionBefore(VERSION) });
    try {
      await append(old, 4);
    } finally {
      await old.close();
    }
    const store = await openStore(options);
    try {
      const report = await verifyStoreAudit(store);
      if (dialect === 'sqlite') {
        // Nothing for SQLite here: its anchors are the file beside the database, begun at the head on open (store.ts).
        const tables = await sql<{ name: string }>`select name from sqlite_master where name = 'audit_anchors'`.execute(store.db);
        expect(tables.rows).toEqual([]);
        expect(report).toMatchObject({ ok: true, entries: 4, anchors: { anchoredFrom: 1, count: 4, lastId: 4 } });
        return;
      }
      // The test server's superuser is the app here: it could rewrite the anchors, and verify says so.
      expect(report).toEqual({ ok: true, entries: 5, headId: 5, firstBroken: null, anchors: { anchoredFrom: 1, count: 5, lastId: 5, rewritableByApp: true } });
      const started = await store.db.selectFrom('audit_log').selectAll().where('id', '=', 5).executeTakeFirstOrThrow();
      expect(started).toMatchObject({ actor: 'system', action: 'audit.anchors-started', object_type: 'audit', object_id: '1' });
      expect(JSON.parse(started.after!)).toEqual({ anchoredFrom: 1, backfilled: 4, table: 'audit_anchors', chainOk: true, firstBroken: null });
      // The backfill anchored the chain as it stood: an entry cut off now is named.
      await sql`drop trigger audit_log_no_delete on audit_log`.execute(store.db);
      await sql`delete from audit_log where id >= 3`.execute(store.db);
      await sql`update audit_head set last_id = 2, last_hash = (select hash from audit_log where id = 2)`.execute(store.db);
      expect((await verifyStoreAudit(store)).firstBroken?.id).toBe(3);
    } finally {
      await store.close();
    }
  });

  it('a chain already broken when anchoring starts is anchored as it stands, and the start entry says what the check found', async () => {
    const dataDir = await tempDir();
    const options = { dataDir, ...(await database()) };
    const old = await openStore({ ...options, migrateToVersion: versionBefore(VERSION) });
    try {
      await append(old, 3);
      const on = dialect === 'postgres' ? sql` on audit_log` : sql``;
      await sql`drop trigger audit_log_no_update${on}`.execute(old.db);
      await sql`update audit_log set actor = 'ke-gian' where id = 2`.execute(old.db);
    } finally {
      await old.close();
    }
    const store = await openStore(options);
    try {
      expect((await verifyStoreAudit(store)).firstBroken).toMatchObject({ id: 2, reason: expect.stringMatching(/entry 2 content was altered/) });
      if (dialect === 'sqlite') return;
      const started = await store.db.selectFrom('audit_log').selectAll().where('id', '=', 4).executeTakeFirstOrThrow();
      expect(JSON.parse(started.after!)).toMatchObject({ backfilled: 3, chainOk: false, firstBroken: { id: 2 } });
    } finally {
      await store.close();
    }
  });

  it('a new store starts anchored with no entry of its own', async () => {
    const store = await openStore({ dataDir: await tempDir(), ...(await database()) });
    try {
      expect(await store.db.selectFrom('audit_log').select('id').execute()).toEqual([]);
      expect(await verifyStoreAudit(store)).toMatchObject({ ok: true, entries: 0, anchors: { anchoredFrom: 1, count: 0, lastId: null } });
    } finally {
      await store.close();
    }
  });
});
