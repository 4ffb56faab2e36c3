import type { PDFFont, PDFPage } from 'pdf-lib';
import { vietnamDay, vietnamIso } from '@eoffice/vietnamese';
import type { FontBytes } from '../registers-print/register-fonts.js';
import { wrapText } from '../registers-print/wrap-text.js';
import { loadPdfLib } from '../pdf-lib-loader.js';

const PAGE: readonly [number, number] = [841.89, 595.28]; // A4 landscape: lists have many columns
const MARGIN = { left: 56, right: 28, top: 40, bottom: 48 } as const;
const SIZE = 9;
const LINE = 11;
const PAD = 3;

export interface TableColumn {
  readonly title: string;
  /** Share of the table's width. */
  readonly weight: number;
}

export interface TablePdf {
  readonly title: string;
  /** Lines under the title: the agency, the year, the file code. */
  readonly heading: readonly string[];
  readonly columns: readonly TableColumn[];
  readonly rows: ReadonlyArray<readonly string[]>;
  /** Lines after the table (signatures of a minutes, notes). */
  readonly closing?: readonly string[];
  /** Printout mark (Phụ lục VI: who printed it and when), on every page. */
  readonly printedBy: string;
  readonly printedAt: Date;
  /** Files carried inside the PDF as they are (signed originals: never re-saved, so their signatures hold). */
  readonly attachments?: ReadonlyArray<{ readonly name: string; readonly bytes: Uint8Array; readonly description: string }>;
}

/** A titled table over as many pages as it needs, every page marked with who printed it and when. */
export async function renderTablePdf(spec: TablePdf, fonts: FontBytes): Promise<Uint8Array> {
  // pdf-lib loads here, when a table is printed, not with docs-core at every start of a face.
  const { PDFDocument, rgb } = await loadPdfLib();
  const BLACK = rgb(0, 0, 0);
  const GREY = rgb(0.35, 0.35, 0.35);
  const pdf = await PDFDocument.create();
  // Loaded when a font is embedded, not with the module: fontkit unpacks its tables as it loads (a third of a second
  // of every start of the app, which never draws a PDF before its first screen).
  pdf.registerFontkit((await import('@pdf-lib/fontkit')).default);
  const regular = await pdf.embedFont(fonts.regular, { subset: true });
  const bold = await pdf.embedFont(fonts.bold, { subset: true });
  pdf.setTitle(spec.title.normalize('NFC'));
  pdf.setCreator('E-Office Desktop');
  pdf.setProducer('E-Office Desktop (pdf-lib)');
  pdf.setCreationDate(spec.printedAt);
  pdf.setModificationDate(spec.printedAt);
  pdf.setLanguage('vi-VN');
  const width = PAGE[0] - MARGIN.left - MARGIN.right;
  const total = spec.columns.reduce((s, c) => s + c.weight, 0);
  const widths = spec.columns.map((c) => (c.weight / total) * width);
  const pages: PDFPage[] = [];
  let page = pdf.addPage([...PAGE]);
  pages.push(page);
  let y = PAGE[1] - MARGIN.top;
  const centered = (p: PDFPage, text: string, font: PDFFont, size: number, atY: number) => {
    const value = text.normalize('NFC');
    p.drawText(value, { x: MARGIN.left + (width - font.widthOfTextAtSize(value, size)) / 2, y: atY, size, font, color: BLACK });
  };
  centered(page, spec.title, bold, 13, y);
  y -= 18;
  for (const line of spec.heading) {
    for (const wrapped of wrapText(line, regular, 10, width)) {
      centered(page, wrapped, regular, 10, y);
      y -= 13;
    }
  }
  y -= 6;
  const drawRow = (cells: readonly string[], font: PDFFont) => {
    const wrapped = cells.map((cell, i) => wrapText(cell, font, SIZE, widths[i]! - 2 * PAD));
    const height = Math.max(...wrapped.map((w) => w.length)) * LINE + 2 * PAD;
    if (y - height < MARGIN.bottom) {
      page = pdf.addPage([...PAGE]);
      pages.push(page);
      y = PAGE[1] - MARGIN.top;
      if (font !== bold) drawRow(spec.columns.map((c) => c.title), bold);
    }
    let x = MARGIN.left;
    wrapped.forEach((lines, i) => {
      page.drawRectangle({ x, y: y - height, width: widths[i]!, height, borderColor: BLACK, borderWidth: 0.5 });
      lines.forEach((text, n) => page.drawText(text, { x: x + PAD, y: y - PAD - (n + 1) * LINE + 2, size: SIZE, font, color: BLACK }));
      x += widths[i]!;
    });
    y -= height;
  };
  drawRow(spec.columns.map((c) => c.title), bold);
  for (const row of spec.rows) drawRow(row, regular);
  if (spec.rows.length === 0) {
    y -= LINE;
    page.drawText('(Không có dòng nào / no rows)', { x: MARGIN.left, y, size: SIZE, font: regular, color: GREY });
  }
  for (const line of spec.closing ?? []) {
    if (y - 2 * LINE < MARGIN.bottom) {
      page = pdf.addPage([...PAGE]);
      pages.push(page);
      y = PAGE[1] - MARGIN.top;
    }
    y -= LINE + 3;
    for (const wrapped of wrapText(line, regular, 10, width)) {
      page.drawText(wrapped, { x: MARGIN.left, y, size: 10, font: regular, color: BLACK });
      y -= 13;
    }
  }
  const mark = `In bởi ${spec.printedBy} lúc ${vietnamDay(spec.printedAt)} ${vietnamIso(spec.printedAt).slice(11, 19)} (giờ Việt Nam)`;
  pages.forEach((p, index) => {
    const text = `${mark} — Trang ${index + 1}/${pages.length}`.normalize('NFC');
    p.drawText(text, { x: MARGIN.left, y: MARGIN.bottom - 26, size: 8, font: regular, color: GREY });
  });
  for (const attachment of spec.attachments ?? []) {
    await pdf.attach(attachment.bytes, attachment.name, { mimeType: 'application/pdf', description: attachment.description, creationDate: spec.printedAt, modificationDate: spec.printedAt });
  }
  return pdf.save({ useObjectStreams: false });
}
