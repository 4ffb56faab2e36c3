import { mkdir, readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';

/**
 * A new file name in the data folder's `exports/`: printouts asked for by the UI land there, never over an earlier
 * one (a bound register that was printed before stays as it was printed).
 */
export async function exportPath(dataDir: string, fileName: string): Promise<string> {
  const folder = join(dataDir, 'exports');
  await mkdir(folder, { recursive: true });
  const taken = new Set(await readdir(folder));
  const extension = extname(fileName);
  const stem = fileName.slice(0, fileName.length - extension.length);
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? fileName : `${stem}-${n}${extension}`;
    if (!taken.has(candidate)) return join(folder, candidate);
  }
}
