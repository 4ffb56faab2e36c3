import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runEoffice } from './run-eoffice.js';

describe('eoffice info', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
  const newDataDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'eoffice-cli-'));
    dirs.push(dir);
    return join(dir, 'not-yet-created');
  };

  it('creates and migrates the store in a new folder and prints system info as JSON', async () => {
    const dataDir = await newDataDir();
    const run = await runEoffice(['info', '--data-dir', dataDir, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const info = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(info).toMatchObject({ dataDir, databasePath: join(dataDir, 'eoffice.sqlite') });
    expect(info.schemaVersion).toEqual(expect.any(Number));
    expect(existsSync(join(dataDir, 'eoffice.sqlite'))).toBe(true);
    expect(existsSync(join(dataDir, 'logs'))).toBe(true);
  });

  it('answers without --as (version, schema, data folder, no counts) and counts for a named user only what they may see', async () => {
    const dataDir = await newDataDir();
    const anonymous = JSON.parse((await runEoffice(['info', '--data-dir', dataDir, '--json'])).stdout) as Record<string, unknown>;
    expect(anonymous).toMatchObject({ dataDir, documentCounts: null });
    expect(anonymous.version).toEqual(expect.any(String));
    for (const args of [['user', 'add', 'admin', '--role', 'admin'], ['user', 'add', 'chuyenvien', '--role', 'specialist', '--as', 'admin']]) {
      expect((await runEoffice([...args, '--data-dir', dataDir])).code).toBe(0);
    }
    const counted = JSON.parse((await runEoffice(['info', '--data-dir', dataDir, '--json', '--as', 'chuyenvien'])).stdout) as Record<string, unknown>;
    expect(counted).toMatchObject({ dataDir, documentCounts: { incoming: 0, outgoing: 0, internal: 0, total: 0 } });
    const unknown = await runEoffice(['info', '--data-dir', dataDir, '--json', '--as', 'nobody']);
    expect({ code: unknown.code, error: (JSON.parse(unknown.stdout) as { error: { code: string } }).error.code }).toEqual({ code: 1, error: 'E_UNAUTHORIZED' });
  });

  it('prints a Vietnamese summary without --json', async () => {
    const run = await runEoffice(['info', '--data-dir', await newDataDir()]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Phiên bản lược đồ');
  });

  it('exits 2 with one clear line for a bad flag, and JSON on stdout with --json', async () => {
    const run = await runEoffice(['info', '--bogus']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^E_USAGE: .*--bogus/);
    const json = await runEoffice(['info', '--bogus', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'E_USAGE' } });
  });

  it('exits 2 for an unknown command and lists the commands with --help', async () => {
    const unknown = await runEoffice(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^E_USAGE: /);
    const help = await runEoffice(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^\s+info\s+/m);
  });

  it('refuses a --data-dir that is not a folder with one clear line, quickly (a path under /proc hung)', async () => {
    const dir = await newDataDir();
    const parent = join(dir, '..');
    const file = join(parent, 'a-file');
    await writeFile(file, 'not a folder');
    for (const dataDir of ['/proc/eoffice-data', file, join(file, 'below')]) {
      const run = await runEoffice(['info', '--data-dir', dataDir, '--json']);
      expect({ dataDir, code: run.code }).toEqual({ dataDir, code: 2 });
      expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'E_DATA_DIR_INVALID' } });
      expect(run.stdout).toContain(dataDir);
    }
    expect(existsSync('/proc/eoffice-data')).toBe(false);
  }, 30_000);
});
