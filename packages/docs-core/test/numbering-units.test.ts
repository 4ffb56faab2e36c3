import { afterEach, describe, expect, it } from 'vitest';
import { findDocumentType } from '../src/model/document-types.js';
import {
  allocateNumber,
  ensureRegister,
  formatDocumentNumber,
  formatNumberAndSymbol,
  formatSymbol,
  registerId,
  voidRegisterEntry,
  type NumberRequest,
} from '../src/numbering/index.js';
import { openStore, type Store } from '../src/store/store.js';
import { useTempDir } from './helpers.js';

/**
 * Numbering one piece at a time on a real SQLite file: the counter, the register line it writes, the register it
 * opens and its title, the void mark, and the số/ký hiệu text. Expected values are written out by hand from Decree 30
 * (Phụ lục I), not computed with the code under test.
 */
describe('numbering (real SQLite)', () => {
  const tempDir = useTempDir();
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  async function open(): Promise<Store> {
    store = await openStore({ dataDir: await tempDir() });
    return store;
  }

  const request = (over: Partial<NumberRequest> = {}): NumberRequest => ({
    agencyId: 'H01',
    year: 2026,
    direction: 'outgoing',
    kind: 'normal',
    sequenceKey: 'all',
    documentId: 'doc-1',
    code: (n) => `${n}/QĐ-UBND`,
    at: '2026-03-02T09:00:00+07:00',
    actorId: 'user-vanthu',
    ...over,
  });

  it('counts 1, 2, 3 per register and per sequence key, and writes each line as the register shows it', async () => {
    const { db } = await open();
    const take = (over: Partial<NumberRequest>) => db.transaction().execute((trx) => allocateNumber(trx, request(over)));
    const first = await take({ documentId: 'doc-1' });
    const second = await take({ documentId: 'doc-2' });
    const otherKey = await take({ documentId: 'doc-3', sequenceKey: 'QĐ' });
    const third = await take({ documentId: 'doc-4' });
    const incoming = await take({ documentId: 'doc-5', direction: 'incoming' });
    const nextYear = await take({ documentId: 'doc-6', year: 2027 });
    expect([first.number, second.number, otherKey.number, third.number, incoming.number, nextYear.number]).toEqual([1, 2, 1, 3, 1, 1]);
    expect(first).toEqual({ registerId: 'H01/2026/outgoing/normal', sequenceKey: 'all', number: 1, entryId: first.entryId });
    expect(otherKey.sequenceKey).toBe('QĐ');
    expect(incoming.registerId).toBe('H01/2026/incoming/normal');
    expect(nextYear.registerId).toBe('H01/2027/outgoing/normal');

    const line = await db.selectFrom('register_entries').selectAll().where('id', '=', second.entryId).executeTakeFirstOrThrow();
    expect(line).toEqual({
      id: second.entryId,
      register_id: 'H01/2026/outgoing/normal',
      sequence_key: 'all',
      number: 2,
      document_id: 'doc-2',
      code: '2/QĐ-UBND',
      status: 'active',
      note: null,
      registered_at: '2026-03-02T09:00:00+07:00',
      registered_by: 'user-vanthu',
    });
  });

  it('a rolled-back transaction gives its number back: no gap, no line', async () => {
    const { db } = await open();
    await db.transaction().execute((trx) => allocateNumber(trx, request({ documentId: 'doc-1' })));
    await expect(
      db.transaction().execute(async (trx) => {
        await allocateNumber(trx, request({ documentId: 'doc-lost' }));
        throw new Error('the step failed after numbering');
      }),
    ).rejects.toThrow('the step failed');
    const again = await db.transaction().execute((trx) => allocateNumber(trx, request({ documentId: 'doc-2' })));
    expect(again.number).toBe(2);
    const documents = await db.selectFrom('register_entries').select('document_id').orderBy('number').execute();
    expect(documents.map((d) => d.document_id)).toEqual(['doc-1', 'doc-2']);
  });

  it('opens each register once with its Decree 30 title, and names it agency/year/direction/kind', async () => {
    const { db } = await open();
    expect(registerId('H01', 2026, 'incoming', 'secret')).toBe('H01/2026/incoming/secret');
    const at = '2026-01-01T00:00:00+07:00';
    const cases = [
      ['incoming', 'normal', 'Sổ đăng ký văn bản đến năm 2026'],
      ['incoming', 'secret', 'Sổ đăng ký văn bản đến mật năm 2026'],
      ['incoming', 'copy', 'Sổ đăng ký bản sao năm 2026'],
      ['outgoing', 'normal', 'Sổ đăng ký văn bản đi năm 2026'],
      ['outgoing', 'secret', 'Sổ đăng ký văn bản đi mật năm 2026'],
      ['outgoing', 'copy', 'Sổ đăng ký bản sao năm 2026'],
    ] as const;
    for (const [direction, kind] of cases) {
      await db.transaction().execute((trx) => ensureRegister(trx, 'H01', 2026, direction, kind, at));
    }
    // A second call changes nothing (the register already exists): no error, the first title and time stay.
    const id = await db.transaction().execute((trx) => ensureRegister(trx, 'H01', 2026, 'outgoing', 'normal', '2026-05-05T00:00:00+07:00'));
    expect(id).toBe('H01/2026/outgoing/normal');
    const rows = await db.selectFrom('registers').selectAll().orderBy('id').execute();
    expect(rows).toHaveLength(6);
    for (const [direction, kind, title] of cases) {
      expect(rows.find((r) => r.id === `H01/2026/${direction}/${kind}`)).toEqual({
        id: `H01/2026/${direction}/${kind}`,
        agency_id: 'H01',
        year: 2026,
        direction,
        kind,
        title,
        created_at: at,
      });
    }
  });

  it('a voided line stays in the register with its note, and its number is not given again', async () => {
    const { db } = await open();
    const taken = await db.transaction().execute((trx) => allocateNumber(trx, request({ documentId: 'doc-1' })));
    const other = await db.transaction().execute((trx) => allocateNumber(trx, request({ documentId: 'doc-2' })));
    await db.transaction().execute((trx) => voidRegisterEntry(trx, taken.entryId, 'phát hành bị huỷ'));
    const next = await db.transaction().execute((trx) => allocateNumber(trx, request({ documentId: 'doc-3' })));
    expect(next.number).toBe(3);
    const lines = await db.selectFrom('register_entries').select(['id', 'status', 'note']).orderBy('id').execute();
    expect(lines).toEqual([
      { id: taken.entryId, status: 'void', note: 'phát hành bị huỷ' },
      { id: other.entryId, status: 'active', note: null },
      { id: next.entryId, status: 'active', note: null },
    ]);
  });

  it('writes số and ký hiệu as Phụ lục I says: two digits below 10, no spaces, issuer-unit for công văn', () => {
    expect(['01', '09', '10', '99', '100']).toEqual([1, 9, 10, 99, 100].map(formatDocumentNumber));
    const decision = findDocumentType('QĐ');
    const letter = findDocumentType('Công văn');
    expect(formatSymbol(decision, 'UBND', null)).toBe('QĐ-UBND');
    expect(formatSymbol(decision, 'UB ND  X', 'VP')).toBe('QĐ-UBNDX');
    expect(formatSymbol(letter, 'UBND', 'V P')).toBe('UBND-VP');
    expect(formatSymbol(letter, ' S TNMT ', null)).toBe('STNMT');
    expect(formatSymbol(letter, 'UBND', '')).toBe('UBND');
    expect(formatSymbol(letter, 'UBND', '  ')).toBe('UBND');
    expect(formatNumberAndSymbol(7, 'TB-UBND')).toBe('07/TB-UBND');
    expect(formatNumberAndSymbol(12, 'UBND-VP')).toBe('12/UBND-VP');
  });
});
