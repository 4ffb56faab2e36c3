import { loadTinos } from '../registers-print/register-fonts.js';
import { wrapText } from '../registers-print/wrap-text.js';
import { loadPdfLib } from '../pdf-lib-loader.js';

export interface DemoPdfText {
  /** Tên cơ quan ban hành, upper left. */
  readonly issuer: string;
  /** `Số: 12/QĐ-UBND` or empty for a draft. */
  readonly numberLine: string;
  /** Tên loại văn bản, e.g. "QUYẾT ĐỊNH" (empty for công văn). */
  readonly typeName: string;
  readonly subject: string;
  readonly body: string;
  /**
   * Địa danh and date line under the motto (ô 4), e.g. "Tỉnh Demo, ngày      tháng      năm 2026": on the same row as
   * the number (ô 3), as Phụ lục I lays them out.
   */
  readonly dateLine?: string;
  /** Signature block bottom-right (ô 7): authority and position lines (ô 7a, 7b), then the full name (ô 7c). */
  readonly signatureBlock?: { readonly lines: readonly string[]; readonly name: string };
  /**
   * Nơi nhận (ô 9a), bottom left beside the signature block: "Nơi nhận:" then these lines. Drawn with a signature
   * block; by default "- Như trên;" and "- Lưu: VT.", so a demo draft passes the format check (Phụ lục I). An empty
   * list draws no block (a defective draft for a test).
   */
  readonly recipients?: readonly string[];
  /** Leave out the Quốc hiệu or the Tiêu ngữ (a defective draft for a test). */
  readonly omit?: readonly ('quoc-hieu' | 'tieu-ngu')[];
}

/** The baseline of the first lines (11 pt): their top 20 mm below the top edge of an A4 page. */
const HEADER_BASELINE = 841.89 - 20 * (72 / 25.4) - 11;

export const DEFAULT_DEMO_RECIPIENTS: readonly string[] = ['- Như trên;', '- Lưu: VT.'];

/**
 * A small real one-page A4 PDF with Vietnamese text in Tinos (subset embedded), laid out like a Decree 30
 * document (Quốc hiệu, issuer, number, type, subject). For demo data and tests; a fixed creation date keeps bytes
 * reproducible.
 */
export async function makeDemoPdf(text: DemoPdfText, fontDir?: string): Promise<Uint8Array> {
  const fonts = await loadTinos(fontDir);
  // pdf-lib too, as fontkit below: a face that draws no PDF never evaluates it.
  const { PDFDocument, rgb } = await loadPdfLib();
  const pdf = await PDFDocument.create();
  // Loaded when a font is embedded, not with the module: fontkit unpacks its tables as it loads (a third of a second
  // of every start of the app, which never draws a PDF before its first screen).
  pdf.registerFontkit((await import('@pdf-lib/fontkit')).default);
  // A fixed font name (pdf-lib otherwise adds a random suffix) keeps the bytes the same from run to run.
  const regular = await pdf.embedFont(fonts.regular, { subset: true, customName: 'EOfficeDemoTinos' });
  const bold = await pdf.embedFont(fonts.bold, { subset: true, customName: 'EOfficeDemoTinosBold' });
  const fixed = new Date('2020-01-01T00:00:00Z');
  pdf.setCreationDate(fixed);
  pdf.setModificationDate(fixed);
  pdf.setProducer('E-Office Desktop demo');
  pdf.setCreator('E-Office Desktop demo');
  pdf.setTitle(text.subject.normalize('NFC'));
  const page = pdf.addPage([595.28, 841.89]);
  const black = rgb(0, 0, 0);
  const center = (value: string, y: number, font = regular, size = 13, left = 0, right = 595.28) => {
    const v = value.normalize('NFC');
    page.drawText(v, { x: left + (right - left - font.widthOfTextAtSize(v, size)) / 2, y, size, font, color: black });
  };
  // The first line's top 20 mm below the page's top edge (Phụ lục I: a top margin of 20–25 mm), where a copy's or an
  // attachment's stamp, top right, leaves it readable.
  center(text.issuer.toLocaleUpperCase('vi'), HEADER_BASELINE, bold, 11, 40, 260);
  if (!text.omit?.includes('quoc-hieu')) center('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', HEADER_BASELINE, bold, 11, 260, 570);
  if (!text.omit?.includes('tieu-ngu')) center('Độc lập - Tự do - Hạnh phúc', HEADER_BASELINE - 16, bold, 12, 260, 570);
  // Số (ô 3, left column) and the place and date (ô 4, right column) share one baseline, as in Phụ lục I.
  if (text.numberLine) center(text.numberLine, HEADER_BASELINE - 45, regular, 12, 40, 260);
  if (text.dateLine) {
    const line = text.dateLine.normalize('NFC');
    page.drawText(line, { x: 415 - regular.widthOfTextAtSize(line, 13) / 2, y: HEADER_BASELINE - 45, size: 13, font: regular, color: black });
  }
  let y = HEADER_BASELINE - 80;
  // A công văn has no type heading of its own in the decree; its trích yếu starts "V/v".
  const congVan = /^c[oô]ng v[aă]n$/i.test(text.typeName.normalize('NFC'));
  if (text.typeName && !congVan) {
    center(text.typeName.toLocaleUpperCase('vi'), y, bold, 14);
    y -= 20;
  }
  const subject = congVan && !/^v\/v\b/i.test(text.subject) ? `V/v ${text.subject}` : text.subject;
  for (const line of wrapText(subject, bold, 13, 420)) {
    center(line, y, bold, 13);
    y -= 17;
  }
  y -= 20;
  for (const line of wrapText(text.body, regular, 13, 480)) {
    page.drawText(line.normalize('NFC'), { x: 70, y, size: 13, font: regular, color: black });
    y -= 18;
  }
  if (text.signatureBlock) {
    // Position lines, about 25 mm of space for the signature and seal, then the name (Decree 30 Phụ lục I, ô 7).
    let sy = Math.min(y - 20, 300);
    for (const line of text.signatureBlock.lines) {
      center(line.toLocaleUpperCase('vi'), sy, bold, 13, 300, 560);
      sy -= 17;
    }
    center(text.signatureBlock.name, sy - 75, bold, 13, 300, 560);
    const recipients = text.recipients ?? DEFAULT_DEMO_RECIPIENTS;
    if (recipients.length > 0) {
      let ry = Math.min(y - 20, 300);
      page.drawText('Nơi nhận:'.normalize('NFC'), { x: 60, y: ry, size: 12, font: bold, color: black });
      for (const line of recipients) {
        ry -= 14;
        page.drawText(line.normalize('NFC'), { x: 60, y: ry, size: 11, font: regular, color: black });
      }
    }
  }
  center('DỮ LIỆU MẪU — không có giá trị pháp lý / DEMO DATA', 60, regular, 9);
  return pdf.save({ useObjectStreams: false });
}
