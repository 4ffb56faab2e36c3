import type { Kysely, Selectable } from 'kysely';
import { EOfficeError, type RecordDocumentView, type RecordFileView } from '@eoffice/contract';
import { vietnamIso } from '@eoffice/vietnamese';
import { requireAgency } from '../agency/agency-settings.js';
import { readSigningPolicy } from '../agency/signing-policy.js';
import { appendAudit } from '../audit/audit-log.js';
import type { Clock } from '../clock/clock.js';
import type { LtvExtender, LtvExtension } from '../ports/ltv-extender.js';
import type { Database, DocumentFilesTable } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { storedTrustAnchors } from '../trust/trust-anchors.js';
import { requireRole, type Actor } from '../users/actor.js';
import { documentNotFound, requireDocumentVisible } from '../users/secret-access.js';
import { recordFile } from '../workflow/document-files.js';
import { maySeeFile } from './file-visibility.js';
import { checkClosable, closeRecordFile, FILE_MAKERS, requireVisibleFile } from './record-files.js';
import { recordOriginalOf } from './record-original.js';
import { readStoredCheck } from '../workflow/signature-verdict.js';

export interface ArchivalOutcome {
  archival: Array<{ documentId: string; originalSha256: string; sha256: string; timestampTime: string }>;
  pending: Array<{ documentId: string; reason: string }>;
}

type FileRow = Selectable<DocumentFilesTable>;
interface Target {
  readonly documentId: string;
  readonly original: FileRow;
}
interface Made extends Target {
  readonly extension: LtvExtension;
}
interface Failed extends Target {
  readonly error: unknown;
  readonly reason: string;
}

const STORING = 'đang lưu bản lưu trữ / storing the archival copy';

/**
 * Kết thúc hồ sơ under the agency's policy (records.ltv_on_close, issue 16): every signed PDF of the file gets an
 * archival copy — its original's bytes unchanged, then a /DSS and a document timestamp from the agency's TSA (PAdES
 * B-LTA) — stored beside the original as role `archival`, one transaction and one audit entry per document.
 *
 * The TSA is asked before anything is written (a network call never sits inside a transaction). When a copy cannot
 * be made, the policy decides: `fail` refuses the close with that error (E_TSA_UNREACHABLE) and nothing changes;
 * `sign-without` closes the file and leaves the document in archival_pending for `records.ltvRetry`. The close itself
 * marks every target pending, so a copy lost between the close and its own transaction is retried, not forgotten.
 */
export async function closeRecordFileWithLtv(
  store: Store,
  clock: Clock,
  actor: Actor,
  id: string,
  extender: LtvExtender | undefined,
): Promise<{ file: RecordFileView; documents: RecordDocumentView[]; ltv: ArchivalOutcome | null }> {
  const db = store.db;
  const policy = await readSigningPolicy(db);
  if (!policy.ltvOnClose) return { ...(await closeRecordFile(db, clock, actor, id)), ltv: null };
  // Every check the close makes, before any TSA is asked: a file that cannot close costs no timestamp.
  const { documents } = await checkClosable(db, actor, (await requireAgency(db)).name, id);
  const targets = await archivalTargets(db, documents.map((d) => d.documentId));
  const { made, failed } = await makeCopies(store, extender, policy.tsaUrl, targets);
  if (failed.length > 0 && policy.tsaUnreachable === 'fail') throw failed[0]!.error;
  const reasons = new Map(failed.map((f) => [f.documentId, f.reason]));
  const closed = await closeRecordFile(db, clock, actor, id, {
    archivalPending: targets.map((t) => ({ documentId: t.documentId, sourceSha256: t.original.sha256, reason: reasons.get(t.documentId) ?? STORING })),
  });
  const archival = await storeCopies(store, clock, actor, id, made);
  return { ...closed, ltv: { archival, pending: failed.map((f) => ({ documentId: f.documentId, reason: f.reason })) } };
}

/**
 * Tries again the documents waiting for their archival copy: of one file the actor may see, or of every file they
 * may see. What still fails stays pending with the new reason; nothing else changes.
 */
export async function retryArchivalCopies(store: Store, clock: Clock, actor: Actor, fileId: string | undefined, extender: LtvExtender | undefined): Promise<ArchivalOutcome> {
  requireRole(actor, [...FILE_MAKERS, 'admin'], 'bổ sung lại dữ liệu kiểm tra dài hạn');
  const db = store.db;
  if (fileId !== undefined) await requireVisibleFile(db, actor, fileId);
  let query = db.selectFrom('archival_pending as p').innerJoin('record_files as f', 'f.id', 'p.file_id').select(['p.document_id', 'p.file_id', 'f.secrecy']).orderBy('p.since').orderBy('p.document_id');
  if (fileId !== undefined) query = query.where('p.file_id', '=', fileId);
  const rows = (await query.execute()).filter((r) => maySeeFile(actor, r.secrecy));
  if (rows.length === 0) return { archival: [], pending: [] };
  const targets = await archivalTargets(db, rows.map((r) => r.document_id));
  // A pending document whose copy exists already (made before a crash cleared its mark) only loses the mark.
  const done = rows.filter((r) => !targets.some((t) => t.documentId === r.document_id)).map((r) => r.document_id);
  if (done.length > 0) await db.deleteFrom('archival_pending').where('document_id', 'in', done).execute();
  const { made, failed } = await makeCopies(store, extender, (await readSigningPolicy(db)).tsaUrl, targets);
  const fileOf = new Map(rows.map((r) => [r.document_id, r.file_id]));
  const archival: ArchivalOutcome['archival'] = [];
  for (const m of made) archival.push(...(await storeCopies(store, clock, actor, fileOf.get(m.documentId)!, [m])));
  for (const f of failed) {
    await db.updateTable('archival_pending').set({ reason: f.reason, source_sha256: f.original.sha256 }).where('document_id', '=', f.documentId).execute();
  }
  return { archival, pending: failed.map((f) => ({ documentId: f.documentId, reason: f.reason })) };
}

/** Who may have archival copies made on demand: the archive's keepers (văn thư, lưu trữ) and the admin. */
export const ARCHIVAL_MAKERS = ['archivist', 'clerk', 'admin'] as const;

/**
 * Lập bản lưu trữ dài hạn on demand (issue 16): the service closing a file runs, for the signed documents of a file
 * the actor may see (all of them, or those named) that have no archival copy of their current original yet, whatever
 * the file's state and the agency's ltv_on_close. A document named that is missing, hidden from the actor, or not in
 * this file gets the one not-found answer. What cannot be made is reported with its reason; a document already
 * waiting (a closed file's archival_pending) keeps waiting with the new reason, and one made is no longer waiting.
 */
export async function addArchivalCopies(
  store: Store,
  clock: Clock,
  actor: Actor,
  fileId: string,
  documentIds: readonly string[] | undefined,
  extender: LtvExtender | undefined,
): Promise<ArchivalOutcome> {
  requireRole(actor, [...ARCHIVAL_MAKERS], 'lập bản lưu trữ dài hạn');
  const db = store.db;
  await requireVisibleFile(db, actor, fileId);
  const inFile = new Set((await db.selectFrom('record_file_documents').select('document_id').where('file_id', '=', fileId).execute()).map((r) => r.document_id));
  let wanted: string[];
  if (documentIds === undefined) {
    wanted = [...inFile];
  } else {
    wanted = [...new Set(documentIds)];
    for (const documentId of wanted) {
      await requireDocumentVisible(db, actor, documentId);
      if (!inFile.has(documentId)) throw documentNotFound(documentId);
    }
  }
  const targets = await archivalTargets(db, wanted);
  const { made, failed } = await makeCopies(store, extender, (await readSigningPolicy(db)).tsaUrl, targets);
  const archival = await storeCopies(store, clock, actor, fileId, made);
  for (const f of failed) {
    await db.updateTable('archival_pending').set({ reason: f.reason, source_sha256: f.original.sha256 }).where('document_id', '=', f.documentId).execute();
  }
  return { archival, pending: failed.map((f) => ({ documentId: f.documentId, reason: f.reason })) };
}

/**
 * The signed PDFs among the documents: each one's record original, when it is a PDF with a signature on record and
 * no archival copy was made from it yet (a document filed twice is extended once).
 */
async function archivalTargets(db: Kysely<Database>, documentIds: readonly string[]): Promise<Target[]> {
  const targets: Target[] = [];
  for (const documentId of documentIds) {
    const original = await recordOriginalOf(db, documentId);
    if (!original || original.media_type !== 'application/pdf') continue;
    // The latest check says whether there is a digital signature to keep verifiable: a hand signature on paper (its
    // scan) or an unsigned file has none, and a TSA would be asked for nothing.
    const signature = await db.selectFrom('document_signatures').select('result').where('document_id', '=', documentId).orderBy('id', 'desc').executeTakeFirst();
    if (!signature) continue;
    const check = readStoredCheck(signature.result);
    if (check.paper || check.signed === false) continue;
    const copy = await db.selectFrom('document_files').select('id').where('document_id', '=', documentId).where('role', '=', 'archival').where('id', '>', original.id).executeTakeFirst();
    if (!copy) targets.push({ documentId, original });
  }
  return targets;
}

/** Asks for each copy in turn; once the TSA is unreachable the rest are not asked (each would wait out its timeout). */
async function makeCopies(store: Store, extender: LtvExtender | undefined, tsaUrl: string | null, targets: readonly Target[]): Promise<{ made: Made[]; failed: Failed[] }> {
  const made: Made[] = [];
  const failed: Failed[] = [];
  if (targets.length === 0) return { made, failed };
  if (!extender || !tsaUrl) {
    const error = new EOfficeError('E_INVALID_INPUT', 'Chưa đặt máy chủ dấu thời gian (TSA) để bổ sung LTV / no TSA configured for LTV');
    return { made, failed: targets.map((t) => ({ ...t, error, reason: error.message })) };
  }
  const trustAnchors = await storedTrustAnchors(store.db);
  let unreachable: Failed | null = null;
  for (const target of targets) {
    if (unreachable) {
      failed.push({ ...target, error: unreachable.error, reason: unreachable.reason });
      continue;
    }
    try {
      const original = await store.blobs.get(target.original.sha256);
      const extension = await extender.extend(original, { tsaUrl, trustAnchors });
      // An incremental update only appends: a copy that does not begin with the original would not be its copy.
      if (extension.pdf.length <= original.length || Buffer.compare(Buffer.from(extension.pdf.subarray(0, original.length)), original) !== 0) {
        throw new EOfficeError('E_INVALID_INPUT', 'Bản lưu trữ không giữ nguyên bản gốc / the archival copy does not keep the original as it is');
      }
      made.push({ ...target, extension });
    } catch (error) {
      const entry: Failed = { ...target, error, reason: error instanceof Error ? error.message : String(error) };
      failed.push(entry);
      if (error instanceof EOfficeError && error.code === 'E_TSA_UNREACHABLE') unreachable = entry;
    }
  }
  return { made, failed };
}

/**
 * Each copy in its own transaction: the blob (content-addressed, written first; a blob no row names is harmless),
 * the `archival` file row, the pending mark cleared, and the audit entry naming the original it extends.
 */
async function storeCopies(store: Store, clock: Clock, actor: Actor, fileId: string, made: readonly Made[]): Promise<ArchivalOutcome['archival']> {
  const stored: ArchivalOutcome['archival'] = [];
  for (const m of made) {
    const blob = await store.blobs.put(m.extension.pdf);
    const at = vietnamIso(clock.now());
    await store.db.transaction().execute(async (trx) => {
      await recordFile(trx, m.documentId, 'archival', { name: archivalName(m.original.name), sha256: blob.sha256, size: blob.size, mediaType: 'application/pdf' }, at);
      await trx.deleteFrom('archival_pending').where('document_id', '=', m.documentId).execute();
      await appendAudit(trx, clock, {
        actor: actor.username, action: 'document.archival-copy', objectType: 'document', objectId: m.documentId,
        after: {
          recordFileId: fileId, originalSha256: m.original.sha256, sha256: blob.sha256, level: 'B-LTA', added: m.extension.added,
          timestampTime: m.extension.timestampTime, ...(m.extension.revocationMissing.length > 0 ? { revocationMissing: m.extension.revocationMissing } : {}),
        },
      });
    });
    stored.push({ documentId: m.documentId, originalSha256: m.original.sha256, sha256: blob.sha256, timestampTime: m.extension.timestampTime });
  }
  return stored;
}

/** "qd-12.pdf" → "qd-12-luu-tru.pdf": the copy is told apart from the original by its name too. */
function archivalName(name: string): string {
  return name.toLowerCase().endsWith('.pdf') ? `${name.slice(0, -4)}-luu-tru.pdf` : `${name}-luu-tru.pdf`;
}
