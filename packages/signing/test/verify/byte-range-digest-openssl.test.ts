import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileByteSource, MemoryByteSource } from '../../src/pdf/byte-source.js';
import { byteRangeDigester } from '../../src/verify/byte-range/byte-range-digest.js';
import { run } from '../helpers/system-tools.js';
import { useTempDir } from '../helpers/temp-dir.js';

/**
 * The signed ranges' digest, read in 1 MiB chunks (issue 15), against `openssl dgst` over the same bytes cut out by
 * hand: ranges shorter than a chunk, exactly one chunk, and crossing chunk boundaries at odd offsets, from memory
 * and from a file; a range running past the end of the file hashes only the bytes there are.
 */
const tempDir = useTempDir('byte-range-digest-');
const MiB = 1024 * 1024;

function opensslDigest(bytes: Uint8Array, digest: string): string {
  const file = path.join(tempDir(), `part-${digest}-${bytes.length}.bin`);
  writeFileSync(file, bytes);
  const r = run('openssl', ['dgst', `-${digest}`, '-r', file]);
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split(' ')[0]!;
}

describe('byteRangeDigester', () => {
  const content = randomBytes(3 * MiB + 12_345);
  const file = path.join(tempDir(), 'content.bin');
  writeFileSync(file, content);

  const ranges = [
    { name: 'two short ranges', start1: 0, length1: 100, start2: 300, length2: 50 },
    { name: 'exactly one chunk, then one byte', start1: 0, length1: MiB, start2: MiB + 10, length2: 1 },
    { name: 'crossing chunk boundaries at odd offsets', start1: 7, length1: MiB + 3, start2: MiB + 20_000, length2: 2 * MiB - 7_000 },
    { name: 'to the last byte of the file', start1: 0, length1: 10, start2: 2 * MiB, length2: content.length - 2 * MiB },
  ];

  for (const { name, ...r } of ranges) {
    it(`${name}: the same SHA-256 and SHA-512 as openssl over the cut-out bytes, from memory and from a file`, () => {
      const range = { ...r, end: r.start2 + r.length2 };
      const signed = Buffer.concat([content.subarray(r.start1, r.start1 + r.length1), content.subarray(r.start2, r.start2 + r.length2)]);
      const fromFile = new FileByteSource(file);
      try {
        for (const source of [new MemoryByteSource(content), fromFile]) {
          const digester = byteRangeDigester(source, range);
          expect(Buffer.from(digester('sha256')).toString('hex')).toBe(opensslDigest(signed, 'sha256'));
          expect(Buffer.from(digester('sha512')).toString('hex')).toBe(opensslDigest(signed, 'sha512'));
          // Asked again, the same answer, kept: the very array computed first, not a second pass over the file.
          expect(Buffer.from(digester('sha256')).toString('hex')).toBe(opensslDigest(signed, 'sha256'));
          expect(digester('sha256')).toBe(digester('sha256'));
        }
      } finally {
        fromFile.close();
      }
    });
  }

  it('a range running past the end of the file hashes the bytes there are, so it cannot match the full range', () => {
    const short = content.subarray(0, MiB + 500);
    const range = { start1: 0, length1: 10, start2: MiB - 100, length2: 2 * MiB, end: 3 * MiB - 100 };
    const present = Buffer.concat([short.subarray(0, 10), short.subarray(MiB - 100)]);
    const digester = byteRangeDigester(new MemoryByteSource(short), range);
    expect(Buffer.from(digester('sha256')).toString('hex')).toBe(opensslDigest(present, 'sha256'));
  });
});
