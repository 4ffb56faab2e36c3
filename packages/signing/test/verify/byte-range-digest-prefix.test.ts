import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileByteSource } from '../../src/pdf/byte-source.js';
import { byteRangeDigester } from '../../src/verify/byte-range/byte-range-digest.js';
import type { CheckedByteRange } from '../../src/verify/byte-range/signature-dictionary-checks.js';
import { ByteSourceProbe } from '../helpers/byte-source-probe.js';
import { useTempDir } from '../helpers/temp-dir.js';

// Two signatures as a leader's and a clerk's lie in one file: each signs from byte 0 to its gap, then after it.
const MB = 1024 * 1024;
const bytes = randomBytes(3 * MB);
const first = range(0, MB, MB + 100, MB / 2);
const second = range(0, 2.5 * MB, 2.5 * MB + 100, MB / 2 - 100);
const tempDir = useTempDir('eoffice-digest-prefix-');

function range(start1: number, length1: number, start2: number, length2: number): CheckedByteRange {
  return { start1, length1, start2, length2, end: start2 + length2 };
}

/** The digest computed here from the cut-out bytes (node's hash over one concatenation, not the digester's pieces). */
function expected(of: CheckedByteRange, digest: 'sha256' | 'sha512' = 'sha256'): string {
  const signed = Buffer.concat([bytes.subarray(of.start1, of.start1 + of.length1), bytes.subarray(of.start2, of.start2 + of.length2)]);
  return createHash(digest).update(signed).digest('hex');
}

const hex = (digest: Uint8Array) => Buffer.from(digest).toString('hex');

describe('the signatures of one file hash the bytes their first ranges share once (byte-range-digest.ts)', () => {
  it('in document order: each digest is right, and the shared first revision is read once', () => {
    const probe = new ByteSourceProbe(bytes);
    expect(hex(byteRangeDigester(probe, first)('sha256'))).toBe(expected(first));
    expect(hex(byteRangeDigester(probe, second)('sha256'))).toBe(expected(second));
    // 2.5 MB of shared prefix once, then each tail: not 1 + 0.5 + 2.5 + 0.5 MB.
    expect(probe.bytesReadInto).toBe(2.5 * MB + first.length2 + second.length2);
  });

  it('in reverse order, with a second algorithm, and for a range that does not start at byte 0: each digest is right', () => {
    const probe = new ByteSourceProbe(bytes);
    const third = range(10, MB, 2 * MB, 100);
    for (const digest of ['sha256', 'sha512'] as const) {
      expect(hex(byteRangeDigester(probe, second)(digest))).toBe(expected(second, digest));
      expect(hex(byteRangeDigester(probe, first)(digest))).toBe(expected(first, digest));
      expect(hex(byteRangeDigester(probe, third)(digest))).toBe(expected(third, digest));
      expect(hex(byteRangeDigester(probe, second)(digest))).toBe(expected(second, digest));
    }
  });

  it('a range that runs past the end of the file hashes what is there, from memory and from a file alike', () => {
    const file = path.join(tempDir(), 'cut.pdf');
    writeFileSync(file, bytes.subarray(0, 2 * MB));
    const fromFile = new FileByteSource(file);
    try {
      const cutShort = new ByteSourceProbe(bytes.subarray(0, 2 * MB));
      const available = createHash('sha256').update(bytes.subarray(0, 2 * MB)).digest('hex');
      expect(hex(byteRangeDigester(cutShort, first)('sha256'))).toBe(expected(first));
      expect(hex(byteRangeDigester(cutShort, second)('sha256'))).toBe(available);
      expect(hex(byteRangeDigester(fromFile, first)('sha256'))).toBe(expected(first));
      expect(hex(byteRangeDigester(fromFile, second)('sha256'))).toBe(available);
    } finally {
      fromFile.close();
    }
  });
});
