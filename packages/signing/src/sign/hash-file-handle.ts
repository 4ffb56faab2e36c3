import type { Hash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';

const CHUNK = 1 << 20;

/**
 * Feeds the first `length` bytes of an open file to the given hashes, 1 MiB at a time (memory bounded whatever the
 * size). Returns how many bytes there were (less than `length` if the file is shorter).
 */
export async function hashFileHandle(file: FileHandle, hashes: readonly Hash[], length: number): Promise<number> {
  const buffer = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(1, length)));
  let position = 0;
  while (position < length) {
    const { bytesRead } = await file.read(buffer, 0, Math.min(buffer.length, length - position), position);
    if (bytesRead === 0) break;
    const chunk = buffer.subarray(0, bytesRead);
    for (const h of hashes) h.update(chunk);
    position += bytesRead;
  }
  return position;
}
