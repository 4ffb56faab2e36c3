import type { Kysely, Selectable, Transaction } from 'kysely';
import type { RecordDocumentView, RecordFileView } from '@eoffice/contract';
import type { Database } from '../store/schema.js';
import type { RecordFilesTable } from '../store/schema-records.js';
import { fileCodeOf } from './file-plan.js';
import { maintenanceLabel, retentionFromText } from './retention.js';

type Reader = Kysely<Database> | Transaction<Database>;
type Secrecy = RecordFileView['secrecy'];

export function recordFileView(row: Selectable<RecordFilesTable>): RecordFileView {
  const retention = retentionFromText(row.retention);
  return {
    id: row.id,
    fileCode: fileCodeOf(row.organ_id, row.plan_year, row.notation),
    organId: row.organ_id,
    fileCatalog: row.plan_year,
    fileNotation: row.notation,
    title: row.title,
    maintenance: maintenanceLabel(retention),
    retention,
    rights: row.rights,
    creator: row.creator,
    language: row.language,
    startDate: row.start_date,
    endDate: row.end_date,
    docTotal: row.doc_total,
    pageTotal: row.page_total,
    description: row.description,
    heading: { code: row.heading_code, title: row.heading_title },
    unit: row.unit,
    person: row.person,
    secrecy: row.secrecy as Secrecy,
    construction: row.construction === 1,
    state: row.state,
    openedAt: row.opened_at,
    openedBy: row.opened_by,
    closedAt: row.closed_at,
    closedBy: row.closed_by,
    handover: {
      dueDate: row.due_date,
      keptUntil: row.kept_until,
      keepReason: row.keep_reason,
      remindedAt: row.reminded_at,
      acceptedAt: row.accepted_at,
      acceptedBy: row.accepted_by,
    },
  };
}

/**
 * The file's documents in DocOrdinal order: its document index (mục lục văn bản). OrganName is the one the document
 * carries, else the directory's name for its issuer's code (closing the file writes that name to the document).
 */
export async function loadFileDocuments(db: Reader, fileId: string): Promise<RecordDocumentView[]> {
  const rows = await db
    .selectFrom('record_file_documents')
    .innerJoin('documents', 'documents.id', 'record_file_documents.document_id')
    .select([
      'record_file_documents.document_id',
      'record_file_documents.doc_ordinal',
      'record_file_documents.added_at',
      'documents.direction',
      'documents.type_name',
      'documents.code_number',
      'documents.code_notation',
      'documents.issued_date',
      'documents.organ_name',
      'documents.subject',
      'documents.language',
      'documents.page_amount',
      'documents.secrecy',
    ])
    // An incoming document received without its issuer's name (fromName) still names it by code (mã định danh):
    // the directory says who that is.
    .leftJoin('directory_endpoints', 'directory_endpoints.code', 'documents.organ_id')
    .select('directory_endpoints.name as directory_name')
    .where('record_file_documents.file_id', '=', fileId)
    .orderBy('record_file_documents.doc_ordinal')
    .execute();
  return rows.map((r) => ({
    documentId: r.document_id,
    docOrdinal: r.doc_ordinal,
    direction: r.direction,
    typeName: r.type_name,
    codeNumber: r.code_number,
    codeNotation: r.code_notation,
    issuedDate: r.issued_date,
    organName: r.organ_name ?? r.directory_name ?? null,
    subject: r.subject,
    language: r.language,
    pageAmount: r.page_amount,
    secrecy: (r.secrecy ?? 'none') as Secrecy,
    addedAt: r.added_at,
  }));
}
