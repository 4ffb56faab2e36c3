import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../src/audit/index.js';
import { FixedClock } from '../src/clock/index.js';
import { openStore, type Store } from '../src/store/store.js';
import { useTempDir } from './helpers.js';

describe('audit log chain', () => {
  const tempDir = useTempDir();
  const clock = new FixedClock('2026-03-02T08:00:00+07:00');

  async function storeWithEntries(count: number): Promise<Store> {
    const store = await openStore({ dataDir: await tempDir() });
    for (let i = 1; i <= count; i += 1) {
      await store.db.transaction().execute((trx) =>
        appendAudit(trx, clock, {
          actor: 'vanthu',
          action: 'document.register',
          objectType: 'document',
          objectId: `doc-${i}`,
          before: { state: 'verified' },
          after: { state: 'registered', arrivalNumber: i },
        }),
      );
    }
    // What someone with the sqlite3 shell would do first.
    await sql`drop trigger audit_log_no_update`.execute(store.db);
    await sql`drop trigger audit_log_no_delete`.execute(store.db);
    return store;
  }

  it('an untouched chain verifies', async () => {
    const store = await storeWithEntries(5);
    try {
      expect(await verifyAuditChain(store.db)).toEqual({ ok: true, entries: 5, headId: 5, firstBroken: null, anchors: null });
    } finally {
      await store.close();
    }
  });

  it('an edited entry is named', async () => {
    const store = await storeWithEntries(5);
    try {
      await sql`update audit_log set after = '{"state":"rejected"}' where id = 3`.execute(store.db);
      const report = await verifyAuditChain(store.db);
      expect(report.ok).toBe(false);
      expect(report.firstBroken?.id).toBe(3);
      expect(report.firstBroken?.reason).toMatch(/altered/);
    } finally {
      await store.close();
    }
  });

  it('an edit that also rewrites the entry hash breaks the next link', async () => {
    const store = await storeWithEntries(5);
    try {
      await sql`update audit_log set actor = 'ke-gian', hash = ${'f'.repeat(64)} where id = 2`.execute(store.db);
      const report = await verifyAuditChain(store.db);
      expect(report.firstBroken?.id).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('a deleted middle entry is named', async () => {
    const store = await storeWithEntries(5);
    try {
      await sql`delete from audit_log where id = 4`.execute(store.db);
      const report = await verifyAuditChain(store.db);
      expect(report.ok).toBe(false);
      expect(report.firstBroken?.id).toBe(4);
      expect(report.firstBroken?.reason).toMatch(/missing/);
    } finally {
      await store.close();
    }
  });

  it('cutting off the newest entries is detected through the head', async () => {
    const store = await storeWithEntries(5);
    try {
      await sql`delete from audit_log where id >= 4`.execute(store.db);
      const report = await verifyAuditChain(store.db);
      expect(report.ok).toBe(false);
      expect(report.firstBroken?.id).toBe(4);
      expect(report.firstBroken?.reason).toMatch(/cut off/);
    } finally {
      await store.close();
    }
  });

  it('an entry rolled back with its transaction leaves no trace', async () => {
    const store = await storeWithEntries(2);
    try {
      await expect(
        store.db.transaction().execute(async (trx) => {
          await appendAudit(trx, clock, { actor: 'x', action: 'y', objectType: 'z', objectId: '1' });
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true, entries: 2 });
    } finally {
      await store.close();
    }
  });
});
