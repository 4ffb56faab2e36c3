import type { StoredBlob } from '../store/blob-store.js';
import type { z } from 'zod';
import type {
  assignInputSchema,
  completeInputSchema,
  dispatchInputSchema,
  draftDocumentInputSchema,
  extendDeadlineInputSchema,
  listDocumentsInputSchema,
  receiveDocumentInputSchema,
} from '@eoffice/contract';

/*
 * What the workflow takes, as the contract's schemas parse it: a field added to a schema reaches the workflow
 * without a second declaration to keep in step. The document id travels as its own argument, so it is left out.
 */

export type ReceiveInput = z.infer<typeof receiveDocumentInputSchema>;

/** A document that arrived through the axis (called by packages/exchange after parsing the edXML). */
export type AxisReceiveInput = Omit<ReceiveInput, 'file' | 'attachments' | 'source'> & {
  /**
   * The bytes, or a file the receiver decoded them to (streamed into the store: a large file costs flat memory), or a
   * blob the receiver already put into this store (its look-ahead, while the previous message was stored).
   */
  readonly pdf: Uint8Array | { readonly path: string } | { readonly stored: StoredBlob };
  readonly pdfName: string;
  readonly attachments: ReadonlyArray<{ readonly name: string } & ({ readonly bytes: Uint8Array } | { readonly path: string })>;
  readonly exchangeDocumentId: string;
  readonly businessType: number;
};

export type DraftInput = z.infer<typeof draftDocumentInputSchema>;
/** The due date already resolved on the calendar by the service (calendar/due-date.ts). */
export type AssignInput = Omit<z.infer<typeof assignInputSchema>, 'id' | 'dueDate' | 'dueInWorkingDays'> & { readonly dueDate: string };
export type CompleteOptions = Pick<z.infer<typeof completeInputSchema>, 'note' | 'replyDocumentId'>;
export type DispatchOptions = Pick<z.infer<typeof dispatchInputSchema>, 'paper' | 'note'>;
export type ExtendDeadlineInput = Omit<z.infer<typeof extendDeadlineInputSchema>, 'id' | 'dueDate' | 'dueInWorkingDays'> & { readonly dueDate: string };

/** `secretsVisible`: the secret documents the caller may see (users/secret-access.ts); absent means none. */
export type ListFilter = z.infer<typeof listDocumentsInputSchema> & {
  readonly secretsVisible?: 'all' | readonly string[];
  /** With `awaitingMySignature`: the signers whose drafts the caller signs (themselves, and the leaders they cover). */
  readonly signsFor?: readonly string[];
};

/** Nơi nhận kept as the edXML ToPlaces travel: one place a line (a list from the faces, a text from the axis). */
export function toPlacesText(places: string | readonly string[] | undefined): string | null {
  if (places === undefined) return null;
  const lines = (typeof places === 'string' ? places.split('\n') : places).map((p) => p.trim()).filter((p) => p !== '');
  return lines.length > 0 ? lines.join('\n') : null;
}

/** Mã hồ sơ (Phụ lục VI) into its columns; parts not given stay null. */
export function fileCodeColumns(code: { organId?: string; catalog?: number; notation?: string; ordinal?: number } | undefined) {
  return {
    file_organ_id: code?.organId ?? null,
    file_catalog: code?.catalog ?? null,
    file_notation: code?.notation ?? null,
    doc_ordinal: code?.ordinal ?? null,
  };
}
