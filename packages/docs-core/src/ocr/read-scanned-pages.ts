import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../store/private-files.js';
import { rasterisePage } from './pdf-raster.js';
import { readImage, type OcrEngineConfig } from './tesseract-engine.js';

/** Fewer letters than this on a page: no text layer worth the name (a scan, or a scan with a stamped page number). */
const MIN_LETTERS_OF_A_TEXT_LAYER = 16;
/** Pages past this are not read: search needs the gist, and a 500-page scanned annex must not hold the queue for hours. */
export const MAX_OCR_PAGES = 50;

/** The pages (1-based) of a text layer, page by page, that carry no real text. */
export function pagesWithoutText(pages: readonly string[]): number[] {
  const empty: number[] = [];
  pages.forEach((text, i) => {
    if ((text.match(/\p{L}/gu)?.length ?? 0) < MIN_LETTERS_OF_A_TEXT_LAYER) empty.push(i + 1);
  });
  return empty;
}

export interface ScannedPagesResult {
  /** Recognised text per page read, in page order. */
  readonly pages: readonly { readonly page: number; readonly text: string }[];
  readonly failures: readonly { readonly page: number; readonly reason: string }[];
}

/**
 * Rasterises each page (pdftoppm, grayscale PNG) and reads it (Tesseract), one child process at a time, in a private
 * folder under `workDir` removed afterwards: a secret scan's page images never outlive the job. The PDF is read from
 * a copy; the stored blob is never opened for writing.
 */
export async function readScannedPages(
  pdfBytes: Uint8Array,
  pageNumbers: readonly number[],
  workDir: string,
  config: OcrEngineConfig,
): Promise<ScannedPagesResult> {
  await makePrivateDir(workDir);
  const folder = await mkdtemp(join(workDir, 'ocr-'));
  try {
    const pdfPath = join(folder, 'source.pdf');
    await writeFile(pdfPath, pdfBytes, { mode: PRIVATE_FILE_MODE });
    const pages: { page: number; text: string }[] = [];
    const failures: { page: number; reason: string }[] = [];
    for (const page of pageNumbers.slice(0, MAX_OCR_PAGES)) {
      try {
        const image = await rasterisePage(pdfPath, page, join(folder, `page-${page}`), { dpi: config.dpi, format: 'png', timeoutMs: config.pageTimeoutMs });
        try {
          pages.push({ page, text: await readImage(image, config) });
        } finally {
          await rm(image, { force: true });
        }
      } catch (error) {
        failures.push({ page, reason: error instanceof Error ? error.message : String(error) });
      }
    }
    return { pages, failures };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
