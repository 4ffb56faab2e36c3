import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { EOfficeError, type RecordDocumentView, type RecordFileView } from '@eoffice/contract';
import { vietnamIso } from '@eoffice/vietnamese';
import { requireAgency } from '../agency/agency-settings.js';
import { appendAudit } from '../audit/audit-log.js';
import type { Clock } from '../clock/clock.js';
import type { Store } from '../store/store.js';
import type { Database } from '../store/schema.js';
import { lockedForWrite } from '../store/row-locks.js';
import { dialectOf } from '../store/store-dialect.js';
import { requireRole, type Actor } from '../users/actor.js';
import { documentNotFound, requireDocumentVisible } from '../users/secret-access.js';
import { addCalendarMonths } from './calendar-months.js';
import { planNotFound } from './file-plan.js';
import { higherSecrecy, maySeeFile, recordFileNotFound } from './file-visibility.js';
import { loadFileDocuments, recordFileView } from './record-file-view.js';
import { mustBeHandedOver, retentionFromText } from './retention.js';
import { recordOriginalOf } from './record-original.js';
import { loadPdfLib } from '../pdf-lib-loader.js';

type Reader = Kysely<Database> | Transaction<Database>;

/** Who makes files (Điều 28–29: each person who handles the work files it; the clerk and the archive help). */
export const FILE_MAKERS = ['specialist', 'clerk', 'archivist', 'leader'] as const;

/** Documents that are finished enough to be filed: registered incoming ones, issued outgoing ones. */
const FILEABLE_STATES = new Set(['registered', 'presented', 'assigned', 'in_progress', 'completed', 'filed', 'issued', 'dispatched', 'archived']);

/** Handover deadline (Điều 30): construction files 3 months after the end, others 1 year. */
export function handoverDueDate(file: { retention: string; construction: number; end_date: string | null; kept_until: string | null }): string | null {
  if (!file.end_date || !mustBeHandedOver(retentionFromText(file.retention))) return null;
  const due = addCalendarMonths(file.end_date, file.construction === 1 ? 3 : 12);
  return file.kept_until !== null && file.kept_until > due ? file.kept_until : due;
}

/**
 * A file the actor may see, or the one not-found answer. Inside a transaction on PostgreSQL the file's row is locked
 * until it ends: two changes to one file (two documents added at once, an add racing the close) take turns, instead of
 * both reading the same last DocOrdinal and doc_total (a unique-key failure, or a lost count). SQLite writes one at a time.
 */
export async function requireVisibleFile(db: Reader, actor: Actor, id: string) {
  const query = db.selectFrom('record_files').selectAll().where('id', '=', id);
  const row = await (db.isTransaction && dialectOf(db) === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
  if (!row || !maySeeFile(actor, row.secrecy)) throw recordFileNotFound(id);
  return row;
}

function requireOpen(row: { state: string; id: string }): void {
  if (row.state !== 'open') {
    throw new EOfficeError('E_FILE_CLOSED', `Hồ sơ ${row.id} đã kết thúc${row.state === 'archived' ? ' và đã nộp lưu' : ''}: không thay đổi được / the file is closed`);
  }
}

export async function openRecordFile(db: Kysely<Database>, clock: Clock, actor: Actor, year: number, notation: string): Promise<RecordFileView> {
  requireRole(actor, [...FILE_MAKERS], 'mở hồ sơ');
  const agency = await requireAgency(db);
  const id = randomUUID();
  const at = vietnamIso(clock.now());
  await db.transaction().execute(async (trx) => {
    // Under the list's row lock (importFilePlan): the line read below is the one the list holds when this commits.
    const plan = await lockedForWrite(trx, trx.selectFrom('file_plans').selectAll().where('year', '=', year)).executeTakeFirst();
    if (!plan) throw planNotFound(year);
    const entry = await trx.selectFrom('file_plan_entries').selectAll().where('plan_year', '=', year).where('notation', '=', notation).executeTakeFirst();
    if (!entry || !maySeeFile(actor, entry.secrecy)) {
      throw new EOfficeError('E_NOT_FOUND', `Danh mục hồ sơ năm ${year} không có hồ sơ ${notation} / no such line in the file list`);
    }
    if (plan.state !== 'approved') {
      throw new EOfficeError('E_PLAN_NOT_APPROVED', `Danh mục hồ sơ năm ${year} chưa được duyệt / the file list of ${year} is not approved yet`);
    }
    const existing = await trx.selectFrom('record_files').select(['id', 'secrecy']).where('plan_year', '=', year).where('notation', '=', notation).executeTakeFirst();
    if (existing) {
      if (!maySeeFile(actor, existing.secrecy)) throw new EOfficeError('E_NOT_FOUND', `Danh mục hồ sơ năm ${year} không có hồ sơ ${notation} / no such line in the file list`);
      throw new EOfficeError('E_CONFLICT', `Hồ sơ ${notation} năm ${year} đã được mở / already opened`, { id: existing.id });
    }
    const heading = await trx.selectFrom('file_plan_headings').selectAll().where('plan_year', '=', year).where('code', '=', entry.heading_code).executeTakeFirstOrThrow();
    await trx
      .insertInto('record_files')
      .values({
        id, plan_year: year, notation, organ_id: plan.organ_id || agency.organId, heading_code: heading.code, heading_title: heading.title, title: entry.title,
        retention: entry.retention, rights: entry.rights, creator: (entry.person ?? actor.fullName).slice(0, 30), language: 'Tiếng Việt',
        start_date: null, end_date: null, doc_total: 0, page_total: null, description: entry.notes, unit: entry.unit, person: entry.person,
        secrecy: entry.secrecy, construction: entry.construction, state: 'open', opened_at: at, opened_by: actor.username, closed_at: null,
        closed_by: null, due_date: null, kept_until: null, keep_reason: null, reminded_at: null, accepted_at: null, accepted_by: null,
      })
      .execute();
    await appendAudit(trx, clock, { actor: actor.username, action: 'record-file.open', objectType: 'record-file', objectId: id, after: { year, notation } });
  });
  return recordFileView(await db.selectFrom('record_files').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
}

export interface RecordFileUpdate {
  readonly title?: string | undefined;
  readonly rights?: string | undefined;
  readonly creator?: string | undefined;
  readonly language?: string | undefined;
  readonly description?: string | undefined;
}

export async function updateRecordFile(db: Kysely<Database>, clock: Clock, actor: Actor, id: string, update: RecordFileUpdate): Promise<RecordFileView> {
  requireRole(actor, [...FILE_MAKERS], 'sửa hồ sơ');
  const changes = Object.fromEntries(Object.entries(update).filter(([, v]) => v !== undefined)) as Record<string, string>;
  await db.transaction().execute(async (trx) => {
    const row = await requireVisibleFile(trx, actor, id);
    requireOpen(row);
    if (Object.keys(changes).length === 0) return;
    await trx.updateTable('record_files').set(changes).where('id', '=', id).execute();
    const before = Object.fromEntries(Object.keys(changes).map((k) => [k, row[k as keyof typeof row]]));
    await appendAudit(trx, clock, { actor: actor.username, action: 'record-file.update', objectType: 'record-file', objectId: id, before, after: changes });
  });
  return recordFileView(await db.selectFrom('record_files').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
}

/** Pages of the document's original, for PageAmount when the document has none (the System indexes, Điều 29). */
async function countPages(store: Store, documentId: string): Promise<number | null> {
  const original = await recordOriginalOf(store.db, documentId);
  if (!original || original.media_type !== 'application/pdf') return null;
  try {
    // pdf-lib loads here, not with docs-core at every start of a face.
    const { PDFDocument } = await loadPdfLib();
    const pdf = await PDFDocument.load(await store.blobs.get(original.sha256), { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
    return pdf.getPageCount();
  } catch {
    return null;
  }
}

/**
 * DocOrdinal (Phụ lục VI: the document's number within the file) follows the file's arrangement, which for an archivist
 * is chronological — by the document's date (IssuedDate); the documents of one day keep the order they already had.
 * A document added late therefore takes its place by date and the ones after it move up: the index always reads in
 * date order, without gaps. Only a closed file's ordinals are final (they are what the export, the package and a
 * citation name), and a closed file takes no more documents. Writes the ordinal to the documents whose FileCode is this
 * file. Two passes, so the unique (file, ordinal) never collides midway.
 */
async function arrangeChronologically(trx: Transaction<Database>, file: { id: string; organ_id: string; plan_year: number; notation: string }): Promise<void> {
  const links = await trx
    .selectFrom('record_file_documents')
    .innerJoin('documents', 'documents.id', 'record_file_documents.document_id')
    .select(['record_file_documents.document_id', 'record_file_documents.doc_ordinal', 'documents.issued_date'])
    .where('record_file_documents.file_id', '=', file.id)
    .execute();
  // Sorted here, not by the database: SQLite and PostgreSQL place NULLs differently; an undated document goes last.
  const arranged = [...links].sort((a, b) => {
    if (a.issued_date !== b.issued_date) {
      if (a.issued_date === null) return 1;
      if (b.issued_date === null) return -1;
      return a.issued_date < b.issued_date ? -1 : 1;
    }
    return a.doc_ordinal - b.doc_ordinal;
  });
  if (arranged.every((link, index) => link.doc_ordinal === index + 1)) return;
  for (const [index, link] of arranged.entries()) {
    await trx.updateTable('record_file_documents').set({ doc_ordinal: -(index + 1) }).where('file_id', '=', file.id).where('document_id', '=', link.document_id).execute();
  }
  await trx.updateTable('record_file_documents').set((eb) => ({ doc_ordinal: eb.neg(eb.ref('doc_ordinal')) })).where('file_id', '=', file.id).execute();
  for (const [index, link] of arranged.entries()) {
    await trx
      .updateTable('documents')
      .set({ doc_ordinal: index + 1 })
      .where('id', '=', link.document_id)
      .where('file_organ_id', '=', file.organ_id)
      .where('file_catalog', '=', file.plan_year)
      .where('file_notation', '=', file.notation)
      .execute();
  }
}

/**
 * Adds a document to a file by reference (one document may sit in several files, never copied), in its place by date
 * (arrangeChronologically). The document's own FileCode columns name the first file it entered.
 */
export async function addToRecordFile(store: Store, clock: Clock, actor: Actor, id: string, documentId: string): Promise<{ file: RecordFileView; document: RecordDocumentView }> {
  requireRole(actor, [...FILE_MAKERS], 'đưa văn bản vào hồ sơ');
  const db = store.db;
  // Read-only look first, so the page count (a PDF parse) is not done inside the write transaction.
  const first = await requireVisibleFile(db, actor, id);
  requireOpen(first);
  await requireDocumentVisible(db, actor, documentId);
  const pages = await countPages(store, documentId);
  const at = vietnamIso(clock.now());
  await db.transaction().execute(async (trx) => {
    const row = await requireVisibleFile(trx, actor, id);
    requireOpen(row);
    const doc = await trx.selectFrom('documents').selectAll().where('id', '=', documentId).executeTakeFirst();
    if (!doc) throw documentNotFound(documentId);
    if (!FILEABLE_STATES.has(doc.state)) {
      throw new EOfficeError('E_INVALID_STATE', `Văn bản ở trạng thái ${doc.state} chưa đưa vào hồ sơ được / a document in state ${doc.state} cannot be filed`);
    }
    const already = await trx.selectFrom('record_file_documents').select('doc_ordinal').where('file_id', '=', id).where('document_id', '=', documentId).executeTakeFirst();
    if (already) throw new EOfficeError('E_CONFLICT', `Văn bản đã có trong hồ sơ (số thứ tự ${already.doc_ordinal}) / already in the file`);
    const last = await trx.selectFrom('record_file_documents').select((eb) => eb.fn.max('doc_ordinal').as('max')).where('file_id', '=', id).executeTakeFirst();
    const ordinal = Number(last?.max ?? 0) + 1;
    await trx.insertInto('record_file_documents').values({ file_id: id, document_id: documentId, doc_ordinal: ordinal, added_at: at, added_by: actor.username }).execute();
    const documentChanges: Partial<{ page_amount: number; file_organ_id: string; file_catalog: number; file_notation: string; doc_ordinal: number }> = {};
    if (doc.page_amount === null && pages !== null) documentChanges.page_amount = pages;
    if (doc.file_notation === null) Object.assign(documentChanges, { file_organ_id: row.organ_id, file_catalog: row.plan_year, file_notation: row.notation, doc_ordinal: ordinal });
    if (Object.keys(documentChanges).length > 0) await trx.updateTable('documents').set(documentChanges).where('id', '=', documentId).execute();
    await trx
      .updateTable('record_files')
      .set({ doc_total: row.doc_total + 1, secrecy: higherSecrecy(row.secrecy, doc.secrecy) })
      .where('id', '=', id)
      .execute();
    await arrangeChronologically(trx, row);
    const placed = await trx.selectFrom('record_file_documents').select('doc_ordinal').where('file_id', '=', id).where('document_id', '=', documentId).executeTakeFirstOrThrow();
    await appendAudit(trx, clock, { actor: actor.username, action: 'record-file.add', objectType: 'record-file', objectId: id, after: { documentId, docOrdinal: placed.doc_ordinal } });
  });
  const file = recordFileView(await db.selectFrom('record_files').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  const document = (await loadFileDocuments(db, id)).find((d) => d.documentId === documentId)!;
  return { file, document };
}

export async function removeFromRecordFile(db: Kysely<Database>, clock: Clock, actor: Actor, id: string, documentId: string): Promise<RecordFileView> {
  requireRole(actor, [...FILE_MAKERS], 'bỏ văn bản khỏi hồ sơ');
  await db.transaction().execute(async (trx) => {
    const row = await requireVisibleFile(trx, actor, id);
    requireOpen(row);
    await requireDocumentVisible(trx as unknown as Kysely<Database>, actor, documentId);
    const link = await trx.selectFrom('record_file_documents').selectAll().where('file_id', '=', id).where('document_id', '=', documentId).executeTakeFirst();
    if (!link) throw new EOfficeError('E_NOT_FOUND', `Văn bản không có trong hồ sơ / the document is not in this file`);
    await trx.deleteFrom('record_file_documents').where('file_id', '=', id).where('document_id', '=', documentId).execute();
    await trx.updateTable('record_files').set({ doc_total: row.doc_total - 1 }).where('id', '=', id).execute();
    await pointDocumentAtAFile(trx, documentId);
    // The ones after it move down: no gap in the index.
    await arrangeChronologically(trx, row);
    await appendAudit(trx, clock, { actor: actor.username, action: 'record-file.remove', objectType: 'record-file', objectId: id, before: { documentId, docOrdinal: link.doc_ordinal } });
  });
  return recordFileView(await db.selectFrom('record_files').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
}

/** The document's FileCode and DocOrdinal: the first file it still belongs to (by when it entered), or none. */
async function pointDocumentAtAFile(trx: Transaction<Database>, documentId: string): Promise<void> {
  const link = await trx
    .selectFrom('record_file_documents')
    .innerJoin('record_files', 'record_files.id', 'record_file_documents.file_id')
    .select(['record_files.organ_id', 'record_files.plan_year', 'record_files.notation', 'record_file_documents.doc_ordinal'])
    .where('record_file_documents.document_id', '=', documentId)
    .orderBy('record_file_documents.added_at')
    .orderBy('record_files.id')
    .executeTakeFirst();
  await trx
    .updateTable('documents')
    .set(
      link
        ? { file_organ_id: link.organ_id, file_catalog: link.plan_year, file_notation: link.notation, doc_ordinal: link.doc_ordinal }
        : { file_organ_id: null, file_catalog: null, file_notation: null, doc_ordinal: null },
    )
    .where('id', '=', documentId)
    .execute();
}

/** The Phụ lục VI fields of a document a closed file needs, by their XML names. */
const DOCUMENT_FIELDS: ReadonlyArray<[string, keyof RecordDocumentView]> = [
  ['TypeName', 'typeName'],
  ['CodeNumber', 'codeNumber'],
  ['IssuedDate', 'issuedDate'],
  ['OrganName', 'organName'],
  ['Subject', 'subject'],
  ['PageAmount', 'pageAmount'],
];

/**
 * What closing needs (Điều 29), read in the caller's transaction: the file open and visible, and no Phụ lục VI field
 * still empty, of the file or of a document; otherwise each missing one is reported by name.
 */
export async function checkClosable(db: Reader, actor: Actor, agencyName: string, id: string) {
  requireRole(actor, [...FILE_MAKERS], 'kết thúc hồ sơ');
  const row = await requireVisibleFile(db, actor, id);
  requireOpen(row);
  const documents = await loadFileDocuments(db, id);
  const missing: string[] = [];
  for (const [name, value] of [['Title', row.title], ['Maintenance', row.retention], ['Rights', row.rights], ['Creator', row.creator], ['Language', row.language]] as const) {
    if (value === null || value.trim() === '') missing.push(name);
  }
  if (documents.length === 0) missing.push('DocTotal');
  for (const doc of documents) {
    const filled = { ...doc, organName: doc.organName ?? (doc.direction === 'incoming' ? null : agencyName) };
    for (const [name, key] of DOCUMENT_FIELDS) {
      const value = filled[key];
      if (value === null || value === '') missing.push(`${doc.docOrdinal}.${name}`);
    }
  }
  if (missing.length > 0) {
    throw new EOfficeError(
      'E_METADATA_MISSING',
      `Hồ sơ còn thiếu thông tin: ${missing.join(', ')} / the file lacks metadata: ${missing.join(', ')}`,
      { missing },
    );
  }
  return { row, documents };
}

export interface CloseOptions {
  /**
   * Signed documents whose archival copy (records.ltv_on_close) is still to be stored: marked pending in the close's
   * own transaction, so a copy lost between the close and its own transaction is retried later, never forgotten.
   */
  readonly archivalPending?: ReadonlyArray<{ readonly documentId: string; readonly sourceSha256: string; readonly reason: string }>;
}

/**
 * Kết thúc hồ sơ (Điều 29): StartDate, EndDate, DocTotal and PageTotal come from the documents; any Phụ lục VI field
 * still empty, of the file or of a document, is reported by name and nothing changes. Closing fixes DocOrdinal (1..n
 * by date, written to the documents that cite this file) and sets the handover due date.
 */
export async function closeRecordFile(db: Kysely<Database>, clock: Clock, actor: Actor, id: string, options: CloseOptions = {}): Promise<{ file: RecordFileView; documents: RecordDocumentView[] }> {
  requireRole(actor, [...FILE_MAKERS], 'kết thúc hồ sơ');
  const agency = await requireAgency(db);
  const at = vietnamIso(clock.now());
  await db.transaction().execute(async (trx) => {
    const { row, documents } = await checkClosable(trx, actor, agency.name, id);
    const dates = documents.map((d) => d.issuedDate!).sort();
    const pageTotal = documents.reduce((sum, d) => sum + (d.pageAmount ?? 0), 0);
    // The final ordinals: 1..n by date (a date corrected while the file was open moves its document now).
    await arrangeChronologically(trx, row);
    // An issuer named only through the directory is written to the document now: the closed file's metadata must not
    // change when the directory later renames an agency.
    const namedByDirectory = await namesFromDirectory(trx, documents);
    // In id order, as every transaction that changes several documents (ARCHITECTURE.md, "Lock order").
    for (const { documentId, organName } of [...namedByDirectory].sort((a, b) => (a.documentId < b.documentId ? -1 : 1))) {
      await trx.updateTable('documents').set({ organ_name: organName }).where('id', '=', documentId).where('organ_name', 'is', null).execute();
    }
    const closed = { start_date: dates[0]!, end_date: dates.at(-1)!, doc_total: documents.length, page_total: pageTotal };
    const dueDate = handoverDueDate({ ...row, ...closed });
    await trx
      .updateTable('record_files')
      .set({ ...closed, state: 'closed', closed_at: at, closed_by: actor.username, due_date: dueDate })
      .where('id', '=', id)
      .execute();
    const pending = options.archivalPending ?? [];
    for (const p of pending) {
      await trx
        .insertInto('archival_pending')
        .values({ document_id: p.documentId, file_id: id, source_sha256: p.sourceSha256, since: at, reason: p.reason })
        .onConflict((oc) => oc.column('document_id').doUpdateSet({ file_id: id, source_sha256: p.sourceSha256, since: at, reason: p.reason }))
        .execute();
    }
    await appendAudit(trx, clock, {
      actor: actor.username, action: 'record-file.close', objectType: 'record-file', objectId: id, before: { state: 'open' },
      after: {
        state: 'closed', ...closed, dueDate,
        ...(namedByDirectory.length > 0 ? { organNamesFromDirectory: namedByDirectory } : {}),
        ...(pending.length > 0 ? { archivalPending: pending.map((p) => ({ documentId: p.documentId, reason: p.reason })) } : {}),
      },
    });
  });
  return { file: recordFileView(await db.selectFrom('record_files').selectAll().where('id', '=', id).executeTakeFirstOrThrow()), documents: await loadFileDocuments(db, id) };
}

/** The documents whose OrganName came from the directory (none stored on the document itself). */
async function namesFromDirectory(trx: Transaction<Database>, documents: readonly RecordDocumentView[]): Promise<Array<{ documentId: string; organName: string }>> {
  const ids = documents.filter((d) => d.organName !== null).map((d) => d.documentId);
  if (ids.length === 0) return [];
  const unnamed = new Set((await trx.selectFrom('documents').select('id').where('id', 'in', ids).where('organ_name', 'is', null).execute()).map((r) => r.id));
  return documents.filter((d) => unnamed.has(d.documentId)).map((d) => ({ documentId: d.documentId, organName: d.organName! }));
}

export async function showRecordFile(db: Kysely<Database>, actor: Actor, id: string): Promise<{ file: RecordFileView; documents: RecordDocumentView[] }> {
  const row = await requireVisibleFile(db, actor, id);
  return { file: recordFileView(row), documents: await loadFileDocuments(db, id) };
}

export async function listRecordFiles(db: Kysely<Database>, actor: Actor, filter: { year?: number | undefined; state?: string | undefined }): Promise<RecordFileView[]> {
  let query = db.selectFrom('record_files').selectAll().orderBy('plan_year', 'desc').orderBy('notation');
  if (filter.year !== undefined) query = query.where('plan_year', '=', filter.year);
  if (filter.state !== undefined) query = query.where('state', '=', filter.state as 'open' | 'closed' | 'archived');
  return (await query.execute()).filter((r) => maySeeFile(actor, r.secrecy)).map(recordFileView);
}
