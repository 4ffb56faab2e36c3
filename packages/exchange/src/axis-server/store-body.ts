import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sdkHex } from '../axis/header-signature.js';

/**
 * Streams the body to a private temporary file; the SDK's trailing CRLF is not part of the message. The hash is taken
 * as the body streams by, its last two bytes held back until the end shows whether they are that CRLF (reading the
 * stored file again to hash it cost a second pass over every message).
 */
export async function storeBody(req: Readable, dir: string, limit: number): Promise<{ path: string; size: number; sha256: string; sdkHash: string } | null> {
  const path = join(dir, `incoming-${randomUUID()}`);
  const hash = createHash('sha256');
  let held = Buffer.alloc(0);
  let size = 0;
  let tooLarge = false;
  await pipeline(
    req,
    new Transform({
      transform(chunk: Buffer, _e, done) {
        size += chunk.length;
        if (size > limit) {
          tooLarge = true;
          done();
          return;
        }
        // Only a chunk shorter than two bytes is joined to what is held (no copy of the others).
        const seen = chunk.length >= 2 ? chunk : Buffer.concat([held, chunk]);
        if (seen === chunk) hash.update(held);
        const cut = Math.max(0, seen.length - 2);
        hash.update(seen.subarray(0, cut));
        held = Buffer.from(seen.subarray(cut));
        done(null, chunk);
      },
    }),
    createWriteStream(path, { mode: 0o600 }),
  );
  if (tooLarge) {
    await rm(path, { force: true });
    return null;
  }
  // Drop a trailing CRLF (the SDK appends one) so the stored message is the file that was sent.
  const file = await open(path, 'r+');
  try {
    if (held.toString('latin1') === '\r\n') {
      size -= 2;
      await file.truncate(size);
    } else {
      hash.update(held);
    }
    await file.sync();
  } finally {
    await file.close();
  }
  const digest = hash.digest();
  return { path, size, sha256: digest.toString('hex'), sdkHash: sdkHex(digest) };
}
