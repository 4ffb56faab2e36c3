import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTrustAnchors, Pkcs12Signer, verifyPdfSignatures, isSignatureAcceptable, type ParsedCertificate, type SignatureVerdict } from '../../src/index.js';
import { OID } from '../../src/asn1/oids.js';
import {
  buildCms,
  contentTypeAttr,
  embed,
  messageDigestAttr,
  opensslSign,
  patchSameLength,
  prepareHole,
  signedContent,
  signingCertV2Attr,
  withIndefiniteOuterLength,
  type Hole,
} from '../helpers/cms-surgery.js';
import { opensslVerify } from '../helpers/cms-check.js';
import { fixture } from '../helpers/fixtures.js';
import { pdfsig } from '../helpers/pdfsig.js';
import { makeSamplePdf } from '../helpers/sample-pdfs.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { makeTestIdentity, type TestIdentity } from '../helpers/test-pki.js';

/**
 * The CMS room's problem codes (issue 15), each raised by a real file: our signer prepares the revision, and the CMS
 * in its /Contents is built by hand (one rule broken at a time) or made by `openssl cms -sign`. Each case asserts the
 * code, the verdict flags it must give and, where one can judge, what openssl and pdfsig say.
 */
const tempDir = useTempDir('problem-codes-cms-');
let identity: TestIdentity;
let signer: Pkcs12Signer;
let anchors: ParsedCertificate[];
let input: string;
let leaf: { cert: string; key: string };

beforeAll(async () => {
  identity = makeTestIdentity(tempDir(), 'rsa-2048', 'Trần Thị Bình');
  signer = Pkcs12Signer.fromFile(identity.p12, identity.password);
  anchors = await loadTrustAnchors([identity.rootPem]);
  input = path.join(tempDir(), 'draft.pdf');
  writeFileSync(input, await makeSamplePdf());
  leaf = { cert: identity.leafPem, key: path.join(tempDir(), 'rsa-2048-leaf.key') };
});

let fileCount = 0;
/** Writes the file (pdfsig and openssl read files) and verifies it against the test root. */
function judge(bytes: Uint8Array): { file: string; verdict: SignatureVerdict; codes: string[] } {
  const file = path.join(tempDir(), `case-${++fileCount}.pdf`);
  writeFileSync(file, bytes);
  const report = verifyPdfSignatures(bytes, { trustAnchors: anchors });
  expect(report.signatures).toHaveLength(1);
  const verdict = report.signatures[0]!;
  return { file, verdict, codes: verdict.problems.map((p) => p.code) };
}

const PKCS7 = { subFilter: 'adbe.pkcs7.detached' } as const;
const flags = (v: SignatureVerdict) => ({ intact: v.intact, valid: v.valid, trusted: v.trusted });
const sha256 = (bytes: Uint8Array): Buffer => createHash('sha256').update(bytes).digest();
const standardAttrs = (hole: Hole): Buffer[] =>
  [contentTypeAttr(), messageDigestAttr(sha256(signedContent(hole))), signingCertV2Attr(signer.certificate)].sort(Buffer.compare);

describe('CMS problem codes, each from a real file', () => {
  it('control: the hand-built CMS with the standard attributes verifies cleanly, and pdfsig and openssl agree', async () => {
    const hole = await prepareHole(input, signer);
    const { file, verdict, codes } = judge(embed(hole, await buildCms({ signer, attrs: standardAttrs(hole) })));
    expect(codes).toEqual([]);
    expect(flags(verdict)).toEqual({ intact: true, valid: true, trusted: true });
    expect(pdfsig(file).signatures[0]?.validation).toBe('Signature is Valid.');
  });

  it('SIGNATURE_INVALID: the right digest with one bit of the signature value flipped → intact, not valid; pdfsig and openssl agree', async () => {
    const hole = await prepareHole(input, signer, PKCS7);
    const cms = await buildCms({ signer, attrs: standardAttrs(hole) });
    // The RSA signature value is the last OCTET STRING of the only SignerInfo: the CMS's last bytes.
    cms[cms.length - 20]! ^= 0x01;
    const { file, verdict, codes } = judge(embed(hole, cms));
    expect(codes).toEqual(['SIGNATURE_INVALID']);
    expect(flags(verdict)).toEqual({ intact: true, valid: false, trusted: true });
    expect(pdfsig(file).signatures[0]?.validation).toBe('Signature is Invalid.');
    expect(opensslVerify(tempDir(), cms, signedContent(hole)).ok).toBe(false);
  });

  it('SIGNATURE_INVALID: a forged message-digest (the content changed, its new hash written in, not re-signed) → intact, not valid; pdfsig agrees', async () => {
    const original = await prepareHole(input, signer, PKCS7);
    const cms = await buildCms({ signer, attrs: standardAttrs(original) });
    // The attacker's version: the claimed signing time (/M) moved back a century, the message-digest made to match.
    const forged = patchSameLength(original, '/M (D:20', '/M (D:19');
    const oldDigest = sha256(signedContent(original));
    const at = cms.indexOf(oldDigest);
    expect(at).toBeGreaterThan(0);
    sha256(signedContent(forged)).copy(cms, at);
    const { file, verdict, codes } = judge(embed(forged, cms));
    expect(codes).toEqual(['SIGNATURE_INVALID']);
    expect(flags(verdict)).toEqual({ intact: true, valid: false, trusted: true });
    expect(pdfsig(file).signatures[0]?.validation).toBe('Signature is Invalid.');
    expect(opensslVerify(tempDir(), cms, signedContent(forged)).ok).toBe(false);
  });

  it('MESSAGE_DIGEST_MISSING: signed attributes without message-digest → not intact (the content is not bound), openssl refuses', async () => {
    const hole = await prepareHole(input, signer);
    const attrs = [contentTypeAttr(), signingCertV2Attr(signer.certificate)].sort(Buffer.compare);
    const cms = await buildCms({ signer, attrs });
    const { verdict, codes } = judge(embed(hole, cms));
    expect(codes).toEqual(['MESSAGE_DIGEST_MISSING', 'DIGEST_MISMATCH']);
    expect(flags(verdict)).toEqual({ intact: false, valid: true, trusted: true });
    expect(opensslVerify(tempDir(), cms, signedContent(hole)).ok).toBe(false);
  });

  it('CONTENT_TYPE_INVALID: a content-type attribute naming signedData instead of data → error, the signature itself verifies', async () => {
    const hole = await prepareHole(input, signer, PKCS7);
    const attrs = [contentTypeAttr(OID.signedData), messageDigestAttr(sha256(signedContent(hole))), signingCertV2Attr(signer.certificate)].sort(Buffer.compare);
    const { verdict, codes } = judge(embed(hole, await buildCms({ signer, attrs })));
    expect(codes).toEqual(['CONTENT_TYPE_INVALID']);
    expect(flags(verdict)).toEqual({ intact: true, valid: true, trusted: true });
    expect(isSignatureAcceptable(verdict, true)).toBe(false);
  });

  it('CONTENT_TYPE_INVALID: an eContentType other than id-data (openssl -econtent_type) → error; openssl verifies the bytes', async () => {
    const hole = await prepareHole(input, signer, PKCS7);
    const cms = opensslSign(tempDir(), signedContent(hole), [leaf], ['-econtent_type', '1.2.840.113549.1.7.5', '-nosmimecap']);
    const { verdict, codes } = judge(embed(hole, cms));
    // Both the eContentType and the content-type attribute (openssl keeps them equal) are told.
    expect(codes).toEqual(['CONTENT_TYPE_INVALID', 'CONTENT_TYPE_INVALID']);
    expect(flags(verdict)).toEqual({ intact: true, valid: true, trusted: true });
    expect(opensslVerify(tempDir(), cms, signedContent(hole)).ok).toBe(true);
  });

  it('SIGNED_ATTRS_NOT_DER: attributes written out of DER order and signed as written → a warning, still valid', async () => {
    const hole = await prepareHole(input, signer);
    const attrs = standardAttrs(hole).reverse();
    const { file, verdict, codes } = judge(embed(hole, await buildCms({ signer, attrs, signOver: 'as-written' })));
    expect(codes).toEqual(['SIGNED_ATTRS_NOT_DER']);
    expect(verdict.problems[0]?.severity).toBe('warning');
    expect(flags(verdict)).toEqual({ intact: true, valid: true, trusted: true });
    // Poppler (NSS) hashes the attributes as found too.
    expect(pdfsig(file).signatures[0]?.validation).toBe('Signature is Valid.');
  });

  it('SIGNED_ATTRS_NOT_DER: written out of order but signed over the DER order → valid only after re-sorting, a warning', async () => {
    const hole = await prepareHole(input, signer);
    const attrs = standardAttrs(hole).reverse();
    const cms = await buildCms({ signer, attrs, signOver: 'der-sorted' });
    const { verdict, codes } = judge(embed(hole, cms));
    expect(codes).toEqual(['SIGNED_ATTRS_NOT_DER']);
    expect(verdict.problems[0]?.message).toMatch(/DER-sorted/);
    expect(flags(verdict)).toEqual({ intact: true, valid: true, trusted: true });
  });

  it('SIGNER_CERT_MISSING: no certificates in the CMS → intact, not valid, not trusted; openssl finds no signer either', async () => {
    const hole = await prepareHole(input, signer, PKCS7);
    const cms = await buildCms({ signer, attrs: standardAttrs(hole), certificates: [] });
    const { verdict, codes } = judge(embed(hole, cms));
    expect(codes).toEqual(['SIGNER_CERT_MISSING']);
    expect(flags(verdict)).toEqual({ intact: true, valid: false, trusted: false });
    expect(verdict.signer).toBeNull();
    const openssl = opensslVerify(tempDir(), cms, signedContent(hole));
    expect(openssl.ok).toBe(false);
    expect(openssl.output).toMatch(/signer certificate not found/);
  });

  it('SIGNING_CERT_ATTR_MISMATCH: signing-certificate-v2 naming the root instead of the signer → error (a substituted certificate)', async () => {
    const hole = await prepareHole(input, signer);
    const attrs = [contentTypeAttr(), messageDigestAttr(sha256(signedContent(hole))), signingCertV2Attr(identity.rootDer)].sort(Buffer.compare);
    const { verdict, codes } = judge(embed(hole, await buildCms({ signer, attrs })));
    expect(codes).toEqual(['SIGNING_CERT_ATTR_MISMATCH']);
    expect(flags(verdict)).toEqual({ intact: true, valid: true, trusted: true });
    expect(isSignatureAcceptable(verdict, true)).toBe(false);
  });

  it('CMS_NOT_SINGLE_SIGNER: two SignerInfos → neither intact nor valid, though openssl verifies both signers', async () => {
    const hole = await prepareHole(input, signer, PKCS7);
    const cms = await buildCms({ signer, attrs: standardAttrs(hole), signerInfos: 2 });
    const { verdict, codes } = judge(embed(hole, cms));
    expect(codes).toEqual(['CMS_NOT_SINGLE_SIGNER']);
    expect(flags(verdict)).toEqual({ intact: false, valid: false, trusted: false });
    expect(opensslVerify(tempDir(), cms, signedContent(hole)).ok).toBe(true);
  });

  it('CMS_NOT_DETACHED: openssl -nodetach puts the signed bytes inside the CMS → error', async () => {
    const hole = await prepareHole(input, signer, { ...PKCS7, placeholderBytes: 40_000 });
    const cms = opensslSign(tempDir(), signedContent(hole), [leaf], ['-nodetach', '-nosmimecap']);
    const { verdict, codes } = judge(embed(hole, cms));
    expect(codes).toEqual(['CMS_NOT_DETACHED']);
    expect(flags(verdict)).toEqual({ intact: true, valid: true, trusted: true });
    expect(isSignatureAcceptable(verdict, true)).toBe(false);
  });

  it('UNSUPPORTED_ALGORITHM: a SHA3-256 digest (openssl -md sha3-256) → neither intact nor valid; openssl itself verifies it', async () => {
    const hole = await prepareHole(input, signer, PKCS7);
    const cms = opensslSign(tempDir(), signedContent(hole), [leaf], ['-md', 'sha3-256', '-nosmimecap']);
    const { verdict, codes } = judge(embed(hole, cms));
    expect(codes).toEqual(['UNSUPPORTED_ALGORITHM']);
    expect(verdict.problems[0]?.message).toContain('2.16.840.1.101.3.4.2.8');
    expect(flags(verdict)).toEqual({ intact: false, valid: false, trusted: false });
    expect(opensslVerify(tempDir(), cms, signedContent(hole)).ok).toBe(true);
  });

  it('UNSUPPORTED_ALGORITHM: a signature algorithm we do not know (RSASSA with SHA3-256 OID) → not valid', async () => {
    const hole = await prepareHole(input, signer);
    const { derSequence, derOid } = await import('../../src/asn1/der-writer.js');
    const cms = await buildCms({ signer, attrs: standardAttrs(hole), signatureAlgorithm: derSequence([derOid('2.16.840.1.101.3.4.3.14')]) });
    const { verdict, codes } = judge(embed(hole, cms));
    expect(codes).toEqual(['UNSUPPORTED_ALGORITHM']);
    expect(flags(verdict)).toEqual({ intact: true, valid: false, trusted: true });
  });

  it('CMS_NOT_DER: the outer SEQUENCE with an indefinite (BER) length → a warning; intact and valid, pdfsig agrees', async () => {
    const hole = await prepareHole(input, signer, PKCS7);
    const cms = withIndefiniteOuterLength(await buildCms({ signer, attrs: standardAttrs(hole) }));
    const { file, verdict, codes } = judge(embed(hole, cms));
    expect(codes).toEqual(['CMS_NOT_DER']);
    expect(flags(verdict)).toEqual({ intact: true, valid: true, trusted: true });
    expect(pdfsig(file).signatures[0]?.validation).toBe('Signature is Valid.');
  });

  it('CMS_NOT_DER: the DSS fixture doc-firmado-T.pdf (a real Costa Rica signature) raises it too', () => {
    const report = verifyPdfSignatures(fixture('pdf-signed/dss/doc-firmado-T.pdf'), { validationTime: new Date('2020-11-01') });
    const verdict = report.signatures[0]!;
    expect(verdict.problems.map((p) => p.code)).toEqual(['CMS_NOT_DER']);
    expect([verdict.intact, verdict.valid]).toEqual([true, true]);
  });

  it('PADES_SIGNING_TIME_PRESENT and SIGNING_CERT_ATTR_MISSING: an openssl CMS (signing-time, no ESS) under ETSI.CAdES.detached → two warnings', async () => {
    const hole = await prepareHole(input, signer, { subFilter: 'ETSI.CAdES.detached' });
    const cms = opensslSign(tempDir(), signedContent(hole), [leaf], ['-nosmimecap']);
    const { file, verdict, codes } = judge(embed(hole, cms));
    expect(codes.sort()).toEqual(['PADES_SIGNING_TIME_PRESENT', 'SIGNING_CERT_ATTR_MISSING']);
    expect(verdict.problems.every((p) => p.severity === 'warning')).toBe(true);
    expect(flags(verdict)).toEqual({ intact: true, valid: true, trusted: true });
    expect(pdfsig(file).signatures[0]?.validation).toBe('Signature is Valid.');
    // The same CMS under adbe.pkcs7.detached is no PAdES signature: neither warning.
    const plain = await prepareHole(input, signer, PKCS7);
    expect(judge(embed(plain, opensslSign(tempDir(), signedContent(plain), [leaf], ['-nosmimecap']))).codes).toEqual([]);
  });

  it('PADES_M_MISSING: a CAdES signature dictionary without /M → a warning', async () => {
    const prepared = await prepareHole(input, signer, { subFilter: 'ETSI.CAdES.detached' });
    const hole = patchSameLength(prepared, '/M (D:', '/X (D:');
    const { file, verdict, codes } = judge(embed(hole, await buildCms({ signer, attrs: standardAttrs(hole) })));
    expect(codes).toEqual(['PADES_M_MISSING']);
    expect(flags(verdict)).toEqual({ intact: true, valid: true, trusted: true });
    expect(pdfsig(file).signatures[0]?.validation).toBe('Signature is Valid.');
  });

  it('WEAK_KEY: the DSS fixture dss-1188/Test.pdf, signed with a 1024-bit RSA key → a warning; pdfsig says valid', () => {
    const file = fixture('pdf-signed/dss/dss-1188/Test.pdf');
    const verdict = verifyPdfSignatures(file, { validationTime: new Date('2017-06-01') }).signatures[0]!;
    expect(verdict.problems.map((p) => p.code).sort()).toEqual(['WEAK_DIGEST', 'WEAK_KEY']);
    expect(verdict.problems.find((p) => p.code === 'WEAK_KEY')?.message).toContain('1024');
    expect([verdict.intact, verdict.valid]).toEqual([true, true]);
    expect(pdfsig(file).signatures.find((s) => s.signed)?.validation).toBe('Signature is Valid.');
  });
});
