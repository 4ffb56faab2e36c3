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
 * where "Số:", the date line and the signer's name are printed on a draft. A PDF pdf.js cannot read gives no
 * pages, and the caller falls back to the default boxes.
 */
export async function firstAndLastPageText(pdf: Uint8Array): Promise<{ first: PageText; last: PageText } | undefined> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
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
  } catch {
    return undefined;
  } finally {
    await task.destroy();
  }
}
