import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CliError } from '../command.js';

/**
 * Writes through a temporary file and a rename, readable by its owner only: a file list or search result names
 * files and subjects, secret ones included for those who may see them.
 */
export async function writeOwnerOnly(path: string, content: string | Uint8Array): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, content, { flag: 'wx', mode: 0o600 });
    await rename(temporary, path);
  } catch (cause) {
    await rm(temporary, { force: true });
    throw new CliError('E_WRITE_FAILED', `Không ghi được tệp ${path} / cannot write: ${(cause as Error).message}`);
  }
}
