import { describe, expect, it } from 'vitest';
import { importDirectory } from '../src/directory/index.js';
import { documentStatistics, periodOf } from '../src/stats/index.js';
import { openStore, type Store } from '../src/store/store.js';
import { useTempDir } from './helpers.js';

const now = new Date('2026-07-01T09:00:00+07:00');
const Q2 = periodOf(2026, { quarter: 2 });

interface Doc {
  id: string;
  direction: 'incoming' | 'outgoing';
  state: string;
  type: string;
  organ?: string;
  source?: string;
  arrival?: string;
  issued?: string;
  paper?: number;
  signature?: { kind: 'received' | 'agency'; valid: number };
  lead?: { due: string | null; status: 'assigned' | 'completed'; completedAt?: string };
}

const DOCS: Doc[] = [
  { id: 'i1', direction: 'incoming', state: 'completed', type: 'QĐ', organ: '000.00.00.Z99', source: 'axis', arrival: '2026-04-02', signature: { kind: 'received', valid: 1 }, lead: { due: '2026-04-10', status: 'completed', completedAt: '2026-04-09T10:00:00+07:00' } },
  // Due on 1/5 (a holiday): moved to Monday 4/5, so finishing on 4/5 is on time.
  { id: 'i2', direction: 'incoming', state: 'completed', type: 'cong-van', organ: '000.00.02.Z99', source: 'paper', arrival: '2026-04-15', lead: { due: '2026-05-01', status: 'completed', completedAt: '2026-05-04T16:00:00+07:00' } },
  { id: 'i3', direction: 'incoming', state: 'completed', type: 'cong-van', organ: '000.01.02.Z99', source: 'axis', arrival: '2026-05-20', signature: { kind: 'received', valid: 0 }, lead: { due: '2026-05-25', status: 'completed', completedAt: '2026-05-27T08:00:00+07:00' } },
  { id: 'i4', direction: 'incoming', state: 'assigned', type: 'TB', organ: '000.00.00.H53', source: 'axis', arrival: '2026-06-01', signature: { kind: 'received', valid: 1 }, lead: { due: '2026-06-10', status: 'assigned' } },
  // Received in March, handled (late) in April: counts as handled in Q2, not as received.
  { id: 'i5', direction: 'incoming', state: 'completed', type: 'BC', organ: '000.00.02.Z99', source: 'file', arrival: '2026-03-30', lead: { due: '2026-04-01', status: 'completed', completedAt: '2026-04-03T09:00:00+07:00' } },
  { id: 'i6', direction: 'incoming', state: 'rejected', type: 'TB', organ: '000.00.00.Z99', source: 'axis', arrival: '2026-04-05' },
  { id: 'o1', direction: 'outgoing', state: 'dispatched', type: 'QĐ', issued: '2026-04-20', paper: 0, signature: { kind: 'agency', valid: 1 } },
  { id: 'o2', direction: 'outgoing', state: 'dispatched', type: 'cong-van', issued: '2026-05-05', paper: 1, signature: { kind: 'agency', valid: 1 } },
  { id: 'o3', direction: 'outgoing', state: 'issuing', type: 'QĐ', issued: '2026-06-30' },
  { id: 'o4', direction: 'outgoing', state: 'draft', type: 'KH' },
];

async function seed(store: Store): Promise<void> {
  await importDirectory(store.db, {
    format: 'eoffice-directory', version: 1, demo: true,
    levels: [{ level: 1, name: 'Tỉnh' }, { level: 2, name: 'Sở' }, { level: 3, name: 'Phòng' }],
    endpoints: [
      { code: '000.00.00.Z99', name: 'UBND tỉnh Demo', parentCode: null, level: 1 },
      { code: '000.00.02.Z99', name: 'Sở Nội vụ', parentCode: '000.00.00.Z99', level: 2 },
      { code: '000.01.02.Z99', name: 'Văn phòng Sở Nội vụ', parentCode: '000.00.02.Z99', level: 3 },
    ],
  }, { now });
  await store.db.insertInto('app_settings').values({ key: 'agency.organ_id', value: '000.00.02.Z99', updated_at: 'x' }).execute();
  await store.db.insertInto('users').values({ id: 'u1', username: 'chuyenvien', full_name: 'Chuyên viên', position: null, unit: null, password_hash: null, created_at: 'x' }).execute();
  for (const doc of DOCS) {
    await store.db.insertInto('documents').values({
      id: doc.id, direction: doc.direction, state: doc.state, created_at: 'x', updated_at: 'x', type_code: doc.type,
      organ_id: doc.organ ?? null, source: doc.source ?? null, arrival_date: doc.arrival ?? null,
      issued_date: doc.issued ?? null, paper_dispatch: doc.paper ?? null,
    } as never).execute(); // the other Phụ lục VI columns stay null
    if (doc.signature) {
      await store.db.insertInto('document_signatures').values({ document_id: doc.id, kind: doc.signature.kind, valid: doc.signature.valid, signer_name: null, signed_at: null, result: '{}', checked_at: 'x' }).execute();
    }
    if (doc.lead) {
      await store.db.insertInto('assignments').values({
        document_id: doc.id, user_id: 'u1', role: 'lead', due_date: doc.lead.due, instructions: null, status: doc.lead.status,
        assigned_by: 'u1', assigned_at: 'x', completed_at: doc.lead.completedAt ?? null,
      }).execute();
      // A support assignment never counts: only the lead (chủ trì) is measured.
      await store.db.insertInto('assignments').values({
        document_id: doc.id, user_id: 'u1', role: 'support', due_date: '2020-01-01', instructions: null, status: 'assigned', assigned_by: 'u1', assigned_at: 'x', completed_at: null,
      }).execute();
    }
  }
}

describe('document statistics (real SQLite, D-core tables)', () => {
  const tempDir = useTempDir();

  it('counts received, issued, on time, late, overdue and fully electronic, by type and by level', async () => {
    const store = await openStore({ dataDir: await tempDir() });
    try {
      await seed(store);
      const report = await documentStatistics(store.db, Q2, now);
      expect(report.period).toEqual({ from: '2026-04-01', to: '2026-06-30' });
      expect(report.total).toEqual({
        received: 4, issued: 2, handledOnTime: 2, handledLate: 2, pendingOverdue: 1, lateRate: 0.5, fullyElectronic: 3, electronicShare: 0.5,
      });
      const byType = Object.fromEntries(report.byType.map((r) => [r.type, r]));
      expect(byType['QĐ']).toMatchObject({ received: 1, issued: 1, handledOnTime: 1, handledLate: 0, lateRate: 0, fullyElectronic: 2, electronicShare: 1 });
      expect(byType['cong-van']).toMatchObject({ received: 2, issued: 1, handledOnTime: 1, handledLate: 1, fullyElectronic: 0, electronicShare: 0 });
      expect(byType['BC']).toMatchObject({ received: 0, handledLate: 1, lateRate: 1, electronicShare: null });
      expect(byType['TB']).toMatchObject({ received: 1, pendingOverdue: 1, fullyElectronic: 1 });
      expect(report.byType.map((r) => r.type)).not.toContain('KH');
      const byLevel = Object.fromEntries(report.byLevel.map((r) => [String(r.level), r]));
      expect(byLevel['1']).toMatchObject({ received: 1, handledOnTime: 1, fullyElectronic: 1 });
      expect(byLevel['2']).toMatchObject({ received: 1, issued: 2, handledOnTime: 1, handledLate: 1, fullyElectronic: 1 });
      expect(byLevel['3']).toMatchObject({ received: 1, handledLate: 1 });
      expect(byLevel['null']).toMatchObject({ received: 1, pendingOverdue: 1 });
      expect(report.byLevel.at(-1)?.level).toBeNull();
    } finally {
      await store.close();
    }
  });

  it('counts an open assignment as overdue only once its due date has passed, as of now', async () => {
    const store = await openStore({ dataDir: await tempDir() });
    try {
      await seed(store);
      // On 10/6 the assignment due that day is not late yet.
      const early = await documentStatistics(store.db, Q2, new Date('2026-06-10T17:00:00+07:00'));
      expect(early.total.pendingOverdue).toBe(0);
      const june = await documentStatistics(store.db, periodOf(2026, { month: 6 }), now);
      expect(june.total).toMatchObject({ received: 1, issued: 0, handledOnTime: 0, handledLate: 0, pendingOverdue: 1, lateRate: null });
      const empty = await documentStatistics(store.db, periodOf(2025), now);
      expect(empty.total).toMatchObject({ received: 0, issued: 0, electronicShare: null, lateRate: null });
      await expect(documentStatistics(store.db, { from: '2026-06-30', to: '2026-04-01' }, now)).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
    } finally {
      await store.close();
    }
  });

  it('names periods by year, quarter or month', () => {
    expect(periodOf(2026)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(periodOf(2024, { month: 2 })).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodOf(2026, { quarter: 4 })).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(() => periodOf(2026, { quarter: 5 })).toThrow(/Quý/);
  });
});
