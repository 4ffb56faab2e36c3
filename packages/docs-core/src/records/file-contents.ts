import type { RecordDocumentView, RecordFileView } from '@eoffice/contract';
import { requireAgency } from '../agency/agency-settings.js';
import type { Store } from '../store/store.js';
import type { Actor } from '../users/actor.js';
import { loadFileDocuments } from './record-file-view.js';
import { recordOriginalOf } from './record-original.js';
import { requireVisibleFile } from './record-files.js';
import { recordFileView } from './record-file-view.js';

export interface SignatureVerdict {
  readonly kind: string;
  readonly valid: boolean;
  readonly signerName: string | null;
  readonly signedAt: string | null;
  readonly checkedAt: string;
}

export interface FiledDocument extends RecordDocumentView {
  /** The document's record original (or its archival copy, when asked for), as stored (never rewritten). */
  readonly original: { readonly name: string; readonly sha256: string; readonly size: number; readonly mediaType: string } | null;
  readonly signatures: readonly SignatureVerdict[];
  /** From the processing log: when it was received, registered, signed, issued. */
  readonly events: ReadonlyArray<{ readonly action: string; readonly at: string }>;
}

export interface FileContents {
  readonly agency: { readonly organId: string; readonly name: string };
  readonly file: RecordFileView;
  readonly documents: readonly FiledDocument[];
}

/**
 * Everything an export or a handover package says about a file, read once, as the actor may see it. `preferArchival`:
 * the handover carries a document's archival copy (its original plus the long-term validation material) when it has one.
 */
export async function loadFileContents(store: Store, actor: Actor, id: string, options: { preferArchival?: boolean } = {}): Promise<FileContents> {
  const db = store.db;
  const row = await requireVisibleFile(db, actor, id);
  const agency = await requireAgency(db);
  const documents: FiledDocument[] = [];
  for (const doc of await loadFileDocuments(db, id)) {
    const original = await recordOriginalOf(db, doc.documentId, options);
    const signatures = await db.selectFrom('document_signatures').selectAll().where('document_id', '=', doc.documentId).orderBy('id').execute();
    const events = await db.selectFrom('processing_log').select(['action', 'at']).where('document_id', '=', doc.documentId).orderBy('id').execute();
    documents.push({
      ...doc,
      organName: doc.organName ?? (doc.direction === 'incoming' ? null : agency.name),
      original: original ? { name: original.name, sha256: original.sha256, size: original.size, mediaType: original.media_type } : null,
      signatures: signatures.map((s) => ({ kind: s.kind, valid: s.valid === 1, signerName: s.signer_name, signedAt: s.signed_at, checkedAt: s.checked_at })),
      events,
    });
  }
  return { agency: { organId: agency.organId, name: agency.name }, file: recordFileView(row), documents };
}

/** A verdict in plain words, for the index and the package. */
export function verdictText(signatures: readonly SignatureVerdict[]): string {
  if (signatures.length === 0) return 'Không có chữ ký số';
  const bad = signatures.filter((s) => !s.valid).length;
  return bad === 0 ? `${signatures.length} chữ ký hợp lệ` : `${bad}/${signatures.length} chữ ký không hợp lệ`;
}
