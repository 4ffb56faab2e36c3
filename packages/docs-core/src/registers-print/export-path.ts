import { mkdir, open } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../store/private-files.js';

/**
 * Claims a new file name in the data folder's `exports/<username>/` (created empty, exclusively): printouts asked for by the
 * UI land there, never over an earlier one, also when two are asked for at once. The printout then replaces the
 * empty claim by rename; whoever claimed it removes it if the printout fails. A register lists subjects, secret ones
 * too: folder 0700, files 0600 (private-files.ts).
 */
export async function claimExportPath(dataDir: string, username: string, fileName: string): Promise<string> {
  const folder = exportFolderOf(dataDir, username);
  await mkdir(folder, { recursive: true, mode: PRIVATE_DIR_MODE });
  const extension = extname(fileName);
  const stem = fileName.slice(0, fileName.length - extension.length);
  for (let n = 1; ; n += 1) {
    const candidate = join(folder, n === 1 ? fileName : `${stem}-${n}${extension}`);
    try {
      await (await open(candidate, 'wx', PRIVATE_FILE_MODE)).close();
      return candidate;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** One folder per user: a printout is downloaded only by who asked for it (files/file-downloads.ts). */
export function exportFolderOf(dataDir: string, username: string): string {
  return join(dataDir, 'exports', username);
}
