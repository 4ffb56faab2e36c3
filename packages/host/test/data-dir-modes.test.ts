import { execFileSync } from 'node:child_process';
import { chmod, lstat, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '@eoffice/docs-core';
import { composeServices, type ComposedServices } from '../src/compose-services.js';
import { workDirOf } from '../src/work-dir.js';
import { useTempDir } from './temp-dir.js';

/** Every entry under a folder, the folder included, with its permission bits. */
async function modesUnder(root: string): Promise<Map<string, { mode: number; directory: boolean }>> {
  const found = new Map<string, { mode: number; directory: boolean }>();
  const visit = async (path: string): Promise<void> => {
    const info = await lstat(path);
    found.set(relative(root, path) || '.', { mode: info.mode & 0o777, directory: info.isDirectory() });
    if (info.isDirectory()) for (const name of await readdir(path)) await visit(join(path, name));
  };
  await visit(root);
  return found;
}

/** Whether `nobody` (another OS user, no groups) can read a file: CI and the development machines run as root. */
function readableByAnotherUser(path: string): boolean {
  try {
    execFileSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'cat', path], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const isRoot = process.platform !== 'win32' && process.getuid?.() === 0;

describe('the data folder is the owner’s (ARCHITECTURE.md, invariant 10)', () => {
  const tempDir = useTempDir();

  /**
   * A data folder under a parent any user may enter, as a home folder is on many systems: only the data folder's own
   * modes then stand between another user and the files. Holds a database with its -wal/-shm, a blob, a log line and
   * tmp/.
   */
  async function usedDataFolder(): Promise<{ dataDir: string; services: ComposedServices }> {
    const parent = await tempDir();
    await chmod(parent, 0o755);
    const dataDir = join(parent, 'data');
    const services = await composeServices({ dataDir });
    await services.store.blobs.put(Buffer.from('%PDF-1.7 trích yếu văn bản mật'));
    await services.dispatch('users.setupFirstAdmin', { username: 'quantri', fullName: 'Quản trị', password: 'mat-khau-dai' }, {
      sessionToken: null,
      actingUsername: null,
      face: 'test',
    });
    services.logger.info('a line in the log');
    services.logger.flush();
    return { dataDir, services };
  }

  it('creates the folder and every folder in it 0700, every file 0600', async () => {
    const { dataDir, services } = await usedDataFolder();
    try {
      const modes = await modesUnder(dataDir);
      for (const name of [DATABASE_FILE_NAME, `${DATABASE_FILE_NAME}-wal`, `${DATABASE_FILE_NAME}-shm`, 'logs/eoffice.log', 'tmp']) {
        expect(modes.has(name), name).toBe(true);
      }
      expect([...modes.keys()].some((name) => name.startsWith('blobs/') && modes.get(name)?.directory === false)).toBe(true);
      const wrong = [...modes].filter(([, { mode, directory }]) => mode !== (directory ? 0o700 : 0o600));
      expect(wrong.map(([name, { mode }]) => `${name} ${mode.toString(8)}`)).toEqual([]);
    } finally {
      await services.close();
    }
  });

  it('keeps the modes whatever the process umask', async () => {
    const before = process.umask(0);
    try {
      const { dataDir, services } = await usedDataFolder();
      // While open: SQLite's -wal and -shm are there, and are removed at close.
      const modes = await modesUnder(dataDir);
      await services.close();
      expect(modes.has(`${DATABASE_FILE_NAME}-wal`) && modes.has(`${DATABASE_FILE_NAME}-shm`)).toBe(true);
      const wrong = [...modes].filter(([, { mode, directory }]) => mode !== (directory ? 0o700 : 0o600));
      expect(wrong.map(([name, { mode }]) => `${name} ${mode.toString(8)}`)).toEqual([]);
    } finally {
      process.umask(before);
    }
  });

  it.skipIf(!isRoot)('another OS user reads none of its files', async () => {
    const { dataDir, services } = await usedDataFolder();
    try {
      // The check itself works: the same user reads a file the owner left open to everyone beside the data folder.
      const control = join(dataDir, '..', 'readable.txt');
      await writeFile(control, 'for everyone', { mode: 0o644 });
      await chmod(control, 0o644);
      expect(readableByAnotherUser(control)).toBe(true);

      const files = [...(await modesUnder(dataDir))].filter(([, { directory }]) => !directory).map(([name]) => name);
      expect(files.length).toBeGreaterThanOrEqual(5);
      expect(files.filter((name) => readableByAnotherUser(join(dataDir, name)))).toEqual([]);
    } finally {
      await services.close();
    }
  });

  it('narrows wider modes left by an earlier version at start, with a log line', async () => {
    const { dataDir, services } = await usedDataFolder();
    await services.close();
    // As an earlier version (or a copy made by hand) left them.
    const blobs = [...(await modesUnder(dataDir)).keys()].filter((name) => name.startsWith('blobs/') && name !== 'blobs/tmp');
    expect(blobs).toHaveLength(3); // two levels of folders, one file
    const widened = ['.', 'blobs', 'blobs/tmp', ...blobs, 'logs', DATABASE_FILE_NAME, 'logs/eoffice.log'];
    await mkdir(join(dataDir, 'exports'), { mode: 0o755 });
    await writeFile(join(dataDir, 'exports', 'so-van-ban-den-2026.pdf'), 'printout', { mode: 0o644 });
    widened.push('exports', 'exports/so-van-ban-den-2026.pdf');
    for (const name of widened) {
      const path = join(dataDir, name);
      await chmod(path, (await lstat(path)).isDirectory() ? 0o755 : 0o644);
    }
    await chmod(workDirOf(dataDir), 0o777);
    await mkdir(join(dataDir, 'trust'), { mode: 0o777 });
    await chmod(join(dataDir, 'trust'), 0o777);
    widened.push('tmp', 'trust');

    const reopened = await composeServices({ dataDir });
    await reopened.close();
    const modes = await modesUnder(dataDir);
    const wrong = [...modes].filter(([, { mode, directory }]) => mode !== (directory ? 0o700 : 0o600));
    expect(wrong.map(([name, { mode }]) => `${name} ${mode.toString(8)}`)).toEqual([]);

    const lines = (await readFile(join(dataDir, 'logs', 'eoffice.log'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const repair = lines.find((line) => typeof line.repaired === 'number');
    expect(repair, 'a log line about the repair').toBeDefined();
    expect((repair!.first as Array<{ path: string }>).map((r) => r.path).sort()).toEqual([...widened].sort());
    expect(repair!.repaired).toBe(widened.length);
    expect(repair!.level).toBe(40);
  });
});
