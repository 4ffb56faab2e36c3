import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTrustAnchors, verifyPdfSignatures, type ParsedCertificate, type PdfVerifyReport } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { appendRevision } from '../helpers/verify-tamper.js';

/**
 * Fail closed (issue 15, mutation testing of verify-pdf-signatures.ts): a signature whose objects make a check throw
 * is reported as unverifiable, with the reason, never skipped and never judged from what was read before the throw.
 *
 * The file: pyHanko's one-signature B-B fixture with an appended revision that adds the field "Broken", whose /V
 * names its /M as object 11, and object 11 is bytes no parser reads (`<< /Broken [1 2 >>`). Reading the signing time
 * is the last thing a signature's checks do, so the throw comes after every other check has run.
 */
let file: Uint8Array;
let anchors: ParsedCertificate[];

beforeAll(async () => {
  const signed = readFileSync(fixture('pdf-signed/pyhanko/pades-with-old-style-signing-cert-attr.pdf'));
  const sig = '/Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /Contents <00>';
  file = appendRevision(
    signed,
    new Map([
      [6, '<< /Fields [7 0 R 10 0 R] /SigFlags 3 >>'],
      [10, `<< /FT /Sig /T (Broken) /V << ${sig} /M 11 0 R >> >>`],
      [11, '<< /Broken [1 2 >>'],
    ]),
  );
  anchors = await loadTrustAnchors([fixture('pdf-signed/pyhanko/roots/selfsigned.cert.pem')]);
});

// Verified inside each test, never in beforeAll: Stryker counts what a beforeAll reaches as static.
const validationTime = new Date('2020-11-01T00:00:00Z');
const verify = (options: { trustAnchors?: ParsedCertificate[] } = {}): PdfVerifyReport => verifyPdfSignatures(file, { validationTime, ...options });
const reason = 'Tệp PDF hỏng: ">>" không đúng chỗ / unexpected ">>" tại byte';

describe('verify: a signature whose check throws is failed closed', () => {
  it('every part of its verdict says unverifiable, the throw named in SIG_DICT_INVALID after its own problems', () => {
    const broken = verify().signatures.find((s) => s.field === 'Broken');
    expect(broken).toEqual({
      field: 'Broken',
      kind: 'signature',
      subFilter: 'ETSI.CAdES.detached',
      revision: null,
      signingTime: null,
      signer: null,
      intact: false,
      valid: false,
      trusted: null,
      coverage: 'partial',
      modification: 'disallowed',
      docMdp: null,
      // Levels are read afterwards from what the file holds: a signature with no timestamp and no validation data.
      level: 'B-B',
      timestamp: null,
      revocation: { status: 'unknown', source: null, revokedAt: null, reason: null, judgedAt: validationTime.toISOString(), certificates: [] },
      problems: [
        { code: 'BYTE_RANGE_INVALID', severity: 'error', message: expect.any(String) },
        { code: 'SIG_DICT_INVALID', severity: 'error', message: expect.any(String) },
      ],
    });
    const message = broken!.problems[1]!.message;
    expect(message.startsWith(`Không kiểm tra được chữ ký (${reason} `)).toBe(true);
    expect(message).toContain(') / the signature cannot be verified (Tệp PDF hỏng:');
    expect(message.endsWith(')')).toBe(true);
  });

  it('with trust anchors given, it is not trusted (false), not unjudged (null)', () => {
    const broken = verify({ trustAnchors: anchors }).signatures.find((s) => s.field === 'Broken');
    expect(broken?.trusted).toBe(false);
  });

  it('the other signature is still judged in full: intact and valid, its change refused for the unreadable object', () => {
    const report = verify();
    expect(report.signatures.map((s) => s.field)).toEqual(['Sig1', 'Broken']);
    expect(report.signatures[0]).toMatchObject({ field: 'Sig1', intact: true, valid: true, signingTime: '2021-08-18T19:32:30.000Z', modification: 'disallowed' });
    expect(report.signatures[0]!.problems.map((p) => p.code)).toEqual(['MODIFIED_DISALLOWED']);
  });
});
