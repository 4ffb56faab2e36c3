import { randomBytes } from 'node:crypto';
import { copyFileSync, openSync, closeSync, writeSync, fsyncSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { SigningError } from '../signing-error.js';
import type { BuiltUpdate } from './incremental-writer.js';
import { assertOutputPath } from './output-path.js';

/** A temp path next to `target`, so that the final rename stays on one file system. */
export function tempPathFor(target: string): string {
  return path.join(path.dirname(path.resolve(target)), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Writes original + update to `outputPath` through a temp file and a rename: a reader never sees a half-written file.
 * The original bytes are copied by the kernel (copyFileSync), not read into memory.
 */
export function writeUpdatedFile(inputPath: string, outputPath: string, update: BuiltUpdate): void {
  assertOutputPath(outputPath);
  const temp = tempPathFor(outputPath);
  try {
    copyFileSync(inputPath, temp);
    const fd = openSync(temp, 'a');
    try {
      writeSync(fd, update.bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, outputPath);
  } catch (cause) {
    rmSync(temp, { force: true });
    if (cause instanceof SigningError) throw cause;
    throw new SigningError('IO_ERROR', `Không ghi được tệp / cannot write file: ${outputPath}`, { cause });
  }
}
