import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTrustAnchors, verifyPdfSignatures, type ParsedCertificate, type SignatureVerdict } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { pdfsig } from '../helpers/pdfsig.js';

/**
 * What a document timestamp does to the verdicts beneath it (issue 15), on pyHanko's B-LTA file: a signature with its
 * own signature timestamp (genTime 2020-11-01), then a /DSS, then a document timestamp (genTime 2020-11-01) over it.
 * Validated in 2040, when every certificate of the file has expired: an intact, valid document timestamp proves that
 * the signature and its validation data existed in 2020, so the signature is judged then (trusted, revocation good
 * from the /DSS, B-LTA), while the document timestamp itself, protected by nothing later, is judged in 2040. With the
 * document timestamp's own signature value broken (one hex digit of its /Contents), it proves nothing: the signature
 * falls back to its own timestamp, whose TSA is not trusted in 2040 either, so it is judged in 2040 (not trusted,
 * revocation unknown, B-T). pdfsig reads the same fields, signer and signing time.
 */
const FILE = fixture('pdf-signed/pyhanko/pades-lta-dss-indirect-arrs-test.pdf');
const STAMP_FIELD = 'Timestamp-977301ad-bec9-4cae-a0cd-f6a674c6e465';
const TSA = 'CN=Time Stamping Authority,OU=Testing Authority,O=Example Inc,C=BE';
const ALICE = '1.2.840.113549.1.9.1=#1611616c696365406578616d706c652e636f6d,CN=Alice,OU=Testing Authority,O=Example Inc,C=BE';
const INTERMEDIATE = 'CN=Intermediate CA,OU=Testing Authority,O=Example Inc,C=BE';
const at2020 = new Date('2020-11-01T00:00:00Z');
const at2040 = new Date('2040-01-01T00:00:00Z');
const GEN_TIME = '2020-11-01T00:00:00.000Z';

let anchors: ParsedCertificate[];
let brokenStamp: Buffer;

beforeAll(async () => {
  anchors = await loadTrustAnchors([fixture('pdf-signed/pyhanko/roots/testing-ca/root.cert.pem')]);
  // pdfsig: the document timestamp signs [0 - 34074] and [45532 - …]; its /Contents is the gap between.
  const bytes = Buffer.from(readFileSync(FILE));
  const hex = bytes.toString('latin1', 34075, bytes.indexOf('>', 34075));
  let end = hex.length;
  while (hex.slice(end - 2, end) === '00') end -= 2;
  // The token ends with its SignerInfo's signature value: change a digit of it.
  const at = 34075 + end - 3;
  bytes[at] = bytes[at] === 0x30 ? 0x31 : 0x30;
  brokenStamp = bytes;
});

/** The verdict as compared here: the signer's certificate facts are other tests' concern. */
const shown = (v: SignatureVerdict | undefined) =>
  v && {
    ...v,
    signer: v.signer && { ...v.signer, certificate: undefined },
    problems: v.problems.map((p) => `${p.code} ${p.severity}`),
  };
const status = (subject: string, s: 'good' | 'unknown') =>
  ({ subject, status: s, source: s === 'good' ? 'embedded' : null, revokedAt: null, reason: null }) as const;
const revocation = (s: 'good' | 'unknown', judgedAt: string, subjects: string[]) => ({
  status: s,
  source: s === 'good' ? 'embedded' : null,
  revokedAt: null,
  reason: null,
  judgedAt,
  certificates: subjects.map((subject) => status(subject, s)),
});
const alice = { commonName: 'Alice', subject: ALICE, serialNumber: '1001', issuer: INTERMEDIATE, certificate: undefined };
const tsa = { commonName: 'Time Stamping Authority', subject: TSA, serialNumber: '1002', issuer: 'CN=Root CA,OU=Testing Authority,O=Example Inc,C=BE', certificate: undefined };
const signatureBase = {
  field: 'Sig1',
  kind: 'signature',
  subFilter: 'ETSI.CAdES.detached',
  revision: 3,
  signingTime: GEN_TIME,
  signer: alice,
  intact: true,
  valid: true,
  coverage: 'entireRevision',
  modification: 'allowed',
  docMdp: null,
};
const stampBase = {
  field: STAMP_FIELD,
  kind: 'docTimestamp',
  subFilter: 'ETSI.RFC3161',
  revision: 4,
  signingTime: GEN_TIME,
  signer: tsa,
  intact: true,
  coverage: 'entireRevision',
  modification: 'allowed',
  docMdp: null,
  level: null,
};

describe('verify: document timestamps and the verdicts beneath them', () => {
  it('at the timestamps\' own time: both trusted, revocation good from the /DSS, the signature B-LTA', () => {
    const [signature, stamp] = verifyPdfSignatures(FILE, { trustAnchors: anchors, validationTime: at2020 }).signatures;
    expect(shown(signature)).toEqual({
      ...signatureBase,
      trusted: true,
      level: 'B-LTA',
      timestamp: { time: GEN_TIME, tsa: TSA, intact: true, valid: true, trusted: true },
      revocation: revocation('good', GEN_TIME, [ALICE, INTERMEDIATE]),
      problems: ['MODIFIED_ALLOWED warning'],
    });
    expect(shown(stamp)).toEqual({
      ...stampBase,
      valid: true,
      trusted: true,
      timestamp: { time: GEN_TIME, tsa: TSA, intact: true, valid: true, trusted: true },
      revocation: revocation('good', GEN_TIME, [TSA]),
      problems: ['MODIFIED_ALLOWED warning'],
    });
  });

  it('in 2040: the signature is judged at the document timestamp\'s time, the document timestamp itself in 2040', () => {
    const [signature, stamp] = verifyPdfSignatures(FILE, { trustAnchors: anchors, validationTime: at2040 }).signatures;
    expect(shown(signature)).toEqual({
      ...signatureBase,
      trusted: true,
      level: 'B-LTA',
      timestamp: { time: GEN_TIME, tsa: TSA, intact: true, valid: true, trusted: true },
      revocation: revocation('good', GEN_TIME, [ALICE, INTERMEDIATE]),
      problems: ['MODIFIED_ALLOWED warning'],
    });
    expect(shown(stamp)).toEqual({
      ...stampBase,
      valid: true,
      trusted: false,
      timestamp: { time: GEN_TIME, tsa: TSA, intact: true, valid: true, trusted: false },
      revocation: revocation('unknown', '2040-01-01T00:00:00.000Z', [TSA]),
      problems: ['CERT_NOT_VALID_AT_TIME error', 'MODIFIED_ALLOWED warning'],
    });
  });

  it('in 2040 with the document timestamp\'s signature broken: it proves nothing, and the signature is judged in 2040', () => {
    const [signature, stamp] = verifyPdfSignatures(brokenStamp, { trustAnchors: anchors, validationTime: at2040 }).signatures;
    expect(shown(signature)).toEqual({
      ...signatureBase,
      trusted: false,
      level: 'B-T',
      timestamp: { time: GEN_TIME, tsa: TSA, intact: true, valid: true, trusted: false },
      revocation: revocation('unknown', '2040-01-01T00:00:00.000Z', [ALICE, INTERMEDIATE]),
      problems: ['TIMESTAMP_UNTRUSTED warning', 'CERT_NOT_VALID_AT_TIME error', 'MODIFIED_ALLOWED warning'],
    });
    expect(shown(stamp)).toEqual({
      ...stampBase,
      valid: false,
      trusted: false,
      timestamp: { time: GEN_TIME, tsa: TSA, intact: true, valid: false, trusted: false },
      revocation: revocation('unknown', '2040-01-01T00:00:00.000Z', [TSA]),
      problems: ['SIGNATURE_INVALID error', 'CERT_NOT_VALID_AT_TIME error', 'MODIFIED_ALLOWED warning'],
    });
  });

  it('at 2020-11-01 with the document timestamp\'s signature broken: the signature keeps its own timestamp and /DSS data, B-LT, not B-LTA', () => {
    const [signature, stamp] = verifyPdfSignatures(brokenStamp, { trustAnchors: anchors, validationTime: at2020 }).signatures;
    expect(shown(signature)).toEqual({
      ...signatureBase,
      trusted: true,
      level: 'B-LT',
      timestamp: { time: GEN_TIME, tsa: TSA, intact: true, valid: true, trusted: true },
      revocation: revocation('good', GEN_TIME, [ALICE, INTERMEDIATE]),
      problems: ['MODIFIED_ALLOWED warning'],
    });
    expect(stamp).toMatchObject({ intact: true, valid: false });
  });

  it('EU DSS\'s Certipost file, two document timestamps (2013, 2019) over one signature: each is judged at the EARLIEST later one', () => {
    const report = verifyPdfSignatures(fixture('pdf-signed/dss/Test.signed_Certipost-2048-SHA512.extended-LTA.pdf'), { validationTime: at2040 });
    expect(report.signatures.map((s) => [s.field, s.kind, s.timestamp?.time ?? null, s.revocation.judgedAt, s.level])).toEqual([
      ['Cryptolog-846272363', 'signature', null, '2013-05-08T19:16:15.820Z', 'B-T'],
      ['Cryptolog-1895426501', 'docTimestamp', '2013-05-08T19:16:15.820Z', '2019-04-23T16:07:02.130Z', null],
      ['Signature1', 'docTimestamp', '2019-04-23T16:07:02.130Z', '2040-01-01T00:00:00.000Z', null],
    ]);
  });

  it('pdfsig reads the same fields, signers and signing time', () => {
    const report = pdfsig(FILE);
    expect(report.signatures.map((s) => [s.fieldName, s.signerName])).toEqual([
      ['Sig1', 'Alice'],
      [STAMP_FIELD, 'Time Stamping Authority'],
    ]);
    expect(report.raw).toContain('Signing Time: Nov 01 2020 00:00:00');
  });
});
