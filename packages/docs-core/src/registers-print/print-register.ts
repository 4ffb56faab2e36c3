import { randomBytes } from 'node:crypto';
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { EOfficeError } from '@eoffice/contract';
import type { Clock } from '../clock/clock.js';
import type { RegisterDirection, RegisterKind } from '../numbering/registers.js';
import { PRIVATE_FILE_MODE } from '../store/private-files.js';
import type { Store } from '../store/store.js';
import { requireRole, type Actor } from '../users/actor.js';
import { SECRET_READER_ROLES, visibleSecretDocuments } from '../users/secret-access.js';
import { loadTinos } from './register-fonts.js';
import { loadRegisterContent } from './register-rows.js';

export interface PrintRegisterRequest {
  readonly year: number;
  readonly direction: RegisterDirection;
  readonly kind?: RegisterKind;
  /** Where the PDF goes; written beside it under a temporary name and renamed, so no half file is ever seen. */
  readonly outPath: string;
  /** Folder holding Tinos-Regular.ttf and Tinos-Bold.ttf; defaults to the repository's `resources/fonts/`. */
  readonly fontDir?: string;
}

export interface PrintRegisterResult {
  readonly path: string;
  readonly entries: number;
  readonly voided: number;
  readonly bytes: number;
  /** The audit chain's head printed on it (null: no entry yet). */
  readonly auditHead: { readonly id: number; readonly hash: string } | null;
}

/**
 * In sổ đăng ký văn bản (Điều 16.2.b, 22.3.b: a register kept in the System is printed with all its columns and
 * bound). Clerks keep the registers; archivists bind them; leaders and admins may read them.
 */
export async function printRegister(store: Store, clock: Clock, actor: Actor, request: PrintRegisterRequest): Promise<PrintRegisterResult> {
  requireRole(actor, ['clerk', 'archivist', 'leader', 'admin'], 'in sổ đăng ký văn bản');
  if (request.kind === 'secret') requireRole(actor, SECRET_READER_ROLES, 'in sổ văn bản mật');
  if (!Number.isInteger(request.year) || request.year < 1900 || request.year > 9999) {
    throw new EOfficeError('E_INVALID_INPUT', `Năm không hợp lệ / invalid year: ${request.year}`);
  }
  await assertPrintablePath(resolve(request.outPath));
  const content = await loadRegisterContent(store.db, request.year, request.direction, request.kind ?? 'normal', await visibleSecretDocuments(store.db, actor));
  // Read after the lines: every line printed is in the chain up to this head.
  const head = await store.db.selectFrom('audit_head').select(['last_id', 'last_hash']).where('singleton', '=', 1).executeTakeFirst();
  const auditHead = head && head.last_id > 0 ? { id: head.last_id, hash: head.last_hash } : null;
  // The PDF renderer (pdf-lib) loads here, when a register is printed, not with docs-core at every start.
  const { renderRegisterPdf } = await import('./register-pdf.js');
  const bytes = await renderRegisterPdf(content, { fonts: await loadTinos(request.fontDir), printedAt: clock.now(), auditHead });
  const path = resolve(request.outPath);
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    // Owner-only wherever it lands: a register lists subjects, and the rename keeps this mode (private-files.ts).
    await writeFile(temporary, bytes, { flag: 'wx', mode: PRIVATE_FILE_MODE });
    await rename(temporary, path);
  } catch (cause) {
    await rm(temporary, { force: true });
    throw new EOfficeError('E_WRITE_FAILED', `Không ghi được tệp ${path} / cannot write the printout: ${String(cause)}`);
  }
  return {
    path,
    entries: content.lines.length,
    voided: content.lines.filter((l) => l.status === 'void').length,
    bytes: bytes.length,
    auditHead,
  };
}

/**
 * The rename that publishes the printout replaces whatever the path names: refuse a device, a FIFO or a folder (run
 * as root, a rename onto /dev/full replaced the device), and a folder that does not exist rather than creating it.
 */
async function assertPrintablePath(path: string): Promise<void> {
  const found = await stat(path).catch(() => undefined);
  if (found && !found.isFile()) {
    throw new EOfficeError('E_OUTPUT_INVALID', `Tệp đích không phải tệp thường / the output exists and is not a regular file: ${path}`);
  }
  if (!(await stat(dirname(path)).catch(() => undefined))?.isDirectory()) {
    throw new EOfficeError('E_OUTPUT_INVALID', `Thư mục đích không tồn tại / the output's folder does not exist: ${dirname(path)}`);
  }
}
