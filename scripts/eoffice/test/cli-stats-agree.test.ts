import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatisticsReportOutput } from '@eoffice/contract';
import { createDocsCoreServices, createUser, FixedClock, importDirectory, loadActorByUsername, openStore } from '@eoffice/docs-core';
import { runEoffice } from './run-eoffice.js';

const CLOCK = '2026-07-01T09:00:00+07:00';
const SENDER = '000.00.16.Z99';

interface Doc {
  readonly id: string;
  readonly direction: 'incoming' | 'outgoing';
  readonly state: string;
  readonly type: string;
  readonly date: string;
  readonly source?: string;
  readonly paper?: number;
  readonly copyForm?: string;
  readonly signed?: boolean;
  readonly lead?: { readonly due: string; readonly completedAt?: string };
}

// Each kind the review found miscounted: late and on-time handling, an open document past due, a copy (never an
// issued document), documents electronic and on paper in both directions.
const DOCS: readonly Doc[] = [
  { id: 'in-on-time', direction: 'incoming', state: 'completed', type: 'QĐ', date: '2026-04-02', source: 'axis', signed: true, lead: { due: '2026-04-10', completedAt: '2026-04-09T10:00:00+07:00' } },
  { id: 'in-late', direction: 'incoming', state: 'filed', type: 'cong-van', date: '2026-04-15', source: 'paper', lead: { due: '2026-04-20', completedAt: '2026-04-24T16:00:00+07:00' } },
  { id: 'in-late-2', direction: 'incoming', state: 'completed', type: 'QĐ', date: '2026-05-04', source: 'axis', signed: true, lead: { due: '2026-05-08', completedAt: '2026-05-12T08:00:00+07:00' } },
  { id: 'in-overdue', direction: 'incoming', state: 'in_progress', type: 'TB', date: '2026-06-01', source: 'axis', signed: true, lead: { due: '2026-06-10' } },
  { id: 'in-overdue-2', direction: 'incoming', state: 'assigned', type: 'cong-van', date: '2026-06-03', source: 'paper', lead: { due: '2026-06-15' } },
  { id: 'in-open', direction: 'incoming', state: 'assigned', type: 'KH', date: '2026-06-25', source: 'file', lead: { due: '2026-07-10' } },
  { id: 'out-electronic', direction: 'outgoing', state: 'dispatched', type: 'QĐ', date: '2026-04-20', paper: 0, signed: true },
  { id: 'out-paper', direction: 'outgoing', state: 'dispatched', type: 'cong-van', date: '2026-05-05', paper: 1 },
  { id: 'out-copy', direction: 'outgoing', state: 'issued', type: 'QĐ', date: '2026-05-06', source: 'copy', copyForm: 'SY', signed: true },
];

/** The table's cells of one row (label, then the figures), split on runs of two or more spaces. */
function tableRows(table: string): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of table.split('\n').slice(2)) {
    const cells = line.trim().split(/\s{2,}/);
    if (cells.length === 9) rows.set(cells[0]!, cells.slice(1));
  }
  return rows;
}

/** The JSON row's figures as the table must print them, in the table's column order. */
function expectedCells(row: StatisticsReportOutput['total']): string[] {
  const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
  return [row.received, row.issued, row.handledOnTime, row.handledLate, row.pendingOverdue, percent(row.lateRate), row.fullyElectronic, percent(row.electronicShare)].map(String);
}

describe('eoffice stats: the table, the JSON and the documents\' flags agree', { timeout: 300_000 }, () => {
  let root = '';
  let dataDir = '';
  const eoffice = (...args: string[]) => runEoffice([...args, '--data-dir', dataDir], { env: { EOFFICE_NOW: CLOCK } });

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'eoffice-cli-stats-agree-'));
    dataDir = join(root, 'data');
    const store = await openStore({ dataDir });
    try {
      const clock = new FixedClock(CLOCK);
      await importDirectory(store.db, {
        format: 'eoffice-directory', version: 1, demo: true,
        levels: [{ level: 1, name: 'Tỉnh' }, { level: 2, name: 'Sở, huyện' }, { level: 3, name: 'Xã' }],
        endpoints: [
          { code: '000.00.00.Z99', name: 'UBND tỉnh Demo', parentCode: null, level: 1 },
          { code: '000.00.02.Z99', name: 'Sở Nội vụ tỉnh Demo', parentCode: '000.00.00.Z99', level: 2 },
          { code: SENDER, name: 'Sở Y tế', parentCode: '000.00.00.Z99', level: 2 },
          { code: '000.01.16.Z99', name: 'UBND xã An Phú', parentCode: SENDER, level: 3 },
        ],
      }, { now: clock.now() });
      await createDocsCoreServices({ store, clock }).registers.initAgency(
        { organId: '000.00.02.Z99', name: 'Sở Nội vụ tỉnh Demo', abbreviation: 'SNV', numberingScheme: 'single' },
        { sessionToken: null, actingUsername: null, face: 'test' },
      );
      for (const [username, role] of [['vanthu', 'clerk'], ['lanhdao', 'leader'], ['chuyenvien', 'specialist']] as const) {
        await createUser(store.db, clock, 'setup', { username, fullName: username, roles: [role], unit: 'VP' });
      }
      const lead = (await loadActorByUsername(store.db, 'chuyenvien'))!.id;
      // The rows as the workflow leaves them (real SQLite, the tables the statistics read); each step's own rules
      // are other tests' subject.
      for (const doc of DOCS) {
        const at = `${doc.date}T08:00:00+07:00`;
        await store.db.insertInto('documents').values({
          id: doc.id, direction: doc.direction, state: doc.state, created_at: at, updated_at: at, year: 2026, type_code: doc.type,
          organ_id: doc.direction === 'incoming' ? SENDER : '000.00.02.Z99', source: doc.source ?? 'draft', subject: doc.id,
          arrival_date: doc.direction === 'incoming' ? at : null, issued_date: doc.direction === 'outgoing' ? doc.date : null,
          paper_dispatch: doc.paper ?? null, copy_form: doc.copyForm ?? null, due_date: doc.lead?.due ?? null, urgency: 'normal', secrecy: 'none',
        } as never).execute();
        if (doc.signed) {
          await store.db.insertInto('document_signatures').values({
            document_id: doc.id, kind: doc.direction === 'incoming' ? 'received' : 'agency', valid: 1, signer_name: 'x', signed_at: at,
            result: JSON.stringify({ signed: true, signatures: [] }), checked_at: at, certificate_subject: null, certificate_serial: null,
          }).execute();
        }
        if (doc.lead) {
          await store.db.insertInto('assignments').values({
            document_id: doc.id, user_id: lead, role: 'lead', due_date: doc.lead.due, instructions: null,
            status: doc.lead.completedAt ? 'completed' : 'in_progress', assigned_by: lead, assigned_at: at, completed_at: doc.lead.completedAt ?? null,
          }).execute();
        }
      }
    } finally {
      await store.close();
    }
  }, 300_000);
  afterAll(async () => rm(root, { recursive: true, force: true }));

  it('prints every JSON figure in the table, counts late and overdue as the documents are flagged, and never a copy as issued', async () => {
    const json = await eoffice('stats', '--year', '2026', '--json', '--as', 'lanhdao');
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as StatisticsReportOutput;
    const printed = await eoffice('stats', '--year', '2026', '--as', 'lanhdao');
    expect(printed.code, printed.stderr).toBe(0);
    const rows = tableRows(printed.stdout);

    // Figure by figure: the total, each type under its Vietnamese name, each level.
    const expected = new Map<string, string[]>([['Tổng', expectedCells(report.total)]]);
    for (const row of report.byType) expected.set(row.typeName ?? '(khác)', expectedCells(row));
    for (const row of report.byLevel) expected.set(row.level === null ? 'Cấp ?' : `Cấp ${row.level}`, expectedCells(row));
    expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(expected));
    expect(printed.stdout).toContain(`Đầu mối: ${report.directory.endpoints} (${report.directory.byLevel.map((l) => `cấp ${l.level}: ${l.endpoints}`).join(', ')})`);

    // Types by their Vietnamese names, the code kept in the JSON; never the code in the table.
    expect(report.byType.map((r) => [r.type, r.typeName])).toEqual([
      ['KH', 'Kế hoạch'], ['QĐ', 'Quyết định'], ['TB', 'Thông báo'], ['cong-van', 'Công văn'],
    ]);
    expect([...rows.keys()]).not.toContain('QĐ');
    expect([...rows.keys()]).not.toContain('cong-van');

    // The late figures are the documents' flags, counted.
    const listed = await eoffice('doc', 'list', '--json', '--limit', '1000', '--as', 'lanhdao');
    expect(listed.code, listed.stderr).toBe(0);
    const flagged = (flag: string) => (JSON.parse(listed.stdout) as { id: string; flags: string[] }[]).filter((d) => d.flags.includes(flag)).map((d) => d.id).sort();
    expect(flagged('handled-late')).toEqual(['in-late', 'in-late-2']);
    expect(flagged('overdue')).toEqual(['in-overdue', 'in-overdue-2']);
    expect(report.total).toEqual({
      received: 6, issued: 2, handledOnTime: 1, handledLate: 2, pendingOverdue: 2, lateRate: 2 / 3,
      // Electronic: the two signed axis arrivals of the year plus the one sent electronically; the copy is not issued.
      fullyElectronic: 4, electronicShare: 4 / 8,
    });
    expect(report.directory).toEqual({ endpoints: 4, byLevel: [{ level: 1, endpoints: 1 }, { level: 2, endpoints: 2 }, { level: 3, endpoints: 1 }] });
  });
});
