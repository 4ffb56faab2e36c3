import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PdfReader, Pkcs12Signer, SigningError, signPdf, verifyPdfSignatures, verifyWithReader, type PdfVerifyReport } from '../src/index.js';
import { ByteSourceProbe } from './helpers/byte-source-probe.js';
import { writeBigPdf } from './helpers/big-pdf.js';
import {
  manyFieldsOnOneValue,
  nestedArrays,
  nestedDictionaries,
  xrefCountBeyondData,
  xrefStreamBomb,
  zeroWidthXref,
} from './helpers/hostile-pdfs.js';
import { useTempDir } from './helpers/temp-dir.js';
import { makeTestIdentity } from './helpers/test-pki.js';

/**
 * Issue 13 item 4: the crafted files that once stalled the verifier or took gigabytes. Each must end in a typed
 * refusal (PDF_LIMIT_EXCEEDED, which the CLI reports as E_PDF_UNREADABLE, exit 2) or a verdict. Time and memory are
 * measured by hand (scripts/bench/verify-hostile.ts), never asserted here: the machine is shared.
 */
const tempDir = useTempDir('verify-hostile-');

function refusal(input: Uint8Array): SigningError {
  try {
    verifyPdfSignatures(input);
  } catch (error) {
    if (error instanceof SigningError) return error;
    throw error;
  }
  throw new Error('the file was verified, not refused');
}

describe('verify: crafted files end in a typed refusal', () => {
  it('an xref stream that inflates 1.5 MB to 1.5 GB is refused at its limit, not inflated', () => {
    const bomb = xrefStreamBomb();
    expect(bomb.length).toBeGreaterThan(1_000_000);
    expect(bomb.length).toBeLessThan(3_000_000);
    const error = refusal(bomb);
    expect(error.code).toBe('PDF_LIMIT_EXCEEDED');
    expect(error.message).toMatch(/FlateDecode/);
  });

  it('/W [0 0 0] with /Size 1e8 is refused before a single row is read', () => {
    expect(refusal(zeroWidthXref()).code).toBe('PDF_LIMIT_EXCEEDED');
  });

  it('an xref stream declaring more rows than its data holds is refused', () => {
    const error = refusal(xrefCountBeyondData());
    expect(error.code).toBe('PDF_LIMIT_EXCEEDED');
    expect(error.message).toMatch(/100000000 rows over 16 bytes/);
  });

  it('a classic xref subsection counting more rows than the file holds is refused', () => {
    const file = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\nxref\n0 100000000\n0000000000 65535 f \ntrailer\n<< /Root 1 0 R >>\nstartxref\n45\n%%EOF\n', 'latin1');
    expect(refusal(file).code).toBe('PDF_LIMIT_EXCEEDED');
  });

  it('10,000 nested arrays or dictionaries: a typed refusal, not "Maximum call stack size exceeded"', () => {
    for (const file of [nestedArrays(), nestedDictionaries()]) {
      const error = refusal(file);
      expect(error.code).toBe('PDF_LIMIT_EXCEEDED');
      expect(error.message).toMatch(/nested deeper than 200/);
    }
  });

  it('nesting within the bound still reads', () => {
    const reader = PdfReader.open(nestedArrays(150));
    let depth = 0;
    for (let node: unknown = reader.catalog.get('Deep'); Array.isArray(node); node = node[0]) depth++;
    expect(depth).toBe(150);
    reader.close();
  });
});

describe('verify: 1,000 fields pointing at one signature over a large file', () => {
  let signed: Uint8Array;
  let hostile: Uint8Array;

  beforeAll(async () => {
    const dir = tempDir();
    const identity = makeTestIdentity(dir, 'rsa-2048');
    const input = path.join(dir, 'big.pdf');
    const output = path.join(dir, 'big-signed.pdf');
    writeBigPdf(input, 21 * 1024 * 1024);
    await signPdf({ input, output, signer: Pkcs12Signer.fromFile(identity.p12, identity.password) });
    signed = readFileSync(output);
    hostile = manyFieldsOnOneValue(signed, 1000);
  });

  it('reads the signed bytes once: every field after the first is reported as reusing the signature', () => {
    const probe = new ByteSourceProbe(hostile);
    const reader = PdfReader.fromSource(probe);
    let report: PdfVerifyReport;
    try {
      report = verifyWithReader(reader);
    } finally {
      reader.close();
    }
    expect(report.signatures).toHaveLength(1001);
    const [original, ...copies] = report.signatures;
    expect(original!.valid).toBe(true);
    expect(original!.problems.map((p) => p.code)).not.toContain('SIG_DICT_REUSED');
    for (const copy of copies) expect(copy.problems.map((p) => p.code)).toContain('SIG_DICT_REUSED');
    // Hashing reads the signed ranges; once means the bytes read stay near one file length, not a thousand.
    expect(probe.bytesReadInto).toBeGreaterThanOrEqual(signed.length - 40_000);
    expect(probe.bytesReadInto).toBeLessThan(2 * hostile.length);
  });
});
