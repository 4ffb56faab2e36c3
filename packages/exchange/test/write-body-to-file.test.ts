import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WRITE_PIECE, writeBodyToFile } from '../src/axis/write-body-to-file.js';
import { useWorkDir } from './work-dir.js';

const work = useWorkDir();
const KB = 1024;

/** A body in these pieces, each after a turn of the event loop (as a socket hands them over). */
async function* body(pieces: readonly Buffer[], failAfter?: number): AsyncGenerator<Buffer> {
  for (const [index, piece] of pieces.entries()) {
    if (index === failAfter) throw new Error('connection reset');
    await sleep(0);
    yield piece;
  }
}

/** `bytes` cut into pieces of `size` (the last one shorter). */
function cut(bytes: Buffer, size: number): Buffer[] {
  const pieces: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.subarray(at, at + size));
  return pieces;
}

async function fileHandlePrototype(dir: string): Promise<{ write: (...args: never[]) => unknown }> {
  const handle = await open(join(dir, 'probe'), 'w');
  await handle.close();
  return Object.getPrototypeOf(handle) as { write: (...args: never[]) => unknown };
}

afterEach(() => vi.restoreAllMocks());

describe('a downloaded body is written to its file in large writes (write-body-to-file.ts)', () => {
  const shapes: ReadonlyArray<readonly [string, number, number]> = [
    ['nothing', 0, 64 * KB],
    ['one small piece', 10, 64 * KB],
    ['socket-sized pieces over several writes', 2 * WRITE_PIECE + 3, 64 * KB],
    ['pieces that do not divide the write size', WRITE_PIECE + 5000, 7 * KB + 1],
    ['one piece larger than a write', 3 * WRITE_PIECE + 1, 3 * WRITE_PIECE + 1],
    ['exactly one write', WRITE_PIECE, 64 * KB],
  ];
  for (const [name, size, pieceSize] of shapes) {
    it(`${name}: the file holds the body's bytes in order, owner-only`, async () => {
      const dir = work();
      const bytes = randomBytes(size);
      const path = join(dir, 'message.edxml');
      expect(await writeBodyToFile(body(cut(bytes, pieceSize)), path)).toBe(size);
      expect(readFileSync(path).equals(bytes)).toBe(true);
      expect(statSync(path).mode & 0o777).toBe(0o600);
    });
  }

  it('a body of 64 KB pieces costs one write per WRITE_PIECE bytes, not one per piece', async () => {
    const dir = work();
    const write = vi.spyOn(await fileHandlePrototype(dir), 'write');
    const bytes = randomBytes(2 * WRITE_PIECE + 100);
    await writeBodyToFile(body(cut(bytes, 64 * KB)), join(dir, 'message.edxml'));
    expect(write).toHaveBeenCalledTimes(3);
  });

  it('bodies written at the same time do not mix (each has its own piece while it is written)', async () => {
    const dir = work();
    const first = randomBytes(WRITE_PIECE + 70 * KB);
    const second = randomBytes(WRITE_PIECE + 90 * KB);
    await Promise.all([
      writeBodyToFile(body(cut(first, 50 * KB)), join(dir, 'first')),
      writeBodyToFile(body(cut(second, 30 * KB)), join(dir, 'second')),
    ]);
    expect(readFileSync(join(dir, 'first')).equals(first)).toBe(true);
    expect(readFileSync(join(dir, 'second')).equals(second)).toBe(true);
  });

  it("a body that fails midway fails the write; the next body is written whole", async () => {
    const dir = work();
    const bytes = randomBytes(WRITE_PIECE / 2);
    await expect(writeBodyToFile(body(cut(bytes, 64 * KB), 3), join(dir, 'broken'))).rejects.toThrow('connection reset');
    const next = randomBytes(100 * KB);
    await writeBodyToFile(body(cut(next, 64 * KB)), join(dir, 'next'));
    expect(readFileSync(join(dir, 'next')).equals(next)).toBe(true);
  });
});
