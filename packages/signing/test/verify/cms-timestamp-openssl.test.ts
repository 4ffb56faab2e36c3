import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Attribute, ContentInfo, SignedData } from '@peculiar/asn1-cms';
import { beforeAll, describe, expect, it } from 'vitest';
import { OID } from '../../src/asn1/oids.js';
import { ParsedCertificate, Pkcs12Signer, verifyPdfSignatures, type SignatureVerdict } from '../../src/index.js';
import { ensurePki, tsaReply } from '../../dev/small-pki.js';
import { buildCms, contentTypeAttr, embed, messageDigestAttr, prepareHole, signedContent, signingCertV2Attr, type Hole } from '../helpers/cms-surgery.js';
import { makeSamplePdf } from '../helpers/sample-pdfs.js';
import { run } from '../helpers/system-tools.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { makeTestIdentity } from '../helpers/test-pki.js';

/**
 * The signature-time-stamp check of cms/signature-timestamp.ts (issue 15) with tokens that `openssl ts -reply` makes
 * and nothing of ours: no TSA client runs (it verifies its token with the code under test, which made every such
 * mutant "static" for StrykerJS when a file signed B-T in beforeAll), so each case here is covered by itself. Each
 * token is judged by `openssl ts -verify` alongside: sound, a flipped TSA-signature bit, an imprint over other bytes,
 * a SHA-512 imprint, a token whose TSTInfo is cut short.
 */
const tempDir = useTempDir('cms-timestamp-openssl-');
let pkiDir: string;
let hole: Hole;
let signer: Pkcs12Signer;
let anchors: ParsedCertificate[];
let cms: Buffer;
let signatureValue: Buffer;

beforeAll(async () => {
  pkiDir = path.join(tempDir(), 'pki');
  ensurePki(pkiDir, { ocspUrl: 'http://127.0.0.1:9/', crlUrl: 'http://127.0.0.1:9/ca.crl' }, {
    root: '/C=VN/O=E-Office thử nghiệm/CN=Root TSA thử nghiệm',
    tsa: '/C=VN/O=E-Office thử nghiệm/CN=tsa',
    ocsp: '/C=VN/O=E-Office thử nghiệm/CN=ocsp',
  });
  const identity = makeTestIdentity(tempDir(), 'rsa-2048', 'Vũ Thị Dấu');
  signer = Pkcs12Signer.fromFile(identity.p12, identity.password);
  anchors = [new ParsedCertificate(identity.rootDer), new ParsedCertificate(pemDer(path.join(pkiDir, 'root.pem')))];
  const input = path.join(tempDir(), 'draft.pdf');
  writeFileSync(input, await makeSamplePdf());
  hole = await prepareHole(input, signer, { subFilter: 'ETSI.CAdES.detached' });
  const digest = createHash('sha256').update(signedContent(hole)).digest();
  const attrs = [contentTypeAttr(), messageDigestAttr(digest), signingCertV2Attr(signer.certificate)].sort(Buffer.compare);
  cms = await buildCms({ signer, attrs });
  const signedData = AsnConvert.parse(AsnConvert.parse(cms, ContentInfo).content, SignedData);
  signatureValue = Buffer.from(signedData.signerInfos[0]!.signature.buffer);
}, 60_000);

const pemDer = (file: string): Buffer => Buffer.from(readFileSync(file, 'latin1').replace(/-----[^-]+-----|\s/g, ''), 'base64');

let files = 0;
/** A TimeStampToken from `openssl ts -reply` over `stamped` (the query made by `openssl ts -query`). */
function opensslToken(stamped: Uint8Array, digest: 'sha256' | 'sha512' = 'sha256'): Buffer {
  const stem = path.join(tempDir(), `ts-${++files}`);
  writeFileSync(`${stem}.data`, stamped);
  expect(run('openssl', ['ts', '-query', '-data', `${stem}.data`, `-${digest}`, '-cert', '-out', `${stem}.tsq`]).status).toBe(0);
  writeFileSync(`${stem}.tsr`, tsaReply(pkiDir, `${stem}.tsq`));
  const r = run('openssl', ['ts', '-reply', '-in', `${stem}.tsr`, '-token_out', '-out', `${stem}.tst`]);
  expect(r.status, r.stderr).toBe(0);
  return readFileSync(`${stem}.tst`);
}

/** `openssl ts -verify` of a token over `stamped`, the TSA chained to the PKI's root. */
function opensslTsVerify(token: Uint8Array, stamped: Uint8Array): { ok: boolean; output: string } {
  const stem = path.join(tempDir(), `check-${++files}`);
  writeFileSync(`${stem}.tst`, token);
  writeFileSync(`${stem}.data`, stamped);
  const r = run('openssl', ['ts', '-verify', '-data', `${stem}.data`, '-in', `${stem}.tst`, '-token_in', '-CAfile', path.join(pkiDir, 'root.pem')]);
  return { ok: r.status === 0 && /Verification: OK/.test(r.stdout), output: r.stdout + r.stderr };
}

/** The genTime `openssl ts -reply -text` reads from a token, as an ISO string. */
function opensslGenTime(token: Uint8Array): string {
  const file = path.join(tempDir(), `time-${++files}.tst`);
  writeFileSync(file, token);
  const text = run('openssl', ['ts', '-reply', '-in', file, '-token_in', '-text']).stdout;
  const line = /Time stamp: (.+)/.exec(text)?.[1];
  if (!line) throw new Error(`no time in ${text}`);
  return new Date(line).toISOString();
}

/** The CMS with `token` as its signature-time-stamp (an unsigned attribute: the signature stays sound). */
function withToken(token: Uint8Array): Buffer {
  const contentInfo = AsnConvert.parse(cms, ContentInfo);
  const signedData = AsnConvert.parse(contentInfo.content, SignedData);
  signedData.signerInfos[0]!.unsignedAttrs = [new Attribute({ attrType: OID.signatureTimeStamp, attrValues: [new Uint8Array(token).buffer] })];
  contentInfo.content = AsnConvert.serialize(signedData);
  return Buffer.from(AsnConvert.serialize(contentInfo));
}

const judged = (token: Uint8Array | null): SignatureVerdict => {
  const report = verifyPdfSignatures(embed(hole, token ? withToken(token) : cms), { trustAnchors: anchors });
  expect(report.signatures).toHaveLength(1);
  return report.signatures[0]!;
};
const summary = (v: SignatureVerdict) => ({
  codes: v.problems.map((p) => p.code),
  intact: v.intact,
  valid: v.valid,
  trusted: v.trusted,
  level: v.level,
  timestamp: v.timestamp ? { intact: v.timestamp.intact, valid: v.timestamp.valid } : null,
});

describe('the signature-time-stamp, tokens made by openssl ts', () => {
  it('control: no token → B-B without timestamp; a sound SHA-256 token → B-T at the token\'s genTime, openssl agrees', () => {
    expect(summary(judged(null))).toEqual({ codes: [], intact: true, valid: true, trusted: true, level: 'B-B', timestamp: null });
    const token = opensslToken(signatureValue);
    expect(opensslTsVerify(token, signatureValue).ok).toBe(true);
    const verdict = judged(token);
    expect(summary(verdict)).toEqual({ codes: [], intact: true, valid: true, trusted: true, level: 'B-T', timestamp: { intact: true, valid: true } });
    expect(verdict.signingTime).toBe(opensslGenTime(token));
    expect(verdict.timestamp?.time).toBe(opensslGenTime(token));
  });

  it('a SHA-512 imprint is hashed with SHA-512: B-T, openssl agrees', () => {
    const token = opensslToken(signatureValue, 'sha512');
    expect(opensslTsVerify(token, signatureValue).ok).toBe(true);
    const verdict = judged(token);
    expect(summary(verdict)).toMatchObject({ codes: [], level: 'B-T', timestamp: { intact: true, valid: true } });
    expect(verdict.signingTime).toBe(opensslGenTime(token));
  });

  it('TIMESTAMP_MALFORMED: the last byte of the TSA signature flipped → the time is not relied on; openssl ts refuses it', () => {
    const token = opensslToken(signatureValue);
    token[token.length - 1]! ^= 0x01;
    expect(opensslTsVerify(token, signatureValue).ok).toBe(false);
    const verdict = judged(token);
    expect(summary(verdict)).toEqual({
      codes: ['TIMESTAMP_MALFORMED'],
      intact: true,
      valid: true,
      trusted: true,
      level: 'B-B',
      timestamp: { intact: true, valid: false },
    });
    expect(verdict.problems[0]?.message).toBe('Dấu thời gian kèm chữ ký không hợp lệ / the signature timestamp token does not verify');
    // The claimed time, as with no token at all; not "not genTime", which fails whenever both fall in the same second.
    expect(verdict.signingTime).toBe(judged(null).signingTime);
  });

  it('TIMESTAMP_IMPRINT_MISMATCH: a sound token over other bytes (the signature value with one bit flipped); openssl agrees', () => {
    const other = Buffer.from(signatureValue);
    other[0]! ^= 0x80;
    const token = opensslToken(other);
    expect(opensslTsVerify(token, other).ok).toBe(true);
    const check = opensslTsVerify(token, signatureValue);
    expect(check.ok).toBe(false);
    expect(check.output).toMatch(/message imprint mismatch/);
    const verdict = judged(token);
    expect(summary(verdict)).toEqual({
      codes: ['TIMESTAMP_IMPRINT_MISMATCH'],
      intact: true,
      valid: true,
      trusted: true,
      level: 'B-B',
      timestamp: { intact: false, valid: true },
    });
    expect(verdict.problems[0]?.message).toBe(
      'Dấu thời gian kèm chữ ký không khớp với giá trị chữ ký / the signature timestamp imprint does not match the signature value',
    );
  });

  it('TIMESTAMP_MALFORMED: bytes that are no CMS at all in the attribute → not relied on', () => {
    const verdict = judged(Buffer.from('30030201ff', 'hex'));
    expect(summary(verdict)).toMatchObject({ codes: ['TIMESTAMP_MALFORMED'], intact: true, valid: true, level: 'B-B' });
  });
});
