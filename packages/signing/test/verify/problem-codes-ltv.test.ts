import { writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AsnConvert } from '@peculiar/asn1-schema';
import { ContentInfo, SignedData } from '@peculiar/asn1-cms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParsedCertificate, Pkcs12Signer, signPdf, verifyPdfSignatures, type SignatureVerdict } from '../../src/index.js';
import { fetchOcsp } from '../../src/ltv/revocation-fetch.js';
import { embed, holeOf, lastCms, timestampToken, withTimestampToken } from '../helpers/cms-surgery.js';
import { makeLtvPki, type LtvPki, type LtvSigner } from '../helpers/ltv-pki.js';
import { pdfsig } from '../helpers/pdfsig.js';
import { makeSamplePdf } from '../helpers/sample-pdfs.js';
import { run } from '../helpers/system-tools.js';
import { useTempDir } from '../helpers/temp-dir.js';

/**
 * The timestamp and revocation problem codes (issue 15), from files signed B-T against a real RFC 3161 TSA
 * (`openssl ts -reply`) and judged with OCSP answers from `openssl ocsp`. The two timestamp attacks of the issue: a
 * corrupted token, and a sound token moved onto another signature. Removing the token's signature check or its imprint
 * check (cms/signature-timestamp.ts, ltv/timestamp-verdict.ts) turns these red. `openssl ts -verify` judges each token
 * independently.
 */
const tempDir = useTempDir('problem-codes-ltv-');
let pki: LtvPki;
let root: ParsedCertificate;
let input: string;
let first: { signer: LtvSigner; bytes: Buffer };
let second: { signer: LtvSigner; bytes: Buffer };

async function signBt(name: string): Promise<{ signer: LtvSigner; bytes: Buffer }> {
  const signer = await pki.issueSigner(name);
  const output = path.join(tempDir(), `${name}.pdf`);
  await signPdf({ input, output, signer: Pkcs12Signer.fromFile(signer.p12, signer.password), timestamp: { url: pki.tsaUrl, onUnreachable: 'fail' } });
  return { signer, bytes: readFileSync(output) };
}

beforeAll(async () => {
  pki = await makeLtvPki(path.join(tempDir(), 'pki'));
  root = new ParsedCertificate(pki.rootDer);
  input = path.join(tempDir(), 'draft.pdf');
  writeFileSync(input, await makeSamplePdf());
  first = await signBt('nguoi-ky-mot');
  second = await signBt('nguoi-ky-hai');
}, 60_000);
afterAll(async () => pki?.close());

/** An hour after signing: a relied-on timestamp moves the judging time back to its own time, else it stays here. */
const validationTime = new Date(Date.now() + 3_600_000);
const verdictOf = (bytes: Uint8Array, anchors: readonly ParsedCertificate[] = [root]): SignatureVerdict => {
  const report = verifyPdfSignatures(bytes, { trustAnchors: anchors, validationTime });
  expect(report.signatures).toHaveLength(1);
  return report.signatures[0]!;
};
const codes = (v: SignatureVerdict): string[] => v.problems.map((p) => p.code);
const flags = (v: SignatureVerdict) => ({ intact: v.intact, valid: v.valid, trusted: v.trusted });

/** The signature value (SignerInfo.signature octets) of a CMS: what its signature-time-stamp must stamp. */
function signatureValue(cms: Uint8Array): Buffer {
  const signedData = AsnConvert.parse(AsnConvert.parse(cms, ContentInfo).content, SignedData);
  return Buffer.from(signedData.signerInfos[0]!.signature.buffer);
}

let tokenFiles = 0;
/** `openssl ts -verify`: does the token verify, TSA chain included, as a timestamp over `stamped`? */
function opensslTsVerify(token: Uint8Array, stamped: Uint8Array): { ok: boolean; output: string } {
  const stem = path.join(tempDir(), `token-${++tokenFiles}`);
  writeFileSync(`${stem}.tst`, token);
  writeFileSync(`${stem}.data`, stamped);
  const r = run('openssl', ['ts', '-verify', '-data', `${stem}.data`, '-in', `${stem}.tst`, '-token_in', '-CAfile', pki.rootPem]);
  return { ok: r.status === 0 && /Verification: OK/.test(r.stdout), output: r.stdout + r.stderr };
}

describe('signature-time-stamp problem codes', () => {
  it('control: a B-T file as signed: the timestamp is intact, valid, trusted and proves the signing time; openssl agrees', () => {
    const verdict = verdictOf(first.bytes);
    expect(codes(verdict)).toEqual([]);
    expect(flags(verdict)).toEqual({ intact: true, valid: true, trusted: true });
    expect(verdict.timestamp).toMatchObject({ intact: true, valid: true, trusted: true });
    expect(verdict.level).toBe('B-T');
    expect(verdict.signingTime).toBe(verdict.timestamp?.time);
    expect(verdict.revocation.judgedAt).toBe(verdict.timestamp?.time);
    const cms = lastCms(first.bytes);
    expect(opensslTsVerify(timestampToken(cms), signatureValue(cms)).ok).toBe(true);
  });

  it('TIMESTAMP_MALFORMED: one byte of the TSA signature in the token flipped → the timestamp is not relied on; openssl ts refuses it', () => {
    const cms = lastCms(first.bytes);
    const token = timestampToken(cms);
    // The token ends with the TSA's signature value: flip its last byte, in place in the /Contents hex.
    const corruptedToken = Buffer.from(token);
    corruptedToken[corruptedToken.length - 1]! ^= 0x01;
    const corruptedCms = Buffer.from(cms);
    corruptedToken.copy(corruptedCms, cms.indexOf(token));
    const bytes = embed(holeOf(first.bytes), corruptedCms);

    const verdict = verdictOf(bytes);
    expect(codes(verdict)).toEqual(['TIMESTAMP_MALFORMED']);
    // The signature itself is untouched: only its time is lost.
    expect(flags(verdict)).toEqual({ intact: true, valid: true, trusted: true });
    expect(verdict.timestamp).toMatchObject({ intact: true, valid: false });
    expect(verdict.level).toBe('B-B');
    expect(verdict.revocation.judgedAt).toBe(validationTime.toISOString());
    expect(opensslTsVerify(corruptedToken, signatureValue(cms)).ok).toBe(false);
    // Unsigned attributes are outside the signature: pdfsig still calls the signature valid.
    const file = path.join(tempDir(), 'malformed-token.pdf');
    writeFileSync(file, bytes);
    expect(pdfsig(file).signatures[0]?.validation).toBe('Signature is Valid.');
  });

  it('control for the move: the second file with its own token put back through the same re-encoding stays clean', () => {
    const cms = lastCms(second.bytes);
    const verdict = verdictOf(embed(holeOf(second.bytes), withTimestampToken(cms, timestampToken(cms))));
    expect(codes(verdict)).toEqual([]);
    expect(verdict.level).toBe('B-T');
  });

  it('TIMESTAMP_IMPRINT_MISMATCH: the first signature\'s sound token moved onto the second signature → not relied on; openssl agrees', () => {
    const stolen = timestampToken(lastCms(first.bytes));
    const target = lastCms(second.bytes);
    const bytes = embed(holeOf(second.bytes), withTimestampToken(target, stolen));

    const verdict = verdictOf(bytes);
    expect(codes(verdict)).toEqual(['TIMESTAMP_IMPRINT_MISMATCH']);
    expect(flags(verdict)).toEqual({ intact: true, valid: true, trusted: true });
    // The token is a real, valid one: only its imprint is over another signature.
    expect(verdict.timestamp).toMatchObject({ intact: false, valid: true, trusted: true });
    expect(verdict.level).toBe('B-B');
    expect(verdict.revocation.judgedAt).toBe(validationTime.toISOString());
    expect(opensslTsVerify(stolen, signatureValue(target)).ok).toBe(false);
    expect(opensslTsVerify(stolen, signatureValue(lastCms(first.bytes))).ok).toBe(true);
  });

  it('TIMESTAMP_UNTRUSTED: a signer pinned as the only anchor, the TSA chaining to nothing trusted → a warning, the time not proven', () => {
    const verdict = verdictOf(first.bytes, [new ParsedCertificate(first.signer.certDer)]);
    expect(codes(verdict)).toEqual(['TIMESTAMP_UNTRUSTED']);
    expect(verdict.problems[0]?.severity).toBe('warning');
    expect(flags(verdict)).toEqual({ intact: true, valid: true, trusted: true });
    expect(verdict.timestamp).toMatchObject({ intact: true, valid: true, trusted: false });
    // The file still holds a sound token (B-T), but its time is not the proven signing time for revocation.
    expect(verdict.level).toBe('B-T');
    expect(verdict.revocation.judgedAt).toBe(validationTime.toISOString());
  });
});

describe('revocation problem codes', () => {
  it('CERT_REVOKED: the signer revoked (openssl ca -revoke) before the validation time → error, not trusted', async () => {
    const { signer } = await signBtWithoutTimestamp('nguoi-bi-thu-hoi');
    const cert = new ParsedCertificate(signer.certDer);
    await pki.revoke(signer, 'keyCompromise');
    const ocsp = await fetchOcsp(cert, root, pki.ocspUrl);
    const ocspFile = path.join(tempDir(), 'revoked.ocsp');
    writeFileSync(ocspFile, ocsp);
    // openssl reads the same answer as revoked.
    expect(run('openssl', ['ocsp', '-respin', ocspFile, '-resp_text', '-noverify']).stdout).toMatch(/Cert Status: revoked/);
    const report = verifyPdfSignatures(readFileSync(signer.pdf), {
      trustAnchors: [root],
      validationTime: new Date(Date.now() + 60_000),
      onlineRevocation: { ocsps: [ocsp], crls: [] },
    });
    const verdict = report.signatures[0]!;
    expect(codes(verdict)).toEqual(['CERT_REVOKED']);
    expect(flags(verdict)).toEqual({ intact: true, valid: true, trusted: false });
    expect(verdict.revocation).toMatchObject({ status: 'revoked', source: 'online', reason: 'keyCompromise' });
  });

  it('REVOCATION_REJECTED: an OCSP answer signed by a responder the CA never authorised → a warning, the status stays unknown', async () => {
    const { signer } = await signBtWithoutTimestamp('nguoi-ky-ocsp-gia');
    const cert = new ParsedCertificate(signer.certDer);
    const rogue = await fetchOcsp(cert, root, await pki.startRogueOcsp());
    const verdict = verifyPdfSignatures(readFileSync(signer.pdf), { trustAnchors: [root], onlineRevocation: { ocsps: [rogue], crls: [] } }).signatures[0]!;
    expect(codes(verdict)).toEqual(['REVOCATION_REJECTED']);
    expect(verdict.problems[0]?.severity).toBe('warning');
    // Each language's half names the certificate the answer was about.
    const subject = cert.subjectText;
    expect(verdict.problems[0]?.message).toBe(
      `Trả lời OCSP do một khoá không được CA uỷ quyền ký ("${subject}") / an OCSP answer signed by a key the CA did not authorise ("${subject}")`,
    );
    expect(flags(verdict)).toEqual({ intact: true, valid: true, trusted: true });
    expect(verdict.revocation.status).toBe('unknown');
    // The same question to the real responder is answered and accepted: the rejection is about the rogue key.
    const good = await fetchOcsp(cert, root, pki.ocspUrl);
    const accepted = verifyPdfSignatures(readFileSync(signer.pdf), { trustAnchors: [root], onlineRevocation: { ocsps: [good], crls: [] } }).signatures[0]!;
    expect(codes(accepted)).toEqual([]);
    expect(accepted.revocation.status).toBe('good');
  });
});

async function signBtWithoutTimestamp(name: string): Promise<{ signer: LtvSigner & { pdf: string } }> {
  const signer = await pki.issueSigner(name);
  const output = path.join(tempDir(), `${name}.pdf`);
  await signPdf({ input, output, signer: Pkcs12Signer.fromFile(signer.p12, signer.password) });
  return { signer: { ...signer, pdf: output } };
}
