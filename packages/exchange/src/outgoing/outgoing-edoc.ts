import { EOfficeError } from '@eoffice/contract';
import { assertExchangeable, formatDocumentNumber, requireAgency, type BlobStore, type Database } from '@eoffice/docs-core';
import { nowFromEnvironment, vietnamIso } from '@eoffice/vietnamese';
import type { Kysely } from 'kysely';
import { buildDocumentId } from '../edxml/document-id.js';
import type { BusinessDocType, Organ } from '../edxml/edxml-message.js';
import type { EdocToWrite, OutgoingAttachment } from '../edxml/edxml-writer.js';

export interface OutgoingOptions {
  readonly businessType?: BusinessDocType;
  /** Who it goes to; default every recipient of the document. */
  readonly recipients?: readonly string[];
  readonly reason?: string;
  /** Replace (3): the documents replaced and for whom. */
  readonly replaces?: ReadonlyArray<{ readonly documentId: string; readonly organIds: readonly string[] }>;
  /** Update/revoke/replace: the DocumentId the message is about. */
  readonly targetDocumentId?: string;
  readonly now?: Date;
}

export interface StoreAccess {
  readonly db: Kysely<Database>;
  readonly blobs: BlobStore;
}

/**
 * The edoc for an issued outgoing document: its Phụ lục VI fields, the issued (signed) PDF first and each attachment
 * as the agency signed it, read from the blob store by path (never loaded). A secret document is refused
 * (SECRET_NOT_EXCHANGEABLE), as is one issued or dispatched on paper (E_PAPER_DOCUMENT) or not yet issued.
 */
export async function outgoingEdoc(store: StoreAccess, documentId: string, options: OutgoingOptions = {}): Promise<EdocToWrite> {
  const { db, blobs } = store;
  const doc = await db.selectFrom('documents').selectAll().where('id', '=', documentId).executeTakeFirst();
  if (!doc) throw new EOfficeError('E_NOT_FOUND', `Không có văn bản ${documentId} / no such document`);
  assertExchangeable(doc);
  if (doc.direction !== 'outgoing' || !doc.code_number || !doc.issued_date) {
    throw new EOfficeError('E_INVALID_STATE', 'Chỉ văn bản đi đã ban hành mới gửi qua trục / only an issued outgoing document goes over the axis');
  }
  const agencySignature = await db.selectFrom('document_signatures').select('result').where('document_id', '=', documentId).where('kind', '=', 'agency').orderBy('id', 'desc').executeTakeFirst();
  const paper = doc.paper_dispatch === 1 || !agencySignature || (JSON.parse(agencySignature.result) as { paper?: boolean }).paper === true;
  if (paper) {
    throw new EOfficeError('E_PAPER_DOCUMENT', 'Văn bản ban hành bản giấy không gửi qua trục / a document issued on paper never goes over the axis');
  }
  const agency = await requireAgency(db);
  const recipientRows = await db.selectFrom('document_recipients').select(['organ_id', 'organ_name']).where('document_id', '=', documentId).execute();
  const wanted = options.recipients ?? recipientRows.map((r) => r.organ_id);
  const names = new Map((await db.selectFrom('directory_endpoints').select(['code', 'name']).where('code', 'in', wanted.length > 0 ? [...wanted] : ['']).execute()).map((e) => [e.code, e.name]));
  const to: Organ[] = wanted.map((organId) => {
    const name = recipientRows.find((r) => r.organ_id === organId)?.organ_name ?? names.get(organId);
    return name ? { organId, organName: name } : { organId };
  });
  const files = await db.selectFrom('document_files').select(['role', 'name', 'sha256', 'media_type']).where('document_id', '=', documentId).orderBy('id').execute();
  const main = ['issued', 'signed', 'main'].map((role) => files.filter((f) => f.role === role).at(-1)).find((f) => f !== undefined);
  if (!main) throw new EOfficeError('E_NOT_FOUND', 'Văn bản chưa có tệp ban hành / the document has no issued file');
  const signedAttachments = new Map(files.filter((f) => f.role === 'issued-attachment').map((f) => [f.name, f.sha256]));
  const attachments: OutgoingAttachment[] = [
    { contentId: 'cid:1', name: pdfName(main.name), description: doc.subject ?? '', contentType: 'application/pdf', path: blobs.pathOf(main.sha256) },
    ...files
      .filter((f) => f.role === 'attachment')
      .map((f, i) => ({ contentId: `cid:${i + 2}`, name: f.name, description: f.name, contentType: f.media_type, path: blobs.pathOf(signedAttachments.get(f.name) ?? f.sha256) })),
  ];
  const issuedDate = doc.issued_date;
  const documentIdOnAxis = doc.exchange_document_id ?? buildDocumentId(agency.organId, issuedDate, doc.code_number, doc.code_notation ?? '');
  const now = options.now ?? nowFromEnvironment(process.env);
  const businessType = options.businessType ?? 0;
  return {
    header: {
      from: { organId: agency.organId, organName: agency.name, organizationInCharge: agency.name },
      to,
      documentId: documentIdOnAxis,
      // As written on the document (Phụ lục I: "01", not "1"), so the recipient registers the number it reads there.
      codeNumber: formatDocumentNumber(Number(doc.code_number)),
      codeNotation: doc.code_notation ?? '',
      place: '',
      promulgationDate: issuedDate,
      documentType: { type: doc.type_code === 'cong-van' ? 1 : 0, typeDetail: 0, typeName: doc.type_name ?? '' },
      subject: doc.subject ?? '',
      content: doc.description ?? '',
      // Competence: the authority form the draft was signed under (KT., TM., …), empty for the head in their own right.
      signer: { competence: doc.signing_authority ? `${doc.signing_authority}.` : '', position: doc.signer_position ?? '', fullName: doc.signer_full_name ?? '' },
      dueDate: doc.due_date,
      toPlaces: (doc.to_places ?? '').split('\n').map((p) => p.trim()).filter((p) => p !== ''),
      priority: URGENCY_PRIORITY[doc.urgency ?? 'normal'] ?? 0,
      pageAmount: doc.page_amount,
      promulgationAmount: doc.issued_amount,
      appendixes: [],
      responseFor: [],
      steeringType: 0,
    },
    traces: [{ organId: agency.organId, timestamp: edxmlTimestamp(now) }],
    business: {
      documentId: options.targetDocumentId ?? documentIdOnAxis,
      businessDocType: businessType,
      reason: options.reason ?? BUSINESS_REASON[businessType],
      paper: false,
      ...(businessType === 2 ? { receivers: wanted.map((organId) => ({ organId, receiverType: '0' })) } : {}),
      ...(options.replaces ? { replacements: options.replaces } : {}),
    },
    attachments,
  };
}

const BUSINESS_REASON: Record<BusinessDocType, string> = {
  0: 'Văn bản điện tử mới',
  1: 'Thu hồi văn bản điện tử',
  2: 'Cập nhật văn bản điện tử',
  3: 'Thay thế văn bản điện tử',
};

// Priority 0→3 ascending urgency (a Bkav DTO; the exact mapping is UNVERIFIED, domain-vn.md §3.2).
const URGENCY_PRIORITY: Readonly<Record<string, number>> = { normal: 0, urgent: 1, 'very-urgent': 2, flash: 3 };

/** edXML Timestamp: yyyy/MM/dd HH:mm:ss in Vietnam time. */
export function edxmlTimestamp(now: Date): string {
  return vietnamIso(now).slice(0, 19).replace('T', ' ').replaceAll('-', '/');
}

function pdfName(name: string): string {
  return name.toLowerCase().endsWith('.pdf') ? name : `${name}.pdf`;
}
