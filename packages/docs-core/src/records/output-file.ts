import { randomBytes } from 'node:crypto';
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { EOfficeError, type CallContext } from '@eoffice/contract';
import { claimExportPath } from '../registers-print/export-path.js';
import { PRIVATE_FILE_MODE } from '../store/private-files.js';
import type { Store } from '../store/store.js';
import type { Actor } from '../users/actor.js';

/** Only the command line (and tests) on the services' machine choose where a file goes (ARCHITECTURE.md, invariant 14). */
export function mayNamePaths(context: CallContext): boolean {
  return context.face === 'cli' || context.face === 'test';
}

export function refusePathFromPage(context: CallContext, path: string | undefined): void {
  if (path !== undefined && !mayNamePaths(context)) {
    throw new EOfficeError('E_FORBIDDEN', 'Chỉ dòng lệnh mới chọn được nơi lưu tệp / only the command line may choose where the file goes');
  }
}

/** Refuses a device, a FIFO, a folder, or a folder that does not exist, before anything is rendered. */
async function assertWritablePath(path: string): Promise<void> {
  const found = await stat(path).catch(() => undefined);
  if (found && !found.isFile()) throw new EOfficeError('E_OUTPUT_INVALID', `Tệp đích không phải tệp thường / the output exists and is not a regular file: ${path}`);
  if (!(await stat(dirname(path)).catch(() => undefined))?.isDirectory()) {
    throw new EOfficeError('E_OUTPUT_INVALID', `Thư mục đích không tồn tại / the output's folder does not exist: ${dirname(path)}`);
  }
}

/** Writes through a temporary file and a rename, owner-only (records list subjects, secret ones too). */
export async function writePrivateFile(path: string, bytes: Uint8Array | string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, bytes, { flag: 'wx', mode: PRIVATE_FILE_MODE });
    await rename(temporary, path);
  } catch (cause) {
    await rm(temporary, { force: true });
    throw new EOfficeError('E_WRITE_FAILED', `Không ghi được tệp ${path} / cannot write: ${String(cause)}`);
  }
}

/**
 * Writes an export where the command line said, or into the actor's exports folder under `fileName` for the other
 * faces (who learn only the base name, to download it with).
 */
export async function writeExport(store: Store, actor: Actor, context: CallContext, outPath: string | undefined, fileName: string, render: () => Promise<Uint8Array | string>): Promise<{ path: string; bytes: number }> {
  refusePathFromPage(context, outPath);
  if (outPath !== undefined) {
    const path = resolve(outPath);
    await assertWritablePath(path);
    const content = await render();
    await writePrivateFile(path, content);
    return { path, bytes: Buffer.byteLength(content) };
  }
  const claimed = await claimExportPath(store.dataDir, actor.username, fileName);
  try {
    const content = await render();
    await writePrivateFile(claimed, content);
    return { path: mayNamePaths(context) ? claimed : basename(claimed), bytes: Buffer.byteLength(content) };
  } catch (error) {
    await rm(claimed, { force: true });
    throw error;
  }
}
