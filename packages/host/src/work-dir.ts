import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { makePrivateDir } from '@eoffice/docs-core';

/** Older than this, an entry of `tmp/` belongs to no running process: a signature with its PIN prompt takes minutes. */
const ABANDONED_AFTER_MS = 24 * 3_600_000;

/**
 * The data folder's own scratch space. Signing writes the document (secret ones too) to a file for a moment; it goes
 * here rather than to the system's temp folder, so it stays under the data folder's protection and what a crashed
 * process leaves behind is swept at the next start.
 */
export function workDirOf(dataDir: string): string {
  return join(dataDir, 'tmp');
}

/** Removes the entries of `tmp/` left by processes that ended without cleaning up; returns how many. */
export async function sweepWorkDir(dataDir: string, now: number = Date.now()): Promise<number> {
  const dir = workDirOf(dataDir);
  await makePrivateDir(dir);
  let removed = 0;
  for (const name of await readdir(dir)) {
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (info && now - info.mtimeMs > ABANDONED_AFTER_MS) {
      await rm(path, { recursive: true, force: true });
      removed += 1;
    }
  }
  return removed;
}
