import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decree30Preparer, embedSignature, Pkcs12Signer, prepareSignature, verifyPdfSignatures } from '../src/index.js';
import { pdfsig } from './helpers/pdfsig.js';
import { makeSamplePdf } from './helpers/sample-pdfs.js';
import { useTempDir } from './helpers/temp-dir.js';
import { makeTestIdentity, type TestKeyType } from './helpers/test-pki.js';

const tempDir = useTempDir();

async function samplePdf(name: string): Promise<string> {
  const p = path.join(tempDir(), name);
  writeFileSync(p, await makeSamplePdf({ pages: 2 }));
  return p;
}

/** The bytes outside the /Contents hole: what a ByteRange covers. */
function outsideHole(pdf: Uint8Array, byteRange: readonly number[]): Buffer {
  const bytes = Buffer.from(pdf);
  return Buffer.concat([bytes.subarray(0, byteRange[1]), bytes.subarray(byteRange[2])]);
}

describe('two-phase signing: prepare without the key, embed the key’s signature', () => {
  it.each(['rsa-2048', 'ec-p256'] as const)('%s: the embedded file differs from the prepared one only inside /Contents, and pdfsig says valid', async (type: TestKeyType) => {
    const identity = makeTestIdentity(tempDir(), type);
    const key = Pkcs12Signer.fromFile(identity.p12, identity.password);
    const input = await samplePdf(`in-${type}.pdf`);
    // Phase 1 knows only the certificates.
    const prepared = await prepareSignature({
      input,
      identity: { certificate: key.certificate, chain: key.chain, keyAlgorithm: key.keyAlgorithm },
      placement: { pageIndex: 1, rect: [300, 100, 200, 80] },
      reason: 'Ký ban hành',
      signingTime: new Date('2026-12-04T03:00:00Z'),
    });
    expect(Buffer.from(prepared.pdf).includes(Buffer.from('/Contents <0000'))).toBe(true);
    // Phase 2: the key signs exactly the data to sign, elsewhere.
    const signature = await key.sign(prepared.dataToSign, prepared.digest);
    const signed = embedSignature(prepared, signature);

    expect(signed.length).toBe(prepared.pdf.length);
    const written = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(Buffer.from(signed).toString('latin1'));
    expect(written?.slice(1).map(Number)).toEqual(prepared.byteRange);
    expect(outsideHole(signed, prepared.byteRange).equals(outsideHole(prepared.pdf, prepared.byteRange))).toBe(true);
    expect(prepared.byteRange[3] + prepared.byteRange[2]).toBe(signed.length);

    const out = path.join(tempDir(), `out-${type}.pdf`);
    writeFileSync(out, signed);
    const report = pdfsig(out);
    expect(report.signatures, report.raw).toHaveLength(1);
    expect(report.signatures[0]!.validation, report.raw).toBe('Signature is Valid.');
    expect(report.signatures[0]!.totalDocumentSigned, report.raw).toBe(true);
  });

  it('a signature over other data (a changed revision) does not verify once embedded', async () => {
    const identity = makeTestIdentity(tempDir(), 'rsa-2048');
    const key = Pkcs12Signer.fromFile(identity.p12, identity.password);
    const input = await samplePdf('in-other.pdf');
    const prepared = await prepareSignature({ input, identity: key, signingTime: new Date('2026-12-04T03:00:00Z') });
    const tampered = Buffer.from(prepared.dataToSign);
    tampered[tampered.length - 1] = tampered.at(-1)! ^ 0x01;
    const signed = embedSignature(prepared, await key.sign(tampered, prepared.digest));
    const verdict = verifyPdfSignatures(signed).signatures[0]!;
    expect(verdict.valid).toBe(false);
  });

  it('the Decree 30 preparer puts the leader’s box on the last page and gives its place', async () => {
    const identity = makeTestIdentity(tempDir(), 'rsa-2048');
    const key = Pkcs12Signer.fromFile(identity.p12, identity.password);
    const input = await samplePdf('in-decree30.pdf');
    const { readFile } = await import('node:fs/promises');
    const prepared = await decree30Preparer({ workDir: tempDir() }).preparePerson(
      { pdf: await readFile(input), signerName: 'Nguyễn Văn A', signerPosition: 'Chủ tịch', reason: 'Ký ban hành', signingTime: new Date('2026-12-04T03:00:00Z'), signatureImage: null },
      key,
    );
    expect(prepared.placement?.pageIndex).toBe(1);
    const signed = embedSignature(prepared, await key.sign(prepared.dataToSign, prepared.digest));
    const verdict = verifyPdfSignatures(signed).signatures[0]!;
    expect(verdict.intact).toBe(true);
    expect(verdict.valid).toBe(true);
  });
});
