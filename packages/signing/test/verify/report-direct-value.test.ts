import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyPdfSignatures, type PdfVerifyReport } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { appendRevision } from '../helpers/verify-tamper.js';

/**
 * A signature field whose /V is a DIRECT dictionary (ISO 32000 wants it indirect) beside one whose /V is indirect
 * (issue 15): the reused-/V check compares the fields' references, and a direct /V has none. Each field must still be
 * judged on its own: the direct ones on their broken dictionaries, the real signature as intact and valid — none of
 * them falls to the fail-closed "cannot be verified" of a check that threw.
 *
 * The file: pyHanko's one-signature B-B fixture with an appended revision that lists, around its field Sig1, DirectA
 * (a /ByteRange ending at byte 30, so it sorts first) and DirectB (no /ByteRange, so it sorts last).
 */
let file: Uint8Array;

beforeAll(() => {
  const signed = readFileSync(fixture('pdf-signed/pyhanko/pades-with-old-style-signing-cert-attr.pdf'));
  const sig = '/Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /Contents <00>';
  file = appendRevision(
    signed,
    new Map([
      [6, '<< /Fields [9 0 R 7 0 R 10 0 R] /SigFlags 3 >>'],
      [9, `<< /FT /Sig /T (DirectA) /V << ${sig} /ByteRange [0 10 20 10] >> >>`],
      [10, `<< /FT /Sig /T (DirectB) /V << ${sig} >> >>`],
    ]),
  );
});

// Verified inside each test, never in beforeAll: Stryker counts what a beforeAll reaches as static, and a static
// mutant runs with every test of the module's list.
const verify = (): PdfVerifyReport => verifyPdfSignatures(file, { validationTime: new Date('2020-11-01T00:00:00Z') });
const codesOf = (report: PdfVerifyReport, field: string): string[] =>
  report.signatures.find((s) => s.field === field)?.problems.map((p) => p.code) ?? [];

describe('verify: a direct /V next to an indirect one', () => {
  it('sorts the fields by where their signed bytes end: DirectA, Sig1, DirectB', () => {
    const report = verify();
    expect(report.signatures.map((s) => s.field)).toEqual(['DirectA', 'Sig1', 'DirectB']);
  });

  it('after a direct /V, the indirect signature is still verified: intact, valid, only the permitted update noted', () => {
    const report = verify();
    expect(report.signatures[1]).toMatchObject({ field: 'Sig1', intact: true, valid: true, coverage: 'entireRevision', modification: 'allowed' });
    expect(codesOf(report, 'Sig1')).toEqual(['MODIFIED_ALLOWED']);
  });

  it('a direct /V after an indirect one is judged on its own dictionary, not failed closed by a throw', () => {
    const report = verify();
    expect(codesOf(report, 'DirectB')).toEqual(['BYTE_RANGE_INVALID', 'CMS_MALFORMED', 'NONSTANDARD_COVERAGE']);
    expect(codesOf(report, 'DirectA')).toEqual(['CONTENTS_NOT_IN_GAP', 'SIG_DICT_NOT_SIGNED', 'CMS_MALFORMED', 'NONSTANDARD_COVERAGE']);
    expect(report.signatures.filter((s) => s.field !== 'Sig1').every((s) => !s.intact && !s.valid && s.modification === 'disallowed')).toBe(true);
    // Nor is a direct /V ever taken for a reuse of another field's signature.
    expect(report.signatures.flatMap((s) => s.problems.map((p) => p.code))).not.toContain('SIG_DICT_REUSED');
  });
});
