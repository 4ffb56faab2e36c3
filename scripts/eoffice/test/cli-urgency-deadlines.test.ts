import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runEoffice } from './run-eoffice.js';

const PDF = resolve(REPO_ROOT, '../shared/fixtures/pdf-signed/dss/TeleSec_PKS_eIDAS_QES_CA_1-baseline-b.pdf');

/** Issue 11 item 4 through the command line: the three urgency levels, same-day lateness, deadlines in working days. */
describe('eoffice urgency and deadlines', { timeout: 300_000 }, () => {
  let root = '';
  let dataDir = '';
  // Monday 2 March 2026 unless a step says otherwise.
  const eoffice = (args: string[], now = '2026-03-02T09:00:00+07:00') => runEoffice([...args, '--data-dir', dataDir], { env: { EOFFICE_NOW: now } });
  const receive = (number: string, urgency: string, ...extra: string[]) =>
    eoffice(['doc', 'receive', '--file', PDF, '--paper', '--from', '000.00.16.Z99', '--number', number, '--symbol', 'SYT-VP', '--date', '2026-02-27',
      '--type', 'Công văn', '--subject', `V/v số ${number}`, '--urgency', urgency, ...extra, '--as', 'vanthu', '--json']);

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'eoffice-cli-urgency-'));
    dataDir = join(root, 'data');
    for (const args of [
      ['db', 'init', '--agency', '000.00.02.Z99', '--name', 'Sở Nội vụ tỉnh Demo'],
      ['user', 'add', 'admin', '--role', 'admin'],
      ['user', 'add', 'vanthu', '--role', 'clerk', '--as', 'admin'],
    ]) {
      const run = await eoffice(args);
      expect(run.code, run.stderr).toBe(0);
    }
  }, 300_000);
  afterAll(async () => rm(root, { recursive: true, force: true }));

  it('refuses a due date on a day off naming the next working day, counts --due-in in working days, and lists each level by its stamp', async () => {
    const saturday = await receive('1', 'Hỏa tốc', '--due', '2026-03-07');
    expect(saturday.code).toBe(2);
    expect(saturday.stderr).toMatch(/^E_DUE_DATE_DAY_OFF: .*07\/03\/2026.*09\/03\/2026/);
    const flash = await receive('2', 'Hỏa tốc', '--due-in', '5');
    expect(flash.code, flash.stderr).toBe(0);
    const doc = JSON.parse(flash.stdout) as { id: string; urgency: string; dueDate: string; flags: string[] };
    expect(doc).toMatchObject({ urgency: 'flash', dueDate: '2026-03-09' });
    expect(doc.flags).toContain('flash');
    expect((await receive('3', 'Thượng khẩn')).code).toBe(0);

    // Tuesday: neither was registered on the day it arrived.
    const list = await eoffice(['doc', 'list', '--direction', 'in', '--as', 'vanthu'], '2026-03-03T10:00:00+07:00');
    expect(list.code, list.stderr).toBe(0);
    const line = (n: string) => list.stdout.split('\n').find((l) => l.includes(`V/v số ${n}`)) ?? '';
    expect(line('2')).toContain('HỎA TỐC');
    expect(line('3')).toContain('THƯỢNG KHẨN');
    expect(line('2')).toContain('khẩn trễ 1 ngày');
    const shown = await eoffice(['doc', 'show', doc.id, '--as', 'vanthu', '--json'], '2026-03-03T10:00:00+07:00');
    expect(JSON.parse(shown.stdout)).toMatchObject({ flags: expect.arrayContaining(['flash', 'urgent-late']), urgentLate: { step: 'register', dueOn: '2026-03-02', doneOn: null, daysLate: 1 } });
  });
});
