import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyPdfSignatures, type PdfVerifyReport } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { appendRevision, rawObjectBody } from '../helpers/verify-tamper.js';

/**
 * A certification signature that the catalog's /Perms /DocMDP does not name (issue 15, mutation testing of
 * verify-pdf-signatures.ts): its own /Reference claims DocMDP, but the document's permissions point elsewhere, so the
 * claim is warned about. The file: pyHanko's certified fixture (catalog object 1, /Perms /DocMDP 8 0 R, the /V of
 * Sig1) with a revision appended that rewrites the catalog and adds object 11, a copy of the signature dictionary.
 */
const signed = readFileSync(fixture('pdf-signed/pyhanko/certified-with-indirect-refs-in-dir.pdf'));
const withDocMdp = (target: string): Uint8Array =>
  appendRevision(
    signed,
    new Map([
      [1, rawObjectBody(signed, 1).replace('/DocMDP 8 0 R', `/DocMDP ${target}`)],
      [11, rawObjectBody(signed, 8)],
    ]),
  );
const verify = (file: Uint8Array): PdfVerifyReport => verifyPdfSignatures(file, { validationTime: new Date('2022-01-01T00:00:00Z') });
const codes = (report: PdfVerifyReport) => report.signatures.map((s) => [s.field, s.docMdp, s.modification, s.problems.map((p) => `${p.severity} ${p.code}`)]);

describe('verify: /Perms /DocMDP and the certification signature', () => {
  it('still naming the signature (the catalog rewritten as it was): no warning, the update allowed', () => {
    expect(codes(verify(withDocMdp('8 0 R')))).toEqual([['Sig1', 1, 'allowed', ['warning MODIFIED_ALLOWED']]]);
  });

  it('naming a copy of it: the claim is warned about, and changing /Perms after certifying is disallowed', () => {
    const report = verify(withDocMdp('11 0 R'));
    expect(codes(report)).toEqual([['Sig1', 1, 'disallowed', ['warning DOCMDP_VIOLATION', 'error MODIFIED_DISALLOWED']]]);
    expect(report.signatures[0]!.problems[0]!.message).toBe('/Perms /DocMDP không trỏ tới chữ ký này / /Perms /DocMDP does not name this signature');
  });
});
