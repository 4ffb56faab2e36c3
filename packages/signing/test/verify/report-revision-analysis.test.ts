import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PdfReader, SigningError, verifyWithReader, type PdfVerifyReport } from '../../src/index.js';
import { limitExceeded } from '../../src/pdf/decode-limits.js';
import { fixture } from '../helpers/fixtures.js';
import { appendRevision } from '../helpers/verify-tamper.js';

/**
 * The analysis of the updates after a signature (issue 15, mutation testing of verify-pdf-signatures.ts): when it throws
 * the signatures before that update fail closed, naming it; when the file exceeds a safety limit the whole file is
 * refused; and each update is analysed once, however many signatures come before it (a file of many signatures and
 * many updates must not cost signatures × updates analyses).
 *
 * The file: pyHanko's two signatures (Sig2 over revision 1, Sig1 over revision 2) with a third revision appended that
 * adds one object nothing refers to, a permitted update. Sig2 has two updates after it, Sig1 one: revision 3 is judged
 * for both. No file at hand makes the analysis throw, so a real reader is opened on it with one fault injected: the
 * readers it makes for revision 3 throw when asked for their object numbers, which the analysis of an update lists
 * first (and nothing else asks for).
 */
const signed = readFileSync(fixture('pdf-signed/pyhanko/minimal-two-fields-signed-twice.pdf'));
const file = appendRevision(signed, new Map([[40, '<< /Unused true >>']]));

/** Verifies with the readers of each revision watched: how often each revision's objects were listed. */
const verify = (revision3Throws?: unknown): { report: PdfVerifyReport; listed: Map<number, number> } => {
  const reader = PdfReader.open(file);
  const listed = new Map<number, number>();
  const atRevision = reader.atRevision.bind(reader);
  reader.atRevision = (index: number): PdfReader => {
    const older = atRevision(index);
    const objectNumbers = older.objectNumbers.bind(older);
    older.objectNumbers = () => {
      listed.set(index, (listed.get(index) ?? 0) + 1);
      if (index === 2 && revision3Throws !== undefined) throw revision3Throws;
      return objectNumbers();
    };
    return older;
  };
  try {
    return { report: verifyWithReader(reader, { validationTime: new Date('2022-01-01T00:00:00Z') }), listed };
  } finally {
    reader.close();
  }
};

describe('verify: the analysis of the updates after a signature', () => {
  it('analyses each update once: revision 3 follows both signatures but is analysed for one', () => {
    const { report, listed } = verify();
    expect(report.signatures.map((s) => [s.field, s.modification, s.problems.map((p) => p.code)])).toEqual([
      ['Sig2', 'allowed', ['MODIFIED_ALLOWED']],
      ['Sig1', 'allowed', ['MODIFIED_ALLOWED']],
    ]);
    expect([...listed].sort()).toEqual([
      [1, 1],
      [2, 1],
    ]);
  });

  it('an update whose analysis throws is a disallowed change to every signature before it, named by its number', () => {
    const { report } = verify(new Error('xref damaged'));
    const named = '[3] Không phân tích được phiên bản 3 (xref damaged) / cannot analyse revision 3 (xref damaged)';
    for (const verdict of report.signatures) {
      // Still intact and valid: what failed is the judgement of the bytes after it, not the signature.
      expect([verdict.field, verdict.intact, verdict.valid, verdict.modification]).toEqual([verdict.field, true, true, 'disallowed']);
      expect(verdict.problems.map((p) => p.code)).toEqual(['MODIFIED_DISALLOWED']);
      expect(verdict.problems[0]!.message).toContain(`sau khi ký: ${named} / the document was changed`);
    }
  });

  it('something thrown that is not an Error is named by its text', () => {
    const message = verify('bad object 12').report.signatures[1]!.problems[0]!.message;
    expect(message).toContain('[3] Không phân tích được phiên bản 3 (bad object 12) / cannot analyse revision 3 (bad object 12)');
  });

  it('a safety limit exceeded while analysing refuses the whole file, not one verdict', () => {
    const refused = () => verify(limitExceeded('luồng quá lớn', 'stream too large'));
    expect(refused).toThrow(SigningError);
    expect(refused).toThrow(expect.objectContaining({ code: 'PDF_LIMIT_EXCEEDED' }));
  });
});
