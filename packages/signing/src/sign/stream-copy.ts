import type { Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

/**
 * Copies a file into an open handle chunk by chunk, feeding every chunk to the given hashes on the way: one read of
 * the input, memory bounded by the chunk size whatever the file size (DESIGN.md §2.5).
 */
export async function copyWhileHashing(inputPath: string, out: FileHandle, hashes: readonly Hash[], expectedLength: number): Promise<number> {
  let copied = 0;
  const stream = createReadStream(inputPath, { highWaterMark: 1 << 20, end: expectedLength - 1 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    for (const h of hashes) h.update(chunk);
    let written = 0;
    while (written < chunk.length) {
      const { bytesWritten } = await out.write(chunk, written, chunk.length - written, copied + written);
      written += bytesWritten;
    }
    copied += chunk.length;
  }
  return copied;
}
