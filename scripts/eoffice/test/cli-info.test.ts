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
