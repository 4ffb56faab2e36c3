import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { formatDocumentNumber } from '../numbering/number-format.js';
import { columnsFor, registerHeading } from './register-columns.js';
import type { FontBytes } from './register-fonts.js';
import { registerDate, type RegisterContent, type RegisterCover, type RegisterLine } from './register-rows.js';
import { wrapText } from './wrap-text.js';

/** A4 landscape in points: registers are printed across the page so that ten columns stay legible. */
export const A4_LANDSCAPE: readonly [number, number] = [841.89, 595.28];

const MARGIN = { left: 56, right: 28, top: 36, bottom: 40 } as const; // the wider left margin is the binding edge
const BODY_SIZE = 9;
const HEADER_SIZE = 9;
const LINE_HEIGHT = 11;
const PAD = 3;
const BLACK = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);
const VOID_FILL = rgb(0.9, 0.9, 0.9);

interface Fonts {
  readonly regular: PDFFont;
  readonly bold: PDFFont;
}

export interface RenderOptions {
  readonly fonts: FontBytes;
  /** Creation date written into the PDF's metadata (from the app clock, so a printout is reproducible). */
  readonly printedAt: Date;
  /**
   * The audit chain's head when the register was read (after its lines, so every line is in the chain up to it):
   * printed on the cover in full and in every page's footer, so a printout can later be checked against the chain
   * and its anchors (`audit verify`). Null for a store with no entry yet.
   */
  readonly auditHead?: { readonly id: number; readonly hash: string } | null;
}

/** Every string drawn is NFC: a decomposed "ề" would otherwise come out as a base letter plus a loose mark. */
function nfc(text: string): string {
  return text.normalize('NFC');
}

/** The register printout: a cover page, then the table with its header repeated on every page and page numbers. */
export async function renderRegisterPdf(content: RegisterContent, options: RenderOptions): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  // Loaded when a font is embedded, not with the module: fontkit unpacks its tables as it loads (a third of a second
  // of every start of the app, which never draws a PDF before its first screen).
  pdf.registerFontkit((await import('@pdf-lib/fontkit')).default);
  const fonts: Fonts = {
    regular: await pdf.embedFont(options.fonts.regular, { subset: true }),
    bold: await pdf.embedFont(options.fonts.bold, { subset: true }),
  };
  const heading = titleOf(content.cover);
  pdf.setTitle(nfc(`${heading} năm ${content.cover.year} — ${content.cover.agencyName}`));
  pdf.setSubject(nfc('Sổ đăng ký văn bản theo Phụ lục IV Nghị định 30/2020/NĐ-CP'));
  pdf.setCreator('E-Office Desktop');
  pdf.setProducer('E-Office Desktop (pdf-lib)');
  pdf.setCreationDate(options.printedAt);
  pdf.setModificationDate(options.printedAt);
  pdf.setLanguage('vi-VN');

  const cover = pdf.addPage([...A4_LANDSCAPE]);
  drawCover(cover, content.cover, fonts);
  drawAuditHead(cover, options.auditHead ?? null, fonts);
  const tablePages = new TableWriter(pdf, content, fonts).write();
  tablePages.forEach((page, index) => {
    const text = nfc(`Trang ${index + 1}/${tablePages.length}`);
    const width = fonts.regular.widthOfTextAtSize(text, BODY_SIZE);
    page.drawText(text, { x: (A4_LANDSCAPE[0] - width) / 2, y: MARGIN.bottom - 22, size: BODY_SIZE, font: fonts.regular, color: GREY });
    if (options.auditHead) {
      const head = `Nhật ký: mục ${options.auditHead.id} · ${options.auditHead.hash.slice(0, 16)}`;
      page.drawText(head, { x: A4_LANDSCAPE[0] - MARGIN.left - fonts.regular.widthOfTextAtSize(head, 8), y: MARGIN.bottom - 22, size: 8, font: fonts.regular, color: GREY });
    }
  });
  return pdf.save({ useObjectStreams: false });
}

function titleOf(cover: RegisterCover): string {
  // Sổ đăng ký bản sao prints under its own title, not as the outgoing register it is kept beside.
  if (cover.kind === 'copy') return 'SỔ ĐĂNG KÝ BẢN SAO';
  const base = registerHeading(cover.direction);
  return cover.kind === 'secret' ? `${base} MẬT` : base;
}

function centered(page: PDFPage, text: string, y: number, font: PDFFont, size: number, left = 0, right = A4_LANDSCAPE[0]): void {
  const value = nfc(text);
  const width = font.widthOfTextAtSize(value, size);
  page.drawText(value, { x: left + (right - left - width) / 2, y, size, font, color: BLACK });
}

/** Bìa sổ (Phụ lục IV): agencies top left, the title, the year, the span of dates and numbers, the volume. */
function drawCover(page: PDFPage, cover: RegisterCover, fonts: Fonts): void {
  const [width, height] = A4_LANDSCAPE;
  page.drawRectangle({ x: 36, y: 30, width: width - 66, height: height - 60, borderColor: BLACK, borderWidth: 2.2 });
  page.drawRectangle({ x: 41, y: 35, width: width - 76, height: height - 70, borderColor: BLACK, borderWidth: 0.6 });
  const agencyBlock = { left: 60, right: 400 };
  let y = height - 80;
  if (cover.parentAgencyName) {
    for (const line of wrapText(cover.parentAgencyName.toLocaleUpperCase('vi'), fonts.regular, 12, agencyBlock.right - agencyBlock.left)) {
      centered(page, line, y, fonts.regular, 12, agencyBlock.left, agencyBlock.right);
      y -= 16;
    }
  }
  const agencyLines = wrapText(cover.agencyName.toLocaleUpperCase('vi'), fonts.bold, 12, agencyBlock.right - agencyBlock.left);
  for (const line of agencyLines) {
    centered(page, line, y, fonts.bold, 12, agencyBlock.left, agencyBlock.right);
    y -= 16;
  }
  // The short rule under the agency name, as on the decree's templates.
  page.drawLine({ start: { x: (agencyBlock.left + agencyBlock.right) / 2 - 40, y: y + 6 }, end: { x: (agencyBlock.left + agencyBlock.right) / 2 + 40, y: y + 6 }, thickness: 0.8, color: BLACK });

  centered(page, titleOf(cover), height / 2 + 50, fonts.bold, 30);
  centered(page, `Năm: ${cover.year}`, height / 2 + 5, fonts.bold, 18);
  const opened = cover.openedOn ? registerDate(cover.openedOn) : '…/…/……';
  const closed = cover.closedOn ? registerDate(cover.closedOn) : '…/…/……';
  centered(page, `Từ ngày ${opened} đến ngày ${closed}`, height / 2 - 35, fonts.regular, 14);
  const from = cover.fromNumber === null ? '……' : formatDocumentNumber(cover.fromNumber);
  const to = cover.toNumber === null ? '……' : formatDocumentNumber(cover.toNumber);
  centered(page, `Từ số ${from} đến số ${to}`, height / 2 - 60, fonts.regular, 14);
  centered(page, 'Quyển số: 01', height / 2 - 85, fonts.regular, 14);
}

/** The audit head the printout was made at, bottom of the cover, inside its frame. */
function drawAuditHead(page: PDFPage, head: { readonly id: number; readonly hash: string } | null, fonts: Fonts): void {
  const text = head
    ? `Đầu chuỗi nhật ký khi in / audit head at printing: mục ${head.id}, ${head.hash}`
    : 'Đầu chuỗi nhật ký khi in / audit head at printing: chưa có mục nào / no entry yet';
  centered(page, text, 48, fonts.regular, 8);
}

/** Lays out the table rows, opening a new page (with the header again) whenever a row does not fit. */
class TableWriter {
  readonly #pdf: PDFDocument;
  readonly #content: RegisterContent;
  readonly #fonts: Fonts;
  readonly #widths: number[];
  readonly #headerLines: string[][];
  readonly #headerHeight: number;
  readonly #pages: PDFPage[] = [];
  #page: PDFPage | undefined;
  #y = 0;

  constructor(pdf: PDFDocument, content: RegisterContent, fonts: Fonts) {
    this.#pdf = pdf;
    this.#content = content;
    this.#fonts = fonts;
    const columns = columnsFor(content.cover.direction);
    const tableWidth = A4_LANDSCAPE[0] - MARGIN.left - MARGIN.right;
    const total = columns.reduce((sum, c) => sum + c.width, 0);
    this.#widths = columns.map((c) => (c.width * tableWidth) / total);
    this.#headerLines = columns.map((c, i) => wrapText(c.header, fonts.bold, HEADER_SIZE, this.#widths[i]! - 2 * PAD));
    this.#headerHeight = Math.max(...this.#headerLines.map((l) => l.length)) * LINE_HEIGHT + 2 * PAD;
  }

  write(): PDFPage[] {
    this.#newPage();
    if (this.#content.lines.length === 0) {
      this.#drawEmptyNote();
      return this.#pages;
    }
    for (const line of this.#content.lines) this.#writeLine(line);
    return this.#pages;
  }

  get #freshPageLines(): number {
    const top = A4_LANDSCAPE[1] - MARGIN.top - 18 - this.#headerHeight - LINE_HEIGHT - 2 * PAD;
    return Math.floor((top - MARGIN.bottom - 2 * PAD) / LINE_HEIGHT);
  }

  #writeLine(line: RegisterLine): void {
    const columns = columnsFor(this.#content.cover.direction);
    const cells = line.cells.map((text, i) => wrapText(text, this.#fonts.regular, BODY_SIZE, this.#widths[i]! - 2 * PAD));
    const total = Math.max(1, ...cells.map((c) => c.length));
    let offset = 0;
    while (offset < total) {
      const fit = Math.floor((this.#y - MARGIN.bottom - 2 * PAD) / LINE_HEIGHT);
      const remaining = total - offset;
      // A row that fits on a fresh page is never split; only a row taller than a page continues on the next.
      if (fit < remaining && (remaining <= this.#freshPageLines || fit < 3)) {
        this.#newPage();
        continue;
      }
      const take = Math.min(fit, remaining);
      const height = take * LINE_HEIGHT + 2 * PAD;
      const y = this.#y - height;
      const page = this.#page!;
      if (line.status === 'void') {
        page.drawRectangle({ x: MARGIN.left, y, width: this.#widths.reduce((a, b) => a + b, 0), height, color: VOID_FILL });
      }
      let x = MARGIN.left;
      cells.forEach((lines, i) => {
        const width = this.#widths[i]!;
        lines.slice(offset, offset + take).forEach((text, k) => {
          const value = nfc(text);
          const textWidth = this.#fonts.regular.widthOfTextAtSize(value, BODY_SIZE);
          const tx = columns[i]!.align === 'center' ? x + (width - textWidth) / 2 : x + PAD;
          page.drawText(value, { x: tx, y: this.#y - PAD - (k + 1) * LINE_HEIGHT + 2.5, size: BODY_SIZE, font: this.#fonts.regular, color: BLACK });
        });
        x += width;
      });
      this.#drawGrid(this.#y, height, 0.5);
      this.#y = y;
      offset += take;
    }
  }

  #drawGrid(top: number, height: number, thickness: number): void {
    const page = this.#page!;
    const totalWidth = this.#widths.reduce((a, b) => a + b, 0);
    page.drawRectangle({ x: MARGIN.left, y: top - height, width: totalWidth, height, borderColor: BLACK, borderWidth: thickness });
    let x = MARGIN.left;
    for (const width of this.#widths.slice(0, -1)) {
      x += width;
      page.drawLine({ start: { x, y: top }, end: { x, y: top - height }, thickness, color: BLACK });
    }
  }

  /** A new page: the running title, the column headers and the (1)…(10) row beneath them. */
  #newPage(): void {
    const page = this.#pdf.addPage([...A4_LANDSCAPE]);
    this.#pages.push(page);
    this.#page = page;
    const cover = this.#content.cover;
    let y = A4_LANDSCAPE[1] - MARGIN.top;
    const title = nfc(`${titleOf(cover)} NĂM ${cover.year}`);
    page.drawText(title, { x: MARGIN.left, y: y - 10, size: 10, font: this.#fonts.bold, color: BLACK });
    const agency = nfc(cover.agencyName);
    const agencyWidth = this.#fonts.regular.widthOfTextAtSize(agency, 9);
    page.drawText(agency, { x: A4_LANDSCAPE[0] - MARGIN.right - agencyWidth, y: y - 10, size: 9, font: this.#fonts.regular, color: GREY });
    y -= 18;
    let x = MARGIN.left;
    this.#headerLines.forEach((lines, i) => {
      const width = this.#widths[i]!;
      const blockTop = y - (this.#headerHeight - lines.length * LINE_HEIGHT) / 2;
      lines.forEach((text, k) => {
        const value = nfc(text);
        const textWidth = this.#fonts.bold.widthOfTextAtSize(value, HEADER_SIZE);
        page.drawText(value, { x: x + (width - textWidth) / 2, y: blockTop - (k + 1) * LINE_HEIGHT + 2.5, size: HEADER_SIZE, font: this.#fonts.bold, color: BLACK });
      });
      x += width;
    });
    this.#drawGrid(y, this.#headerHeight, 0.9);
    y -= this.#headerHeight;
    const numberHeight = LINE_HEIGHT + 2 * PAD;
    x = MARGIN.left;
    this.#widths.forEach((width, i) => {
      const label = `(${i + 1})`;
      const textWidth = this.#fonts.regular.widthOfTextAtSize(label, 8);
      page.drawText(label, { x: x + (width - textWidth) / 2, y: y - PAD - LINE_HEIGHT + 3, size: 8, font: this.#fonts.regular, color: BLACK });
      x += width;
    });
    this.#drawGrid(y, numberHeight, 0.9);
    this.#y = y - numberHeight;
  }

  #drawEmptyNote(): void {
    const text = nfc('Sổ chưa có văn bản nào / the register has no entries yet');
    this.#page!.drawText(text, { x: MARGIN.left + PAD, y: this.#y - LINE_HEIGHT - PAD, size: BODY_SIZE, font: this.#fonts.regular, color: GREY });
  }
}
