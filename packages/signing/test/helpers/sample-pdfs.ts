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
