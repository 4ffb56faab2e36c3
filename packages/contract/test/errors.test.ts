import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ERRORS, exitCodeOf, httpStatusOf, isErrorCode, type ErrorCode } from '../src/index.js';

describe('the error table', () => {
  it.each(ERROR_CODES)('%s: its kind, exit code and HTTP status agree', (code) => {
    const { kind, http } = ERRORS[code];
    expect(['input', 'refused', 'failed']).toContain(kind);
    expect(exitCodeOf(code)).toBe(kind === 'input' ? 2 : 1);
    expect(httpStatusOf(code)).toBe(http);
    expect(Number.isInteger(http) && http >= 400 && http <= 599).toBe(true);
    // Who you are (401) and what you may do (403) are refusals; a missing thing (404) is not bad input.
    if (http === 401 || http === 403) expect(kind).toBe('refused');
    if (http === 400) expect(kind).toBe('input');
    if (http >= 500) expect(kind).toBe('failed');
    if (kind === 'input') expect([400, 409, 413]).toContain(http);
    if (kind === 'refused') expect(http).toBeLessThan(500);
  });

  it('answers over HTTP with the statuses the web host answered before the table', () => {
    const before: Partial<Record<ErrorCode, number>> = {
      E_INVALID_INPUT: 400,
      E_UNAUTHORIZED: 401,
      E_FORBIDDEN: 403,
      E_NOT_FOUND: 404,
      E_UNKNOWN_METHOD: 404,
      E_INTERNAL: 500,
    };
    // Codes the services raise (they can reach the web host); every other one got 409.
    const fromServices: ErrorCode[] = [
      'E_INVALID_INPUT', 'E_UNAUTHORIZED', 'E_FORBIDDEN', 'E_NOT_FOUND', 'E_UNKNOWN_METHOD', 'E_INTERNAL',
      'E_CONFLICT', 'E_INVALID_STATE', 'E_NOT_INITIALISED', 'E_PAPER_DOCUMENT', 'E_SIGNATURE_INVALID',
      'SECRET_NOT_EXCHANGEABLE', 'E_FILE_UNREADABLE', 'E_PDF_UNREADABLE', 'E_IMAGE_INVALID', 'E_SIGNER_UNAVAILABLE',
      'E_VERIFIER_UNAVAILABLE', 'E_SCHEMA_TOO_NEW', 'E_BLOB_CORRUPT', 'E_FONT_MISSING', 'E_WRITE_FAILED',
    ];
    for (const code of fromServices) expect([code, httpStatusOf(code)]).toEqual([code, before[code] ?? 409]);
  });

  it('exits 2 for exactly the input codes the CLI treated as bad input before the table, and those added since', () => {
    const input = ERROR_CODES.filter((code) => exitCodeOf(code) === 2);
    expect(input.sort()).toEqual([
      'EISDIR', 'ENOENT', 'E_ARCHIVE_REJECTED', 'E_AXIS_SECRET_MISSING', 'E_BACKUP_INVALID', 'E_BAD_ARGUMENT', 'E_DATA_DIR_INVALID', 'E_DATA_DIR_NOT_EMPTY', 'E_DUE_DATE_DAY_OFF', 'E_EDXML_ATTACHMENT_INVALID', 'E_EDXML_DTD_FORBIDDEN',
      'E_EDXML_INVALID_VALUE', 'E_EDXML_MALFORMED', 'E_EDXML_MISSING_ELEMENT', 'E_EDXML_TOO_LARGE', 'E_EDXML_WRONG_NAMESPACE',
      'E_EXCHANGE_MESSAGE_REJECTED', 'E_FILE_UNREADABLE', 'E_HASH_MISMATCH', 'E_IMAGE_INVALID', 'E_INVALID_INPUT',
      'E_IO_ERROR', 'E_OUTPUT_INVALID', 'E_PATH_NOT_ALLOWED', 'E_PDF_ENCRYPTED', 'E_PDF_MALFORMED', 'E_PDF_UNREADABLE', 'E_PDF_UNSUPPORTED', 'E_PDF_XREF_DAMAGED',
      'E_PKCS12_INVALID', 'E_TOO_LARGE', 'E_UNKNOWN_RECIPIENT', 'E_USAGE',
    ]);
  });

  it('knows its own codes and no others', () => {
    expect(isErrorCode('E_NOT_FOUND')).toBe(true);
    expect(isErrorCode('E_NO_SUCH_CODE')).toBe(false);
    expect(isErrorCode('toString')).toBe(false);
  });
});
