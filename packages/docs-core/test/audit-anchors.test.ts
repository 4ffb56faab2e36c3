import { readFile, rm, stat } from 'node:fs/promises';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { appendAudit, hashAuditEntry, verifyAuditChain } from '../src/audit/index.js';
import { FixedClock } from '../src/clock/index.js';
import { verifyStoreAudit } from '../src/services/audit-service.js';
import type { StoreDialect } from '../src/store/store-dialect.js';
import { openStore, type OpenStoreOptions, type Store } from '../src/store/store.js';
import { useTempDir } from './helpers.js';
import { describeEachDialect, useAppRoleDatabases, withAdminClient } from './postgres-test-db.js';

const clock = new FixedClock('2026-03-02T08:00:00+07:00');

async function appendEntries(store: Store, count: number): Promise<void> {
  for (let i = 1; i <= count; i += 1) {
    await store.db.transaction().execute((trx) =>
      appendAudit(trx, clock, { actor: 'vanthu', action: 'document.register', objectType: 'document', objectId: `doc-${i}`, after: { n: i } }),
    );
  }
}

/** What a forger does first: drop the append-only triggers of audit_log (its owner, the app's role, may). */
async function untrigger(store: Store): Promise<void> {
  const on = store.dialect === 'postgres' ? sql` on audit_log` : sql``;
  await sql`drop trigger audit_log_no_update${on}`.execute(store.db);
  await sql`drop trigger audit_log_no_delete${on}`.execute(store.db);
}

/** Entry `id` rewritten and every later link recomputed, as a careful forger with the database would do. */
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

/**
 * Issue 11 item 10: the chain's anchors live outside the audited table, so rewriting the table (and its head) with
 * the database open in another tool is caught. SQLite: real files (the sqlite3 shell itself is driven by the CLI
 * test). PostgreSQL: a real server, the store and every forgery connected as the app's own login role (not a
 * superuser), the role that owns the database as on an agency server.
 */
describeEachDialect('audit anchors outside the audited table', (dialect: StoreDialect) => {
  const tempDir = useTempDir();
  const appRole = dialect === 'postgres' ? useAppRoleDatabases() : null;

  async function storeWithEntries(count: number, dataDir?: string): Promise<Store> {
    const options: OpenStoreOptions = { dataDir: dataDir ?? (await tempDir()), ...(appRole ? { postgres: await appRole.fresh() } : {}) };
    const store = await openStore(options);
    await appendEntries(store, count);
    return store;
  }

  it('every committed entry is anchored outside the audited table, and the chain verifies against it', async () => {
    const store = await storeWithEntries(5);
    try {
      const hashes = await store.db.selectFrom('audit_log').select(['id', 'hash']).orderBy('id').execute();
      if (dialect === 'sqlite') {
        const text = await readFile(`${store.databasePath}.audit-anchors`, 'utf8');
        const lines = text.trimEnd().split('\n');
        expect(lines[0]).toBe('eoffice-audit-anchors v1 from 1');
        expect(lines.slice(1)).toEqual(hashes.map((r) => `${r.id} ${r.hash}`));
        if (process.platform !== 'win32') expect((await stat(`${store.databasePath}.audit-anchors`)).mode & 0o777).toBe(0o600);
      } else {
        const rows = await sql<{ entry_number: number; hash: string }>`select entry_number, hash from audit_anchors order by entry_number`.execute(store.db);
        expect(rows.rows.map((r) => ({ id: Number(r.entry_number), hash: r.hash }))).toEqual(hashes);
      }
      // On PostgreSQL the app's role owns the table it made, until the DBA hands it over: verify says so.
      const anchors = { anchoredFrom: 1, count: 5, lastId: 5, ...(dialect === 'postgres' ? { rewritableByApp: true } : {}) };
      const expected = { ok: true, entries: 5, headId: 5, firstBroken: null, anchors };
      expect(await verifyAuditChain(store.db, store.auditAnchors)).toEqual(expected);
      expect(await verifyStoreAudit(store)).toEqual(expected);
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
      // The app keeps working, and the entry written over the cut keeps being named: the first anchor of 4 counts.
      await storeEntry(store);
      expect((await verifyAuditChain(store.db)).ok).toBe(true);
      expect((await verifyStoreAudit(store)).firstBroken).toEqual({ id: 4, reason: expect.stringMatching(/entry 4 was altered: its hash is not the anchored one/) });
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
      // Written as the sqlite3 shell would: outside the app, so no before-commit step runs. On PostgreSQL a plain
      // insert is anchored by the trigger (migration 0200); leaving no anchor takes switching it off, as the owner may.
      if (dialect === 'postgres') await sql`alter table audit_log disable trigger audit_log_anchor`.execute(store.db);
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

  if (dialect === 'postgres') {
    it('a dropped anchor table is reported as missing, at entry 1', async () => {
      const store = await storeWithEntries(2);
      try {
        await sql`drop table audit_anchors`.execute(store.db);
        expect(await verifyStoreAudit(store)).toEqual({
          ok: false, entries: 0, headId: 2, anchors: null, firstBroken: { id: 1, reason: 'thiếu tệp neo nhật ký / the audit anchor store is missing' },
        });
      } finally {
        await store.close();
      }
    });

    /** SQL on the store's database as the test cluster's superuser. */
    const asSuperuser = (store: Store, statement: string) =>
      withAdminClient((client) => client.query(statement), new URL(store.databasePath).pathname.slice(1));

    it('the anchor table refuses UPDATE, DELETE and TRUNCATE: to the app role, to it with the rights granted back, to a superuser', async () => {
      const store = await storeWithEntries(3);
      try {
        const attempts = [
          sql`update audit_anchors set hash = ${'0'.repeat(64)} where entry_number = 3`,
          sql`delete from audit_anchors where entry_number >= 2`,
          sql`truncate audit_anchors`,
        ];
        for (const attempt of attempts) await expect(attempt.execute(store.db)).rejects.toThrow(/permission denied/);
        // The owner may give itself the rights back; the trigger still refuses.
        await sql`grant update, delete, truncate on audit_anchors to current_user`.execute(store.db);
        for (const attempt of attempts) await expect(attempt.execute(store.db)).rejects.toThrow(/audit_anchors is append-only/);
        await expect(asSuperuser(store, 'delete from audit_anchors where entry_number = 3')).rejects.toThrow(/audit_anchors is append-only/);
        expect(await verifyStoreAudit(store)).toMatchObject({ ok: true, entries: 3, anchors: { count: 3, lastId: 3 } });
      } finally {
        await store.close();
      }
    });

    it('handed by the DBA to a role of its own: the app role still anchors and reads, and can no longer switch the refusal off', async () => {
      const dataDir = await tempDir();
      const postgres = await appRole!.fresh();
      let store = await openStore({ dataDir, postgres });
      await appendEntries(store, 2);
      const owner = `eoffice_anchors_${Math.random().toString(16).slice(2, 10)}`;
      try {
        await asSuperuser(store, `create role ${owner} nologin`);
        expect((await verifyStoreAudit(store)).anchors?.rewritableByApp).toBe(true);
        // The README's hardening, as a DBA runs it once. The schema too: its owner (the database's, on PostgreSQL 15)
        // may drop any table in it, and a dropped and remade table is anchors written at will.
        await asSuperuser(store, `alter table audit_anchors owner to ${owner}; alter function audit_anchors_append_only() owner to ${owner};
          grant select, insert on audit_anchors to ${appRole!.role};
          alter schema public owner to ${owner}; grant usage, create on schema public to ${appRole!.role}`);
        // The app opens (and would migrate) its store as before, and its entries are anchored.
        await store.close();
        store = await openStore({ dataDir, postgres });
        await storeEntry(store);
        expect(await verifyStoreAudit(store)).toMatchObject({ ok: true, entries: 3, anchors: { count: 3, lastId: 3, rewritableByApp: false } });
        await expect(sql`alter table audit_anchors disable trigger audit_anchors_no_update`.execute(store.db)).rejects.toThrow(/must be owner/);
        await expect(sql`drop table audit_anchors`.execute(store.db)).rejects.toThrow(/must be owner/);
        await sql`grant update, delete on audit_anchors to current_user`.execute(store.db).catch(() => undefined);
        await expect(sql`delete from audit_anchors where entry_number = 3`.execute(store.db)).rejects.toThrow(/permission denied/);
        // The forgery of the issue, as the app role: still named.
        await untrigger(store);
        await sql`delete from audit_log where id >= 3`.execute(store.db);
        await sql`update audit_head set last_id = 2, last_hash = (select hash from audit_log where id = 2)`.execute(store.db);
        expect((await verifyStoreAudit(store)).firstBroken).toEqual({ id: 3, reason: expect.stringMatching(/entries 3…3 were anchored and are gone/) });
      } finally {
        await store.close();
        await asSuperuser(store, `reassign owned by ${owner} to ${appRole!.role}`).catch(() => undefined);
        await asSuperuser(store, `drop role if exists ${owner}`).catch(() => undefined);
      }
    });
  }

  async function storeEntry(store: Store): Promise<void> {
    await store.db.transaction().execute((trx) => appendAudit(trx, clock, { actor: 'vanthu', action: 'a', objectType: 'b', objectId: 'c' }));
  }
});

describe('audit anchors beside the SQLite database', () => {
  const tempDir = useTempDir();

  async function storeWithEntries(count: number, dataDir: string): Promise<Store> {
    const store = await openStore({ dataDir });
    await appendEntries(store, count);
    return store;
  }

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
});
