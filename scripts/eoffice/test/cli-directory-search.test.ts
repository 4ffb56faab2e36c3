import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runEoffice } from './run-eoffice.js';

const DEMO = resolve(REPO_ROOT, 'resources/demo/province-650.json');
// A real signed PDF from the shared fixtures, used by path.
const PDF = resolve(REPO_ROOT, '../shared/fixtures/pdf-signed/dss/TeleSec_PKS_eIDAS_QES_CA_1-baseline-b.pdf');

// Each step spawns the real CLI (node + tsx); on a busy shared machine that takes seconds.
describe('eoffice directory and search', { timeout: 300_000 }, () => {
  let root = '';
  let dataDir = '';
  const eoffice = (...args: string[]) => runEoffice([...args, '--data-dir', dataDir]);

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'eoffice-cli-dir-'));
    dataDir = join(root, 'data');
    for (const args of [
      ['db', 'init', '--agency', '000.00.02.Z99', '--name', 'Sở Nội vụ tỉnh Demo'],
      ['user', 'add', 'admin', '--role', 'admin'],
      ['user', 'add', 'vanthu', '--role', 'clerk', '--as', 'admin'],
    ]) {
      const run = await eoffice(...args);
      expect(run.code, run.stderr).toBe(0);
    }
  }, 300_000);
  afterAll(async () => rm(root, { recursive: true, force: true }));

  it('imports the demo province as admin only, then finds endpoints by folded name and by code', async () => {
    const refused = await eoffice('directory', 'import', DEMO, '--as', 'vanthu');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^E_FORBIDDEN: /);
    const imported = await eoffice('directory', 'import', DEMO, '--as', 'admin', '--json');
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toEqual({ inserted: 650, updated: 0, removed: 0, total: 650 });
    const byName = await eoffice('directory', 'search', 'so y te', '--as', 'vanthu', '--json');
    expect(JSON.parse(byName.stdout)[0]).toMatchObject({ code: '000.00.16.Z99', name: 'Sở Y tế' });
    const byCode = await eoffice('directory', 'search', '000.00.16.Z99', '--as', 'vanthu');
    expect(byCode.stdout.split('\n')[0]).toContain('Sở Y tế');
    const out = join(root, 'export.json');
    const exported = await eoffice('directory', 'export', '--out', out, '--as', 'vanthu');
    expect(exported.code, exported.stderr).toBe(0);
    const file = JSON.parse(await readFile(out, 'utf8')) as { endpoints: unknown[]; demo: boolean };
    expect(file.endpoints).toHaveLength(650);
    expect(file.demo).toBe(true);
  });

  it('refuses a malformed directory file with exit 2 and leaves the directory as it was', async () => {
    const bad = join(root, 'bad.json');
    await import('node:fs/promises').then((fs) =>
      fs.writeFile(bad, JSON.stringify({ format: 'eoffice-directory', version: 1, levels: [{ level: 1, name: 'Tỉnh' }], endpoints: [{ code: '1.2.3', name: 'X', parentCode: null, level: 1 }] })),
    );
    const run = await eoffice('directory', 'import', bad, '--as', 'admin');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^E_INVALID_INPUT: .*định dạng/);
    const still = await eoffice('directory', 'search', 'Z99', '--limit', '500', '--as', 'vanthu', '--json');
    expect(JSON.parse(still.stdout)).toHaveLength(500);
  });

  it('finds a received document by its folded subject and its symbol, with filters and JSON hits', async () => {
    const received = await eoffice(
      'doc', 'receive', '--file', PDF, '--from', '000.00.16.Z99', '--number', '12', '--symbol', 'QĐ-SYT', '--date', '2026-03-02',
      '--type', 'QĐ', '--subject', 'Về việc quản lý đất đai tại bệnh viện', '--as', 'vanthu', '--json',
    );
    expect(received.code, received.stderr).toBe(0);
    const id = (JSON.parse(received.stdout) as { id: string }).id;
    const hits = async (...args: string[]) => {
      const run = await eoffice('search', ...args, '--as', 'vanthu', '--json');
      expect(run.code, run.stderr).toBe(0);
      return (JSON.parse(run.stdout) as { hits: { id: string; number: string; symbol: string; subject: string }[] }).hits;
    };
    expect(await hits('dat dai')).toEqual([expect.objectContaining({ id, number: '12', symbol: 'QĐ-SYT', subject: 'Về việc quản lý đất đai tại bệnh viện' })]);
    expect((await hits('qd-syt')).map((h) => h.id)).toEqual([id]);
    expect(await hits('dat dai', '--direction', 'out')).toEqual([]);
    expect(await hits('dat dai', '--year', '1999')).toEqual([]);
    const text = await eoffice('search', 'đất đai', '--as', 'vanthu');
    expect(text.stdout).toContain('12/QĐ-SYT');
    const bad = await eoffice('search', 'dat', '--year', 'abc', '--as', 'vanthu');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^E_INVALID_INPUT: /);
  });

  it('narrows a search by type, issuer (code or name), urgency, state, date range and register in one command', async () => {
    const receive = async (from: string, number: string, date: string, type: string, urgency: string, subject: string) => {
      // Arrived on the document's own date: an incoming document is searched by its arrival date.
      const run = await runEoffice([
        'doc', 'receive', '--file', PDF, '--from', from, '--number', number, '--symbol', `${type === 'CV' ? 'SYT' : 'QĐ-SYT'}`, '--date', date,
        '--type', type === 'CV' ? 'Công văn' : type, '--urgency', urgency, '--subject', subject, '--paper', '--as', 'vanthu', '--json', '--data-dir', dataDir,
      ], { env: { EOFFICE_NOW: `${date}T09:00:00+07:00` } });
      expect(run.code, run.stderr).toBe(0);
      return (JSON.parse(run.stdout) as { id: string }).id;
    };
    const wanted = await receive('000.00.16.Z99', '31', '2025-05-06', 'QĐ', 'Khẩn', 'Về việc thu hồi đất đai trạm y tế');
    await receive('000.00.16.Z99', '32', '2025-05-07', 'QĐ', 'Thường', 'Về việc giao đất đai cho bệnh viện');
    await receive('000.00.16.Z99', '33', '2025-05-08', 'CV', 'Khẩn', 'V/v đo đạc đất đai');
    await receive('000.00.16.Z99', '34', '2026-01-08', 'QĐ', 'Khẩn', 'Về việc cho thuê đất đai');
    await receive('000.00.15.Z99', '35', '2025-06-01', 'QĐ', 'Khẩn', 'Về việc đất đai của trường');
    const search = async (...args: string[]) => {
      const run = await eoffice('search', ...args, '--as', 'vanthu', '--json');
      expect(run.code, run.stderr).toBe(0);
      return (JSON.parse(run.stdout) as { hits: { id: string; type: string; urgency: string; issuerCode: string; issuerName: string }[] }).hits;
    };
    // "Every Khẩn quyết định from Sở Y tế in 2025 about đất đai", by name and by code, by year and by date range.
    const byName = await search('dat dai', '--type', 'Quyết định', '--issuer', 'So Y te', '--urgency', 'khan', '--year', '2025');
    expect(byName.map((h) => h.id)).toEqual([wanted]);
    expect(byName[0]).toMatchObject({ type: 'QĐ', urgency: 'urgent', issuerCode: '000.00.16.Z99' });
    const byCode = await search('dat dai', '--type', 'QĐ', '--issuer', '000.00.16.Z99', '--urgency', 'Khẩn', '--from', '2025-01-01', '--to', '2025-12-31', '--register', 'đến');
    expect(byCode.map((h) => h.id)).toEqual([wanted]);
    expect(await search('dat dai', '--issuer', '000.00.16.Z99', '--year', '2025', '--register', 'di')).toEqual([]);
    // Without words: the filters alone; the state filter keeps only documents in that state.
    expect((await search('--issuer', 'Sở Y tế', '--year', '2025', '--type', 'QĐ')).length).toBe(2);
    expect(await search('--issuer', 'Sở Y tế', '--state', 'issued')).toEqual([]);
    const state = (await search('--issuer', '000.00.15.Z99'))[0] as unknown as { state: string };
    expect((await search('--issuer', '000.00.15.Z99', '--state', state.state)).length).toBe(1);
    const text = await eoffice('search', 'dat dai', '--issuer', 'Sở Y tế', '--urgency', 'khan', '--type', 'QĐ', '--year', '2025', '--as', 'vanthu');
    expect(text.stdout).toContain('[KHẨN]');
    expect(text.stdout).toContain('— Sở Y tế (000.00.16.Z99)');
    for (const bad of [['--issuer', 'Sở Không Có'], ['--type', 'XYZ'], ['--state', 'lost'], ['--from', '05/06/2025'], ['--urgency', 'gấp']]) {
      const run = await eoffice('search', 'dat dai', ...bad, '--as', 'vanthu');
      expect(run.code, bad.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/^E_INVALID_INPUT: /);
    }
  });
});
