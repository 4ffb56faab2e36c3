import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLtv, ParsedCertificate, Pkcs12Signer, signPdf, verifyPdfSignatures } from '../../src/index.js';
import { PdfName } from '../../src/pdf/pdf-objects.js';
import { PdfReader } from '../../src/pdf/pdf-reader.js';
import { signatureFields } from '../../src/pdf/signature-fields.js';
import { parseSignedData } from '../../src/verify/cms/parse-signed-data.js';
import { readDssRevocation } from '../../src/verify/ltv/embedded-validation-data.js';
import { makeLtvPki, type LtvPki } from '../helpers/ltv-pki.js';
import { makeSamplePdf } from '../helpers/sample-pdfs.js';
import { pdfsig } from '../helpers/pdfsig.js';
import { useTempDir } from '../helpers/temp-dir.js';

// One PKI (CA, TSA, OCSP responder, CRL server) for the whole file: making keys and starting openssl is the cost.
const tempDir = useTempDir();
let pki: LtvPki;
let input: string;
let root: ParsedCertificate;
beforeAll(async () => {
  pki = await makeLtvPki(path.join(tempDir(), 'pki'));
  input = path.join(tempDir(), 'in.pdf');
  writeFileSync(input, await makeSamplePdf());
  root = new ParsedCertificate(pki.rootDer);
}, 60_000);
afterAll(async () => pki?.close());

async function signedBt(name: string, file: string): Promise<{ file: string; signer: Awaited<ReturnType<LtvPki['issueSigner']>> }> {
  const signer = await pki.issueSigner(name);
  await signPdf({ input, output: file, signer: Pkcs12Signer.fromFile(signer.p12, signer.password), timestamp: { url: pki.tsaUrl, onUnreachable: 'fail' } });
  return { file, signer };
}

/**
 * Checked by tools that are not ours: pdfsig for the signature (poppler 22 cannot validate a document timestamp: it
 * says "not yet verified" for pyHanko's too), `openssl ts -verify` for each document timestamp over its ByteRange.
 */
function expectIndependentlyValid(file: string, count: number): void {
  const report = pdfsig(file);
  expect(report.signatures, report.raw).toHaveLength(count);
  expect(report.signatures[0]?.validation, report.raw).toBe('Signature is Valid.');
  const bytes = readFileSync(file);
  const reader = PdfReader.open(file);
  try {
    const stamps = signatureFields(reader).filter((f) => {
      const type = f.value ? reader.resolve(f.value.get('Type')) : null;
      return type instanceof PdfName && type.name === 'DocTimeStamp';
    });
    expect(stamps).toHaveLength(count - 1);
    for (const [index, stamp] of stamps.entries()) {
      const [a, b, c, d] = stamp.byteRange as [number, number, number, number];
      const data = path.join(tempDir(), `stamp-${index}.data`);
      const token = path.join(tempDir(), `stamp-${index}.tst`);
      writeFileSync(data, Buffer.concat([bytes.subarray(a, a + b), bytes.subarray(c, c + d)]));
      writeFileSync(token, parseSignedData(stamp.contents!.bytes).der);
      const out = execFileSync('openssl', ['ts', '-verify', '-data', data, '-in', token, '-token_in', '-CAfile', path.join(pki.dir, 'root.pem')], { encoding: 'utf8' });
      expect(out).toContain('Verification: OK');
    }
  } finally {
    reader.close();
  }
}

describe('eoffice ltv add: B-LT and B-LTA in one incremental update', () => {
  it('a B-T signature becomes B-LTA, offline: the /DSS answers for the signer and the TSA, a document timestamp covers it; pdfsig agrees', async () => {
    const { file } = await signedBt('Nguyễn Văn Lâm', path.join(tempDir(), 'bt.pdf'));
    expect(verifyPdfSignatures(file, { trustAnchors: [root] }).signatures[0]?.level).toBe('B-T');
    const output = path.join(tempDir(), 'lta.pdf');
    const result = await addLtv({ input: file, output, tsa: { url: pki.tsaUrl }, extraCertificates: [root] });
    expect(result).toMatchObject({ renewal: false, failures: [] });
        // The signer's certificate names an OCSP responder, the TSA's only a CRL; the root, self-issued, needs neither.
    expect([result.added.ocsps, result.added.crls]).toEqual([1, 1]);
    expect(result.added.certificates).toBeGreaterThanOrEqual(3);

    const report = verifyPdfSignatures(output, { trustAnchors: [root] });
    const [signature, stamp] = report.signatures;
    expect(signature).toMatchObject({ kind: 'signature', level: 'B-LTA', intact: true, valid: true, trusted: true, modification: 'allowed' });
    expect(signature?.revocation.certificates[0]).toMatchObject({ status: 'good', source: 'embedded' });
    expect(stamp).toMatchObject({ kind: 'docTimestamp', subFilter: 'ETSI.RFC3161', intact: true, valid: true, trusted: true, coverage: 'entireFile' });
    expectIndependentlyValid(output, 2);
    // The original revision is untouched: the output starts with the input's bytes.
    expect(readFileSync(output).subarray(0, readFileSync(file).length).equals(readFileSync(file))).toBe(true);
  }, 120_000);

  it('the signer revoked after the archive timestamp still verifies from what the file holds; a renewal adds a second timestamp and keeps B-LTA', async () => {
    const { file, signer } = await signedBt('Trần Thị Mai', path.join(tempDir(), 'bt2.pdf'));
    const lta = path.join(tempDir(), 'lta2.pdf');
    await addLtv({ input: file, output: lta, tsa: { url: pki.tsaUrl }, extraCertificates: [root] });
    await pki.revoke(signer, 'keyCompromise');
    const later = verifyPdfSignatures(lta, { trustAnchors: [root] }).signatures[0];
    expect(later).toMatchObject({ level: 'B-LTA', valid: true, trusted: true });
    expect(later?.revocation.certificates[0]).toMatchObject({ status: 'good', source: 'embedded' });

    const renewed = path.join(tempDir(), 'lta2-renewed.pdf');
    const again = await addLtv({ input: lta, output: renewed, tsa: { url: pki.tsaUrl }, extraCertificates: [root] });
    expect(again.renewal).toBe(true);
    // What the first run embedded is not repeated: only the first timestamp's TSA answer, asked anew, is new.
    expect(again.added.certificates).toBe(0);
    const report = verifyPdfSignatures(renewed, { trustAnchors: [root] });
    expect(report.signatures.map((s) => s.kind)).toEqual(['signature', 'docTimestamp', 'docTimestamp']);
    expect(report.signatures.map((s) => [s.intact, s.valid])).toEqual([[true, true], [true, true], [true, true]]);
    expect(report.signatures[0]?.level).toBe('B-LTA');
    expectIndependentlyValid(renewed, 3);
    const reader = PdfReader.open(renewed);
    try {
      // A renewal keeps the earlier answer (good, at the first timestamp) beside the one asked now (revoked since),
      // and the signature, revoked only after its timestamp, stays valid (checked above).
      expect(readDssRevocation(reader).ocsps).toHaveLength(2);
    } finally {
      reader.close();
    }
  }, 120_000);

  it('a file without a signature, and a TSA answering another imprint, leave nothing behind', async () => {
    const none = path.join(tempDir(), 'none.pdf');
    await expect(addLtv({ input, output: none, tsa: { url: pki.tsaUrl } })).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
    expect(existsSync(none)).toBe(false);
    const { file } = await signedBt('Lê Văn Nam', path.join(tempDir(), 'bt3.pdf'));
    const wrong = path.join(tempDir(), 'wrong.pdf');
    pki.tsaMode = 'wrong-imprint';
    try {
      await expect(addLtv({ input: file, output: wrong, tsa: { url: pki.tsaUrl }, extraCertificates: [root] })).rejects.toMatchObject({ code: 'TSA_MISMATCH' });
    } finally {
      pki.tsaMode = 'ok';
    }
    expect(existsSync(wrong)).toBe(false);
  }, 120_000);
});
