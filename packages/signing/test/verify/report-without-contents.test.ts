import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyPdfSignatures, type PdfVerifyReport } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { appendRevision } from '../helpers/verify-tamper.js';

/**
 * A signature and a document timestamp whose dictionaries carry no /Contents at all (issue 15): there is no CMS to
 * read, so no signer, no claimed time and no token time. Each is still judged on its own dictionary — its time from
 * /M, the timestamp's verdict without a time or a TSA — and never falls to the fail-closed "cannot be verified" of a
 * check that threw on the missing CMS.
 *
 * The file: pyHanko's one-signature B-B fixture with an appended revision that adds the two fields beside Sig1.
 */
let file: Uint8Array;

beforeAll(() => {
  const signed = readFileSync(fixture('pdf-signed/pyhanko/pades-with-old-style-signing-cert-attr.pdf'));
  file = appendRevision(
    signed,
    new Map([
      [6, '<< /Fields [7 0 R 9 0 R 10 0 R] /SigFlags 3 >>'],
      [9, '<< /FT /Sig /T (NoContents) /V 11 0 R >>'],
      [10, '<< /FT /Sig /T (NoContentsStamp) /V 12 0 R >>'],
      [11, '<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [0 10 20 10] /M (D:20200102030405Z) >>'],
      [12, '<< /Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161 /ByteRange [0 10 20 10] >>'],
    ]),
  );
});

// Verified inside each test, never in beforeAll: Stryker counts what a beforeAll reaches as static.
const verify = (): PdfVerifyReport => verifyPdfSignatures(file, { validationTime: new Date('2022-01-01T00:00:00Z') });
const verdictOf = (report: PdfVerifyReport, field: string) => {
  const found = report.signatures.find((s) => s.field === field);
  if (!found) throw new Error(`no verdict for ${field}`);
  return found;
};
const cannotBeVerified = (report: PdfVerifyReport) =>
  report.signatures.filter((s) => s.problems.some((p) => p.message.includes('cannot be verified'))).map((s) => s.field);

describe('verify: signature dictionaries without /Contents', () => {
  it('the signature: no signer, its time from /M, broken and not verified, but judged rather than failed closed', () => {
    const report = verify();
    expect(cannotBeVerified(report)).toEqual([]);
    expect(verdictOf(report, 'NoContents')).toMatchObject({
      kind: 'signature',
      signer: null,
      signingTime: '2020-01-02T03:04:05.000Z',
      intact: false,
      valid: false,
      trusted: null,
      timestamp: null,
    });
  });

  it('the document timestamp: a verdict with no time and no TSA, neither intact nor valid', () => {
    const report = verify();
    expect(verdictOf(report, 'NoContentsStamp')).toMatchObject({
      kind: 'docTimestamp',
      signer: null,
      signingTime: null,
      intact: false,
      valid: false,
      timestamp: { time: null, tsa: null, intact: false, valid: false, trusted: null },
      level: null,
    });
  });

  it('the real signature beside them is still intact and valid', () => {
    expect(verdictOf(verify(), 'Sig1')).toMatchObject({ intact: true, valid: true, signer: { commonName: expect.any(String) } });
  });
});
