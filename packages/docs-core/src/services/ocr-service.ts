import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EOfficeError, type ServiceImplementation } from '@eoffice/contract';
import type { Clock } from '../clock/clock.js';
import { ocrJobsOfDocument } from '../ocr/ocr-queue.js';
import { pagesWithoutText, readScannedPages } from '../ocr/read-scanned-pages.js';
import { suggestFromText, type DirectoryCandidate } from '../ocr/receive-suggestions.js';
import { detectOcrEngine, ocrConfigFromEnvironment, type OcrEngineConfig } from '../ocr/tesseract-engine.js';
import { extractPdfPages } from '../search/pdf-text.js';
import type { Store } from '../store/store.js';
import { requireRole } from '../users/actor.js';
import { requireDocumentVisible } from '../users/secret-access.js';
import { localFileOf } from '../workflow/file-intake.js';
import { actorOf } from './call-actor.js';

export interface OcrServiceOptions {
  readonly store: Store;
  readonly clock: Clock;
  /** Defaults to Tesseract on the PATH (or `EOFFICE_TESSERACT`), `vie+eng`, 300 dpi. */
  readonly config?: OcrEngineConfig;
}

/** The worst status first: what a document's row shows when its files differ. */
const STATUS_ORDER = ['failed', 'unavailable', 'running', 'pending', 'done'] as const;

export function createOcrService({ store, clock, config = ocrConfigFromEnvironment(process.env) }: OcrServiceOptions): ServiceImplementation<'ocr'> {
  return {
    /** Văn thư tiếp nhận: reads the file the clerk is about to receive; stores nothing, not even the file. */
    suggest: async ({ file }, context) => {
      requireRole(await actorOf(store, clock, context), ['clerk'], 'đề xuất thông tin văn bản đến');
      const bytes = await readPdf(localFileOf(file).path);
      let pages: string[];
      try {
        pages = (await extractPdfPages(bytes, { maxPages: 1 })).pages;
      } catch (error) {
        throw new EOfficeError('E_PDF_UNREADABLE', `Không đọc được tệp PDF / cannot read the PDF: ${error instanceof Error ? error.message : String(error)}`);
      }
      let text = pages[0] ?? '';
      let source: 'text-layer' | 'ocr' = 'text-layer';
      if (pagesWithoutText([text]).length > 0) {
        const engine = await detectOcrEngine(config);
        if (!engine.available) throw new EOfficeError('E_OCR_UNAVAILABLE', engine.reason);
        const read = await readScannedPages(bytes, [1], join(store.dataDir, 'tmp'), config);
        const failure = read.failures[0];
        if (failure) throw new EOfficeError('E_PDF_UNREADABLE', `Không nhận dạng được trang 1 / page 1 could not be read: ${failure.reason}`);
        text = read.pages[0]?.text ?? '';
        source = 'ocr';
      }
      return { source, ...suggestFromText(text, await directoryCandidates(store)) };
    },
    status: async ({ id }, context) => {
      await requireDocumentVisible(store.db, await actorOf(store, clock, context), id);
      const files = await ocrJobsOfDocument(store.db, id);
      const status = files.length === 0 ? 'none' : STATUS_ORDER.find((s) => files.some((f) => f.status === s)) ?? 'done';
      return { id, status, files };
    },
  };
}

async function readPdf(path: string): Promise<Uint8Array> {
  const bytes = await readFile(path).catch(() => {
    throw new EOfficeError('E_FILE_UNREADABLE', `Không đọc được tệp ${path} / file not found or not a file`);
  });
  if (!bytes.subarray(0, 1024).toString('latin1').includes('%PDF-')) {
    throw new EOfficeError('E_PDF_UNREADABLE', 'Tệp không phải PDF / the file is not a PDF');
  }
  return bytes;
}

async function directoryCandidates(store: Store): Promise<DirectoryCandidate[]> {
  const rows = await store.db
    .selectFrom('directory_endpoints as e')
    .leftJoin('directory_endpoints as p', 'p.code', 'e.parent_code')
    .select(['e.code', 'e.name', 'p.name as parent_name'])
    .execute();
  return rows.map((r) => ({ code: r.code, name: r.name, parentName: r.parent_name ?? null }));
}
