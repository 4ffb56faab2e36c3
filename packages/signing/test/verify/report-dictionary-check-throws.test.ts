import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { PdfReader, SigningError, verifyWithReader, type PdfVerifyReport } from '../../src/index.js';
import { limitExceeded } from '../../src/pdf/decode-limits.js';
import { signatureFields } from '../../src/pdf/signature-fields.js';
import { fixture } from '../helpers/fixtures.js';

/**
 * A signature dictionary whose check throws (issue 15, mutation testing of verify-pdf-signatures.ts): its field is
 * still reported, as a signature that cannot be verified with the reason named, and the other signatures are judged as
 * ever; a safety limit exceeded there refuses the whole file. No file at hand makes the check throw (it reads what it
 * can and reports the rest as problems), so a real reader is opened on the file with one fault injected: Sig1's
 * signature dictionary throws the first time it is asked for its /Type, which is the check's first read.
 *
 * The file: pyHanko's two signatures, Sig2 over revision 1 and Sig1 over revision 2 (the whole file).
 */
const file = readFileSync(fixture('pdf-signed/pyhanko/minimal-two-fields-signed-twice.pdf'));
const verify = (thrown: unknown): PdfVerifyReport => {
  const reader = PdfReader.open(file);
  try {
    const value = signatureFields(reader).find((field) => field.name === 'Sig1')!.value!;
    vi.spyOn(value, 'getName').mockImplementationOnce(() => {
      throw thrown;
    });
    return verifyWithReader(reader, { validationTime: new Date('2022-01-01T00:00:00Z') });
  } finally {
    reader.close();
  }
};

describe('verify: a signature dictionary whose check throws', () => {
  it('is reported as a signature that cannot be verified, the reason named; the other is judged as ever', () => {
    const report = verify(new Error('bad /ByteRange'));
    expect(report.signatures.map((s) => [s.field, s.intact, s.valid, s.modification, s.problems.map((p) => p.code)])).toEqual([
      ['Sig2', true, true, 'allowed', ['MODIFIED_ALLOWED']],
      ['Sig1', false, false, 'disallowed', ['SIG_DICT_INVALID', 'NONSTANDARD_COVERAGE']],
    ]);
    // Nothing read from the dictionary is trusted: no sub-filter, no byte range, so no revision and no coverage.
    expect(report.signatures[1]).toMatchObject({ kind: 'signature', subFilter: null, revision: null, coverage: 'partial', signer: null, level: 'B-B' });
    // With no signer there is no one to ask about revocation: unknown, at the validation time.
    expect(report.signatures[1]!.revocation).toEqual({
      status: 'unknown',
      source: null,
      revokedAt: null,
      reason: null,
      judgedAt: '2022-01-01T00:00:00.000Z',
      certificates: [],
    });
    expect(report.signatures[1]!.problems[0]).toEqual({
      code: 'SIG_DICT_INVALID',
      severity: 'error',
      message: 'Từ điển chữ ký không đọc được (bad /ByteRange) / unreadable signature dictionary (bad /ByteRange)',
    });
  });

  it('a safety limit exceeded while checking refuses the whole file, not one verdict', () => {
    const refused = () => verify(limitExceeded('luồng quá lớn', 'stream too large'));
    expect(refused).toThrow(SigningError);
    expect(refused).toThrow(expect.objectContaining({ code: 'PDF_LIMIT_EXCEEDED' }));
  });
});
