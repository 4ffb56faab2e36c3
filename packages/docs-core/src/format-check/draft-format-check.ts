import type { Kysely } from 'kysely';
import { requireAgency } from '../agency/agency-settings.js';
import { extractPdfText } from '../search/pdf-text.js';
import type { BlobStore } from '../store/blob-store.js';
import type { Database } from '../store/schema.js';
import { latestFile } from '../workflow/document-files.js';
import { findMissingElements, type FormatFinding } from './outgoing-format-rules.js';

/** What the format check found on a draft's current file. */
export interface DraftFormatCheck {
  /** False when there was no text to check (a scan, an unreadable file): the check could not run. */
  readonly ran: boolean;
  /** Why it could not run. */
  readonly reason: string | null;
  /** The file checked (the draft's current version). */
  readonly sha256: string;
  readonly findings: readonly FormatFinding[];
}

interface DraftRecord {
  readonly id: string;
  readonly type_code: string | null;
  readonly type_name: string | null;
  readonly subject: string | null;
  readonly signer_user_id?: string | null;
  readonly signing_authority?: string | null;
}

/**
 * Checks the draft's current main file against Phụ lục I (outgoing-format-rules.ts). Read outside any transaction:
 * reading a PDF's text takes time, and no write lock may be held meanwhile; the approval then makes sure the file
 * it approves is the one checked.
 */
export async function checkDraftFormat(db: Kysely<Database>, blobs: BlobStore, doc: DraftRecord): Promise<DraftFormatCheck> {
  const file = await latestFile(db, doc.id, ['main']);
  const agency = await requireAgency(db);
  let text: string;
  try {
    text = await extractPdfText(await blobs.get(file.sha256), { maxPages: 50 });
  } catch {
    return { ran: false, reason: 'Tệp không đọc được như PDF / the file cannot be read as a PDF', sha256: file.sha256, findings: [] };
  }
  if (text.replace(/\s+/g, '').length === 0) {
    return { ran: false, reason: 'Tệp không có lớp chữ (bản quét?) / the file has no text layer (a scan?)', sha256: file.sha256, findings: [] };
  }
  const findings = findMissingElements(text, {
    agencyName: agency.name,
    typeCode: doc.type_code ?? '',
    typeName: doc.type_name ?? '',
    subject: doc.subject ?? '',
    authority: doc.signing_authority ?? null,
    signerName: doc.signer_user_id
      ? ((await db.selectFrom('users').select('full_name').where('id', '=', doc.signer_user_id).executeTakeFirst())?.full_name ?? null)
      : null,
  });
  return { ran: true, reason: null, sha256: file.sha256, findings };
}
