import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocsCoreServices, createUser, DocumentWorkflow, FixedClock, loadActorByUsername, openStore } from '@eoffice/docs-core';
import { runEoffice } from './run-eoffice.js';

const CLOCK = '2026-03-02T09:00:00+07:00';

// The database is prepared in-process (real SQLite, the same services the CLI composes); only the commands under
// test spawn the CLI, since each child costs seconds on the shared machine.
describe('eoffice stats (and secret documents in search)', { timeout: 300_000 }, () => {
  let root = '';
  let dataDir = '';
  const eoffice = (...args: string[]) => runEoffice([...args, '--data-dir', dataDir], { env: { EOFFICE_NOW: CLOCK } });

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'eoffice-cli-stats-'));
    dataDir = join(root, 'data');
    const store = await openStore({ dataDir });
    try {
      const clock = new FixedClock(CLOCK);
      const services = createDocsCoreServices({ store, clock });
      await services.registers.initAgency(
        { organId: '000.00.02.Z99', name: 'Sở Nội vụ tỉnh Demo', abbreviation: 'SNV', numberingScheme: 'single' },
        { sessionToken: null, actingUsername: null, face: 'test' },
      );
      for (const [username, role] of [['vanthu', 'clerk'], ['lanhdao', 'leader'], ['chuyenvien', 'specialist']] as const) {
        await createUser(store.db, clock, 'setup', { username, fullName: username, roles: [role], unit: 'VP' });
      }
      const workflow = new DocumentWorkflow({ store, clock });
      const clerk = (await loadActorByUsername(store.db, 'vanthu'))!;
      for (const [i, secrecy] of (['none', 'none', 'secret'] as const).entries()) {
        const pdf = join(root, `scan-${i}.pdf`);
        await writeFile(pdf, `%PDF-1.4\n% ${i}\n%%EOF\n`);
        await workflow.receive(clerk, {
          file: { path: pdf }, attachments: [], source: 'paper', from: '000.00.16.Z99', fromName: 'Sở Y tế', number: String(20 + i),
          symbol: 'SYT-VP', issuedDate: '2026-02-27', type: 'Công văn', subject: secrecy === 'none' ? `Báo cáo y tế ${i}` : 'Phương án bảo vệ kho vắc xin dự trữ',
          urgency: 'normal', secrecy, language: 'Tiếng Việt',
        });
      }
    } finally {
      await store.close();
    }
  }, 300_000);
  afterAll(async () => rm(root, { recursive: true, force: true }));

  it('prints the year as JSON for a leader and a period as a table for a clerk; refuses a specialist and bad periods', async () => {
    const json = await eoffice('stats', '--year', '2026', '--json', '--as', 'lanhdao');
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as { period: unknown; total: { received: number; issued: number }; byType: { type: string; received: number }[] };
    expect(report.period).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(report.total).toMatchObject({ received: 3, issued: 0 });
    expect(report.byType).toEqual([expect.objectContaining({ type: 'cong-van', received: 3 })]);

    const table = await eoffice('stats', '--from', '2026-03-01', '--to', '2026-03-31', '--as', 'vanthu');
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain('2026-03-01 – 2026-03-31');
    expect(table.stdout).toMatch(/Tổng\s+3\s+0/);

    const refused = await eoffice('stats', '--year', '2026', '--as', 'chuyenvien');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^E_FORBIDDEN: /);

    const bad = await eoffice('stats', '--from', '2026-03-01', '--as', 'lanhdao');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^E_INVALID_INPUT: /);
  });

  it('never shows a specialist a secret document in search; a leader finds it', async () => {
    const hits = async (user: string) => {
      const run = await eoffice('search', 'kho vac xin', '--json', '--as', user);
      expect(run.code, run.stderr).toBe(0);
      return (JSON.parse(run.stdout) as { hits: { subject: string }[]; nextCursor: string | null });
    };
    expect(await hits('chuyenvien')).toEqual({ hits: [], nextCursor: null });
    expect((await hits('lanhdao')).hits.map((h) => h.subject)).toEqual(['Phương án bảo vệ kho vắc xin dự trữ']);
  });
});
