/**
 * Typed errors that cross every boundary (IPC, HTTP, CLI). A code is stable and machine-readable; the message is
 * written for a person, Vietnamese first with the English after " / " where it helps.
 */

/**
 * What a code tells the caller. `input`: the request itself is wrong and the caller can fix it (the CLI exits 2).
 * `refused`: the request was understood and refused (the CLI exits 1). `failed`: the system could not do it (the CLI
 * exits 1).
 */
export type ErrorKind = 'input' | 'refused' | 'failed';

export interface ErrorSpec {
  readonly kind: ErrorKind;
  /** The status the web host answers with this code. */
  readonly http: number;
}

/**
 * Every code the code base raises, once, with its kind and HTTP status; the CLI's exit codes and the web host's
 * statuses are read from here. A code not in this table does not compile (`ErrorCode` is closed), and a test scans the
 * sources for codes that are raised but not declared.
 *
 * The HTTP status of a code the services raise is the one the web host has always answered (409 when it had no
 * better one). Codes only the CLI raises never reach the web host; they carry 400, 409 or 500 by kind.
 */
export const ERRORS = {
  // Bad input.
  E_INVALID_INPUT: { kind: 'input', http: 400 },
  /** The command line itself (unknown command, missing or malformed flag). */
  E_USAGE: { kind: 'input', http: 400 },
  E_FILE_UNREADABLE: { kind: 'input', http: 409 },
  E_PDF_UNREADABLE: { kind: 'input', http: 409 },
  E_IMAGE_INVALID: { kind: 'input', http: 409 },
  /** Node's file-system errors, which the CLI reports under their own code (a path that is missing, or a folder). */
  ENOENT: { kind: 'input', http: 400 },
  EISDIR: { kind: 'input', http: 400 },
  /** The data folder is a file, or cannot be created (a path under /proc, a missing permission). */
  E_DATA_DIR_INVALID: { kind: 'input', http: 400 },
  /** An output path that is not a regular file (a device, a FIFO, a folder) or whose folder does not exist. */
  E_OUTPUT_INVALID: { kind: 'input', http: 400 },
  /** An upload over the size limit (files.upload). */
  E_TOO_LARGE: { kind: 'input', http: 413 },
  /** The uploaded bytes do not hash to the SHA-256 the caller announced. */
  E_HASH_MISMATCH: { kind: 'input', http: 400 },
  /** A caller other than the command line named a file on the services' machine: it must upload the content. */
  E_PATH_NOT_ALLOWED: { kind: 'input', http: 400 },
  /** A due date on a day off (weekend, holiday): details give the reason and the next working day to use instead. */
  E_DUE_DATE_DAY_OFF: { kind: 'input', http: 400 },
  /** A recipient (`--to`, `to`) whose organ id the agency's directory does not list: a typo would send nowhere. */
  E_UNKNOWN_RECIPIENT: { kind: 'input', http: 400 },
  /** `eoffice db restore`: the archive is not a backup, or it is truncated or damaged (its checksums do not match). */
  E_BACKUP_INVALID: { kind: 'input', http: 400 },
  /** `eoffice db restore` into a data folder that already holds something: restore only into an empty or new one. */
  E_DATA_DIR_NOT_EMPTY: { kind: 'input', http: 409 },

  // Refused.
  E_UNAUTHORIZED: { kind: 'refused', http: 401 },
  E_FORBIDDEN: { kind: 'refused', http: 403 },
  /** An admin reset the password: until the user sets their own, every call but users.changePassword is refused. */
  E_PASSWORD_CHANGE_REQUIRED: { kind: 'refused', http: 403 },
  /** Too many failed sign-ins for this name or from this source: wait and try again (the answer says how long). */
  E_TOO_MANY_ATTEMPTS: { kind: 'refused', http: 429 },
  E_NOT_FOUND: { kind: 'refused', http: 404 },
  E_UNKNOWN_METHOD: { kind: 'refused', http: 404 },
  E_CONFLICT: { kind: 'refused', http: 409 },
  E_INVALID_STATE: { kind: 'refused', http: 409 },
  E_NOT_INITIALISED: { kind: 'refused', http: 409 },
  E_PAPER_DOCUMENT: { kind: 'refused', http: 409 },
  /** Tesseract (or its Vietnamese model) is not installed on the machine running the services. */
  E_OCR_UNAVAILABLE: { kind: 'failed', http: 503 },
  E_SIGNATURE_INVALID: { kind: 'refused', http: 409 },
  /** A prepared signature was not completed in time (or was cancelled): nothing of it was kept; prepare again. */
  E_PREPARATION_EXPIRED: { kind: 'refused', http: 409 },
  /** The signing certificate is not one the acting user (a signature) or the agency (a seal) registered. */
  E_CERT_NOT_BOUND: { kind: 'refused', http: 409 },
  /** Ký thay: the user is a leader's named deputy, but today (Vietnam time) is outside every period they were named for. */
  E_DEPUTY_NOT_IN_PERIOD: { kind: 'refused', http: 409 },
  /** The signing certificate is outside its validity at the clock's now. */
  E_CERT_EXPIRED: { kind: 'refused', http: 409 },
  /** The signing certificate's key usage allows neither digitalSignature nor nonRepudiation. */
  E_CERT_KEY_USAGE: { kind: 'refused', http: 409 },
  /** A person's certificate used for the agency seal, or an organisation's for a person's signature. */
  E_CERT_SUBJECT_KIND: { kind: 'refused', http: 409 },
  /** A draft whose text lacks a part Decree 30 Phụ lục I requires (each named); approve with a reason to pass it anyway. */
  E_FORMAT_NONCONFORMANT: { kind: 'refused', http: 409 },
  /** An incoming document the arrival check held (Điều 21): register it only with a confirmation and a reason. */
  E_NEEDS_CHECKING: { kind: 'refused', http: 409 },
  /** The same document was received before: register it a second time only with a confirmation and a reason. */
  E_DUPLICATE: { kind: 'refused', http: 409 },
  SECRET_NOT_EXCHANGEABLE: { kind: 'refused', http: 409 },
  /** A record file that is closed or taken by the archive: its documents and metadata no longer change. */
  E_FILE_CLOSED: { kind: 'refused', http: 409 },
  /** Packaging or accepting a record file that is still open. */
  E_FILE_NOT_CLOSED: { kind: 'refused', http: 409 },
  /** Closing a record file whose Phụ lục VI fields (or its documents') are not all filled: details name them. */
  E_METADATA_MISSING: { kind: 'refused', http: 409 },
  /** Opening a file from a year's file list that the head has not approved. */
  E_PLAN_NOT_APPROVED: { kind: 'refused', http: 409 },

  // Failed.
  E_INTERNAL: { kind: 'failed', http: 500 },
  E_SIGNER_UNAVAILABLE: { kind: 'failed', http: 409 },
  E_VERIFIER_UNAVAILABLE: { kind: 'failed', http: 409 },
  E_SCHEMA_TOO_NEW: { kind: 'failed', http: 409 },
  E_BLOB_CORRUPT: { kind: 'failed', http: 409 },
  E_FONT_MISSING: { kind: 'failed', http: 409 },
  E_WRITE_FAILED: { kind: 'failed', http: 409 },

  // packages/signing's own codes (SigningError, TokenError) as the CLI reports them: E_ and the code.
  E_BAD_ARGUMENT: { kind: 'input', http: 400 },
  E_PDF_MALFORMED: { kind: 'input', http: 400 },
  E_PDF_XREF_DAMAGED: { kind: 'input', http: 400 },
  E_PDF_ENCRYPTED: { kind: 'input', http: 400 },
  E_PDF_UNSUPPORTED: { kind: 'input', http: 400 },
  E_IO_ERROR: { kind: 'input', http: 400 },
  E_PKCS12_INVALID: { kind: 'input', http: 400 },
  E_FIELD_NOT_FOUND: { kind: 'refused', http: 409 },
  E_FIELD_EXISTS: { kind: 'refused', http: 409 },
  E_ALREADY_SIGNED: { kind: 'refused', http: 409 },
  E_KEY_UNSUPPORTED: { kind: 'refused', http: 409 },
  E_PKCS12_BAD_PASSWORD: { kind: 'refused', http: 409 },
  E_TOKEN_NOT_FOUND: { kind: 'refused', http: 409 },
  E_TOKEN_AMBIGUOUS: { kind: 'refused', http: 409 },
  E_CERTIFICATE_NOT_FOUND: { kind: 'refused', http: 409 },
  E_KEY_NOT_FOUND: { kind: 'refused', http: 409 },
  E_KEY_AMBIGUOUS: { kind: 'refused', http: 409 },
  E_PIN_INCORRECT: { kind: 'refused', http: 409 },
  E_PIN_LOCKED: { kind: 'refused', http: 409 },
  E_PIN_FINAL_TRY: { kind: 'refused', http: 409 },
  E_PIN_REQUIRED: { kind: 'refused', http: 409 },
  E_MECHANISM_UNSUPPORTED: { kind: 'refused', http: 409 },
  E_PLACEHOLDER_TOO_SMALL: { kind: 'failed', http: 500 },
  E_MODULE_LOAD_FAILED: { kind: 'failed', http: 500 },
  E_TOKEN_REMOVED: { kind: 'failed', http: 500 },
  E_TOKEN_FAILURE: { kind: 'failed', http: 500 },
  // Timestamps and revocation (issue 16): an outside server failed or answered wrongly; never the caller's input.
  E_TSA_UNREACHABLE: { kind: 'failed', http: 502 },
  E_TSA_REFUSED: { kind: 'failed', http: 502 },
  E_TSA_MALFORMED: { kind: 'failed', http: 502 },
  E_TSA_MISMATCH: { kind: 'failed', http: 502 },
  E_OCSP_UNREACHABLE: { kind: 'failed', http: 502 },
  E_OCSP_MALFORMED: { kind: 'failed', http: 502 },
  E_OCSP_MISMATCH: { kind: 'failed', http: 502 },
  E_CRL_UNREACHABLE: { kind: 'failed', http: 502 },
  E_CRL_MALFORMED: { kind: 'failed', http: 502 },

  // packages/exchange: edXML (QCVN 102:2016) and the national axis (VDXP).
  /** Not well-formed XML, or not namespace-well-formed (an unbound prefix). */
  E_EDXML_MALFORMED: { kind: 'input', http: 400 },
  /** A DOCTYPE or an entity declaration: refused outright (XXE, billion laughs). */
  E_EDXML_DTD_FORBIDDEN: { kind: 'input', http: 400 },
  /** The message, a text node, an attachment or the element count passed its limit. */
  E_EDXML_TOO_LARGE: { kind: 'input', http: 400 },
  E_EDXML_MISSING_ELEMENT: { kind: 'input', http: 400 },
  E_EDXML_WRONG_NAMESPACE: { kind: 'input', http: 400 },
  /** A value outside its closed list (status code, BussinessDocType) or of the wrong form (a date, DocumentId). */
  E_EDXML_INVALID_VALUE: { kind: 'input', http: 400 },
  /** An attachment that is not base64, names no manifest entry, or whose bytes are damaged. */
  E_EDXML_ATTACHMENT_INVALID: { kind: 'input', http: 400 },
  /** A ZIP attachment refused: too many entries, too large, too deep, a ratio of a bomb, or a path leaving its folder. */
  E_ARCHIVE_REJECTED: { kind: 'input', http: 400 },
  /** No secret for the axis system id in the configuration (environment variable or owner-only file). */
  E_AXIS_SECRET_MISSING: { kind: 'input', http: 400 },
  /** The axis answered FAIL with its own ErrorCode (in details). */
  E_AXIS_REFUSED: { kind: 'refused', http: 409 },
  E_AXIS_UNREACHABLE: { kind: 'failed', http: 502 },
  E_AXIS_TIMEOUT: { kind: 'failed', http: 504 },
  /** An answer that is not the JSON the SDK accepts (an HTML error page, a missing status/ErrorCode). */
  E_AXIS_BAD_ANSWER: { kind: 'failed', http: 502 },
  // A workstation connected to an agency server (issue 10).
  /** The agency server did not answer (down, unreachable, or it closed the connection). */
  E_SERVER_UNREACHABLE: { kind: 'failed', http: 502 },
  /** The server's TLS certificate is not the one whose fingerprint the workstation pinned: nothing was sent to it. */
  E_SERVER_CERT_MISMATCH: { kind: 'failed', http: 502 },
  /** This face runs no sync engine: no axis address, system id or secret configured. */
  E_SYNC_NOT_CONFIGURED: { kind: 'refused', http: 409 },
  /** A received message that cannot be taken in (no PDF, a status for a document never sent…): quarantined. */
  E_EXCHANGE_MESSAGE_REJECTED: { kind: 'input', http: 400 },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

export const ERROR_CODES = Object.keys(ERRORS) as readonly ErrorCode[];

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERRORS, code);
}

/** The CLI's exit code for an error: 2 for bad input, 1 for a refusal or a failure. */
export function exitCodeOf(code: ErrorCode): 1 | 2 {
  return ERRORS[code].kind === 'input' ? 2 : 1;
}

/** The web host's HTTP status for an error. */
export function httpStatusOf(code: ErrorCode): number {
  return ERRORS[code].http;
}

export interface WireError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: unknown;
}

export class EOfficeError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'EOfficeError';
    this.code = code;
    this.details = details;
  }

  toWire(): WireError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static fromWire(error: WireError): EOfficeError {
    return new EOfficeError(error.code, error.message, error.details);
  }
}

export function isEOfficeError(value: unknown): value is EOfficeError {
  return value instanceof EOfficeError;
}
