import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allocateNumber, importRegisterLines, registerId, type ImportedRegisterLine } from '../src/numbering/index.js';
import { openStore, type Store } from '../src/store/store.js';
import { useTempDir } from './helpers.js';

const AGENCY = '000.00.02.Z99';

function line(number: number, at: string, overrides: Partial<ImportedRegisterLine> = {}): ImportedRegisterLine {
  return { agencyId: AGENCY, year: 2020, direction: 'incoming', kind: 'normal', sequenceKey: 'all', number, documentId: `d${number}`, code: `0${number}`, at, actorId: 'u1', ...overrides };
}

async function linesOf(store: Store) {
  return store.db.selectFrom('register_entries').select(['register_id', 'number']).orderBy('id').execute();
}

describe('importRegisterLines', () => {
  const tempDir = useTempDir();

  it('writes the lines and leaves the counter at the last, so the next number follows', async () => {
    const store = await openStore({ dataDir: join(await tempDir(), 'data') });
    try {
      const written = await store.db.transaction().execute((trx) =>
        importRegisterLines(trx, [
          line(1, '2020-01-02T08:00:00+07:00'),
          line(1, '2020-01-02T09:00:00+07:00', { direction: 'outgoing', documentId: 'o1' }),
          line(2, '2020-01-03T08:00:00+07:00'),
        ]),
      );
      const incoming = registerId(AGENCY, 2020, 'incoming', 'normal');
      expect(written).toEqual({ [incoming]: 2, [registerId(AGENCY, 2020, 'outgoing', 'normal')]: 1 });
      const next = await store.db.transaction().execute((trx) =>
        allocateNumber(trx, { agencyId: AGENCY, year: 2020, direction: 'incoming', kind: 'normal', sequenceKey: 'all', documentId: 'd3', code: String, at: '2020-01-04T08:00:00+07:00', actorId: 'u1' }),
      );
      expect(next.number).toBe(3);
      // And lines imported after the service's own continue from its counter.
      await store.db.transaction().execute((trx) => importRegisterLines(trx, [line(4, '2020-01-05T08:00:00+07:00')]));
      expect((await linesOf(store)).filter((l) => l.register_id === incoming).map((l) => l.number)).toEqual([1, 2, 3, 4]);
    } finally {
      await store.close();
    }
  });

  it.each([
    ['a gap', [line(1, '2020-01-02T08:00:00+07:00'), line(3, '2020-01-03T08:00:00+07:00')]],
    ['a repeat', [line(1, '2020-01-02T08:00:00+07:00'), line(1, '2020-01-03T08:00:00+07:00')]],
    ['a first number that is not 1', [line(2, '2020-01-02T08:00:00+07:00')]],
    ['a later number registered earlier', [line(1, '2020-01-03T08:00:00+07:00'), line(2, '2020-01-02T08:00:00+07:00')]],
  ])('refuses %s and writes nothing', async (_name, lines) => {
    const store = await openStore({ dataDir: join(await tempDir(), 'data') });
    try {
      await expect(store.db.transaction().execute((trx) => importRegisterLines(trx, lines))).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
      expect(await linesOf(store)).toEqual([]);
      expect(await store.db.selectFrom('number_sequences').selectAll().execute()).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
