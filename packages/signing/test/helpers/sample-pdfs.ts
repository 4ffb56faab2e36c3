import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

/** A small multi-page document made with pdf-lib: the kind of draft E-Office produces before signing. */
export async function makeSamplePdf(options: { pages?: number; useObjectStreams?: boolean } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  for (let i = 0; i < (options.pages ?? 2); i++) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText(`Page ${i + 1} - sample document`, { x: 72, y: 760, size: 14, font, color: rgb(0, 0, 0) });
  }
  doc.setTitle('Sample');
  return doc.save({ useObjectStreams: options.useObjectStreams ?? false });
}

/**
 * A hybrid-reference file by hand: the table lists objects 1–3 and the xref stream 5; object 4 (the page) lives in
 * object stream 6 that only the /XRefStm stream knows about, as Word 2007-era writers did.
 */
export function makeHybridPdf(): Uint8Array {
  const parts: string[] = ['%PDF-1.5\n'];
  const offsets: Record<number, number> = {};
  const len = (): number => Buffer.byteLength(parts.join(''), 'latin1');
  const add = (num: number, body: string): void => {
    offsets[num] = len();
    parts.push(`${num} 0 obj\n${body}\nendobj\n`);
  };
  add(1, '<< /Type /Catalog /Pages 2 0 R >>');
  add(2, '<< /Type /Pages /Kids [4 0 R] /Count 1 >>');
  add(3, '<< /Length 0 >>\nstream\n\nendstream');
  const inner = '4 0 ';
  const objBody = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 3 0 R >>';
  add(6, `<< /Type /ObjStm /N 1 /First ${inner.length} /Length ${inner.length + objBody.length} >>\nstream\n${inner}${objBody}\nendstream`);
  const rows = Buffer.from([2, 0, 6, 0]); // W [1 2 1]: object 4 → stream 6, index 0
  add(5, `<< /Type /XRef /Size 7 /W [1 2 1] /Index [4 1] /Length ${rows.length} >>\nstream\n${rows.toString('latin1')}\nendstream`);
  const xrefAt = len();
  const row = (n: number): string => `${String(offsets[n]).padStart(10, '0')} 00000 n \n`;
  parts.push('xref\n0 7\n0000000000 65535 f \n', row(1), row(2), row(3), '0000000000 00000 f \n', row(5), row(6));
  parts.push(`trailer\n<< /Size 7 /Root 1 0 R /XRefStm ${offsets[5]} >>\nstartxref\n${xrefAt}\n%%EOF\n`);
  return Buffer.from(parts.join(''), 'latin1');
}
