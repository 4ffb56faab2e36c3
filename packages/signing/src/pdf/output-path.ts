import { statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { SigningError } from '../signing-error.js';

/**
 * Refuses an output that the final rename would wrongly replace or that cannot be written at all: an existing path
 * that is not a regular file (run as root, renaming onto /dev/full replaced the device; a FIFO or a folder is no
 * better) and a folder that does not exist. Called before any work, so nothing is signed or asked for in vain.
 */
export function assertOutputPath(target: string): void {
  const resolved = path.resolve(target);
  const existing = statOrUndefined(resolved);
  if (existing && !existing.isFile()) {
    throw new SigningError('OUTPUT_INVALID', `Tệp đích không phải tệp thường / the output exists and is not a regular file: ${resolved}`);
  }
  const folder = path.dirname(resolved);
  if (!statOrUndefined(folder)?.isDirectory()) {
    throw new SigningError('OUTPUT_INVALID', `Thư mục đích không tồn tại / the output's folder does not exist: ${folder}`);
  }
}

/** Missing, or not reachable (ENOTDIR: a path through a regular file): either way there is nothing to write to. */
function statOrUndefined(target: string): Stats | undefined {
  try {
    return statSync(target, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}
