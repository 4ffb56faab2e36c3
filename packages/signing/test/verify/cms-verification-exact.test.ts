import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Pkcs12Signer } from '../../src/index.js';
import { derOctetString, derOid, derSequence } from '../../src/asn1/der-writer.js';
import { OID } from '../../src/asn1/oids.js';
import { readCertificateInfo } from '../../src/cms/certificate-info.js';
import { verifyCmsSignature, type CmsVerification } from '../../src/verify/cms/verify-cms-signature.js';
import type { DigestName } from '../../src/verify/cms/signature-algorithms.js';
import { opensslVerify } from '../helpers/cms-check.js';
import { attribute, buildCms, contentTypeAttr, messageDigestAttr, opensslSign, signingCertV2Attr, signingTimeAttr, withIndefiniteOuterLength } from '../helpers/cms-surgery.js';
import { run } from '../helpers/system-tools.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { makeTestIdentity, type TestIdentity } from '../helpers/test-pki.js';

/**
 * verifyCmsSignature called directly on CMS blobs made by `openssl cms` (issue 15, what mutation testing of
 * verify/cms found loose): each refusal's exact words in both languages, what a failed check still returns (the
 * parsed CMS, the trailing bytes), and the encapsulated content a timestamp check needs. openssl judges each blob
 * alongside where it can.
 */
const tempDir = useTempDir('cms-verification-exact-');
const content = Buffer.from('nội dung đã ký / signed content');
let rsa: { cert: string; key: string };
let second: { cert: string; key: string };
let identity: TestIdentity;
let signer: Pkcs12Signer;

beforeAll(() => {
  const one = path.join(tempDir(), 'one');
  const two = path.join(tempDir(), 'two');
  mkdirSync(one);
  mkdirSync(two);
  const a = makeTestIdentity(one, 'rsa-2048', 'Vũ Văn Một');
  const b = makeTestIdentity(two, 'ec-p256', 'Vũ Thị Hai');
  identity = a;
  signer = Pkcs12Signer.fromFile(a.p12, a.password);
  rsa = { cert: a.leafPem, key: path.join(one, 'rsa-2048-leaf.key') };
  second = { cert: b.leafPem, key: path.join(two, 'ec-p256-leaf.key') };
}, 60_000);

const detached = (data: Uint8Array = content) => ({
  contentType: OID.data,
  detached: true,
  contentDigest: (digest: DigestName) => createHash(digest).update(data).digest(),
});
const timestampLike = { contentType: OID.tstInfo, detached: false, contentDigest: () => new Uint8Array(0) };
const problems = (v: CmsVerification) => v.problems.map((p) => `${p.code} ${p.severity}: ${p.message}`);
const flags = (v: CmsVerification) => ({
  intact: v.intact,
  valid: v.valid,
  parsed: v.parsed !== null,
  signer: v.signer?.commonName ?? null,
  digest: v.digest,
  essAttribute: v.hasSigningCertificateAttribute,
});

describe('verifyCmsSignature: refusals word for word', () => {
  it('control: an openssl detached CMS verifies with no problem; openssl agrees', () => {
    const cms = opensslSign(tempDir(), content, [rsa], ['-md', 'sha256']);
    const v = verifyCmsSignature(cms, detached());
    expect({ ...flags(v), problems: problems(v), trailing: v.trailing.length, encapsulated: v.encapsulatedContent }).toEqual({
      intact: true, valid: true, parsed: true, signer: 'Vũ Văn Một', digest: 'sha256', essAttribute: false, problems: [], trailing: 0, encapsulated: null,
    });
    expect(v.claimedSigningTime).toBeInstanceOf(Date);
    expect(opensslVerify(tempDir(), cms, content).ok).toBe(true);
  });

  it('bytes that are no SEQUENCE: CMS_MALFORMED naming the reason, nothing parsed', () => {
    const v = verifyCmsSignature(Buffer.from([0x04, 0x01, 0x00]), detached());
    expect(problems(v)).toEqual([
      'CMS_MALFORMED error: Chữ ký CMS không đọc được (ContentInfo is not a SEQUENCE) / unreadable CMS (ContentInfo is not a SEQUENCE)',
    ]);
    expect(flags(v)).toEqual({ intact: false, valid: false, parsed: false, signer: null, digest: null, essAttribute: false });
  });

  it('a ContentInfo of type data (openssl cms -data_create): CMS_MALFORMED naming the type', () => {
    const stem = path.join(tempDir(), 'data-create');
    writeFileSync(`${stem}.in`, content);
    const r = run('openssl', ['cms', '-data_create', '-binary', '-in', `${stem}.in`, '-outform', 'DER', '-out', `${stem}.der`]);
    expect(r.status).toBe(0);
    const v = verifyCmsSignature(readFileSync(`${stem}.der`), detached());
    expect(problems(v)).toEqual([
      `CMS_MALFORMED error: Chữ ký CMS không đọc được (ContentInfo type ${OID.data} is not SignedData) / unreadable CMS (ContentInfo type ${OID.data} is not SignedData)`,
    ]);
    expect(flags(v)).toEqual({ intact: false, valid: false, parsed: false, signer: null, digest: null, essAttribute: false });
  });

  it('two signers: CMS_NOT_SINGLE_SIGNER with the count; the parsed CMS and the trailing bytes are still returned; openssl verifies both', () => {
    const cms = opensslSign(tempDir(), content, [rsa, second], ['-md', 'sha256']);
    expect(opensslVerify(tempDir(), cms, content).ok).toBe(true);
    const v = verifyCmsSignature(Buffer.concat([cms, Buffer.from([0, 0, 7])]), detached());
    expect(problems(v)).toEqual([
      'CMS_NOT_SINGLE_SIGNER error: CMS có 2 người ký, phải đúng 1 / CMS has 2 SignerInfos, expected exactly one',
    ]);
    expect(flags(v)).toEqual({ intact: false, valid: false, parsed: true, signer: null, digest: null, essAttribute: false });
    expect([...v.trailing]).toEqual([0, 0, 7]);
  });

  it('a detached CMS where a token is expected (encapsulated TSTInfo): CMS_MALFORMED "no TSTInfo", parsed, trailing kept', () => {
    const cms = opensslSign(tempDir(), content, [rsa], ['-md', 'sha256']);
    const v = verifyCmsSignature(Buffer.concat([cms, Buffer.from([0, 9])]), timestampLike);
    expect(problems(v)).toEqual(['CMS_MALFORMED error: Dấu thời gian không có TSTInfo / timestamp token has no TSTInfo']);
    expect(flags(v)).toEqual({ intact: false, valid: false, parsed: true, signer: null, digest: null, essAttribute: false });
    expect([...v.trailing]).toEqual([0, 9]);
  });

  it('-nodetach where detached content is expected: CMS_NOT_DETACHED; the content octets are handed back', () => {
    const cms = opensslSign(tempDir(), content, [rsa], ['-md', 'sha256', '-nodetach']);
    const v = verifyCmsSignature(cms, detached());
    expect(problems(v)).toEqual(['CMS_NOT_DETACHED error: CMS chứa nội dung, phải tách rời / CMS is not detached']);
    expect(Buffer.from(v.encapsulatedContent!)).toEqual(content);
    expect({ intact: v.intact, valid: v.valid }).toEqual({ intact: true, valid: true });
  });

  it('encapsulated content is hashed itself (not the detached digest): -nodetach with the token expectations but id-data', () => {
    const cms = opensslSign(tempDir(), content, [rsa], ['-md', 'sha256', '-nodetach']);
    const v = verifyCmsSignature(cms, { ...timestampLike, contentType: OID.data });
    expect({ ...flags(v), problems: problems(v) }).toEqual({ intact: true, valid: true, parsed: true, signer: 'Vũ Văn Một', digest: 'sha256', essAttribute: false, problems: [] });
    expect(Buffer.from(v.encapsulatedContent!)).toEqual(content);
    // The same CMS judged as a timestamp token: the eContentType and the content-type attribute are both wrong.
    const asToken = verifyCmsSignature(cms, timestampLike);
    expect(problems(asToken)).toEqual([
      `CONTENT_TYPE_INVALID error: Loại nội dung CMS ${OID.data} không đúng / eContentType ${OID.data} is not ${OID.tstInfo}`,
      'CONTENT_TYPE_INVALID error: Thuộc tính content-type thiếu hoặc sai / the content-type attribute is missing or wrong',
    ]);
  });

  it('a digest we do not know (SHA3-256): UNSUPPORTED_ALGORITHM naming its OID, parsed, trailing kept; openssl verifies', () => {
    const cms = opensslSign(tempDir(), content, [rsa], ['-md', 'sha3-256']);
    expect(opensslVerify(tempDir(), cms, content).ok).toBe(true);
    const v = verifyCmsSignature(Buffer.concat([cms, Buffer.from([5])]), detached());
    const oid = '2.16.840.1.101.3.4.2.8';
    expect(problems(v)).toEqual([
      `UNSUPPORTED_ALGORITHM error: Thuật toán băm ${oid} không được hỗ trợ / unsupported digest algorithm ${oid}`,
    ]);
    expect(flags(v)).toEqual({ intact: false, valid: false, parsed: true, signer: null, digest: null, essAttribute: false });
    expect([...v.trailing]).toEqual([5]);
  });

  it('SHA-1: WEAK_DIGEST as a warning, still intact and valid', () => {
    const cms = opensslSign(tempDir(), content, [rsa], ['-md', 'sha1']);
    const v = verifyCmsSignature(cms, detached());
    expect(problems(v)).toEqual(['WEAK_DIGEST warning: Chữ ký dùng thuật toán băm yếu SHA-1 / the signature uses the weak digest SHA-1']);
    expect(flags(v)).toMatchObject({ intact: true, valid: true, digest: 'sha1' });
  });

  it('other content: DIGEST_MISMATCH word for word, the signature itself still valid; openssl refuses', () => {
    const cms = opensslSign(tempDir(), content, [rsa], ['-md', 'sha256']);
    const other = Buffer.from('nội dung khác / other content');
    const v = verifyCmsSignature(cms, detached(other));
    expect(problems(v)).toEqual([
      'DIGEST_MISMATCH error: Nội dung đã bị thay đổi sau khi ký (giá trị băm không khớp) / the signed bytes were changed (message-digest mismatch)',
    ]);
    expect({ intact: v.intact, valid: v.valid }).toEqual({ intact: false, valid: true });
    expect(opensslVerify(tempDir(), cms, other).ok).toBe(false);
  });

  it('-cades: the ESS attribute is seen (hasSigningCertificateAttribute), which every refusal above reports false', () => {
    const cms = opensslSign(tempDir(), content, [rsa], ['-md', 'sha256', '-cades']);
    const v = verifyCmsSignature(cms, detached());
    expect({ ...flags(v), problems: problems(v) }).toEqual({
      intact: true, valid: true, parsed: true, signer: 'Vũ Văn Một', digest: 'sha256', essAttribute: true, problems: [],
    });
  });

  it('an indefinite (BER) outer length: CMS_NOT_DER, a warning word for word; intact and valid', () => {
    const cms = withIndefiniteOuterLength(opensslSign(tempDir(), content, [rsa], ['-md', 'sha256']));
    const v = verifyCmsSignature(cms, detached());
    expect(problems(v)).toEqual([
      'CMS_NOT_DER warning: CMS dùng mã hoá BER (độ dài không xác định) thay vì DER / the CMS uses BER indefinite lengths instead of DER',
    ]);
    expect({ intact: v.intact, valid: v.valid }).toEqual({ intact: true, valid: true });
  });

  it('no certificates (-nocerts): SIGNER_CERT_MISSING word for word; intact, not valid; openssl finds no signer either', () => {
    const cms = opensslSign(tempDir(), content, [rsa], ['-md', 'sha256', '-nocerts']);
    const v = verifyCmsSignature(cms, detached());
    expect(problems(v)).toEqual([
      'SIGNER_CERT_MISSING error: Không tìm thấy chứng thư số của người ký trong CMS / the signer certificate is not in SignedData.certificates',
    ]);
    expect(flags(v)).toEqual({ intact: true, valid: false, parsed: true, signer: null, digest: 'sha256', essAttribute: false });
    expect(opensslVerify(tempDir(), cms, content).ok).toBe(false);
  });
});

/** The last occurrence of `from` (bytes) in `cms`, replaced by `to` (same length). */
function patchLast(cms: Buffer, from: readonly number[], to: readonly number[], nth = 1): Buffer {
  const out = Buffer.from(cms);
  let at = out.length;
  for (let i = 0; i < nth; i++) at = out.lastIndexOf(Buffer.from(from), at - 1);
  expect(at).toBeGreaterThan(0);
  Buffer.from(to).copy(out, at);
  return out;
}
const RSA_ENCRYPTION = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
const SHA256 = [0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01];

describe('verifyCmsSignature: the signature value, word for word', () => {
  it('one bit of the RSA signature value flipped: SIGNATURE_INVALID word for word; intact, not valid; openssl refuses', () => {
    const cms = opensslSign(tempDir(), content, [rsa], ['-md', 'sha256']);
    cms[cms.length - 1]! ^= 0x01; // no unsigned attributes: the signature value's octets end the CMS
    const v = verifyCmsSignature(cms, detached());
    expect(problems(v)).toEqual([
      "SIGNATURE_INVALID error: Chữ ký số không hợp lệ với khoá của người ký / the signature does not verify with the signer's key",
    ]);
    expect({ intact: v.intact, valid: v.valid }).toEqual({ intact: true, valid: false });
    expect(opensslVerify(tempDir(), cms, content).ok).toBe(false);
  });

  it('a signature algorithm OID we do not know (rsaEncryption with its last arc changed): UNSUPPORTED_ALGORITHM naming it', () => {
    const cms = patchLast(opensslSign(tempDir(), content, [rsa], ['-md', 'sha256']), RSA_ENCRYPTION, [...RSA_ENCRYPTION.slice(0, -1), 0x63]);
    const v = verifyCmsSignature(cms, detached());
    expect(problems(v)).toEqual([
      'UNSUPPORTED_ALGORITHM error: Thuật toán chữ ký 1.2.840.113549.1.1.99 không được hỗ trợ / unsupported signature algorithm 1.2.840.113549.1.1.99',
    ]);
    expect({ intact: v.intact, valid: v.valid }).toEqual({ intact: true, valid: false });
  });

  it('RSA-PSS (openssl -keyopt rsa_padding_mode:pss) verifies; with its PSS hash changed to SHA3-256, "unsupported signature parameters"', () => {
    const cms = opensslSign(tempDir(), content, [rsa], ['-md', 'sha256', '-keyopt', 'rsa_padding_mode:pss']);
    expect(opensslVerify(tempDir(), cms, content).ok).toBe(true);
    const v = verifyCmsSignature(cms, detached());
    expect({ ...flags(v), problems: problems(v) }).toEqual({
      intact: true, valid: true, parsed: true, signer: 'Vũ Văn Một', digest: 'sha256', essAttribute: false, problems: [],
    });
    // The PSS parameters name SHA-256 twice (hashAlgorithm, then MGF1's): the second to last occurrence is the hash.
    const odd = patchLast(cms, SHA256, [...SHA256.slice(0, -1), 0x08], 2);
    const u = verifyCmsSignature(odd, detached());
    expect(problems(u)).toEqual(['UNSUPPORTED_ALGORITHM error: Tham số thuật toán chữ ký không hỗ trợ / unsupported signature parameters']);
    expect({ intact: u.intact, valid: u.valid }).toEqual({ intact: true, valid: false });
  });

  it('a 1024-bit RSA signer (openssl req -newkey rsa:1024): WEAK_KEY word for word, a warning; the 2048-bit control above has none', () => {
    const stem = path.join(tempDir(), 'rsa-1024');
    const r = run('openssl', ['req', '-x509', '-newkey', 'rsa:1024', '-nodes', '-keyout', `${stem}.key`, '-out', `${stem}.pem`, '-days', '30', '-subj', '/CN=Khoá Ngắn']);
    expect(r.status, r.stderr).toBe(0);
    const cms = opensslSign(tempDir(), content, [{ cert: `${stem}.pem`, key: `${stem}.key` }], ['-md', 'sha256']);
    const v = verifyCmsSignature(cms, detached());
    expect(problems(v)).toEqual([
      "WEAK_KEY warning: Khoá RSA của người ký chỉ 1024 bit (< 2048) / the signer's RSA key has only 1024 bits (< 2048)",
    ]);
    expect({ intact: v.intact, valid: v.valid }).toEqual({ intact: true, valid: true });
  });
});

describe('verifyCmsSignature: signed attributes and the signer, word for word', () => {
  const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();
  const standard = () => [contentTypeAttr(), messageDigestAttr(sha256(content)), signingCertV2Attr(signer.certificate)];

  it('hand-built control with a signing-time of 2026-03-04 05:06:07Z: claimedSigningTime is exactly that; openssl verifies', async () => {
    const at = new Date('2026-03-04T05:06:07Z');
    const cms = await buildCms({ signer, attrs: [...standard(), signingTimeAttr(at)].sort(Buffer.compare) });
    const v = verifyCmsSignature(cms, detached());
    expect({ ...flags(v), problems: problems(v), time: v.claimedSigningTime?.toISOString() }).toEqual({
      intact: true, valid: true, parsed: true, signer: 'Vũ Văn Một', digest: 'sha256', essAttribute: true, problems: [], time: at.toISOString(),
    });
    expect(opensslVerify(tempDir(), cms, content).ok).toBe(true);
  });

  it('two message-digest attributes (both right): MESSAGE_DIGEST_MISSING, so not intact, word for word', async () => {
    const cms = await buildCms({ signer, attrs: [...standard(), messageDigestAttr(sha256(content))].sort(Buffer.compare) });
    const v = verifyCmsSignature(cms, detached());
    expect(problems(v)).toEqual([
      'MESSAGE_DIGEST_MISSING error: Thiếu thuộc tính message-digest / no message-digest attribute',
      'DIGEST_MISMATCH error: Nội dung đã bị thay đổi sau khi ký (giá trị băm không khớp) / the signed bytes were changed (message-digest mismatch)',
    ]);
    expect({ intact: v.intact, valid: v.valid }).toEqual({ intact: false, valid: true });
  });

  it('a message-digest attribute with two values: MESSAGE_DIGEST_MISSING too', async () => {
    const digest = messageDigestAttr(sha256(content));
    // SEQUENCE { OID, SET { OCTET STRING, OCTET STRING } }: the value set written twice over.
    const twoValues = attribute('1.2.840.113549.1.9.4', Buffer.concat([Buffer.from([0x04, 0x20]), sha256(content), Buffer.from([0x04, 0x20]), sha256(content)]));
    expect(twoValues.length).toBe(digest.length + 34);
    const cms = await buildCms({ signer, attrs: [contentTypeAttr(), twoValues, signingCertV2Attr(signer.certificate)].sort(Buffer.compare) });
    expect(problems(verifyCmsSignature(cms, detached()))[0]).toBe('MESSAGE_DIGEST_MISSING error: Thiếu thuộc tính message-digest / no message-digest attribute');
  });

  it('no content-type attribute: CONTENT_TYPE_INVALID word for word, intact and valid otherwise', async () => {
    const cms = await buildCms({ signer, attrs: [messageDigestAttr(sha256(content)), signingCertV2Attr(signer.certificate)].sort(Buffer.compare) });
    const v = verifyCmsSignature(cms, detached());
    expect(problems(v)).toEqual(['CONTENT_TYPE_INVALID error: Thuộc tính content-type thiếu hoặc sai / the content-type attribute is missing or wrong']);
    expect({ intact: v.intact, valid: v.valid }).toEqual({ intact: true, valid: true });
  });

  it('attributes out of DER order, signed as written: SIGNED_ATTRS_NOT_DER word for word, valid', async () => {
    const attrs = [...standard()].sort(Buffer.compare).reverse();
    const v = verifyCmsSignature(await buildCms({ signer, attrs, signOver: 'as-written' }), detached());
    expect(problems(v)).toEqual([
      'SIGNED_ATTRS_NOT_DER warning: Thuộc tính ký không theo thứ tự DER; trình kiểm tra khác có thể từ chối / signed attributes are not in DER order; other validators may reject them',
    ]);
    expect({ intact: v.intact, valid: v.valid }).toEqual({ intact: true, valid: true });
  });

  it('attributes out of DER order, signed over the DER order: the other SIGNED_ATTRS_NOT_DER words, valid', async () => {
    const attrs = [...standard()].sort(Buffer.compare).reverse();
    const v = verifyCmsSignature(await buildCms({ signer, attrs, signOver: 'der-sorted' }), detached());
    expect(problems(v)).toEqual([
      'SIGNED_ATTRS_NOT_DER warning: Chữ ký chỉ khớp khi sắp xếp lại thuộc tính theo DER / the signature verifies only over the DER-sorted signed attributes',
    ]);
    expect({ intact: v.intact, valid: v.valid }).toEqual({ intact: true, valid: true });
  });

  it.each([
    ['issuer and serial', []],
    ['subjectKeyIdentifier', ['-keyid']],
  ])('signer named by %s, only the root (same issuer name, other serial and key) in the CMS: SIGNER_CERT_MISSING; openssl finds none either', (_how, extra) => {
    const cms = opensslSign(tempDir(), content, [rsa], ['-md', 'sha256', '-nocerts', '-certfile', identity.rootPem, ...extra]);
    const v = verifyCmsSignature(cms, detached());
    expect(problems(v).map((p) => p.split(':')[0])).toEqual(['SIGNER_CERT_MISSING error']);
    expect(flags(v)).toEqual({ intact: true, valid: false, parsed: true, signer: null, digest: 'sha256', essAttribute: false });
    expect(opensslVerify(tempDir(), cms, content).ok).toBe(false);
  });
});


describe('verifyCmsSignature: the ESS signing-certificate attribute and the bare RSA signature, word for word', () => {
  const sha = (name: string, bytes: Uint8Array) => createHash(name).update(bytes).digest();
  const MISMATCH = 'SIGNING_CERT_ATTR_MISMATCH error: Thuộc tính signing-certificate không khớp chứng thư của người ký / the signing-certificate attribute does not match the signer certificate';
  const UNREADABLE = 'SIGNING_CERT_ATTR_MISMATCH error: Thuộc tính signing-certificate không đọc được / unreadable signing-certificate attribute';
  /** SigningCertificate(V2) { certs SEQUENCE OF { [hashAlgorithm], certHash, [issuerSerial] } } as the attribute's value. */
  const ess = (type: string, certId: readonly Uint8Array[]) => attribute(type, derSequence([derSequence([derSequence(certId)])]));
  const serialOf = (der: Uint8Array) => Buffer.from(readCertificateInfo(der).serialNumber);
  const judged = async (essAttribute: Buffer) => {
    const attrs = [contentTypeAttr(), messageDigestAttr(sha('sha256', content)), essAttribute].sort(Buffer.compare);
    const v = verifyCmsSignature(await buildCms({ signer, attrs }), detached());
    return { problems: problems(v), essAttribute: v.hasSigningCertificateAttribute, valid: v.valid, intact: v.intact };
  };
  const clean = { problems: [], essAttribute: true, valid: true, intact: true };

  it('v2 with the default hash, SHA-512 named, or v1 (SHA-1): each names the signer, no problem', async () => {
    expect(await judged(ess(OID.signingCertificateV2, [derOctetString(sha('sha256', signer.certificate))]))).toEqual(clean);
    expect(await judged(ess(OID.signingCertificateV2, [derSequence([derOid(OID.sha512)]), derOctetString(sha('sha512', signer.certificate))]))).toEqual(clean);
    expect(await judged(ess(OID.signingCertificate, [derOctetString(sha('sha1', signer.certificate))]))).toEqual(clean);
  });

  it('v2 naming the root, or SHA-512 named over a SHA-256 hash, or v1 with a SHA-256 hash: the mismatch, word for word', async () => {
    const mismatch = { ...clean, problems: [MISMATCH] };
    expect(await judged(ess(OID.signingCertificateV2, [derOctetString(sha('sha256', identity.rootDer))]))).toEqual(mismatch);
    expect(await judged(ess(OID.signingCertificateV2, [derSequence([derOid(OID.sha512)]), derOctetString(sha('sha256', signer.certificate))]))).toEqual(mismatch);
    expect(await judged(ess(OID.signingCertificate, [derOctetString(sha('sha256', signer.certificate))]))).toEqual(mismatch);
  });

  it('the issuerSerial must carry the signer serial: right → no problem, the root serial → mismatch', async () => {
    const hash = derOctetString(sha('sha256', signer.certificate));
    const issuerSerial = (serial: Uint8Array) => derSequence([derSequence([]), serial]);
    expect(await judged(ess(OID.signingCertificateV2, [hash, issuerSerial(serialOf(signer.certificate))]))).toEqual(clean);
    expect(await judged(ess(OID.signingCertificateV2, [hash, issuerSerial(serialOf(identity.rootDer))]))).toEqual({ ...clean, problems: [MISMATCH] });
  });

  it('unreadable: no ESSCertID, an unknown hash named, no OCTET STRING certHash → the unreadable words; the attribute still counts as present', async () => {
    const unreadable = { ...clean, problems: [UNREADABLE] };
    expect(await judged(attribute(OID.signingCertificateV2, derSequence([derSequence([])])))).toEqual(unreadable);
    expect(await judged(ess(OID.signingCertificateV2, [derSequence([derOid('2.16.840.1.101.3.4.2.8')]), derOctetString(sha('sha256', signer.certificate))]))).toEqual(unreadable);
    expect(await judged(ess(OID.signingCertificateV2, [derSequence([derOid(OID.sha256)])]))).toEqual(unreadable);
    // v1 has no hashAlgorithm field: a SEQUENCE first is no certHash.
    expect(await judged(ess(OID.signingCertificate, [derSequence([derOid(OID.sha256)]), derOctetString(sha('sha1', signer.certificate))]))).toEqual(unreadable);
  });

  it('no signed attributes (-noattr), other content or a damaged signature value: SIGNATURE_INVALID "does not verify"; openssl refuses both', () => {
    const cms = opensslSign(tempDir(), content, [rsa], ['-md', 'sha256', '-noattr']);
    expect(verifyCmsSignature(cms, detached()).problems).toEqual([]);
    const other = Buffer.from('nội dung khác / other content');
    const words = ['SIGNATURE_INVALID error: Chữ ký số không hợp lệ / the signature does not verify'];
    const changed = verifyCmsSignature(cms, detached(other));
    expect({ problems: problems(changed), intact: changed.intact, valid: changed.valid }).toEqual({ problems: words, intact: true, valid: false });
    expect(opensslVerify(tempDir(), cms, other).ok).toBe(false);
    const damaged = Buffer.from(cms);
    damaged[damaged.length - 1]! ^= 0x01; // the RSA block no longer decrypts to PKCS#1 padding
    const broken = verifyCmsSignature(damaged, detached());
    expect({ problems: problems(broken), intact: broken.intact, valid: broken.valid }).toEqual({ problems: words, intact: true, valid: false });
    expect(opensslVerify(tempDir(), damaged, content).ok).toBe(false);
  });
});

describe('verifyCmsSignature: what mutation testing of lines 151-313 found loose', () => {
  it('no signed attributes and no certificates (-noattr -nocerts): SIGNER_CERT_MISSING alone, no throw; openssl finds no signer', () => {
    const cms = opensslSign(tempDir(), content, [rsa], ['-md', 'sha256', '-noattr', '-nocerts']);
    const v = verifyCmsSignature(cms, detached());
    expect(problems(v)).toEqual([
      'SIGNER_CERT_MISSING error: Không tìm thấy chứng thư số của người ký trong CMS / the signer certificate is not in SignedData.certificates',
    ]);
    expect({ intact: v.intact, valid: v.valid }).toEqual({ intact: true, valid: false });
    expect(opensslVerify(tempDir(), cms, content).ok).toBe(false);
  });

  it('attributes out of DER order and a damaged signature value: SIGNATURE_INVALID, not rescued by the DER-sorted retry', async () => {
    const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();
    const attrs = [contentTypeAttr(), messageDigestAttr(sha256(content)), signingCertV2Attr(signer.certificate)].sort(Buffer.compare).reverse();
    const cms = await buildCms({ signer, attrs, signOver: 'as-written' });
    cms[cms.length - 1]! ^= 0x01;
    const v = verifyCmsSignature(cms, detached());
    expect(problems(v)).toEqual([
      "SIGNATURE_INVALID error: Chữ ký số không hợp lệ với khoá của người ký / the signature does not verify with the signer's key",
    ]);
    expect({ intact: v.intact, valid: v.valid }).toEqual({ intact: true, valid: false });
  });
});
