import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamDate } from '@eoffice/vietnamese';
import { runEoffice } from './run-eoffice.js';

interface Period {
  id: number;
  leader: { username: string };
  deputy: { username: string };
  from: string;
  to: string;
  createdBy: string;
  endedBy: string | null;
}

let dir: string;
const DAY = 86_400_000;
const day = (days: number) => vietnamDate(new Date(Date.now() + days * DAY));

const attempt = (args: string[]) => runEoffice([...args, '--data-dir', join(dir, 'data')]);
async function eo(args: string[]): Promise<string> {
  const run = await attempt(args);
  if (run.code !== 0) throw new Error(`eoffice ${args.join(' ')} → exit ${run.code}: ${run.stderr}`);
  return run.stdout;
}
const json = async <T>(args: string[]) => JSON.parse(await eo([...args, '--json'])) as T;
const deputyRows = () =>
  spawnSync('sqlite3', [join(dir, 'data', 'eoffice.sqlite'), 'select id, leader_user_id, ended_at is null from signing_deputies order by id'], { encoding: 'utf8' }).stdout;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eoffice-cli-deputy-for-'));
  await eo(['db', 'init', '--agency', '000.00.01.Z99', '--name', 'Ủy ban nhân dân tỉnh Demo', '--abbr', 'UBND']);
  await eo(['user', 'add', 'admin', '--role', 'admin']);
  for (const [username, role, fullName] of [
    ['lanhdao', 'leader', 'Nguyễn Văn An'],
    ['phochutich', 'leader', 'Trần Thị Bình'],
    ['phochutich2', 'leader', 'Lê Văn Cường'],
    ['chuyenvien', 'specialist', 'Trần Chuyên Viên'],
  ] as const) {
    await eo(['user', 'add', username, '--role', role, '--full-name', fullName, '--as', 'admin']);
  }
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('user deputy --for: an admin names or ends the deputy of a leader who is away (issue 11 item 5)', () => {
  it('names and ends it for the leader, audited as the admin; anyone else is refused alike whichever leader is named', async () => {
    const [from, to] = [day(1), day(5)];
    const period = await json<Period>(['user', 'deputy', 'set', '--for', 'lanhdao', '--deputy', 'phochutich', '--from', from, '--to', to, '--as', 'admin']);
    expect([period.leader.username, period.deputy.username, period.createdBy]).toEqual(['lanhdao', 'phochutich', 'admin']);
    expect(await eo(['user', 'deputy', 'list', '--as', 'lanhdao'])).toContain('giao bởi / named by admin');

    // Another leader, a specialist: one refusal, the same for a real leader, no such user, or a non-leader.
    const before = deputyRows();
    for (const caller of ['phochutich', 'chuyenvien']) {
      const answers = await Promise.all(
        ['lanhdao', 'khongco', 'admin'].map((leader) =>
          attempt(['user', 'deputy', 'set', '--for', leader, '--deputy', 'phochutich2', '--from', from, '--to', to, '--as', caller]),
        ),
      );
      expect(answers.map((a) => a.code)).toEqual([1, 1, 1]);
      expect(new Set(answers.map((a) => a.stderr)).size).toBe(1);
      expect(answers[0]!.stderr).toMatch(/^E_FORBIDDEN: /);
      const ends = await Promise.all(['lanhdao', 'khongco'].map((leader) => attempt(['user', 'deputy', 'end', String(period.id), '--for', leader, '--as', caller])));
      expect(ends.map((a) => a.code)).toEqual([1, 1]);
      expect(ends[0]!.stderr).toBe(ends[1]!.stderr);
      expect(ends[0]!.stderr).toMatch(/^E_FORBIDDEN: /);
    }
    // The leader ends it as their own without --for; here the admin does, for them.
    expect(deputyRows()).toBe(before);
    const { ended } = await json<{ ended: Period[] }>(['user', 'deputy', 'end', '--for', 'lanhdao', '--as', 'admin']);
    expect(ended.map((p) => [p.id, p.endedBy])).toEqual([[period.id, 'admin']]);

    const audit = spawnSync('sqlite3', [join(dir, 'data', 'eoffice.sqlite'), "select actor || ' ' || action || ' ' || coalesce(after, '') from audit_log where action like 'deputy.%' order by id"], { encoding: 'utf8' }).stdout;
    expect(audit).toMatch(/^admin deputy\.set .*"leader":"lanhdao".*"byAdmin":"admin"/m);
    expect(audit).toMatch(/^admin deputy\.end .*"byAdmin":"admin"/m);
  }, 120_000);
});
