import { createHash } from 'node:crypto';
import { readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BlobStore } from '../src/store/blob-store.js';
import { useTempDir } from './helpers.js';

describe('BlobStore', () => {
  const tempDir = useTempDir();

  it('names content by its sha256 and reads it back verified', async () => {
    const blobs = new BlobStore(join(await tempDir(), 'blobs'));
    const content = Buffer.from('Công văn số 45/UBND-VP');
    const stored = await blobs.put(content);
    expect(stored.sha256).toBe(createHash('sha256').update(content).digest('hex'));
    expect(stored.size).toBe(content.length);
    expect(await blobs.get(stored.sha256)).toEqual(content);
  });

  it.skipIf(process.platform === 'win32')('makes its folders 0700 and its files 0600, whatever the umask', async () => {
    const root = join(await tempDir(), 'blobs');
    const umask = process.umask(0);
    try {
      const blobs = new BlobStore(root);
      const { sha256 } = await blobs.put(Buffer.from('Văn bản mật'));
      const mode = async (path: string) => ((await stat(path)).mode & 0o777).toString(8);
      const file = blobs.pathOf(sha256);
      expect([await mode(root), await mode(join(root, 'tmp')), await mode(join(file, '..', '..')), await mode(join(file, '..'))]).toEqual([
        '700',
        '700',
        '700',
        '700',
      ]);
      expect(await mode(file)).toBe('600');
    } finally {
      process.umask(umask);
    }
  });

  it('stores the same content from concurrent writers once, complete, with no temp files left', async () => {
    const blobs = new BlobStore(join(await tempDir(), 'blobs'));
    const content = Buffer.alloc(2 * 1024 * 1024, 7);
    const results = await Promise.all(Array.from({ length: 8 }, () => blobs.put(content)));
    expect(new Set(results.map((r) => r.sha256)).size).toBe(1);
    expect(await blobs.get(results[0]!.sha256)).toEqual(content);
    expect(await readdir(join(blobs.root, 'tmp'))).toEqual([]);
  });

  it('refuses to return bytes that no longer match their name', async () => {
    const blobs = new BlobStore(join(await tempDir(), 'blobs'));
    const stored = await blobs.put(Buffer.from('original'));
    await writeFile(blobs.pathOf(stored.sha256), 'tampered');
    await expect(blobs.get(stored.sha256)).rejects.toMatchObject({ code: 'E_BLOB_CORRUPT' });
  });

  it('reports a missing blob as not found and a malformed name as invalid input', async () => {
    const blobs = new BlobStore(join(await tempDir(), 'blobs'));
    await expect(blobs.get('0'.repeat(64))).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    expect(() => blobs.pathOf('../etc/passwd')).toThrow(/invalid sha256/);
  });
});
