import { readFile, rm, stat } from 'node:fs/promises';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { appendAudit, hashAuditEntry, verifyAuditChain } from '../src/audit/index.js';
import { FixedClock } from '../src/clock/index.js';
import { openStore, type Store } from '../src/store/store.js';
import { useTempDir } from './helpers.js';

/**
 * Issue 11 item 10: the chain's anchors live outside the audited table, so rewriting the table (and its head) with
 * the database open in another tool is caught. Real SQLite files; the sqlite3 shell itself is driven by the CLI test.
 */
describe('audit anchors beside the database', () => {
  const tempDir = useTempDir();
  const clock = new FixedClock('2026-03-02T08:00:00+07:00');

  async function storeWithEntries(count: number, dataDir?: string): Promise<Store> {
    const store = await openStore({ dataDir: dataDir ?? (await tempDir()) });
    for (let i = 1; i <= count; i += 1) {
      await store.db.transaction().execute((trx) =>
        appendAudit(trx, clock, { actor: 'vanthu', action: 'document.register', objectType: 'document', objectId: `doc-${i}`, after: { n: i } }),
      );
    }
    return store;
  }

  async function untrigger(store: Store): Promise<void> {
    await sql`drop trigger audit_log_no_update`.execute(store.db);
    await sql`drop trigger audit_log_no_delete`.execute(store.db);
  }

  /** Entry `id` rewritten and every later link recomputed, as a careful forger with the file would do. */
  async function rewriteFrom(store: Store, id: number, actor: string): Promise<void> {
    const rows = await store.db.selectFrom('audit_log').selectAll().where('id', '>=', id).orderBy('id').execute();
    let prevHash = (await store.db.selectFrom('audit_log').select('hash').where('id', '=', id - 1).executeTakeFirstOrThrow()).hash;
    for (const row of rows) {
      const fields = {
        id: row.id, at: row.at, actor: row.id === id ? actor : row.actor, action: row.action, objectType: row.object_type,
        objectId: row.object_id, before: row.before, after: row.after, prevHash,
      };
      const hash = hashAuditEntry(fields);
      await sql`update audit_log set actor = ${fields.actor}, prev_hash = ${prevHash}, hash = ${hash} where id = ${row.id}`.execute(store.db);
      prevHash = hash;
    }
    await sql`update audit_head set last_hash = ${prevHash}`.execute(store.db);
  }

  it('every committed entry is anchored in an owner-only file beside the database, and the chain verifies against it', async () => {
    const store = await storeWithEntries(5);
    try {
      const text = await readFile(`${store.databasePath}.audit-anchors`, 'utf8');
      const lines = text.trimEnd().split('\n');
      expect(lines[0]).toBe('eoffice-audit-anchors v1 from 1');
      const hashes = await store.db.selectFrom('audit_log').select(['id', 'hash']).orderBy('id').execute();
      expect(lines.slice(1)).toEqual(hashes.map((r) => `${r.id} ${r.hash}`));
      if (process.platform !== 'win32') expect((await stat(`${store.databasePath}.audit-anchors`)).mode & 0o777).toBe(0o600);
      expect(await verifyAuditChain(store.db, store.auditAnchors)).toEqual({
        ok: true, entries: 5, headId: 5, firstBroken: null, anchors: { anchoredFrom: 1, count: 5, lastId: 5 },
      });
    } finally {
      await store.close();
    }
  });

  it('the newest entries deleted and the head rewritten: the first missing entry is named', async () => {
    const store = await storeWithEntries(5);
    try {
      await untrigger(store);
      await sql`delete from audit_log where id >= 4`.execute(store.db);
      await sql`update audit_head set last_id = 3, last_hash = (select hash from audit_log where id = 3)`.execute(store.db);
      // The chain alone cannot tell: it is a shorter, consistent chain.
      expect((await verifyAuditChain(store.db)).ok).toBe(true);
      const report = await verifyAuditChain(store.db, store.auditAnchors);
      expect(report).toMatchObject({ ok: false, entries: 3, firstBroken: { id: 4 } });
      expect(report.firstBroken?.reason).toMatch(/entries 4…5 were anchored and are gone/);
    } finally {
      await store.close();
    }
  });

  it('an entry rewritten with every later hash recomputed: that entry is named', async () => {
    const store = await storeWithEntries(5);
    try {
      await untrigger(store);
      await rewriteFrom(store, 3, 'ke-gian');
      expect((await verifyAuditChain(store.db)).ok).toBe(true);
      const report = await verifyAuditChain(store.db, store.auditAnchors);
      expect(report.firstBroken).toEqual({ id: 3, reason: expect.stringMatching(/entry 3 was altered: its hash is not the anchored one/) });
    } finally {
      await store.close();
    }
  });

  it('an entry forged onto the end outside the app has no anchor', async () => {
    const store = await storeWithEntries(3);
    try {
      const last = await store.db.selectFrom('audit_log').selectAll().where('id', '=', 3).executeTakeFirstOrThrow();
      const fields = { id: 4, at: last.at, actor: 'lanhdao', action: 'document.approve', objectType: 'document', objectId: 'x', before: null, after: null, prevHash: last.hash };
      const hash = hashAuditEntry(fields);
      // Written as the sqlite3 shell would: outside the app, so no before-commit step runs.
      await sql`insert into audit_log (id, at, actor, action, object_type, object_id, before, after, prev_hash, hash)
        values (4, ${fields.at}, 'lanhdao', 'document.approve', 'document', 'x', null, null, ${last.hash}, ${hash})`.execute(store.db);
      await sql`update audit_head set last_id = 4, last_hash = ${hash}`.execute(store.db);
      const report = await verifyAuditChain(store.db, store.auditAnchors);
      expect(report.firstBroken).toEqual({ id: 4, reason: expect.stringMatching(/entry 4 has no anchor/) });
    } finally {
      await store.close();
    }
  });

  it('an entry rolled back with its transaction is never anchored', async () => {
    const store = await storeWithEntries(2);
    try {
      await expect(
        store.db.transaction().execute(async (trx) => {
          await appendAudit(trx, clock, { actor: 'x', action: 'y', objectType: 'z', objectId: '1' });
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      expect(await store.auditAnchors?.last()).toMatchObject({ id: 2 });
      await storeEntry(store);
      expect(await verifyAuditChain(store.db, store.auditAnchors)).toMatchObject({ ok: true, entries: 3, anchors: { count: 3 } });
    } finally {
      await store.close();
    }
  });

  it('a removed anchor file is reported; reopening starts a new one at the head and says so in the chain', async () => {
    const dir = await tempDir();
    const first = await storeWithEntries(4, dir);
    await rm(`${first.databasePath}.audit-anchors`);
    try {
      expect((await verifyAuditChain(first.db, first.auditAnchors)).firstBroken?.reason).toMatch(/anchor store is missing/);
    } finally {
      await first.close();
    }
    const reopened = await openStore({ dataDir: dir });
    try {
      const report = await verifyAuditChain(reopened.db, reopened.auditAnchors);
      expect(report).toMatchObject({ ok: true, entries: 5, anchors: { anchoredFrom: 4, count: 2, lastId: 5 } });
      const started = await reopened.db.selectFrom('audit_log').selectAll().where('id', '=', 5).executeTakeFirstOrThrow();
      expect(started).toMatchObject({ actor: 'system', action: 'audit.anchors-started', object_id: '4' });
    } finally {
      await reopened.close();
    }
  });

  async function storeEntry(store: Store): Promise<void> {
    await store.db.transaction().execute((trx) => appendAudit(trx, clock, { actor: 'vanthu', action: 'a', objectType: 'b', objectId: 'c' }));
  }
});
