import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Pkcs12Signer, signPdf, verifyPdfSignatures } from '../../src/index.js';
import { PdfReader } from '../../src/pdf/pdf-reader.js';
import { signatureFields } from '../../src/pdf/signature-fields.js';
import { makeSamplePdf } from '../helpers/sample-pdfs.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { makeTestIdentity } from '../helpers/test-pki.js';

/**
 * Check 3's character test on the gap (issue 15): the /Contents hole may hold hex digits of either case and PDF white
 * space, nothing else. Two characters of the zero padding at the end of the hole are replaced (the gap is not signed,
 * so the signature's digest is untouched): white space leaves the signature sound, the hex-digit boundaries 9/A/F/a/f
 * are read as (non-zero) padding, a NUL byte (white space to the PDF parser) is refused as not a plain hex string.
 */
const tempDir = useTempDir('gap-characters-');
let signed: Buffer;
let gapEnd: number;

beforeAll(async () => {
  const identity = makeTestIdentity(tempDir(), 'rsa-2048', 'Lý Thị Khoảng');
  const input = path.join(tempDir(), 'in.pdf');
  writeFileSync(input, await makeSamplePdf());
  const output = path.join(tempDir(), 'signed.pdf');
  await signPdf({ input, output, signer: Pkcs12Signer.fromFile(identity.p12, identity.password) });
  signed = readFileSync(output);
  const reader = PdfReader.open(signed);
  try {
    gapEnd = signatureFields(reader)[0]!.byteRange![2]!;
  } finally {
    reader.close();
  }
}, 60_000);

/** The verdict with the two characters before the closing `>` replaced. */
const withPadding = (pair: string) => {
  const bytes = Buffer.from(signed);
  expect(bytes.subarray(gapEnd - 3, gapEnd).toString('latin1')).toBe('00>');
  bytes.write(pair, gapEnd - 3, 'latin1');
  const [verdict] = verifyPdfSignatures(bytes).signatures;
  return { intact: verdict?.intact, valid: verdict?.valid, codes: verdict?.problems.map((p) => p.code) };
};

describe('the characters of the /Contents gap', () => {
  it.each(['  ', '\n\r', '\t\f', '0 '])('%j (PDF white space) in the padding: the signature stays intact and valid', (pair) => {
    expect(withPadding(pair)).toEqual({ intact: true, valid: true, codes: [] });
  });

  it.each(['9A', 'Ff', 'a0'])('%j (hex digits) in the padding: read as non-zero padding, never as a foreign gap', (pair) => {
    expect(withPadding(pair)).toEqual({ intact: false, valid: false, codes: ['CONTENTS_PADDING_NOT_ZERO'] });
  });

  it('a NUL byte in the hole: the gap is not a plain hex string (CONTENTS_NOT_IN_GAP)', () => {
    expect(withPadding('\u00000')).toEqual({ intact: false, valid: false, codes: ['CONTENTS_NOT_IN_GAP'] });
  });

  it.each(['/0', ':0', '@0', 'G0', '`0', 'g0'])('%j (next to the hex ranges): the file is refused as malformed before any verdict', (pair) => {
    expect(() => withPadding(pair)).toThrow(expect.objectContaining({ code: 'PDF_MALFORMED' }));
  });
});
