import { createHash } from 'node:crypto';
import type { ByteSource } from '../../pdf/byte-source.js';
import type { CheckedByteRange } from './signature-dictionary-checks.js';
import type { DigestName } from '../cms/signature-algorithms.js';

const CHUNK = 1024 * 1024;
// The one buffer a file's chunks are copied into, for every digest on this thread (a digest runs to its end without
// yielding, so two never share it): one made per digest was a megabyte of new memory per signature for the GC.
let chunkBuffer: Uint8Array | undefined;

/**
 * Hashes the two signed ranges in chunks, so memory does not grow with the file; one result per algorithm. Bytes
 * already in memory are hashed where they are, a file's through the one chunk buffer.
 */
export function byteRangeDigester(source: ByteSource, range: CheckedByteRange): (digest: DigestName) => Uint8Array {
  const cache = new Map<DigestName, Uint8Array>();
  return (digest) => {
    const cached = cache.get(digest);
    if (cached) return cached;
    const hash = createHash(digest);
    const buffer = (chunkBuffer ??= new Uint8Array(CHUNK));
    for (const [start, length] of [
      [range.start1, range.length1],
      [range.start2, range.length2],
    ] as const) {
      for (let offset = start; offset < start + length; offset += CHUNK) {
        const wanted = Math.min(CHUNK, start + length - offset);
        const piece = source.view ? source.view(offset, wanted) : buffer.subarray(0, source.readInto(buffer.subarray(0, wanted), offset));
        const got = piece.length;
        hash.update(piece);
        if (got < wanted) break; // the file ends inside the range: the digest then cannot match
      }
    }
    const result = new Uint8Array(hash.digest());
    cache.set(digest, result);
    return result;
  };
}
