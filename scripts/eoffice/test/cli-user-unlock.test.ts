import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runEoffice } from './run-eoffice.js';

describe('eoffice user unlock', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('is an admin’s: it unlocks for an admin and is refused (exit 1) to anyone else or for an unknown user', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'eoffice-cli-'));
    dirs.push(dir);
    const run = (...args: string[]) => runEoffice([...args, '--data-dir', dir, '--json']);
    expect((await run('user', 'add', 'admin', '--role', 'admin')).code).toBe(0);
    expect((await run('user', 'add', 'chuyenvien', '--role', 'specialist', '--as', 'admin')).code).toBe(0);
    const unlocked = await run('user', 'unlock', 'chuyenvien', '--as', 'admin');
    expect(unlocked.code).toBe(0);
    expect(JSON.parse(unlocked.stdout)).toMatchObject({ username: 'chuyenvien', active: true });
    const refused = await run('user', 'unlock', 'admin', '--as', 'chuyenvien');
    expect({ code: refused.code, error: (JSON.parse(refused.stdout) as { error: { code: string } }).error.code }).toEqual({ code: 1, error: 'E_FORBIDDEN' });
    const unknown = await run('user', 'unlock', 'khongco', '--as', 'admin');
    expect({ code: unknown.code, error: (JSON.parse(unknown.stdout) as { error: { code: string } }).error.code }).toEqual({ code: 1, error: 'E_NOT_FOUND' });
  });
});
