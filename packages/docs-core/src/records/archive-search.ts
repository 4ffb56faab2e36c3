import type { Kysely } from 'kysely';
import type { CallContext, RecordDocumentView, RecordFileView } from '@eoffice/contract';
import { foldVietnamese } from '@eoffice/vietnamese';
import type { Clock } from '../clock/clock.js';
import { loadTinos } from '../registers-print/register-fonts.js';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { requireRole, type Actor } from '../users/actor.js';
import { maySeeFile } from './file-visibility.js';
import { writeExport } from './output-file.js';
import { loadFileDocuments, recordFileView } from './record-file-view.js';
import { recordOriginalOf } from './record-original.js';
import { retentionToText } from './retention.js';
import { renderTablePdf } from './table-pdf.js';
import type { Retention } from '@eoffice/contract';

export interface ArchiveQuery {
  readonly fileCode?: string | undefined;
  readonly heading?: string | undefined;
  readonly retention?: Retention | undefined;
  readonly year?: number | undefined;
  readonly unit?: string | undefined;
  readonly state?: 'open' | 'closed' | 'archived' | undefined;
  readonly text?: string | undefined;
}

export type ArchiveDocumentHit = RecordDocumentView & { fileCodes: string[] };

/** Who searches the archive: the archivist, the clerk and the leaders (the lists name every file's title). */
const SEARCHERS = ['archivist', 'clerk', 'leader'] as const;

/**
 * Tra cứu lưu trữ: files by FileCode, heading, retention, year, unit and state; then the documents in those files,
 * with every word of `text` (folded as the search index folds: "dat dai" finds "Đất đai") in the file's title or the
 * document's number, symbol, issuer, subject or extracted PDF text. A file matches on its own fields or by a document.
 */
export async function searchArchive(db: Kysely<Database>, actor: Actor, query: ArchiveQuery): Promise<{ files: RecordFileView[]; documents: ArchiveDocumentHit[] }> {
  requireRole(actor, [...SEARCHERS], 'tra cứu lưu trữ');
  let rows = db.selectFrom('record_files').selectAll().orderBy('plan_year', 'desc').orderBy('notation');
  if (query.year !== undefined) rows = rows.where('plan_year', '=', query.year);
  if (query.heading !== undefined) rows = rows.where('heading_code', '=', query.heading);
  if (query.retention !== undefined) rows = rows.where('retention', '=', retentionToText(query.retention));
  if (query.state !== undefined) rows = rows.where('state', '=', query.state);
  const words = query.text ? foldVietnamese(query.text).split(/\s+/).filter(Boolean) : [];
  const unit = query.unit ? foldVietnamese(query.unit) : null;
  const code = query.fileCode?.toLowerCase() ?? null;
  const files: RecordFileView[] = [];
  const documents = new Map<string, ArchiveDocumentHit>();
  for (const row of await rows.execute()) {
    if (!maySeeFile(actor, row.secrecy)) continue;
    const view = recordFileView(row);
    if (code !== null && !view.fileCode.toLowerCase().includes(code)) continue;
    if (unit !== null && !foldVietnamese(row.unit).includes(unit)) continue;
    const titleMatches = words.every((w) => foldVietnamese(`${row.title} ${row.heading_title}`).includes(w));
    const docs = await loadFileDocuments(db, row.id);
    const docHits: RecordDocumentView[] = [];
    for (const doc of docs) {
      if (words.length === 0) {
        docHits.push(doc);
        continue;
      }
      const original = await recordOriginalOf(db, doc.documentId);
      const extracted = original
        ? (await db.selectFrom('search_file_texts').select('text').where('sha256', '=', original.sha256).where('status', '=', 'done').executeTakeFirst())?.text ?? ''
        : '';
      const haystack = foldVietnamese([doc.codeNumber, doc.codeNotation, doc.organName, doc.subject, extracted].filter(Boolean).join(' '));
      if (words.every((w) => haystack.includes(w))) docHits.push(doc);
    }
    if (words.length > 0 && !titleMatches && docHits.length === 0) continue;
    files.push(view);
    for (const doc of docHits) {
      const hit = documents.get(doc.documentId) ?? { ...doc, fileCodes: [] };
      hit.fileCodes.push(view.fileCode);
      documents.set(doc.documentId, hit);
    }
  }
  return { files, documents: [...documents.values()] };
}

function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  // A leading = + - @ would be a formula in a spreadsheet: quoted with a ' in front.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r;]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The search results as CSV (UTF-8 with BOM, for spreadsheets) or PDF, each marked with who exported it and when. */
export async function exportArchiveSearch(store: Store, clock: Clock, actor: Actor, context: CallContext, query: ArchiveQuery, format: 'pdf' | 'csv', outPath: string | undefined) {
  const result = await searchArchive(store.db, actor, query);
  const now = clock.now();
  const header = ['Mã hồ sơ', 'STT', 'Số', 'Ký hiệu', 'Ngày', 'Tác giả', 'Trích yếu', 'Số trang', 'Thời hạn bảo quản', 'Trạng thái hồ sơ'];
  const fileOf = new Map(result.files.map((f) => [f.fileCode, f]));
  const rows = result.documents.flatMap((d) =>
    d.fileCodes.map((code) => [code, String(d.docOrdinal), d.codeNumber ?? '', d.codeNotation ?? '', d.issuedDate ?? '', d.organName ?? '', d.subject ?? '', d.pageAmount === null ? '' : String(d.pageAmount), fileOf.get(code)?.maintenance ?? '', fileOf.get(code)?.state ?? '']),
  );
  // Files without a matching document still show, as a line of their own.
  for (const f of result.files) if (!rows.some((r) => r[0] === f.fileCode)) rows.push([f.fileCode, '', '', '', '', '', f.title, String(f.pageTotal ?? ''), f.maintenance, f.state]);
  const mark = `Xuất bởi ${actor.username} lúc ${now.toISOString()}`;
  const written = await writeExport(store, actor, context, outPath, `tra-cuu-luu-tru.${format}`, async () => {
    if (format === 'csv') {
      return `\uFEFF${[[mark], header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
    }
    return renderTablePdf(
      {
        title: 'KẾT QUẢ TRA CỨU LƯU TRỮ',
        heading: [Object.entries(query).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${String(v)}`).join(' — ') || 'Tất cả hồ sơ'],
        columns: header.map((title, i) => ({ title, weight: [14, 4, 6, 10, 8, 14, 30, 5, 8, 8][i]! })),
        rows,
        printedBy: actor.username,
        printedAt: now,
      },
      await loadTinos(),
    );
  });
  return { ...written, rows: rows.length };
}
