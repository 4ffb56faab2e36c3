import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PdfReader, Pkcs12Signer, signPdf, signatureFields, type Signer } from '../src/index.js';
import { extractSignatures, opensslPrint, opensslVerify } from './helpers/cms-check.js';
import { writeBigPdf } from './helpers/big-pdf.js';
import { fixture } from './helpers/fixtures.js';
import { pdfsig } from './helpers/pdfsig.js';
import { makeSamplePdf } from './helpers/sample-pdfs.js';
import { qpdfCheck, run } from './helpers/system-tools.js';
import { useTempDir } from './helpers/temp-dir.js';
import { makeTestIdentity, type TestKeyType } from './helpers/test-pki.js';

const tempDir = useTempDir();
const identities = new Map<TestKeyType, ReturnType<typeof makeTestIdentity>>();
const identity = (type: TestKeyType): ReturnType<typeof makeTestIdentity> => {
  if (!identities.has(type)) identities.set(type, makeTestIdentity(tempDir(), type));
  return identities.get(type)!;
};
const signerFor = (type: TestKeyType): Signer => Pkcs12Signer.fromFile(identity(type).p12, identity(type).password);

async function samplePdf(name: string, useObjectStreams = false, pages = 2): Promise<string> {
  const p = path.join(tempDir(), name);
  writeFileSync(p, await makeSamplePdf({ useObjectStreams, pages }));
  return p;
}

/** Every check the issue asks of a produced file: pdfsig, openssl cms, qpdf --check. */
function expectAllValid(file: string, expectedCount: number): void {
  const report = pdfsig(file);
  expect(report.signatures, report.raw).toHaveLength(expectedCount);
  for (const s of report.signatures) expect(s.validation, report.raw).toBe('Signature is Valid.');
  expect(report.signatures.at(-1)!.totalDocumentSigned, report.raw).toBe(true);
  for (const sig of extractSignatures(file)) {
    const verdict = opensslVerify(tempDir(), sig.cms, sig.content);
    expect(verdict.ok, `${sig.name}: ${verdict.output}`).toBe(true);
  }
  const check = qpdfCheck(file);
  expect(check.status, check.stdout + check.stderr).toBe(0);
  expect(check.stdout + check.stderr).not.toMatch(/WARNING/);
}

describe('signPdf with PKCS#12 keys', () => {
  it.each([
    ['rsa-2048', false, 'SHA-256'],
    ['rsa-3072', true, 'SHA-256'],
    ['rsa-4096', false, 'SHA-256'],
    ['ec-p256', true, 'SHA-256'],
    ['ec-p384', false, 'SHA-384'],
  ] as const)('%s (object streams: %s) gives a valid PAdES signature with %s', async (type, objectStreams, hashName) => {
    const input = await samplePdf(`in-${type}.pdf`, objectStreams);
    const output = path.join(tempDir(), `out-${type}.pdf`);
    const signer = signerFor(type);
    const result = await signPdf({ input, output, signer, reason: 'Phê duyệt văn bản', signingTime: new Date('2026-03-05T02:03:04Z') });
    expectAllValid(output, 1);
    const report = pdfsig(output).signatures[0]!;
    expect(report.signatureType).toBe('ETSI.CAdES.detached');
    expect(report.hashAlgorithm).toBe(hashName);
    expect(report.signerName).toBe('Nguyễn Văn A');
    // The result names the file as written.
    const written = readFileSync(output);
    expect(result.sha256).toBe((await import('node:crypto')).createHash('sha256').update(written).digest('hex'));
    expect(result.byteRange[2] + result.byteRange[3]).toBe(written.length);
    // Invisible: a zero rectangle on page 1; /M in Vietnam time.
    const reader = PdfReader.open(written);
    const field = signatureFields(reader).find((f) => f.name === result.fieldName)!;
    expect(field.widgets[0]!.rect).toEqual([0, 0, 0, 0]);
    expect(field.widgets[0]!.pageRef?.num).toBe(reader.pages()[0]!.ref.num);
    expect(reader.resolve(field.value!.get('M'))).toMatchObject({});
    expect(Buffer.from((field.value!.get('M') as { bytes: Uint8Array }).bytes).toString('latin1')).toBe("D:20260305090304+07'00'");
  });

  it('builds the CMS PAdES B-B asks for: sorted attributes, signing-certificate-v2, no signing-time, chain included', async () => {
    const input = await samplePdf('cms.pdf');
    const output = path.join(tempDir(), 'cms-out.pdf');
    const id = identity('rsa-2048');
    await signPdf({ input, output, signer: signerFor('rsa-2048') });
    const [sig] = extractSignatures(output);
    const dump = opensslPrint(tempDir(), sig!.cms);
    const attrs = [...dump.matchAll(/object: (\S+) \(/g)].map((m) => m[1]);
    const signed = attrs.filter((a) => ['contentType', 'messageDigest', 'id-smime-aa-signingCertificateV2', 'signingTime'].includes(a!));
    expect(signed).toEqual(['contentType', 'messageDigest', 'id-smime-aa-signingCertificateV2']);
    expect(dump).toMatch(/eContent: <ABSENT>/);
    // Signer and root certificates embedded byte for byte (UTF8String names untouched).
    expect(sig!.cms.indexOf(id.leafDer)).toBeGreaterThan(0);
    expect(sig!.cms.indexOf(id.rootDer)).toBeGreaterThan(0);
    expect(dump).toMatch(/d=1/); // one SignerInfo: the dump shows its version
  });

  it('adds three signatures as incremental updates; every earlier one stays valid', async () => {
    const original = await samplePdf('multi.pdf', true, 3);
    const first = path.join(tempDir(), 'multi-1.pdf');
    const second = path.join(tempDir(), 'multi-2.pdf');
    const third = path.join(tempDir(), 'multi-3.pdf');
    await signPdf({ input: original, output: first, signer: signerFor('rsa-2048'), placement: { pageIndex: 0, rect: [72, 72, 180, 60] } });
    await signPdf({ input: first, output: second, signer: signerFor('ec-p256'), subFilter: 'adbe.pkcs7.detached', placement: { pageIndex: 2, rect: [300, 72, 180, 60] } });
    await signPdf({ input: second, output: third, signer: signerFor('ec-p384'), fieldName: 'Chữ ký văn thư' });
    expectAllValid(first, 1);
    expectAllValid(second, 2);
    expectAllValid(third, 3);
    const report = pdfsig(third).signatures;
    expect(report.map((s) => s.totalDocumentSigned)).toEqual([false, false, true]);
    expect(report.map((s) => s.signatureType)).toEqual(['ETSI.CAdES.detached', 'adbe.pkcs7.detached', 'ETSI.CAdES.detached']);
    expect(report.map((s) => s.fieldName)).toEqual(['Signature1', 'Signature2', 'Chữ ký văn thư']);
    // Each signature covers exactly one revision: its range ends where that revision ends.
    const reader = PdfReader.open(third);
    const ends = extractSignatures(third).map((s) => s.byteRange[2]! + s.byteRange[3]!);
    expect(ends).toEqual(reader.revisions.slice(1).map((r) => r.endOffset));
    // Earlier bytes are untouched.
    expect(readFileSync(third).subarray(0, readFileSync(second).length).equals(readFileSync(second))).toBe(true);
  });

  it('streams a multi-megabyte file through several copy chunks and pages of the reader', async () => {
    const input = path.join(tempDir(), 'scan-5mb.pdf');
    writeBigPdf(input, 5 * 1024 * 1024);
    const output = path.join(tempDir(), 'scan-5mb-signed.pdf');
    await signPdf({ input, output, signer: signerFor('ec-p256'), placement: { pageIndex: 4, rect: [50, 50, 100, 40] } });
    expectAllValid(output, 1);
    expect(readFileSync(output).subarray(0, readFileSync(input).length).equals(readFileSync(input))).toBe(true);
  });

  it('signs into an existing empty field of a certified document (DSS dss-1188, /P 2)', async () => {
    const output = path.join(tempDir(), 'dss-1188-signed.pdf');
    await signPdf({ input: fixture('pdf-signed/dss/dss-1188/Test.pdf'), output, signer: signerFor('rsa-2048'), fieldName: 'Signature2' });
    const report = pdfsig(output);
    expect(report.signatures.map((s) => [s.fieldName, s.validation]), report.raw).toEqual([
      ['Signature1', 'Signature is Valid.'],
      ['Signature2', 'Signature is Valid.'],
      ['Signature3', undefined],
    ]);
    expect(report.signatures[1]!.totalDocumentSigned).toBe(true);
    expect(qpdfCheck(output).status).toBe(0);
  });

  it('adds a signature to a file Adobe signed twice with xref streams; the old ones stay valid', async () => {
    const input = fixture('pdf-signed/pyhanko/minimal-two-fields-signed-twice.pdf');
    const before = pdfsig(input).signatures.map((s) => s.validation);
    const output = path.join(tempDir(), 'adobe-plus-one.pdf');
    await signPdf({ input, output, signer: signerFor('ec-p256') });
    const after = pdfsig(output).signatures;
    expect(after.slice(0, 2).map((s) => s.validation)).toEqual(before);
    expect(after[2]!.validation).toBe('Signature is Valid.');
    expect(after[2]!.totalDocumentSigned).toBe(true);
    expect(PdfReader.open(output).revisions.at(-1)!.xrefKind).toBe('stream');
  });
});

describe('signPdf refusals', () => {
  it('names a wrong PKCS#12 password', () => {
    const id = identity('rsa-2048');
    expect(() => Pkcs12Signer.fromFile(id.p12, 'sai-mat-khau')).toThrow(expect.objectContaining({ code: 'PKCS12_BAD_PASSWORD' }));
  });

  it.each([
    ['OpenSSL 3 default (AES-256, PBKDF2)', []],
    ['legacy (3DES, RFC 7292 key derivation)', ['-legacy']],
  ])('opens a PKCS#12 with a Vietnamese password: %s', async (_label, extra) => {
    const id = identity('rsa-2048');
    const p12 = path.join(tempDir(), `vn-password${extra.join('')}.p12`);
    const password = 'mật-khẩu-Đà-Nẵng';
    run('openssl', ['pkcs12', '-export', ...extra, '-inkey', id.leafPem.replace(/leaf\.pem$/, 'leaf.key'), '-in', id.leafPem, '-out', p12, '-passout', `pass:${password}`]);
    expect(() => Pkcs12Signer.fromFile(p12, 'mật-khẩu-Đà-Nẵnq')).toThrow(expect.objectContaining({ code: 'PKCS12_BAD_PASSWORD' }));
    const output = path.join(tempDir(), `vn-password${extra.join('')}.pdf`);
    await signPdf({ input: await samplePdf(`vn-password${extra.join('')}-in.pdf`), output, signer: Pkcs12Signer.fromFile(p12, password) });
    expectAllValid(output, 1);
  });

  it('refuses a page that does not exist, and a field that is already signed', async () => {
    const input = await samplePdf('refuse.pdf');
    const signed = path.join(tempDir(), 'refuse-signed.pdf');
    const signer = signerFor('ec-p256');
    await expect(signPdf({ input, output: signed, signer, placement: { pageIndex: 5, rect: [0, 0, 10, 10] } })).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
    await expect(signPdf({ input, output: signed, signer, fieldName: 'a.b' })).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
    await signPdf({ input, output: signed, signer, fieldName: 'A' });
    await expect(signPdf({ input: signed, output: `${signed}.2`, signer, fieldName: 'A' })).rejects.toMatchObject({ code: 'FIELD_EXISTS' });
  });

  it('fails cleanly when the placeholder is too small, leaving no output and no temp file', async () => {
    const dir = path.join(tempDir());
    const input = await samplePdf('small.pdf');
    const output = path.join(dir, 'small-out.pdf');
    await expect(signPdf({ input, output, signer: signerFor('rsa-2048'), placeholderBytes: 100 })).rejects.toMatchObject({
      code: 'PLACEHOLDER_TOO_SMALL',
    });
    expect(existsSync(output)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('small-out') && f.endsWith('.tmp'))).toEqual([]);
  });
});
