import type * as PdfJs from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A run of text on a page, in PDF user space: (x, y) is the start of its baseline, height about the font size. */
export interface PositionedText {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface PageText {
  readonly pageIndex: number;
  readonly items: readonly PositionedText[];
}

/**
 * The text runs of the first and last pages with their positions, read with pdf.js (legacy build, plain Node):
 * where "Số:", the date line and the signer's name are printed on a draft. A file pdf.js cannot parse gives no
 * pages, and the caller falls back to the default boxes; anything else (pdf.js itself failing to load, its worker
 * missing from a bundle) is thrown, so a broken install is never mistaken for an unusual draft.
 */
export async function firstAndLastPageText(pdf: Uint8Array): Promise<{ first: PageText; last: PageText } | undefined> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const { getDocument } = pdfjs;
  // pdf.js takes ownership of (and detaches) the buffer it is given: hand it a copy.
  const task = getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, useSystemFonts: false, verbosity: 0 });
  try {
    const doc = await task.promise;
    const read = async (pageIndex: number): Promise<PageText> => {
      const page = await doc.getPage(pageIndex + 1);
      const content = await page.getTextContent();
      const items: PositionedText[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const [, , , , x, y] = item.transform as number[];
        items.push({ text: item.str.normalize('NFC'), x: x!, y: y!, width: item.width, height: item.height });
      }
      page.cleanup();
      return { pageIndex, items };
    };
    const first = await read(0);
    return { first, last: doc.numPages === 1 ? { ...first } : await read(doc.numPages - 1) };
  } catch (error) {
    if (isUnparsablePdf(error, pdfjs)) return undefined;
    throw error;
  } finally {
    await task.destroy();
  }
}

/**
 * What pdf.js raises for a file it cannot parse: an invalid structure (InvalidPDFException, also for an empty file),
 * a password it does not have, or a malformed object (FormatError, which reaches us from pdf.js's worker wrapped as
 * UnknownErrorException with the original in `details`).
 */
function isUnparsablePdf(error: unknown, pdfjs: typeof PdfJs): boolean {
  if (error instanceof pdfjs.InvalidPDFException) return true;
  // pdf.js 5 exports neither PasswordException nor UnknownErrorException: known by the name they set.
  if (!(error instanceof Error)) return false;
  if (error.name === 'PasswordException') return true;
  return error.name === 'UnknownErrorException' && /^FormatError\b/.test(String((error as { details?: unknown }).details));
}
