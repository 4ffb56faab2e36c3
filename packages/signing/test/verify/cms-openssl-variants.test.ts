import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTrustAnchors, Pkcs12Signer, verifyPdfSignatures, type ParsedCertificate, type SignatureVerdict } from '../../src/index.js';
import { opensslVerify, opensslPrint } from '../helpers/cms-check.js';
import { embed, opensslSign, patchSameLength, prepareHole, signedContent } from '../helpers/cms-surgery.js';
import { makeSamplePdf } from '../helpers/sample-pdfs.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { makeTestIdentity, type TestIdentity } from '../helpers/test-pki.js';

/**
 * CMS shapes other signers make, each made by `openssl cms -sign` (issue 15): the signer named by its key identifier
 * instead of issuer and serial, no signed attributes at all (RSA only: the signature is then over the content's
 * digest), and the ESS signing-certificate attribute as openssl writes it for SHA-256, SHA-512 (v2 with the hash
 * named) and SHA-1 (v1). openssl verifies each alongside.
 */
const tempDir = useTempDir('cms-openssl-variants-');
let input: string;
let rsa: { identity: TestIdentity; signer: Pkcs12Signer; anchors: ParsedCertificate[]; leaf: { cert: string; key: string } };
let ec: typeof rsa;

async function identityOf(type: 'rsa-2048' | 'ec-p256', name: string): Promise<typeof rsa> {
  const dir = path.join(tempDir(), type);
  mkdirSync(dir, { recursive: true });
  const identity = makeTestIdentity(dir, type, name);
  return {
    identity,
    signer: Pkcs12Signer.fromFile(identity.p12, identity.password),
    anchors: await loadTrustAnchors([identity.rootPem]),
    leaf: { cert: identity.leafPem, key: path.join(dir, `${type}-leaf.key`) },
  };
}

beforeAll(async () => {
  input = path.join(tempDir(), 'draft.pdf');
  writeFileSync(input, await makeSamplePdf());
  rsa = await identityOf('rsa-2048', 'Đỗ Văn Khoá');
  ec = await identityOf('ec-p256', 'Hồ Thị Elip');
}, 60_000);

const PKCS7 = { subFilter: 'adbe.pkcs7.detached' } as const;
const CADES = { subFilter: 'ETSI.CAdES.detached' } as const;
const summary = (v: SignatureVerdict | undefined) => ({ intact: v?.intact, valid: v?.valid, trusted: v?.trusted, codes: v?.problems.map((p) => p.code).sort() });

async function signedWith(who: typeof rsa, options: typeof PKCS7 | typeof CADES, extra: readonly string[]) {
  const hole = await prepareHole(input, who.signer, options);
  const cms = opensslSign(tempDir(), signedContent(hole), [who.leaf], extra);
  return { hole, cms, verdict: verifyPdfSignatures(embed(hole, cms), { trustAnchors: who.anchors }).signatures[0] };
}

describe('CMS as openssl makes it', () => {
  it('the signer named by subjectKeyIdentifier (-keyid): found, intact, valid, trusted; openssl agrees', async () => {
    const { hole, cms, verdict } = await signedWith(rsa, PKCS7, ['-keyid', '-md', 'sha256']);
    expect(opensslPrint(tempDir(), cms)).toMatch(/version: 3\s+d.subjectKeyIdentifier:/);
    expect(summary(verdict)).toEqual({ intact: true, valid: true, trusted: true, codes: [] });
    expect(verdict?.signer?.commonName).toBe('Đỗ Văn Khoá');
    expect(opensslVerify(tempDir(), cms, signedContent(hole)).ok).toBe(true);
  });

  it('no signed attributes (-noattr), RSA: the signature over the content digest verifies; the content changed, it does not', async () => {
    const { hole, cms, verdict } = await signedWith(rsa, PKCS7, ['-noattr', '-md', 'sha256']);
    expect(summary(verdict)).toEqual({ intact: true, valid: true, trusted: true, codes: [] });
    expect(opensslVerify(tempDir(), cms, signedContent(hole)).ok).toBe(true);
    // The same CMS over a changed revision: the digest inside the RSA signature no longer matches.
    const changed = patchSameLength(hole, '/M (D:20', '/M (D:19');
    const [tampered] = verifyPdfSignatures(embed(changed, cms), { trustAnchors: rsa.anchors }).signatures;
    expect(summary(tampered)).toEqual({ intact: true, valid: false, trusted: true, codes: ['SIGNATURE_INVALID'] });
    expect(opensslVerify(tempDir(), cms, signedContent(changed)).ok).toBe(false);
  });

  it('no signed attributes with SHA-512: the digest named inside the RSA signature must be the CMS one', async () => {
    const { hole, cms, verdict } = await signedWith(rsa, PKCS7, ['-noattr', '-md', 'sha512']);
    expect(summary(verdict)).toEqual({ intact: true, valid: true, trusted: true, codes: [] });
    expect(opensslVerify(tempDir(), cms, signedContent(hole)).ok).toBe(true);
  });

  it('no signed attributes, ECDSA: not supported (a bare ECDSA signature cannot be checked against a digest), though openssl verifies it', async () => {
    const { hole, cms, verdict } = await signedWith(ec, PKCS7, ['-noattr', '-md', 'sha256']);
    expect(summary(verdict)).toEqual({ intact: true, valid: false, trusted: true, codes: ['UNSUPPORTED_ALGORITHM'] });
    expect(verdict?.problems[0]?.message).toBe(
      'Chữ ký không có thuộc tính ký chỉ được hỗ trợ với RSA / signatures without signed attributes are supported for RSA only',
    );
    expect(opensslVerify(tempDir(), cms, signedContent(hole)).ok).toBe(true);
  });

  it.each([
    ['sha256', 'signing-certificate-v2 with the default hash'],
    ['sha512', 'signing-certificate-v2 naming SHA-512'],
  ])('-cades -md %s (%s) under ETSI.CAdES.detached: the attribute is accepted, only the signing-time warning remains', async (md) => {
    const { hole, cms, verdict } = await signedWith(ec, CADES, ['-cades', '-md', md]);
    expect(summary(verdict)).toEqual({ intact: true, valid: true, trusted: true, codes: ['PADES_SIGNING_TIME_PRESENT'] });
    expect(opensslVerify(tempDir(), cms, signedContent(hole)).ok).toBe(true);
  });

  it('-cades -md sha1: the old signing-certificate (v1) is accepted; SHA-1 is weak', async () => {
    const { hole, cms, verdict } = await signedWith(rsa, CADES, ['-cades', '-md', 'sha1']);
    expect(opensslPrint(tempDir(), cms)).toContain('id-smime-aa-signingCertificate');
    expect(summary(verdict)).toEqual({ intact: true, valid: true, trusted: true, codes: ['PADES_SIGNING_TIME_PRESENT', 'WEAK_DIGEST'] });
    expect(opensslVerify(tempDir(), cms, signedContent(hole)).ok).toBe(true);
  });
});
