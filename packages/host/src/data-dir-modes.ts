import { mkdir } from 'node:fs/promises';
import { PRIVATE_DIR_MODE, STORE_ENTRIES, narrowModesUnder, type ModeRepair } from '@eoffice/docs-core';

/**
 * What the host keeps in the data folder beside the store's entries (logger.ts, work-dir.ts, trust-anchor-paths.ts).
 * `trust/` holds no secret, but whoever can write to it chooses the anchors every signature is checked against.
 */
const HOST_ENTRIES: readonly string[] = ['logs', 'tmp', 'trust'];

/**
 * Makes the data folder the owner's before anything opens it (ARCHITECTURE.md, invariant 10): the folder 0700, and
 * every entry the app keeps in it stripped of group and other bits, for folders an earlier version left 0755 with
 * files 0644. Returns what it narrowed (the folder itself included), for the composition to log once a logger exists.
 */
export async function makeDataDirPrivate(dataDir: string): Promise<ModeRepair[]> {
  await mkdir(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  return narrowModesUnder(dataDir, [...STORE_ENTRIES, ...HOST_ENTRIES]);
}
