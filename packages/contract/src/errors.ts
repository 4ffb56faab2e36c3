/**
 * Typed errors that cross every boundary (IPC, HTTP, CLI). A code is stable and machine-readable; the message is
 * written for a person, Vietnamese first with the English after " / " where it helps.
 */
export const ERROR_CODES = [
  'E_INVALID_INPUT',
  'E_UNAUTHORIZED',
  'E_FORBIDDEN',
  'E_NOT_FOUND',
  'E_CONFLICT',
  'E_INVALID_STATE',
  'E_UNKNOWN_METHOD',
  'E_INTERNAL',
] as const;

/** Known codes plus any domain code a service defines (e.g. SECRET_NOT_EXCHANGEABLE, PIN_INCORRECT). */
export type ErrorCode = (typeof ERROR_CODES)[number] | (string & {});

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
