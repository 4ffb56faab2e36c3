import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PdfReader, verifyWithReader, type PdfVerifyReport } from '../../src/index.js';
import { ParsedCertificate } from '../../src/verify/index.js';
import { ByteSourceProbe } from '../helpers/byte-source-probe.js';
import { fixture } from '../helpers/fixtures.js';
import { appendRevision, rawObjectBody } from '../helpers/verify-tamper.js';

/**
 * Work a hostile file could multiply (issue 15, mutation testing of verify-pdf-signatures.ts): fields that name one
 * signature dictionary have its CMS checked once, and signature dictionaries copied under new object numbers, all
 * over one byte range, have those bytes hashed once. verify-hostile-files.test.ts has 1,000 fields on one /V over a
 * 21 MB file; there the shared /V alone keeps the hashing to one pass, so it cannot tell whether the hash is shared.
 * A CMS check is counted by what each one does once: this signer's CMS carries the old-style ESS signing-certificate
 * attribute, and checking it hashes the signer's certificate with SHA-1 (nothing else here uses SHA-1).
 *
 * The files: pyHanko's one-signature fixture (field 7, its /V object 8) with a revision appended that adds two fields.
 */
const signed = readFileSync(fixture('pdf-signed/pyhanko/pades-with-old-style-signing-cert-attr.pdf'));
const withFields = (values: readonly string[]): Uint8Array =>
  appendRevision(
    signed,
    new Map([
      [6, '<< /Fields [7 0 R 10 0 R 11 0 R] /SigFlags 3 >>'],
      [10, `<< /FT /Sig /T (Copy1) /V ${values[0]} >>`],
      [11, `<< /FT /Sig /T (Copy2) /V ${values[1]} >>`],
      [12, rawObjectBody(signed, 8)],
      [13, rawObjectBody(signed, 8)],
    ]),
  );

/** Verifies inside the test (never in beforeAll: Stryker counts what that reaches as static). */
const verifyProbed = (file: Uint8Array): { report: PdfVerifyReport; bytesHashed: number } => {
  const probe = new ByteSourceProbe(file);
  const reader = PdfReader.fromSource(probe);
  try {
    return { report: verifyWithReader(reader, { validationTime: new Date('2022-01-01T00:00:00Z') }), bytesHashed: probe.bytesReadInto };
  } finally {
    reader.close();
  }
};
const range = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)/.exec(signed.toString('latin1'))!;
const signedLength = Number(range[2]) + Number(range[4]);

/** Calls until the end of the test: the signer's certificate hashed with SHA-1, once per CMS checked. */
const watchCmsChecks = (): (() => number) => {
  const hash = vi.spyOn(ParsedCertificate.prototype, 'hash');
  return () => hash.mock.calls.filter(([algorithm]) => algorithm === 'sha1').length;
};

afterEach(() => vi.restoreAllMocks());

describe('verify: work a hostile file could multiply is done once', () => {
  it('three fields naming one signature dictionary: its CMS is checked once', () => {
    const cmsChecks = watchCmsChecks();
    const { report } = verifyProbed(withFields(['8 0 R', '8 0 R']));
    expect(report.signatures.map((s) => [s.field, s.valid])).toEqual([
      ['Sig1', true],
      ['Copy1', true],
      ['Copy2', true],
    ]);
    expect(cmsChecks()).toBe(1);
  });

  it('three signature dictionaries alike over one byte range: each CMS is checked, the signed bytes hashed once', () => {
    const cmsChecks = watchCmsChecks();
    const { report, bytesHashed } = verifyProbed(withFields(['12 0 R', '13 0 R']));
    // The copies lie where their byte range does not point: flagged, their CMS still checked against those bytes.
    expect(report.signatures.map((s) => [s.field, s.problems.map((p) => p.code)])).toEqual([
      ['Sig1', ['BYTE_RANGE_COLLISION', 'MODIFIED_ALLOWED']],
      ['Copy1', ['CONTENTS_NOT_IN_GAP', 'SIG_DICT_NOT_SIGNED', 'BYTE_RANGE_COLLISION', 'MODIFIED_ALLOWED']],
      ['Copy2', ['CONTENTS_NOT_IN_GAP', 'SIG_DICT_NOT_SIGNED', 'BYTE_RANGE_COLLISION', 'MODIFIED_ALLOWED']],
    ]);
    expect(cmsChecks()).toBe(3);
    expect(bytesHashed).toBe(signedLength);
  });
});
