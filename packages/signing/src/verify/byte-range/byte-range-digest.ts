import { createHash, type Hash } from 'node:crypto';
import type { ByteSource } from '../../pdf/byte-source.js';
import type { CheckedByteRange } from './signature-dictionary-checks.js';
import type { DigestName } from '../cms/signature-algorithms.js';

const CHUNK = 1024 * 1024;
// The one buffer a file's chunks are copied into, for every digest on this thread (a digest runs to its end without
// yielding, so two never share it): one made per digest was a megabyte of new memory per signature for the GC.
let chunkBuffer: Uint8Array | undefined;

/**
 * Per source and algorithm, the hash of its first bytes as far as a signature's first range has reached. Every
 * signature's first range starts at byte 0, and a later signature's covers an earlier one's (its revision came after),
 * so the bytes they share are hashed once and each digest goes on from a copy: a document signed by its leader and
 * sealed by its clerk had its first revision hashed twice.
 */
const prefixes = new WeakMap<ByteSource, Map<DigestName, { readonly hash: Hash; at: number }>>();

/**
 * Hashes the two signed ranges in chunks, so memory does not grow with the file; one result per algorithm. Bytes
 * already in memory are hashed where they are, a file's through the one chunk buffer.
 */
export function byteRangeDigester(source: ByteSource, range: CheckedByteRange): (digest: DigestName) => Uint8Array {
  const cache = new Map<DigestName, Uint8Array>();
  return (digest) => {
    const cached = cache.get(digest);
    if (cached) return cached;
    let hash: Hash;
    if (range.start1 === 0) {
      hash = prefixHash(source, digest, range.length1);
    } else {
      hash = createHash(digest);
      hashBytes(hash, source, range.start1, range.length1);
    }
    hashBytes(hash, source, range.start2, range.length2);
    const result = new Uint8Array(hash.digest());
    cache.set(digest, result);
    return result;
  };
}

/** A copy of the source's running hash once it has taken bytes [0, length); a range shorter than it had starts anew. */
function prefixHash(source: ByteSource, digest: DigestName, length: number): Hash {
  let byDigest = prefixes.get(source);
  if (!byDigest) prefixes.set(source, (byDigest = new Map()));
  let running = byDigest.get(digest);
  if (!running || running.at > length) {
    running = { hash: createHash(digest), at: 0 };
    byDigest.set(digest, running);
  }
  // Where the file ends inside the range, `at` stays there: the digest then cannot match, whoever asks.
  running.at += hashBytes(running.hash, source, running.at, length - running.at);
  return running.hash.copy();
}

/** Feeds bytes [start, start + length) of the source to `hash`, as far as the source reaches; returns how many. */
function hashBytes(hash: Hash, source: ByteSource, start: number, length: number): number {
  let done = 0;
  for (let offset = start; offset < start + length; offset += CHUNK) {
    const wanted = Math.min(CHUNK, start + length - offset);
    let piece: Uint8Array;
    if (source.view) {
      piece = source.view(offset, wanted);
    } else {
      const buffer = (chunkBuffer ??= new Uint8Array(CHUNK));
      piece = buffer.subarray(0, source.readInto(buffer.subarray(0, wanted), offset));
    }
    hash.update(piece);
    done += piece.length;
    if (piece.length < wanted) break; // the file ends inside the range: the digest then cannot match
  }
  return done;
}
