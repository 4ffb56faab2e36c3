import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StatisticsReportOutput } from '@eoffice/contract';
import { runEoffice } from './run-eoffice.js';

const NOW = '2021-03-01T09:00:00+07:00';
const DOCS = 3000;

// Khánh Hòa 2020 as issue 11 item 9 quotes its seed report (source notes: docs-core/src/demo/province-profiles.ts):
// 650 endpoints on three levels, 75 ± 3 % fully electronic, 2.1 ± 0.5 % handled late — counted by the statistics
// service over the generated documents.
describe('eoffice demo seed --profile khanh-hoa-2020', { timeout: 600_000 }, () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('gives a province whose statistics read like the report', async () => {
    const root = await mkdtemp(join(tmpdir(), 'eoffice-cli-profile-'));
    dirs.push(root);
    const dataDir = join(root, 'data');
    const env = { EOFFICE_NOW: NOW };
    const seeded = await runEoffice(['demo', 'seed', '--profile', 'khanh-hoa-2020', '--docs', String(DOCS), '--seed', '7', '--json', '--data-dir', dataDir], { env });
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(JSON.parse(seeded.stdout)).toMatchObject({ profile: 'khanh-hoa-2020', year: 2020, endpoints: 650, documents: DOCS });

    const stats = await runEoffice(['stats', '--year', '2020', '--json', '--as', 'lanhdao', '--data-dir', dataDir], { env });
    expect(stats.code, stats.stderr).toBe(0);
    const report = JSON.parse(stats.stdout) as StatisticsReportOutput;
    expect(report.directory.endpoints).toBe(650);
    expect(report.directory.byLevel.map((l) => l.level)).toEqual([1, 2, 3]);
    expect(report.total.received + report.total.issued).toBe(DOCS);
    expect(report.total.handledOnTime + report.total.handledLate).toBe(report.total.received);
    expect(report.total.electronicShare!).toBeGreaterThanOrEqual(0.72);
    expect(report.total.electronicShare!).toBeLessThanOrEqual(0.78);
    expect(report.total.lateRate!).toBeGreaterThanOrEqual(0.016);
    expect(report.total.lateRate!).toBeLessThanOrEqual(0.026);
    // Documents come from every level of the directory.
    expect(report.byLevel.map((l) => l.level)).toEqual([1, 2, 3]);

    // The registers hold a line per document: the Sổ đăng ký of a profile-seeded store prints them.
    let lines = 0;
    for (const direction of ['in', 'out']) {
      const out = join(root, `so-${direction}.pdf`);
      const printed = await runEoffice(['register', 'print', '--year', '2020', '--direction', direction, '--out', out, '--json', '--as', 'vanthu', '--data-dir', dataDir], { env });
      expect(printed.code, printed.stderr).toBe(0);
      const result = JSON.parse(printed.stdout) as { entries: number; voided: number };
      expect(result.entries).toBe(direction === 'in' ? report.total.received : report.total.issued);
      expect(result.voided).toBe(0);
      lines += result.entries;
    }
    expect(lines).toBe(DOCS);

    // The audit chain holds the imported documents.
    const audit = await runEoffice(['audit', 'verify', '--as', 'admin', '--json', '--data-dir', dataDir], { env });
    expect(audit.code, audit.stderr).toBe(0);
    expect(JSON.parse(audit.stdout)).toMatchObject({ ok: true });
  });
});
