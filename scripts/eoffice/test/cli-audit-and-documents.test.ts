import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEoffice } from './run-eoffice.js';

/** The sqlite3 shell, as a person tampering with the file would use it. Missing → fail loudly, naming the package. */
function sqlite(databasePath: string, statements: string): void {
  try {
    execFileSync('sqlite3', [databasePath, statements], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('Thiếu công cụ sqlite3 (gói Debian: sqlite3) / the sqlite3 shell is missing (Debian package: sqlite3)');
    }
    throw error;
  }
}

describe('eoffice audit verify and document commands', () => {
  const dirs: string[] = [];
  let base: string;
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  async function copyOfBase(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'eoffice-cli-audit-'));
    dirs.push(dir);
    await cp(base, join(dir, 'data'), { recursive: true });
    return join(dir, 'data');
  }

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'eoffice-cli-audit-'));
    dirs.push(dir);
    base = join(dir, 'data');
    for (const args of [
      ['db', 'init', '--agency', '000.00.01.Z99', '--name', 'Ủy ban nhân dân tỉnh Demo'],
      ['user', 'add', 'admin', '--role', 'admin'],
      ['user', 'add', 'vanthu', '--role', 'clerk', '--as', 'admin'],
      ['user', 'add', 'chuyenvien', '--role', 'specialist', '--as', 'admin'],
    ]) {
      const run = await runEoffice([...args, '--data-dir', base]);
      if (run.code !== 0) throw new Error(`${args.join(' ')}: ${run.stderr}`);
    }
  }, 600_000);

  it('an intact chain verifies (exit 0)', async () => {
    const run = await runEoffice(['audit', 'verify', '--as', 'admin', '--data-dir', base, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, entries: 4, headId: 4 });
  }, 120_000);

  it('an entry edited with the sqlite3 shell is named (exit 1)', async () => {
    const data = await copyOfBase();
    sqlite(join(data, 'eoffice.sqlite'), `drop trigger audit_log_no_update; update audit_log set actor = 'ke-gian' where id = 2;`);
    const run = await runEoffice(['audit', 'verify', '--as', 'admin', '--data-dir', data]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^E_AUDIT_BROKEN: mục 2: /);
  }, 120_000);

  it('a deleted entry is named (exit 1)', async () => {
    const data = await copyOfBase();
    sqlite(join(data, 'eoffice.sqlite'), `drop trigger audit_log_no_delete; delete from audit_log where id = 3;`);
    const run = await runEoffice(['audit', 'verify', '--as', 'admin', '--data-dir', data, '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, firstBroken: { id: 3 } });
  }, 120_000);

  it('cutting off the newest entries is detected through the chain head (exit 1)', async () => {
    const data = await copyOfBase();
    sqlite(join(data, 'eoffice.sqlite'), `drop trigger audit_log_no_delete; delete from audit_log where id >= 3;`);
    const run = await runEoffice(['audit', 'verify', '--as', 'admin', '--data-dir', data]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/mục 3: .*cut off/);
  }, 120_000);

  it('cutting off the newest entries and rewriting the head with the sqlite3 shell is caught by the anchors (exit 1)', async () => {
    const data = await copyOfBase();
    sqlite(
      join(data, 'eoffice.sqlite'),
      `drop trigger audit_log_no_delete; delete from audit_log where id >= 3;
       update audit_head set last_id = 2, last_hash = (select hash from audit_log where id = 2);`,
    );
    const run = await runEoffice(['audit', 'verify', '--as', 'admin', '--data-dir', data, '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, entries: 2, headId: 2, firstBroken: { id: 3 }, anchors: { anchoredFrom: 1, lastId: 4 } });
    expect(run.stderr).toMatch(/^E_AUDIT_BROKEN: mục 3: .*anchored and are gone/);
    // The next change does not paper over the cut: entry 3 is written anew, and its hash is not the anchored one.
    const next = await runEoffice(['user', 'add', 'lanhdao', '--role', 'leader', '--as', 'admin', '--data-dir', data]);
    expect(next.code).toBe(0);
    const again = await runEoffice(['audit', 'verify', '--as', 'admin', '--data-dir', data]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^E_AUDIT_BROKEN: mục 3: .*not the anchored one/);
  }, 120_000);

  it('bad input exits 2; a refused action exits 1 with E_CODE and changes nothing', async () => {
    const data = await copyOfBase();
    const badType = await runEoffice([
      'doc', 'receive', '--file', '/nonexistent.pdf', '--from', '000.00.17.Z99', '--number', '1', '--symbol', 'X', '--date', '2026-01-05',
      '--type', 'CV', '--subject', 'thử', '--as', 'vanthu', '--data-dir', data,
    ]);
    expect(badType.code).toBe(2);
    expect(badType.stderr).toMatch(/^E_INVALID_INPUT: .*loại văn bản/);
    const badDate = await runEoffice([
      'doc', 'receive', '--file', '/nonexistent.pdf', '--from', '000.00.17.Z99', '--number', '1', '--symbol', 'X', '--date', '2026-02-30',
      '--type', 'TB', '--subject', 'thử', '--as', 'vanthu', '--data-dir', data,
    ]);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toMatch(/^E_INVALID_INPUT: /);
    const wrongRole = await runEoffice([
      'doc', 'receive', '--file', '/nonexistent.pdf', '--from', '000.00.17.Z99', '--number', '1', '--symbol', 'X', '--date', '2026-01-05',
      '--type', 'TB', '--subject', 'thử', '--as', 'chuyenvien', '--data-dir', data,
    ]);
    expect(wrongRole.code).toBe(1);
    expect(wrongRole.stderr).toMatch(/^E_FORBIDDEN: /);
    const list = await runEoffice(['doc', 'list', '--as', 'admin', '--data-dir', data, '--json']);
    expect(JSON.parse(list.stdout)).toEqual([]);
    const audit = await runEoffice(['audit', 'verify', '--as', 'admin', '--data-dir', data, '--json']);
    expect(JSON.parse(audit.stdout)).toMatchObject({ ok: true, entries: 4 });
  }, 300_000);

  it('calendar: the admin enters Tết, everyone reads it, a clerk is refused (exit 1), an impossible date is bad input (exit 2)', async () => {
    const data = await copyOfBase();
    const set = await runEoffice(['calendar', 'set', '2027-02-08', '--holiday', '--name', 'Tết Nguyên đán', '--as', 'admin', '--data-dir', data]);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('08/02/2027 nghỉ — Tết Nguyên đán');
    const listed = await runEoffice(['calendar', 'list', '--year', '2027', '--as', 'vanthu', '--data-dir', data, '--json']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout).days).toEqual([{ date: '2027-02-08', kind: 'holiday', name: 'Tết Nguyên đán' }]);
    const refused = await runEoffice(['calendar', 'set', '2027-02-09', '--holiday', '--name', 'Tết', '--as', 'vanthu', '--data-dir', data]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^E_FORBIDDEN: /);
    const impossible = await runEoffice(['calendar', 'set', '2027-02-30', '--holiday', '--name', 'Không có', '--as', 'admin', '--data-dir', data]);
    expect(impossible.code).toBe(2);
    expect(impossible.stderr).toMatch(/^E_INVALID_INPUT: .*Ngày không tồn tại/);
  }, 120_000);
});
