/**
 * Text of a PDF for the search index, with pdf.js (the legacy build runs in plain Node). Scans without a text layer
 * give an empty string; that is a result, not an error.
 */
export interface PdfTextOptions {
  /** Pages past this are not read: search needs the gist, and a 500-page annex must not stall the job. */
  readonly maxPages?: number;
  /** Characters kept. */
  readonly maxChars?: number;
}

export async function extractPdfText(bytes: Uint8Array, options: PdfTextOptions = {}): Promise<string> {
  const maxChars = options.maxChars ?? 1_000_000;
  return (await extractPdfPages(bytes, options)).pages.join('\n').slice(0, maxChars);
}

/** The text layer page by page (page 1 first), and how many pages the PDF has: OCR looks for the empty ones. */
export async function extractPdfPages(bytes: Uint8Array, options: PdfTextOptions = {}): Promise<{ pages: string[]; pageCount: number }> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const maxPages = options.maxPages ?? 200;
  const maxChars = options.maxChars ?? 1_000_000;
  // pdf.js takes ownership of (and detaches) the buffer it is given: hand it a copy.
  const task = getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, verbosity: 0 });
  const pdf = await task.promise;
  try {
    const parts: string[] = [];
    let length = 0;
    for (let pageNumber = 1; pageNumber <= Math.min(pdf.numPages, maxPages) && length < maxChars; pageNumber += 1) {
      const page = await pdf.getPage(pageNumber);
      const content = await page.getTextContent();
      let pageText = '';
      for (const item of content.items) {
        if ('str' in item) pageText += item.str + (item.hasEOL ? '\n' : '');
      }
      page.cleanup();
      parts.push(pageText.normalize('NFC'));
      length += pageText.length;
    }
    return { pages: parts, pageCount: pdf.numPages };
  } finally {
    await task.destroy();
  }
}
