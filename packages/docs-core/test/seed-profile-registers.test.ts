import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/index.js';
import { FixedClock, parseInstant } from '../src/clock/clock.js';
import { DEMO_AGENCY, seedProvinceProfile } from '../src/demo/index.js';
import { allocateNumber } from '../src/numbering/index.js';
import { createRegistersService } from '../src/services/registers-service.js';
import { openStore } from '../src/store/store.js';
import { useTempDir } from './helpers.js';

const UNTIL = parseInstant('2021-03-01T09:00:00+07:00');
const DOCS = 400;

// A profile-seeded Sổ đăng ký had no lines at all: the documents carried số đến and số đi that no register held.
describe('demo profile seed: the registers', () => {
  const tempDir = useTempDir();

  it('hold a line for each document, numbered 1..n in time order per register, as the register service writes them', async () => {
    const dir = await tempDir();
    const store = await openStore({ dataDir: join(dir, 'data') });
    try {
      await seedProvinceProfile({ store, profile: 'khanh-hoa-2020', docs: DOCS, seed: 7, until: UNTIL });
      const registers = createRegistersService({ store, clock: new FixedClock(UNTIL) });
      const context = { sessionToken: null, actingUsername: 'vanthu', face: 'cli' as const };
      const clerk = await store.db.selectFrom('users').select('id').where('username', '=', 'vanthu').executeTakeFirstOrThrow();
      let lines = 0;
      for (const direction of ['incoming', 'outgoing'] as const) {
        const docs = await store.db
          .selectFrom('documents')
          .select(['id', 'arrival_number', 'code_number', 'code_notation', 'created_at'])
          .where('direction', '=', direction)
          .execute();
        expect(docs.length).toBeGreaterThan(50);
        const { entries, total } = await registers.entries({ year: 2020, direction, kind: 'normal', limit: DOCS }, context);
        expect(total).toBe(docs.length);
        expect(entries.map((e) => e.number)).toEqual(docs.map((_, i) => i + 1));
        const byId = new Map(docs.map((d) => [d.id, d]));
        let previous = '';
        for (const entry of entries) {
          const doc = byId.get(entry.documentId)!;
          expect(doc, entry.documentId).toBeDefined();
          byId.delete(entry.documentId);
          // The document's own number is the line's, and the line reads as the service writes it.
          if (direction === 'incoming') {
            expect(doc.arrival_number).toBe(entry.number);
            expect(entry.code).toBe(`${String(entry.number).padStart(2, '0')} — ${doc.code_number}/${doc.code_notation}`);
          } else {
            expect(Number(doc.code_number)).toBe(entry.number);
            expect(entry.code).toBe(`${String(entry.number).padStart(2, '0')}/${doc.code_notation}`);
          }
          expect(entry.status).toBe('active');
          expect(entry.registeredAt).toBe(doc.created_at);
          // Numbers follow time: a later number was never given before an earlier one.
          expect(entry.registeredAt >= previous).toBe(true);
          previous = entry.registeredAt;
        }
        expect(byId.size).toBe(0);
        lines += entries.length;
        // The counter stands at the last line: the next number the service gives follows it, no gap, no repeat.
        const next = await store.db.transaction().execute((trx) =>
          allocateNumber(trx, {
            agencyId: DEMO_AGENCY.organId, year: 2020, direction, kind: 'normal', sequenceKey: 'all', documentId: docs[0]!.id,
            code: (n) => String(n), at: '2020-12-31T10:00:00+07:00', actorId: clerk.id,
          }),
        );
        expect(next.number).toBe(docs.length + 1);
      }
      expect(lines).toBe(DOCS);
      const clerkLines = await store.db.selectFrom('register_entries').select('id').where('registered_by', '=', clerk.id).execute();
      expect(clerkLines).toHaveLength(DOCS + 2);
      expect((await verifyAuditChain(store.db)).ok).toBe(true);
    } finally {
      await store.close();
    }
  }, 120_000);
});
