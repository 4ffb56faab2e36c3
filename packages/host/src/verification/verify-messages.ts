import type { PdfVerifyReport } from '@eoffice/signing';

/** What the services send the verifier thread: the PDF's bytes (never a path), anchors as DER, the validation time. */
export interface VerifyRequest {
  readonly id: number;
  readonly pdf: Uint8Array;
  readonly anchors: readonly Uint8Array[];
  /** ISO 8601; absent: now. */
  readonly at?: string;
}

export type VerifyResponse =
  | { readonly id: number; readonly report: PdfVerifyReport }
  | { readonly id: number; readonly error: VerifyFailure };

/** A file the reader refused carries the signing package's code; anything else is a bug, answered as E_INTERNAL. */
export type VerifyFailure =
  | { readonly kind: 'unreadable'; readonly code: string; readonly message: string }
  | { readonly kind: 'internal'; readonly message: string };
