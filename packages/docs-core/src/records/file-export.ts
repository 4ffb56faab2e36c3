import type { CallContext, PlanView } from '@eoffice/contract';
import type { Clock } from '../clock/clock.js';
import { loadTinos } from '../registers-print/register-fonts.js';
import type { Store } from '../store/store.js';
import type { Actor } from '../users/actor.js';
import { loadFileContents, verdictText, type FileContents } from './file-contents.js';
import { fileXml } from './file-xml.js';
import { writeExport } from './output-file.js';
import { renderTablePdf } from './table-pdf.js';

function dmy(date: string | null): string {
  if (!date) return '';
  const [y, m, d] = date.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** A safe file name from a FileCode: `000.00.02.Z99-2026-01.TH`. */
export function fileCodeFileName(fileCode: string): string {
  return fileCode.replace(/\//g, '-').replace(/[^\p{L}\p{N}._-]/gu, '_');
}

/**
 * The file as Decree 30 asks it exported (Phụ lục VI): its fields, the document index in DocOrdinal order with each
 * signature's verdict, and the documents themselves carried inside as they are stored (embedded files), so a signed
 * original is never re-saved and its signatures still verify.
 */
export async function renderFilePdf(store: Store, contents: FileContents, actor: Actor, now: Date): Promise<Uint8Array> {
  const f = contents.file;
  const attachments = [];
  for (const doc of contents.documents) {
    if (!doc.original) continue;
    attachments.push({
      name: `${String(doc.docOrdinal).padStart(3, '0')}-${doc.original.name}`,
      bytes: await store.blobs.get(doc.original.sha256),
      description: `${doc.codeNumber ?? ''}/${doc.codeNotation ?? ''} — SHA-256 ${doc.original.sha256}`,
    });
  }
  return renderTablePdf(
    {
      title: `HỒ SƠ ${f.fileNotation}: ${f.title}`,
      heading: [
        contents.agency.name,
        `Mã hồ sơ: ${f.fileCode} — Đề mục: ${f.heading.title} — Thời hạn bảo quản: ${f.maintenance} — Chế độ sử dụng: ${f.rights}`,
        `Thời gian: ${dmy(f.startDate)} – ${dmy(f.endDate)} — Số văn bản: ${f.docTotal} — Số trang: ${f.pageTotal ?? ''} — Người lập: ${f.creator ?? ''} — Ngôn ngữ: ${f.language ?? ''}`,
        'MỤC LỤC VĂN BẢN (các văn bản gốc được đính kèm nguyên vẹn trong tệp PDF này)',
      ],
      columns: [
        { title: 'STT', weight: 4 },
        { title: 'Số, ký hiệu', weight: 12 },
        { title: 'Ngày', weight: 8 },
        { title: 'Tác giả', weight: 16 },
        { title: 'Trích yếu', weight: 34 },
        { title: 'Số trang', weight: 5 },
        { title: 'Chữ ký số', weight: 12 },
        { title: 'Tệp đính kèm', weight: 14 },
      ],
      rows: contents.documents.map((d) => [
        String(d.docOrdinal),
        [d.codeNumber, d.codeNotation].filter(Boolean).join('/'),
        dmy(d.issuedDate),
        d.organName ?? '',
        d.subject ?? '',
        d.pageAmount === null ? '' : String(d.pageAmount),
        verdictText(d.signatures),
        d.original ? `${String(d.docOrdinal).padStart(3, '0')}-${d.original.name}` : '(không có tệp)',
      ]),
      ...(f.description ? { closing: [`Ghi chú: ${f.description}`] } : {}),
      printedBy: actor.username,
      printedAt: now,
      attachments,
    },
    await loadTinos(),
  );
}

export async function exportRecordFile(store: Store, clock: Clock, actor: Actor, context: CallContext, id: string, format: 'pdf' | 'xml', outPath: string | undefined) {
  const contents = await loadFileContents(store, actor, id);
  const name = `${fileCodeFileName(contents.file.fileCode)}.${format}`;
  const written = await writeExport(store, actor, context, outPath, name, async () =>
    format === 'xml' ? fileXml(contents) : renderFilePdf(store, contents, actor, clock.now()),
  );
  return { ...written, rows: contents.documents.length };
}

/** Danh mục hồ sơ printed (Phụ lục V's form): by heading, with number, title, retention, unit, and the approval. */
export async function printFilePlan(store: Store, clock: Clock, actor: Actor, context: CallContext, plan: PlanView, agencyName: string, outPath: string | undefined) {
  const rows: string[][] = [];
  for (const heading of plan.headings) {
    rows.push(['', heading.code, heading.title.toUpperCase(), '', '', '']);
    for (const f of heading.files) rows.push([f.notation, '', f.title, f.maintenance, [f.unit, f.person].filter(Boolean).join(' — '), f.notes ?? '']);
  }
  const approval = plan.state === 'approved' ? `Đã được duyệt bởi ${plan.approvedBy} ngày ${dmy(plan.approvedAt)}` : 'DỰ THẢO — chưa được duyệt';
  const written = await writeExport(store, actor, context, outPath, `danh-muc-ho-so-${plan.year}.pdf`, async () =>
    renderTablePdf(
      {
        title: `DANH MỤC HỒ SƠ NĂM ${plan.year}`,
        heading: [agencyName, `Đánh số: ${plan.numbering === 'continuous' ? 'liên tục toàn danh mục' : 'theo từng đề mục lớn'} — ${approval}`],
        columns: [
          { title: 'Số và ký hiệu hồ sơ', weight: 10 },
          { title: 'Đề mục', weight: 6 },
          { title: 'Tên đề mục và tiêu đề hồ sơ', weight: 40 },
          { title: 'Thời hạn bảo quản', weight: 10 },
          { title: 'Đơn vị / người lập hồ sơ', weight: 20 },
          { title: 'Ghi chú', weight: 14 },
        ],
        rows,
        closing: plan.amendments.map((a) => `Sửa đổi ${dmy(a.at)} (${a.by}): ${a.reason} — thêm ${a.added.join(', ') || '0'}; bỏ ${a.removed.join(', ') || '0'}; sửa ${a.changed.join(', ') || '0'}`),
        printedBy: actor.username,
        printedAt: clock.now(),
      },
      await loadTinos(),
    ),
  );
  return { ...written, rows: plan.headings.reduce((s, h) => s + h.files.length, 0) };
}
