import { GlobalWorkerOptions, getDocument, type PDFDocumentProxy } from 'pdfjs-dist';
// Bundled with the renderer and served from our own origin: the page's CSP allows scripts and workers from 'self' only.
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

/**
 * Opens PDF bytes with pdf.js in its worker. The bytes are copied: pdf.js transfers the buffer it is given to the
 * worker, and the caller (a download, a prepared revision) keeps using its own.
 */
export function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  // isEvalSupported off: the page's CSP has no 'unsafe-eval', and a PDF's functions must not become code.
  return getDocument({ data: bytes.slice(), isEvalSupported: false, enableXfa: false }).promise;
}

/** The text of each page, for find-in-document (pages without a text layer, i.e. scans, give ""). */
export async function pageTexts(pdf: PDFDocumentProxy): Promise<string[]> {
  const texts: string[] = [];
  for (let number = 1; number <= pdf.numPages; number += 1) {
    const content = await (await pdf.getPage(number)).getTextContent();
    texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return texts;
}
