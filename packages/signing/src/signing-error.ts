/**
 * The one error type of this package (it imports nothing of ours, so not EOfficeError). Messages are Vietnamese
 * first, then English: "Tệp PDF hỏng / damaged PDF".
 */
export type SigningErrorCode =
  | 'PDF_MALFORMED'
  | 'PDF_XREF_DAMAGED'
  | 'PDF_ENCRYPTED'
  | 'PDF_UNSUPPORTED'
  /** The file asks for more than its size can justify (inflation, xref rows, nesting): refused, never repaired. */
  | 'PDF_LIMIT_EXCEEDED'
  | 'PDF_OBJECT_NOT_FOUND'
  | 'FIELD_NOT_FOUND'
  | 'FIELD_EXISTS'
  | 'ALREADY_SIGNED'
  | 'BAD_ARGUMENT'
  | 'PLACEHOLDER_TOO_SMALL'
  | 'KEY_UNSUPPORTED'
  | 'PKCS12_BAD_PASSWORD'
  | 'PKCS12_INVALID'
  | 'IMAGE_INVALID'
  | 'IO_ERROR'
  /** The output path is not a regular file, or its folder is missing. */
  | 'OUTPUT_INVALID';

/** Other parts of the package (token, verify) add their own codes; the union above lists the PDF/signing ones. */
 
export type AnySigningErrorCode = SigningErrorCode | (string & {});

export class SigningError extends Error {
  readonly code: AnySigningErrorCode;

  constructor(code: AnySigningErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SigningError';
    this.code = code;
  }
}
