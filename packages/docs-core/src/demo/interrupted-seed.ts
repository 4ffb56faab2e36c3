import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EOfficeError } from '@eoffice/contract';
import { AUDIT_ANCHORS_FILE_SUFFIX } from '../audit/audit-anchoring.js';
import { DATABASE_FILE_NAME } from '../store/store.js';

/**
 * Written into the data folder once a demo seed has found the store empty, removed when the seed finishes. Seeding
 * takes minutes and is not one transaction; a seed killed part-way leaves users and documents behind, which the next
 * seed refused as "not empty". With the marker there, the folder is known to hold nothing but an unfinished demo.
 */
export const DEMO_SEED_MARKER = 'demo-seed.incomplete';

export async function markSeedStarted(dataDir: string): Promise<void> {
  await writeFile(join(dataDir, DEMO_SEED_MARKER), `${JSON.stringify({ pid: process.pid })}\n`, { mode: 0o600 });
}

export async function markSeedFinished(dataDir: string): Promise<void> {
  await rm(join(dataDir, DEMO_SEED_MARKER), { force: true });
}

/**
 * Before a store is opened: if an earlier seed did not finish, removes what it wrote (the database and the blobs) so
 * the seed can start again; returns whether it did. Refuses while that seed's process is still running. The marker
 * goes last, so a discard that is itself interrupted is simply done again.
 */
export async function discardInterruptedSeed(dataDir: string): Promise<boolean> {
  const marker = join(dataDir, DEMO_SEED_MARKER);
  const text = await readFile(marker, 'utf8').catch(() => undefined);
  if (text === undefined) return false;
  const pid = Number((JSON.parse(text) as { pid?: unknown }).pid);
  if (Number.isInteger(pid) && pid !== process.pid && isRunning(pid)) {
    throw new EOfficeError('E_CONFLICT', `Đang nạp dữ liệu mẫu (tiến trình ${pid}) / a demo seed is running in process ${pid}`);
  }
  const database = join(dataDir, DATABASE_FILE_NAME);
  // The audit anchors go with the database they anchor: a new chain beside old anchors would read as cut off.
  for (const suffix of ['', '-wal', '-shm', '-journal', AUDIT_ANCHORS_FILE_SUFFIX]) await rm(`${database}${suffix}`, { force: true });
  await rm(join(dataDir, 'blobs'), { recursive: true, force: true });
  await rm(marker, { force: true });
  return true;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
