import { open, type FileHandle } from 'node:fs/promises';

/** Bytes gathered before one write. */
export const WRITE_PIECE = 1024 * 1024;
// Pieces kept for the next body: a receiver downloads a few messages at once (its look-ahead), and a buffer of this
// size made anew for each would be external memory the GC is pressed to reclaim (tried on the axis's reads: its GC
// time doubled).
const KEPT_PIECES = 4;
const kept: Buffer[] = [];

/**
 * Writes a body to a new file (0600) in writes of up to WRITE_PIECE bytes, and returns its size. A socket hands a body
 * over in pieces of at most 64 KB: written as they came (a WriteStream), a 1.4 MB message took 23 writes, each a trip
 * through the thread pool whose cost (~60 µs on the 2-core test machine) falls on the main thread, the receiver's
 * limit. Memory stays one piece whatever the body's size. On an error of the body the file is left for the caller.
 */
export async function writeBodyToFile(body: AsyncIterable<Uint8Array>, path: string): Promise<number> {
  const file = await open(path, 'w', 0o600);
  const piece = kept.pop() ?? Buffer.allocUnsafeSlow(WRITE_PIECE);
  let filled = 0;
  let size = 0;
  try {
    for await (const chunk of body) {
      size += chunk.length;
      for (let from = 0; from < chunk.length; ) {
        const taken = Math.min(chunk.length - from, piece.length - filled);
        piece.set(chunk.subarray(from, from + taken), filled);
        filled += taken;
        from += taken;
        if (filled === piece.length) {
          await writeWhole(file, piece.subarray(0, filled));
          filled = 0;
        }
      }
    }
    if (filled > 0) await writeWhole(file, piece.subarray(0, filled));
    return size;
  } finally {
    await file.close();
    if (kept.length < KEPT_PIECES) kept.push(piece);
  }
}

/** A write may take fewer bytes than it was given (a full disk, a signal): the rest is written after. */
async function writeWhole(file: FileHandle, bytes: Uint8Array): Promise<void> {
  for (let done = 0; done < bytes.length; ) {
    const { bytesWritten } = await file.write(bytes, done, bytes.length - done);
    if (bytesWritten === 0) throw new Error('write made no progress');
    done += bytesWritten;
  }
}
