import { createHash } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { EOfficeError, type CallContext } from '@eoffice/contract';
import { vietnamDay, vietnamIso } from '@eoffice/vietnamese';
import { appendAudit } from '../audit/audit-log.js';
import type { Clock } from '../clock/clock.js';
import { loadFileContents, type FileContents } from '../records/file-contents.js';
import { mayNamePaths, refusePathFromPage, writePrivateFile } from '../records/output-file.js';
import { renderTablePdf } from '../records/table-pdf.js';
import { exportFolderOf } from '../registers-print/export-path.js';
import { loadTinos } from '../registers-print/register-fonts.js';
import { PRIVATE_DIR_MODE } from '../store/private-files.js';
import type { Store } from '../store/store.js';
import { requireRole, type Actor } from '../users/actor.js';
import { buildCsipPackage } from './csip-package.js';
import { readPackageProfile, type PackageProfile } from './package-profile.js';

export interface HandoverPackageResult {
  readonly folder: string;
  readonly packages: Array<{ fileId: string; fileCode: string; path: string; sha256: string; documents: number }>;
  readonly list: string;
  readonly minutes: string;
}

/** The stored originals, each checked against its SHA-256 before it goes to the archive. */
async function readOriginals(store: Store, contents: FileContents): Promise<Map<string, Uint8Array>> {
  const originals = new Map<string, Uint8Array>();
  for (const doc of contents.documents) {
    if (!doc.original) continue;
    const bytes = await store.blobs.get(doc.original.sha256);
    if (createHash('sha256').update(bytes).digest('hex') !== doc.original.sha256) {
      throw new EOfficeError('E_BLOB_CORRUPT', `Tệp gốc của văn bản ${doc.docOrdinal} bị hỏng / a stored original is damaged: ${doc.original.sha256}`);
    }
    originals.set(doc.original.sha256, bytes);
  }
  return originals;
}

/**
 * Gói nộp lưu (Điều 31; TT 05/2025 packages, configurable where unverified): one CSIP ZIP per closed file, the
 * handover list (mục lục hồ sơ nộp lưu) and the minutes (biên bản giao nhận) as PDFs, all in one new folder.
 */
export async function makeHandoverPackage(
  store: Store,
  clock: Clock,
  actor: Actor,
  context: CallContext,
  request: { ids: readonly string[]; type?: 'SIP' | 'AIP' | undefined; outDir?: string | undefined; profile?: PackageProfile; softwareVersion?: string },
): Promise<HandoverPackageResult> {
  requireRole(actor, ['archivist', 'clerk'], 'lập gói nộp lưu');
  refusePathFromPage(context, request.outDir);
  const now = clock.now();
  // The agency's profile (TT 05/2025's unverified details, an admin's setting), unless the caller brings one.
  const profile = request.profile ?? (await readPackageProfile(store.db));
  const type = request.type ?? profile.packageType;
  const contents: FileContents[] = [];
  for (const id of new Set(request.ids)) {
    const c = await loadFileContents(store, actor, id, { preferArchival: true });
    if (c.file.state === 'open') throw new EOfficeError('E_FILE_NOT_CLOSED', `Hồ sơ ${c.file.fileCode} chưa kết thúc: không lập gói được / the file is not closed`);
    contents.push(c);
  }
  const stamp = vietnamIso(now).slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  const folder = request.outDir !== undefined ? resolve(request.outDir) : join(exportFolderOf(store.dataDir, actor.username), `nop-luu-${stamp}`);
  const existing = await stat(folder).catch(() => undefined);
  if (existing && !existing.isDirectory()) throw new EOfficeError('E_OUTPUT_INVALID', `Không phải thư mục / not a folder: ${folder}`);
  await mkdir(folder, { recursive: true, mode: PRIVATE_DIR_MODE });
  const packages: HandoverPackageResult['packages'] = [];
  for (const c of contents) {
    const built = buildCsipPackage(c, await readOriginals(store, c), { type, profile, createdAt: now, softwareVersion: request.softwareVersion ?? '0.1.0' });
    const path = join(folder, `${built.objid}.zip`);
    await writePrivateFile(path, built.zip);
    packages.push({ fileId: c.file.id, fileCode: c.file.fileCode, path, sha256: createHash('sha256').update(built.zip).digest('hex'), documents: built.documents });
  }
  const fonts = await loadTinos();
  const agencyName = contents[0]?.agency.name ?? '';
  const listRows = contents.map((c, i) => [String(i + 1), c.file.fileNotation, c.file.title, `${c.file.startDate ?? ''} – ${c.file.endDate ?? ''}`, c.file.maintenance, String(c.file.docTotal), String(c.file.pageTotal ?? ''), c.file.unit]);
  const listPath = join(folder, 'muc-luc-ho-so-nop-luu.pdf');
  await writePrivateFile(
    listPath,
    await renderTablePdf(
      {
        title: 'MỤC LỤC HỒ SƠ, TÀI LIỆU NỘP LƯU',
        heading: [agencyName, `Gói ${type} lập ngày ${vietnamDay(now)}`],
        columns: [
          { title: 'STT', weight: 4 }, { title: 'Số, ký hiệu hồ sơ', weight: 10 }, { title: 'Tiêu đề hồ sơ', weight: 36 }, { title: 'Thời gian', weight: 14 },
          { title: 'Thời hạn bảo quản', weight: 9 }, { title: 'Số văn bản', weight: 6 }, { title: 'Số trang', weight: 6 }, { title: 'Đơn vị', weight: 15 },
        ],
        rows: listRows,
        printedBy: actor.username,
        printedAt: now,
      },
      fonts,
    ),
  );
  const minutesPath = join(folder, 'bien-ban-giao-nhan.pdf');
  await writePrivateFile(
    minutesPath,
    await renderTablePdf(
      {
        title: 'BIÊN BẢN GIAO NHẬN TÀI LIỆU',
        heading: [agencyName, `Ngày ${vietnamDay(now)}: bên giao nộp ${contents.length} hồ sơ điện tử vào Lưu trữ cơ quan`],
        columns: [{ title: 'Mã hồ sơ', weight: 30 }, { title: 'Tệp gói', weight: 30 }, { title: 'SHA-256 của gói', weight: 40 }],
        rows: packages.map((p) => [p.fileCode, basename(p.path), p.sha256]),
        closing: ['ĐẠI DIỆN BÊN GIAO NỘP                                                        ĐẠI DIỆN BÊN NHẬN', '(Ký, ghi rõ họ tên)                                                                 (Ký, ghi rõ họ tên)'],
        printedBy: actor.username,
        printedAt: now,
      },
      fonts,
    ),
  );
  await store.db.transaction().execute(async (trx) => {
    for (const p of packages) {
      await appendAudit(trx, clock, { actor: actor.username, action: 'record-file.package', objectType: 'record-file', objectId: p.fileId, after: { type, sha256: p.sha256, documents: p.documents } });
    }
  });
  const shown = (path: string) => (mayNamePaths(context) ? path : basename(path));
  return { folder: shown(folder), packages: packages.map((p) => ({ ...p, path: shown(p.path) })), list: shown(listPath), minutes: shown(minutesPath) };
}
