/**
 * PAdES B-T (ETSI EN 319 142-1 §5.3): the agency's TSA stamps the signature when it is made; `onUnreachable` says
 * whether a TSA that cannot be reached fails the signing or lets it go out B-B with a warning. A TSA that answers
 * wrongly always fails. Absent or null: B-B.
 */
export interface SignatureTimestampRequest {
  readonly url: string;
  readonly onUnreachable: 'fail' | 'sign-without';
}

interface Timestamped {
  readonly timestamp?: SignatureTimestampRequest | null;
}

/** What the signer is asked to put on a document. */
export interface PersonSignatureRequest extends Timestamped {
  readonly pdf: Uint8Array;
  /** The leader who signs (ô 7c). */
  readonly signerName: string;
  readonly signerPosition: string | null;
  /** Ký thay: the authority line above the position ("KT. CHỦ TỊCH"), when the signer signs for another leader. */
  readonly signerAuthority?: string | null;
  readonly reason: string;
  /** From the one clock (ARCHITECTURE.md, invariant 8). */
  readonly signingTime: Date;
  /** The signer's signature image (blue PNG, transparent); null: the signature shows text only. */
  readonly signatureImage: Uint8Array | null;
}

export interface AgencySealRequest extends Timestamped {
  /** The document as the leader signed it; the seal goes in an incremental update, never a re-save. */
  readonly pdf: Uint8Array;
  readonly agencyName: string;
  /** `05/QĐ-UBND`: shown on attachment stamps (Phụ lục I). */
  readonly numberAndSymbol: string;
  /** `yyyy-mm-dd` (Vietnam date): the adapter writes it as Decree 30's "ngày 05 tháng 3 năm 2026" in the date field. */
  readonly issuedDate: string;
  readonly signingTime: Date;
  /** The agency seal (red PNG, transparent, drawn at actual size); null: an invisible agency signature. */
  readonly sealImage: Uint8Array | null;
  /** Địa danh before the date ("Hà Nội, ngày …"), when the agency has one. */
  readonly issuingPlace: string | null;
}

/** An attachment in a separate file (Phụ lục I): the agency signs it too, as a text stamp top-right of page 1. */
export interface AttachmentStampRequest extends Timestamped {
  readonly pdf: Uint8Array;
  /** `05/QĐ-UBND`, the number of the document it is attached to. */
  readonly numberAndSymbol: string;
  readonly signingTime: Date;
}

/** An electronic copy (Phụ lục I Phần II.I): the agency signs it with the copy form and its name, top-right of page 1. */
export interface CopyStampRequest extends Timestamped {
  readonly pdf: Uint8Array;
  /** As printed: "SAO Y", "TRÍCH SAO" or "SAO LỤC". */
  readonly formLabel: string;
  /** The copying agency. */
  readonly agencyName: string;
  readonly signingTime: Date;
}

export interface SignedPdf {
  readonly pdf: Uint8Array;
  readonly signerName: string;
  /** B-T when the request's TSA stamped the signature; absent or B-B otherwise. */
  readonly level?: 'B-B' | 'B-T';
  readonly timestampTime?: string | null;
  /** Why a B-T request went out B-B (the TSA could not be reached and the policy allowed it). */
  readonly warning?: string | null;
}

/**
 * Applies signatures with a key that never leaves its token (ARCHITECTURE.md, invariant 3). Calls may prompt for a PIN and take
 * seconds: the services never call them inside a database transaction (ARCHITECTURE.md, invariant 4).
 */
export interface DocumentSigner {
  /**
   * The certificate (DER) the key signs with, when one key signs every request: lets the workflow refuse a key that
   * is not the actor's before asking for a signature, and print the certificate's name. The verdict on the signature
   * made is checked either way.
   */
  readonly certificate?: Uint8Array;
  signAsPerson(request: PersonSignatureRequest): Promise<SignedPdf>;
  sealAsAgency(request: AgencySealRequest): Promise<SignedPdf>;
  /** The agency's signature on an attachment in a separate file (Phụ lục I); without it, attachments go as drafted. */
  stampAttachment?(request: AttachmentStampRequest): Promise<SignedPdf>;
  /** The agency's signature on an electronic copy; without it, no copy can be made (it would carry no signature). */
  stampCopy?(request: CopyStampRequest): Promise<SignedPdf>;
}
