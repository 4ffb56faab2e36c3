import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EOfficeError, type ServiceImplementation } from '@eoffice/contract';
import type { Clock } from '../clock/clock.js';
import { ocrJobsOfDocument } from '../ocr/ocr-queue.js';
import { pagesWithoutText, readScannedPages } from '../ocr/read-scanned-pages.js';
import { appendAudit } from '../audit/audit-log.js';
import { writeExport } from '../records/output-file.js';
import { recordOriginalOf } from '../records/record-original.js';
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
    /**
     * Bản sao để đọc (issue 17, item 3): anyone who may see the document may make one; the copy is new bytes
     * written where the command line says (or into the actor's exports), the original blob is only read, and the
     * making is audited (a copy of a secret document leaves a trace).
     */
    copy: async ({ id, outPath }, context) => {
      const actor = await actorOf(store, clock, context);
      await requireDocumentVisible(store.db, actor, id);
      const original = await recordOriginalOf(store.db, id);
      if (!original) throw new EOfficeError('E_NOT_FOUND', `Văn bản ${id} chưa có tệp / the document has no file yet`);
      if (original.media_type !== 'application/pdf') throw new EOfficeError('E_PDF_UNREADABLE', `Tệp của văn bản không phải PDF / the document's file is not a PDF (${original.media_type})`);
      const engine = await detectOcrEngine(config);
      if (!engine.available) throw new EOfficeError('E_OCR_UNAVAILABLE', engine.reason);
      const doc = await store.db.selectFrom('documents').select(['code_number', 'code_notation', 'subject']).where('id', '=', id).executeTakeFirstOrThrow();
      const numbered = [doc.code_number, doc.code_notation].filter(Boolean).join('/');
      let pages = 0;
      const written = await writeExport(store, actor, context, outPath, `ban-sao-de-doc-${id}.pdf`, async () => {
        // The reader copy's writer (pdf-lib) loads with the first copy, not with docs-core at every start.
        const { makeReaderCopy } = await import('../ocr/reader-copy.js');
        const copy = await makeReaderCopy({
          original: await store.blobs.get(original.sha256),
          originalSha256: original.sha256,
          documentId: id,
          title: [numbered, doc.subject].filter(Boolean).join(' — ') || id,
          createdAt: clock.now(),
          createdBy: actor.username,
          workDir: join(store.dataDir, 'tmp'),
          config,
        });
        pages = copy.pages;
        return copy.bytes;
      });
      await store.db.transaction().execute((trx) =>
        appendAudit(trx, clock, { actor: actor.username, action: 'document.reader-copy', objectType: 'document', objectId: id, after: { originalSha256: original.sha256, pages, bytes: written.bytes } }),
      );
      return { id, path: written.path, bytes: written.bytes, pages, originalSha256: original.sha256 };
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
