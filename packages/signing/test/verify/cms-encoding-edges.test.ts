import { createHash, X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Pkcs12Signer } from '../../src/index.js';
import { readDerChildren, readDerElement } from '../../src/asn1/der-reader.js';
import { derElement, derNull, derOctetString, derOid, derSequence } from '../../src/asn1/der-writer.js';
import { OID } from '../../src/asn1/oids.js';
import { readCertificateInfo } from '../../src/cms/certificate-info.js';
import { verifyCmsSignature, type CmsVerification } from '../../src/verify/cms/verify-cms-signature.js';
import type { DigestName } from '../../src/verify/cms/signature-algorithms.js';
import { opensslVerify } from '../helpers/cms-check.js';
import { attribute, buildCms, contentTypeAttr, messageDigestAttr, opensslSign } from '../helpers/cms-surgery.js';
import { run } from '../helpers/system-tools.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { makeTestIdentity, type TestIdentity } from '../helpers/test-pki.js';

/**
 * verifyCmsSignature on encodings at the edges (issue 15, what mutation testing of verify-cms-signature.ts lines
 * 151–454 found loose): serials written with redundant leading zero bytes, the bare RSA DigestInfo's algorithm, a
 * signedAttrs SET of exactly 128 bytes (the first long-form length), a constructed message-digest, a content-type
 * that is no OID. Each CMS is made by `openssl cms -sign` or built by hand around a real signature; openssl judges
 * alongside where it can.
 */
const tempDir = useTempDir('cms-encoding-edges-');
const content = Buffer.from('nội dung đã ký / signed content');
const sha = (name: string, bytes: Uint8Array) => createHash(name).update(bytes).digest();
let identity: TestIdentity;
let signer: Pkcs12Signer;
let rsa: { cert: string; key: string };

beforeAll(() => {
  const dir = path.join(tempDir(), 'rsa');
  mkdirSync(dir);
  identity = makeTestIdentity(dir, 'rsa-2048', 'Vũ Văn Biên');
  signer = Pkcs12Signer.fromFile(identity.p12, identity.password);
  rsa = { cert: identity.leafPem, key: path.join(dir, 'rsa-2048-leaf.key') };
}, 60_000);

const detached = {
  contentType: OID.data,
  detached: true,
  contentDigest: (digest: DigestName) => sha(digest, content),
};
const problems = (v: CmsVerification) => v.problems.map((p) => `${p.code} ${p.severity}: ${p.message}`);
const verdict = (v: CmsVerification) => ({ problems: problems(v), intact: v.intact, valid: v.valid, signer: v.signer?.commonName ?? null });
const clean = () => ({ problems: [], intact: true, valid: true, signer: 'Vũ Văn Biên' });

/** The same INTEGER value written with two redundant leading zero bytes (X.690 §8.3.2 forbids it, in BER too). */
const padded = (integer: Uint8Array) => derElement(0x02, Buffer.concat([Buffer.from([0, 0]), integer.subarray(2)]));
const serialOf = (der: Uint8Array) => Buffer.from(readCertificateInfo(der).serialNumber);
const cadesVerify = (cms: Buffer) => {
  const stem = path.join(tempDir(), `cades-${process.hrtime.bigint()}`);
  writeFileSync(`${stem}.der`, cms);
  writeFileSync(`${stem}.in`, content);
  const r = run('openssl', ['cms', '-verify', '-cades', '-binary', '-inform', 'DER', '-in', `${stem}.der`, '-content', `${stem}.in`, '-CAfile', identity.rootPem, '-out', '/dev/null']);
  return { ok: r.status === 0, output: r.stderr };
};

describe('serial numbers written with redundant leading zeros: matched by value', () => {
  it('the sid names the signer serial with two extra zero bytes: the signer is found, valid; openssl refuses to parse it', async () => {
    const sidSerial = padded(serialOf(signer.certificate));
    expect([...sidSerial.subarray(2, 4)]).toEqual([0, 0]);
    const attrs = [contentTypeAttr(), messageDigestAttr(sha('sha256', content))].sort(Buffer.compare);
    const cms = await buildCms({ signer, attrs, sidSerial });
    // The sid is outside the signature (anyone can rewrite it); it only chooses whose key must verify the signature.
    expect(verdict(verifyCmsSignature(cms, detached))).toEqual(clean());
    const openssl = opensslVerify(tempDir(), cms, content);
    expect(openssl.ok).toBe(false);
    expect(openssl.output).toMatch(/illegal padding|nested asn1 error/i);
    // Control: the same CMS with the DER serial, which openssl verifies.
    const control = await buildCms({ signer, attrs });
    expect(verdict(verifyCmsSignature(control, detached))).toEqual(clean());
    expect(opensslVerify(tempDir(), control, content).ok).toBe(true);
  });

  it('a certificate whose serial has two extra zero bytes cannot be read (Node and openssl refuse it): SIGNER_CERT_MISSING', async () => {
    const cert = Buffer.from(signer.certificate);
    const [tbs, algorithm, signature] = readDerChildren(cert, readDerElement(cert, 0)).map((e) => cert.subarray(e.start, e.end));
    const tbsChildren: Uint8Array[] = readDerChildren(tbs!, readDerElement(tbs!, 0)).map((e) => tbs!.subarray(e.start, e.end));
    expect(tbsChildren[0]![0]).toBe(0xa0); // version, then the serial
    tbsChildren[1] = padded(tbsChildren[1]!);
    const odd = derSequence([derSequence(tbsChildren), algorithm!, signature!]);
    expect(() => new X509Certificate(odd)).toThrow();
    writeFileSync(path.join(tempDir(), 'odd.der'), odd);
    expect(run('openssl', ['x509', '-inform', 'DER', '-in', path.join(tempDir(), 'odd.der'), '-noout']).status).not.toBe(0);
    // So a certificate serial reaches the signer lookup as DER: at most one leading zero byte.
    const attrs = [contentTypeAttr(), messageDigestAttr(sha('sha256', content))].sort(Buffer.compare);
    const cms = await buildCms({ signer, attrs, certificates: [odd, ...signer.chain], sidSerial: padded(serialOf(signer.certificate)) });
    expect(verdict(verifyCmsSignature(cms, detached))).toEqual({
      problems: ['SIGNER_CERT_MISSING error: Không tìm thấy chứng thư số của người ký trong CMS / the signer certificate is not in SignedData.certificates'],
      intact: true,
      valid: false,
      signer: null,
    });
  });
});

describe('the ESS signing-certificate-v2 issuerSerial', () => {
  const UNREADABLE = 'SIGNING_CERT_ATTR_MISMATCH error: Thuộc tính signing-certificate không đọc được / unreadable signing-certificate attribute';
  const ess = (certId: readonly Uint8Array[]) => attribute(OID.signingCertificateV2, derSequence([derSequence([derSequence(certId)])]));
  const issuerName = () => derSequence([derElement(0xa4, readCertificateInfo(signer.certificate).issuer)]);
  const judged = async (essAttribute: Buffer) => {
    const attrs = [contentTypeAttr(), messageDigestAttr(sha('sha256', content)), essAttribute].sort(Buffer.compare);
    const cms = await buildCms({ signer, attrs });
    return { ...verdict(verifyCmsSignature(cms, detached)), openssl: cadesVerify(cms).ok };
  };

  it('the signer serial as DER, or with two extra zero bytes: the same value, no problem (openssl: DER verifies, padded is refused)', async () => {
    const hash = derOctetString(sha('sha256', signer.certificate));
    const serial = serialOf(signer.certificate);
    expect(await judged(ess([hash, derSequence([issuerName(), serial])]))).toEqual({ ...clean(), openssl: true });
    expect(await judged(ess([hash, derSequence([issuerName(), padded(serial)])]))).toEqual({ ...clean(), openssl: false });
  });

  it('an issuerSerial without its serialNumber: unreadable, as openssl finds it', async () => {
    const hash = derOctetString(sha('sha256', signer.certificate));
    expect(await judged(ess([hash, derSequence([issuerName()])]))).toEqual({ ...clean(), problems: [UNREADABLE], openssl: false });
  });
});

describe('the bare RSA signature (no signed attributes): the DigestInfo must name the digest', () => {
  /** The -noattr CMS with its signature value replaced by `openssl pkeyutl -sign` (PKCS#1 v1.5) over `digestInfo`. */
  const resigned = (digestInfo: Buffer) => {
    const cms = opensslSign(tempDir(), content, [rsa], ['-md', 'sha256', '-noattr']);
    const stem = path.join(tempDir(), `digest-info-${process.hrtime.bigint()}`);
    writeFileSync(`${stem}.in`, digestInfo);
    const r = run('openssl', ['pkeyutl', '-sign', '-inkey', rsa.key, '-in', `${stem}.in`, '-out', `${stem}.sig`]);
    expect(r.status, r.stderr).toBe(0);
    const signature = readFileSync(`${stem}.sig`);
    expect(signature.length).toBe(256);
    // No unsigned attributes: the 256 octets of the signature value end the CMS.
    return Buffer.concat([cms.subarray(0, cms.length - 256), signature]);
  };
  const digestInfo = (oid: string) => derSequence([derSequence([derOid(oid), derNull()]), derOctetString(sha('sha256', content))]);

  it('SHA-256 named over the SHA-256 hash: valid (openssl verifies); SHA-512 named over the same hash: SIGNATURE_INVALID (openssl refuses)', () => {
    const right = resigned(digestInfo(OID.sha256));
    expect(verdict(verifyCmsSignature(right, detached))).toEqual(clean());
    expect(opensslVerify(tempDir(), right, content).ok).toBe(true);
    const misnamed = resigned(digestInfo(OID.sha512));
    expect(verdict(verifyCmsSignature(misnamed, detached))).toEqual({
      problems: ['SIGNATURE_INVALID error: Chữ ký số không hợp lệ / the signature does not verify'],
      intact: true,
      valid: false,
      signer: 'Vũ Văn Biên',
    });
    expect(opensslVerify(tempDir(), misnamed, content).ok).toBe(false);
  });
});

describe('signed attributes at the edges of DER', () => {
  it('a signedAttrs SET of exactly 128 content bytes (length 81 80): DER, no SIGNED_ATTRS_NOT_DER; openssl verifies', async () => {
    const base = [contentTypeAttr(), messageDigestAttr(sha('sha256', content))];
    const used = Buffer.concat(base).length;
    // An attribute of a private OID, its OCTET STRING sized so that the SET's contents are exactly 128 bytes.
    const filler = attribute('1.2.3.4', derOctetString(Buffer.alloc(128 - used - 11, 0x41)));
    const attrs = [...base, filler].sort(Buffer.compare);
    expect(Buffer.concat(attrs).length).toBe(128);
    const cms = await buildCms({ signer, attrs });
    const set = Buffer.concat([Buffer.from([0xa0, 0x81, 0x80]), ...attrs]);
    expect(cms.includes(set)).toBe(true);
    expect(verdict(verifyCmsSignature(cms, detached))).toEqual(clean());
    expect(opensslVerify(tempDir(), cms, content).ok).toBe(true);
  });

  it('a message-digest written as a constructed OCTET STRING (two 16-byte segments, BER): its octets joined, intact', async () => {
    const digest = sha('sha256', content);
    const constructed = derElement(0x24, Buffer.concat([derOctetString(digest.subarray(0, 16)), derOctetString(digest.subarray(16))]));
    const attrs = [contentTypeAttr(), attribute(OID.messageDigest, constructed)].sort(Buffer.compare);
    const cms = await buildCms({ signer, attrs });
    expect(verdict(verifyCmsSignature(cms, detached))).toEqual(clean());
    // A different digest split the same way is a mismatch: the segments are read, not the constructed element's bytes.
    const other = sha('sha256', Buffer.from('khác'));
    const wrong = derElement(0x24, Buffer.concat([derOctetString(other.subarray(0, 16)), derOctetString(other.subarray(16))]));
    const bad = await buildCms({ signer, attrs: [contentTypeAttr(), attribute(OID.messageDigest, wrong)].sort(Buffer.compare) });
    expect(problems(verifyCmsSignature(bad, detached))).toEqual([
      'DIGEST_MISMATCH error: Nội dung đã bị thay đổi sau khi ký (giá trị băm không khớp) / the signed bytes were changed (message-digest mismatch)',
    ]);
  });

  it('a content-type attribute holding id-data\'s OID octets in an OCTET STRING, not an OID: CONTENT_TYPE_INVALID', async () => {
    const oid = derOid(OID.data);
    const attrs = [attribute(OID.contentType, derOctetString(oid.subarray(2))), messageDigestAttr(sha('sha256', content))].sort(Buffer.compare);
    const cms = await buildCms({ signer, attrs });
    expect(verdict(verifyCmsSignature(cms, detached))).toEqual({
      ...clean(),
      problems: ['CONTENT_TYPE_INVALID error: Thuộc tính content-type thiếu hoặc sai / the content-type attribute is missing or wrong'],
    });
  });
});
