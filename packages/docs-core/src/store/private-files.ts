import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { chmod, mkdir, open } from 'node:fs/promises';
import { join, relative } from 'node:path';

/**
 * The data folder holds secret documents, their subjects and password hashes: only its owner may read it
 * (ARCHITECTURE.md, invariant 10). Folders are 0700 and files 0600.
 *
 * A mode given at creation is masked by the umask, which can only clear bits, so it is never wider than asked for,
 * whatever the umask; where a folder or file may already exist, an explicit chmod sets it. We do not set the process
 * umask instead: it is process-wide (Electron's own files, the user's exports elsewhere), cannot be set from a worker
 * thread, and repairs nothing already on disk.
 *
 * On Windows modes are not permissions (only the read-only bit): there the per-user ACL of %APPDATA% protects the
 * folder, and these functions only create.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const MODES_APPLY = process.platform !== 'win32';

/** `mkdir -p` whose last folder ends up 0700 even if it was there before with a wider mode. */
export async function makePrivateDir(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (MODES_APPLY) await chmod(path, PRIVATE_DIR_MODE);
}

/** The same, for callers that must stay synchronous (the logger opens its file at start-up). */
export function makePrivateDirSync(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (MODES_APPLY) chmodSync(path, PRIVATE_DIR_MODE);
}

/**
 * Creates an empty file 0600 if missing, and sets an existing one to 0600. Used before a library creates the file
 * with its own default mode: SQLite gives its -journal, -wal and -shm files the mode of the database file (os_unix.c,
 * `findCreateFileMode` and `unixOpenSharedMemory`), so a database created 0600 keeps every one of them 0600, even
 * those it recreates while running, whatever the umask.
 */
export async function ensurePrivateFile(path: string): Promise<void> {
  const handle = await open(path, 'a', PRIVATE_FILE_MODE);
  try {
    if (MODES_APPLY) await handle.chmod(PRIVATE_FILE_MODE);
  } finally {
    await handle.close();
  }
}

/** One entry whose mode was narrowed: its path under the data folder and the modes before and after (octal). */
export interface ModeRepair {
  readonly path: string;
  readonly from: string;
  readonly to: string;
}

/**
 * Removes the group and other bits of `root` itself and of the named entries of it, for data folders written by an
 * earlier version or copied by hand; returns what it changed, for the caller's log.
 *
 * Only the entries the app owns are looked at: a data folder named by hand (`--data-dir`, `EOFFICE_DATA_DIR`) may hold
 * files of the user's that are none of our business. Each entry's own children are checked; a folder below them is
 * entered only if it was open to others. A folder that is already private shuts everyone else out of what lies under it
 * (path resolution needs search permission on every folder on the way: POSIX.1-2017, §4.13), so a clean layout costs a
 * few hundred calls, and an earlier version's layout, open at every level, is walked whole, once.
 *
 * Synchronous on purpose: it runs once at start-up, before anything is served, and per-call promises made the walk of
 * an old layout six times slower (17 s against 2.8 s for 50,000 blobs, the same as `chmod -R`). Symbolic links are
 * neither followed nor changed: chmod would act on their target, which may lie outside the folder.
 */
export function narrowModesUnder(root: string, entries: readonly string[]): ModeRepair[] {
  if (!MODES_APPLY) return [];
  const repaired: ModeRepair[] = [];
  const visit = (path: string, lookInside: boolean): void => {
    const info = lstatSync(path, { throwIfNoEntry: false }); // absent: not made yet, or a temp file gone meanwhile
    if (!info || info.isSymbolicLink()) return;
    const mode = info.mode & 0o777;
    const wasOpen = (mode & 0o077) !== 0;
    if (wasOpen) {
      const narrowed = mode & 0o700;
      chmodSync(path, narrowed);
      repaired.push({ path: relative(root, path) || '.', from: mode.toString(8), to: narrowed.toString(8) });
    }
    if (info.isDirectory() && (lookInside || wasOpen)) {
      for (const name of readdirSync(path)) visit(join(path, name), false);
    }
  };
  visit(root, false);
  for (const entry of entries) visit(join(root, entry), true);
  return repaired;
}
