import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { EOfficeError } from '@eoffice/contract';

/**
 * Makes sure the data folder is a folder, creating it one level at a time, before the logger or the store touch it.
 * Node's recursive mkdir never returns for a path under /proc (the kernel answers ENOENT for a parent that exists,
 * and the recursion retries it forever), and a regular file given as the folder failed deep inside the logger.
 */
export async function ensureDataDir(dataDir: string): Promise<void> {
  const path = resolve(dataDir);
  try {
    await ensureFolder(path);
  } catch (cause) {
    if (cause instanceof EOfficeError) throw cause;
    throw new EOfficeError('E_DATA_DIR_INVALID', `Không tạo được thư mục dữ liệu / cannot create the data folder ${path}: ${errnoText(cause)}`);
  }

  async function ensureFolder(folder: string): Promise<void> {
    const found = await stat(folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (found?.isDirectory()) return;
    if (found) {
      throw new EOfficeError('E_DATA_DIR_INVALID', `Thư mục dữ liệu không phải là thư mục / the data folder is not a folder: ${folder}`);
    }
    const parent = dirname(folder);
    if (parent !== folder) await ensureFolder(parent);
    // Only the data folder itself is private; folders above it are the user's own.
    await mkdir(folder, { mode: folder === path ? 0o700 : 0o777 }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
}

function errnoText(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}
