import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runEoffice } from './run-eoffice.js';

const PASSWORD = 'mat-khau-demo-cli';

describe('eoffice user passwd | reset | deactivate | reactivate | open-work | reassign', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('changes, resets and deactivates accounts with passwords never on the command line, and moves open work', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'eoffice-cli-'));
    dirs.push(dir);
    const data = join(dir, 'data');
    const run = (args: string[], options: { stdin?: string; env?: NodeJS.ProcessEnv } = {}) =>
      runEoffice([...args, '--data-dir', data, '--json'], { env: { EOFFICE_NOW: '2026-04-06T09:00:00+07:00', ...options.env }, ...(options.stdin === undefined ? {} : { stdin: options.stdin }) });
    const ok = async (args: string[], options: { stdin?: string; env?: NodeJS.ProcessEnv } = {}) => {
      const result = await run(args, options);
      if (result.code !== 0) throw new Error(`${args.join(' ')} → ${result.code}: ${result.stderr}`);
      return JSON.parse(result.stdout) as Record<string, unknown>;
    };
    const refusal = async (args: string[], options: { stdin?: string; env?: NodeJS.ProcessEnv } = {}) => {
      const result = await run(args, options);
      const code = result.stdout ? (JSON.parse(result.stdout) as { error: { code: string } }).error.code : result.stderr.split(':')[0];
      return { exit: result.code, code };
    };

    await ok(['demo', 'seed', '--docs', '0', '--password-env', 'DEMO_PASSWORD'], { env: { DEMO_PASSWORD: PASSWORD } });
    await ok(['user', 'add', 'chuyenvien2', '--role', 'specialist', '--as', 'admin']);
    const pdf = join(dir, 'du-thao.pdf');
    await writeFile(pdf, '%PDF-1.4\n% du thao\n%%EOF\n');
    const draft = await ok(['doc', 'draft', '--type', 'TB', '--subject', 'Thông báo lịch họp', '--file', pdf, '--as', 'chuyenvien']);

    // passwd: a password on the command line is no flag at all (exit 2); a wrong current one is refused (exit 1).
    expect((await refusal(['user', 'passwd', '--password', 'mat-khau-moi-1', '--as', 'chuyenvien'])).exit).toBe(2);
    expect(await refusal(['user', 'passwd', '--as', 'chuyenvien'])).toEqual({ exit: 2, code: 'E_USAGE' });
    expect(await refusal(['user', 'passwd', '--password-stdin', '--as', 'chuyenvien'], { stdin: 'sai-mat-khau\nmat-khau-moi-1\n' }))
      .toEqual({ exit: 1, code: 'E_UNAUTHORIZED' });
    expect(await ok(['user', 'passwd', '--password-stdin', '--as', 'chuyenvien'], { stdin: `${PASSWORD}\nmat-khau-moi-1\n` })).toEqual({ ok: true });
    expect(await ok(['user', 'passwd', '--current-password-env', 'CUR', '--password-env', 'NEW', '--as', 'chuyenvien'], {
      env: { CUR: 'mat-khau-moi-1', NEW: 'mat-khau-moi-2' },
    })).toEqual({ ok: true });

    // reset: only an admin; the temporary password is printed once, and until it is changed nothing else is allowed.
    expect(await refusal(['user', 'reset', 'chuyenvien', '--as', 'vanthu'])).toEqual({ exit: 1, code: 'E_FORBIDDEN' });
    expect(await refusal(['user', 'reset', 'khongco', '--as', 'admin'])).toEqual({ exit: 1, code: 'E_NOT_FOUND' });
    const reset = await ok(['user', 'reset', 'chuyenvien', '--as', 'admin']);
    const temporary = reset['temporaryPassword'] as string;
    expect(temporary).toMatch(/^[a-zA-Z2-9]{14}$/);
    expect(await refusal(['user', 'open-work', 'chuyenvien', '--as', 'chuyenvien'])).toEqual({ exit: 1, code: 'E_PASSWORD_CHANGE_REQUIRED' });
    await ok(['user', 'passwd', '--password-stdin', '--as', 'chuyenvien'], { stdin: `${temporary}\nmat-khau-moi-3\n` });

    // deactivate: listed open work, the account refused everywhere; reassign moves the draft; reactivate brings it back.
    expect(await refusal(['user', 'deactivate', 'chuyenvien', '--as', 'lanhdao'])).toEqual({ exit: 1, code: 'E_FORBIDDEN' });
    const deactivated = await ok(['user', 'deactivate', 'chuyenvien', '--as', 'admin']);
    expect(deactivated).toMatchObject({ user: { username: 'chuyenvien', active: false }, openWork: { drafts: [{ documentId: draft['id'] }] } });
    expect(await refusal(['user', 'passwd', '--password-stdin', '--as', 'chuyenvien'], { stdin: 'mat-khau-moi-3\nmat-khau-moi-4\n' }))
      .toEqual({ exit: 1, code: 'E_UNAUTHORIZED' });
    expect(await refusal(['user', 'reassign', '--from', 'chuyenvien', '--as', 'admin'])).toEqual({ exit: 2, code: 'E_USAGE' });
    expect(await ok(['user', 'reassign', '--from', 'chuyenvien', '--to', 'chuyenvien2', '--as', 'admin']))
      .toEqual({ from: 'chuyenvien', to: 'chuyenvien2', assignments: 0, drafts: 1 });
    expect(await ok(['user', 'open-work', 'chuyenvien', '--as', 'admin'])).toEqual({ username: 'chuyenvien', assignments: [], drafts: [] });
    expect((await ok(['user', 'open-work', 'chuyenvien2', '--as', 'admin']))['drafts']).toMatchObject([{ documentId: draft['id'] }]);
    expect(await ok(['user', 'reactivate', 'chuyenvien', '--as', 'admin'])).toMatchObject({ username: 'chuyenvien', active: true });

    const audit = await run(['audit', 'verify', '--as', 'admin']);
    expect(audit.code, audit.stderr).toBe(0);
  }, 240_000);
});
