import { appendFile, readFile, rename, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileAuditAnchorStore } from '../src/audit/index.js';
import { useTempDir } from './helpers.js';

// The anchor file's object keeps the newest anchor it read or wrote and answers `last()` from it while the file is
// unchanged (size, times, inode). These are the changes it must notice: another process's append, a file replaced
// by a rename, a same-length rewrite in place, a torn line left by another writer.
const tempDir = useTempDir();
const hash = (digit: string) => digit.repeat(64);

async function twoOnOneFile(): Promise<{ path: string; a: FileAuditAnchorStore; b: FileAuditAnchorStore }> {
  const path = join(await tempDir(), 'store.sqlite.audit-anchors');
  const a = new FileAuditAnchorStore(path);
  await a.create(1, null);
  return { path, a, b: new FileAuditAnchorStore(path) };
}

describe('the anchor file read from memory while it is unchanged', () => {
  it("another process's appends are seen, each way; no anchor is written twice", async () => {
    const { path, a, b } = await twoOnOneFile();
    expect(await a.last()).toBeNull();
    await a.append([{ id: 1, hash: hash('1') }]);
    expect(await a.last()).toEqual({ id: 1, hash: hash('1') });
    expect(await b.last()).toEqual({ id: 1, hash: hash('1') });
    await b.append([{ id: 2, hash: hash('2') }]);
    expect(await a.last()).toEqual({ id: 2, hash: hash('2') });
    await a.append([{ id: 3, hash: hash('3') }]);
    expect(await b.last()).toEqual({ id: 3, hash: hash('3') });
    expect((await a.read())?.anchors.map((x) => x.id)).toEqual([1, 2, 3]);
    expect((await readFile(path, 'utf8')).split('\n').filter((l) => l !== '')).toHaveLength(4);
  });

  it('a file replaced by a rename with the same length is read again', async () => {
    const { path, a } = await twoOnOneFile();
    await a.append([{ id: 1, hash: hash('1') }]);
    expect(await a.last()).toEqual({ id: 1, hash: hash('1') });
    const forged = (await readFile(path, 'utf8')).replace(hash('1'), hash('9'));
    await writeFile(`${path}.new`, forged);
    await rename(`${path}.new`, path);
    expect(await a.last()).toEqual({ id: 1, hash: hash('9') });
  });

  it('a same-length rewrite in place is read again once its times differ', async () => {
    const { path, a } = await twoOnOneFile();
    await a.append([{ id: 1, hash: hash('1') }]);
    expect(await a.last()).toEqual({ id: 1, hash: hash('1') });
    const { atime, mtime } = await stat(path);
    await writeFile(path, (await readFile(path, 'utf8')).replace(hash('1'), hash('8')));
    // As an editor leaves it, a moment later: an mtime other than the append's (set here, not waited for).
    await utimes(path, atime, new Date(mtime.getTime() - 60_000));
    expect(await a.last()).toEqual({ id: 1, hash: hash('8') });
  });

  it("a torn line left by another writer: the next append starts on a fresh line", async () => {
    const { path, a } = await twoOnOneFile();
    await a.append([{ id: 1, hash: hash('1') }]);
    expect(await a.last()).toEqual({ id: 1, hash: hash('1') });
    await appendFile(path, `2 ${hash('2').slice(0, 20)}`);
    await a.append([{ id: 2, hash: hash('2') }]);
    expect(await a.last()).toEqual({ id: 2, hash: hash('2') });
    expect((await a.read())?.anchors).toEqual([{ id: 1, hash: hash('1') }, { id: 2, hash: hash('2') }]);
  });
});
