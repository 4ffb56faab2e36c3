import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { FileAuditAnchorStore, GENESIS_HASH, appendAudit, canonicalAuditEntry, verifyAuditChain } from '../src/audit/index.js';
import { appendAuditEntries, linkAuditEntry } from '../src/audit/audit-log.js';
import { AuditChainLinks } from '../src/bulk/audit-chain-links.js';
import { FixedClock } from '../src/clock/index.js';
import { openStore, type Store } from '../src/store/store.js';
import { useTempDir } from './helpers.js';

/**
 * The chain's exact values and every verdict's exact wording (issue 15: mutation testing of the audit chain). The
 * hashes are recomputed here from a canonical string written out by hand, so a change to the canonical form, the
 * genesis link or the hashing is seen even when writer and verifier change together.
 */
const sha256 = (text: string): string => createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
const ZEROS = '0000000000000000000000000000000000000000000000000000000000000000';
const AT = '2026-03-02T08:00:00+07:00';

describe('audit entries hash to an independently computed canonical form', () => {
  it('the first entry links to 64 zeros and hashes the versioned JSON array, Vietnamese in UTF-8', () => {
    expect(GENESIS_HASH).toBe(ZEROS);
    const row = linkAuditEntry(
      { id: 0, hash: ZEROS },
      { actor: 'vanthu', action: 'document.register', objectType: 'document', objectId: 'doc-1', before: { state: 'đã kiểm tra' }, after: null },
      AT,
    );
    const canonical = `["eoffice-audit-v1",1,"${AT}","vanthu","document.register","document","doc-1","{\\"state\\":\\"đã kiểm tra\\"}",null,"${ZEROS}"]`;
    expect(row).toStrictEqual({
      id: 1, at: AT, actor: 'vanthu', action: 'document.register', object_type: 'document', object_id: 'doc-1',
      before: '{"state":"đã kiểm tra"}', after: null, prev_hash: ZEROS, hash: sha256(canonical),
    });
    expect(canonicalAuditEntry({
      id: 1, at: AT, actor: 'vanthu', action: 'document.register', objectType: 'document', objectId: 'doc-1',
      before: '{"state":"đã kiểm tra"}', after: null, prevHash: ZEROS,
    })).toBe(canonical);
  });

  it('absent and null summaries are both stored as null, a JSON null value is not confused with them', () => {
    const head = { id: 6, hash: 'a'.repeat(64) };
    const absent = linkAuditEntry(head, { actor: 'system', action: 'a', objectType: 'b', objectId: 'c' }, AT);
    expect(absent).toMatchObject({ id: 7, before: null, after: null, prev_hash: 'a'.repeat(64) });
    expect(absent.before).toBeNull();
    expect(absent.after).toBeNull();
    expect(absent.hash).toBe(sha256(`["eoffice-audit-v1",7,"${AT}","system","a","b","c",null,null,"${'a'.repeat(64)}"]`));
    const nulls = linkAuditEntry(head, { actor: 'system', action: 'a', objectType: 'b', objectId: 'c', before: null, after: null }, AT);
    expect(nulls.before).toBeNull();
    expect(nulls.after).toBeNull();
    expect(nulls.hash).toBe(absent.hash);
    const zero = linkAuditEntry(head, { actor: 'system', action: 'a', objectType: 'b', objectId: 'c', before: 0, after: false }, AT);
    expect([zero.before, zero.after]).toEqual(['0', 'false']);
  });

  it('bulk links continue the chain exactly as one-at-a-time entries do', () => {
    const links = new AuditChainLinks({ id: 0, hash: GENESIS_HASH });
    expect(links.head).toEqual({ id: 0, hash: ZEROS });
    const first = links.append({ actor: 'admin', action: 'x', objectType: 'y', objectId: '1' }, AT);
    expect(links.head).toEqual({ id: 1, hash: first.hash });
    const second = links.append({ actor: 'admin', action: 'x', objectType: 'y', objectId: '2' }, AT);
    expect(second).toStrictEqual(linkAuditEntry({ id: 1, hash: first.hash }, { actor: 'admin', action: 'x', objectType: 'y', objectId: '2' }, AT));
    expect(second.prev_hash).toBe(first.hash);
    expect(links.head).toEqual({ id: 2, hash: second.hash });
  });
});

describe('verifying the chain names exactly what was changed (real SQLite)', () => {
  const tempDir = useTempDir();
  const clock = new FixedClock(AT);

  async function storeWith(count: number): Promise<Store> {
    const store = await openStore({ dataDir: await tempDir() });
    for (let i = 1; i <= count; i += 1) {
      await store.db.transaction().execute((trx) =>
        appendAudit(trx, clock, { actor: 'vanthu', action: 'document.register', objectType: 'document', objectId: `doc-${i}`, after: { n: i } }),
      );
    }
    await sql`drop trigger audit_log_no_update`.execute(store.db);
    await sql`drop trigger audit_log_no_delete`.execute(store.db);
    return store;
  }

  const broken = (entries: number, headId: number | null, id: number, reason: string) => ({
    ok: false, entries, headId, firstBroken: { id, reason }, anchors: null,
  });

  it('stores the row appendAudit hashed, linked from the genesis hash', async () => {
    const store = await storeWith(2);
    try {
      const rows = await store.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
      expect(rows[0]!.prev_hash).toBe(ZEROS);
      expect(rows[0]!.hash).toBe(sha256(`["eoffice-audit-v1",1,"${AT}","vanthu","document.register","document","doc-1",null,"{\\"n\\":1}","${ZEROS}"]`));
      expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
      expect(await store.db.selectFrom('audit_head').selectAll().execute()).toEqual([{ singleton: 1, last_id: 2, last_hash: rows[1]!.hash }]);
    } finally {
      await store.close();
    }
  });

  it('entries appended together (appendAuditEntries) are the entries appended one at a time, after an existing head', async () => {
    const records = [
      { actor: 'system', action: 'document.receive', objectType: 'document', objectId: 'doc-9', after: { state: 'received' } },
      { actor: 'system', action: 'document.verify', objectType: 'document', objectId: 'doc-9', before: { state: 'received' }, after: { state: 'verified' } },
      { actor: 'vanthu', action: 'document.register', objectType: 'document', objectId: 'doc-9' },
    ];
    const oneByOne = await storeWith(2);
    const together = await storeWith(2);
    try {
      await oneByOne.db.transaction().execute(async (trx) => {
        for (const record of records) await appendAudit(trx, clock, record);
      });
      const ids = await together.db.transaction().execute((trx) => appendAuditEntries(trx, clock, records));
      expect(ids).toEqual([3, 4, 5]);
      const rowsOf = (store: Store) => store.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
      const expected = await rowsOf(oneByOne);
      expect(expected.map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
      expect(await rowsOf(together)).toEqual(expected);
      expect(await together.db.selectFrom('audit_head').selectAll().execute()).toEqual([{ singleton: 1, last_id: 5, last_hash: expected[4]!.hash }]);
      expect((await verifyAuditChain(together.db)).ok).toBe(true);
      // Nothing to append writes nothing.
      expect(await together.db.transaction().execute((trx) => appendAuditEntries(trx, clock, []))).toEqual([]);
      expect(await rowsOf(together)).toHaveLength(5);
    } finally {
      await oneByOne.close();
      await together.close();
    }
  });

  it('each field of an entry, changed alone, names that entry as altered', async () => {
    const store = await storeWith(3);
    try {
      const changes = [
        sql`update audit_log set at = '2026-03-02T08:00:01+07:00' where id = 2`,
        sql`update audit_log set actor = 'ke-gian' where id = 2`,
        sql`update audit_log set action = 'document.delete' where id = 2`,
        sql`update audit_log set object_type = 'user' where id = 2`,
        sql`update audit_log set object_id = 'doc-9' where id = 2`,
        sql`update audit_log set before = '{}' where id = 2`,
        sql`update audit_log set after = null where id = 2`,
      ];
      const original = await store.db.selectFrom('audit_log').selectAll().where('id', '=', 2).executeTakeFirstOrThrow();
      for (const change of changes) {
        await change.execute(store.db);
        expect(await verifyAuditChain(store.db)).toStrictEqual(broken(1, 3, 2, 'nội dung mục 2 đã bị sửa / entry 2 content was altered'));
        const { id, ...restore } = original;
        await store.db.updateTable('audit_log').set(restore).where('id', '=', id).execute();
        expect((await verifyAuditChain(store.db)).ok).toBe(true);
      }
      await sql`update audit_log set prev_hash = ${'1'.repeat(64)} where id = 3`.execute(store.db);
      expect(await verifyAuditChain(store.db)).toStrictEqual(broken(2, 3, 3, 'liên kết tới mục trước không khớp / link to the previous entry does not match'));
    } finally {
      await store.close();
    }
  });

  it('a deleted entry, a cut-off end, and a head that disagrees with the last entry each have their own verdict', async () => {
    const store = await storeWith(5);
    try {
      await sql`update audit_head set last_hash = ${'e'.repeat(64)}`.execute(store.db);
      expect(await verifyAuditChain(store.db)).toStrictEqual(broken(5, 5, 5, 'đầu chuỗi không khớp mục cuối / the chain head does not match the last entry'));
      await sql`update audit_head set last_id = 4, last_hash = (select hash from audit_log where id = 5)`.execute(store.db);
      expect(await verifyAuditChain(store.db)).toStrictEqual(broken(5, 4, 4, 'đầu chuỗi không khớp mục cuối / the chain head does not match the last entry'));
      await sql`update audit_head set last_id = 4, last_hash = (select hash from audit_log where id = 4)`.execute(store.db);
      expect(await verifyAuditChain(store.db)).toStrictEqual(broken(5, 4, 4, 'đầu chuỗi không khớp mục cuối / the chain head does not match the last entry'));
      await sql`update audit_head set last_id = 5, last_hash = (select hash from audit_log where id = 5)`.execute(store.db);
      await sql`delete from audit_log where id >= 4`.execute(store.db);
      expect(await verifyAuditChain(store.db)).toStrictEqual(broken(3, 5, 4, 'các mục từ 4 đến 5 bị cắt bỏ / entries 4…5 were cut off'));
      await sql`delete from audit_log where id = 2`.execute(store.db);
      expect(await verifyAuditChain(store.db)).toStrictEqual(broken(1, 5, 2, 'mục 2 bị xóa / entry 2 is missing (next found: 3)'));
      await sql`delete from audit_head`.execute(store.db);
      expect(await verifyAuditChain(store.db)).toStrictEqual(broken(1, null, 2, 'mục 2 bị xóa / entry 2 is missing (next found: 3)'));
      await sql`delete from audit_log where id = 3`.execute(store.db);
      expect(await verifyAuditChain(store.db)).toStrictEqual(broken(1, null, 1, 'thiếu đầu chuỗi nhật ký / the chain head record is missing'));
      await sql`delete from audit_log`.execute(store.db);
      expect(await verifyAuditChain(store.db)).toStrictEqual({ ok: true, entries: 0, headId: null, firstBroken: null, anchors: null });
    } finally {
      await store.close();
    }
  });

  it('an empty store verifies, with or without its (empty) anchor file', async () => {
    const store = await openStore({ dataDir: await tempDir() });
    try {
      expect(await verifyAuditChain(store.db)).toStrictEqual({ ok: true, entries: 0, headId: null, firstBroken: null, anchors: null });
      expect(await verifyAuditChain(store.db, store.auditAnchors)).toStrictEqual({
        ok: true, entries: 0, headId: null, firstBroken: null, anchors: { anchoredFrom: 1, count: 0, lastId: null },
      });
    } finally {
      await store.close();
    }
  });

  describe('against an anchor file written by hand (a forger who also edits the file)', () => {
    async function anchorFile(store: Store, text: string): Promise<FileAuditAnchorStore> {
      const path = join(await tempDir(), 'forged.audit-anchors');
      await writeFile(path, text, 'utf8');
      return new FileAuditAnchorStore(path);
    }
    const hashes = async (store: Store) => (await store.db.selectFrom('audit_log').select(['id', 'hash']).orderBy('id').execute());
    const lines = (rows: readonly { id: number; hash: string }[]) => rows.map((r) => `${r.id} ${r.hash}\n`).join('');

    it('an unreadable file breaks the chain at entry 1, with the reader\'s own message', async () => {
      const store = await storeWith(2);
      try {
        const file = await anchorFile(store, 'not anchors\n');
        expect(await verifyAuditChain(store.db, file)).toStrictEqual({
          ok: false, entries: 0, headId: 2, anchors: null,
          firstBroken: { id: 1, reason: `không đọc được tệp neo nhật ký / the audit anchor store is unreadable: ${file.location}: not an anchor file (header "not anchors")` },
        });
        const missing = new FileAuditAnchorStore(join(await tempDir(), 'gone.audit-anchors'));
        expect(await verifyAuditChain(store.db, missing)).toStrictEqual({
          ok: false, entries: 0, headId: 2, anchors: null, firstBroken: { id: 1, reason: 'thiếu tệp neo nhật ký / the audit anchor store is missing' },
        });
      } finally {
        await store.close();
      }
    });

    it('a missing or unreadable file says nothing against an empty chain', async () => {
      const store = await openStore({ dataDir: await tempDir() });
      try {
        const missing = new FileAuditAnchorStore(join(await tempDir(), 'gone.audit-anchors'));
        expect(await verifyAuditChain(store.db, missing)).toStrictEqual({ ok: true, entries: 0, headId: null, firstBroken: null, anchors: null });
      } finally {
        await store.close();
      }
    });

    it('the entry anchoring starts from is checked; entries before it are not; the SQLite summary has no rewritableByApp', async () => {
      const store = await storeWith(4);
      try {
        const rows = await hashes(store);
        const from3 = await anchorFile(store, `eoffice-audit-anchors v1 from 3\n${lines(rows.slice(2))}`);
        const report = await verifyAuditChain(store.db, from3);
        expect(report).toStrictEqual({ ok: true, entries: 4, headId: 4, firstBroken: null, anchors: { anchoredFrom: 3, count: 2, lastId: 4 } });
        expect(Object.keys(report.anchors!)).toEqual(['anchoredFrom', 'count', 'lastId']);
        const wrong3 = await anchorFile(store, `eoffice-audit-anchors v1 from 3\n3 ${'c'.repeat(64)}\n${lines(rows.slice(3))}`);
        expect((await verifyAuditChain(store.db, wrong3)).firstBroken).toEqual({
          id: 3, reason: 'mục 3 khác với neo đã ghi / entry 3 was altered: its hash is not the anchored one',
        });
        const unanchored3 = await anchorFile(store, `eoffice-audit-anchors v1 from 3\n${lines(rows.slice(3))}`);
        expect(await verifyAuditChain(store.db, unanchored3)).toStrictEqual({
          ok: false, entries: 2, headId: 4, anchors: { anchoredFrom: 3, count: 1, lastId: 4 },
          firstBroken: { id: 3, reason: 'mục 3 không có neo (ghi ngoài ứng dụng?) / entry 3 has no anchor (written outside the app?)' },
        });
      } finally {
        await store.close();
      }
    });

    it('the first anchor of an id counts, and the newest anchored id is named however the file orders them', async () => {
      const store = await storeWith(3);
      try {
        const rows = await hashes(store);
        const later = await anchorFile(store, `eoffice-audit-anchors v1 from 1\n${lines(rows)}3 ${'d'.repeat(64)}\n`);
        expect(await verifyAuditChain(store.db, later)).toMatchObject({ ok: true, entries: 3, anchors: { count: 4, lastId: 3 } });
        const earlier = await anchorFile(store, `eoffice-audit-anchors v1 from 1\n${lines(rows.slice(0, 2))}3 ${'d'.repeat(64)}\n${lines(rows.slice(2))}`);
        expect((await verifyAuditChain(store.db, earlier)).firstBroken?.id).toBe(3);
        const beyond = await anchorFile(store, `eoffice-audit-anchors v1 from 1\n${lines(rows)}6 ${'d'.repeat(64)}\n5 ${'d'.repeat(64)}\n`);
        expect(await verifyAuditChain(store.db, beyond)).toStrictEqual({
          ok: false, entries: 3, headId: 3, anchors: { anchoredFrom: 1, count: 5, lastId: 5 },
          firstBroken: { id: 4, reason: 'các mục từ 4 đến 6 đã được neo nhưng không còn / entries 4…6 were anchored and are gone' },
        });
        await sql`delete from audit_log`.execute(store.db);
        await sql`delete from audit_head`.execute(store.db);
        expect(await verifyAuditChain(store.db, beyond)).toStrictEqual({
          ok: false, entries: 0, headId: null, anchors: { anchoredFrom: 1, count: 5, lastId: 5 },
          firstBroken: { id: 1, reason: 'các mục từ 1 đến 6 đã được neo nhưng không còn / entries 1…6 were anchored and are gone' },
        });
      } finally {
        await store.close();
      }
    });
  });
});
