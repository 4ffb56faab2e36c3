import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { isSignatureAcceptable, loadTrustAnchors, Pkcs12Signer, signPdf, verifyPdfSignatures, type ParsedCertificate, type SignatureVerdict } from '../../src/index.js';
import {
  buildCms,
  contentTypeAttr,
  embed,
  lastCms,
  messageDigestAttr,
  patchSameLength,
  prepareHole,
  signedContent,
  signingCertV2Attr,
  type Hole,
} from '../helpers/cms-surgery.js';
import { opensslVerify } from '../helpers/cms-check.js';
import { fixture } from '../helpers/fixtures.js';
import { pdfsig } from '../helpers/pdfsig.js';
import { makeSamplePdf } from '../helpers/sample-pdfs.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { makeTestIdentity, type TestIdentity } from '../helpers/test-pki.js';

/**
 * The byte-range room's problem codes (issue 15): the signature dictionary and its /ByteRange, each broken in one
 * place in a file our signer made. Dictionary edits are made before signing and keep every length (so the signature
 * itself stays sound and only the rule is broken); /ByteRange edits are made after.
 */
const tempDir = useTempDir('problem-codes-byte-range-');
let identity: TestIdentity;
let signer: Pkcs12Signer;
let anchors: ParsedCertificate[];
let input: string;

beforeAll(async () => {
  identity = makeTestIdentity(tempDir(), 'rsa-2048', 'Lê Văn Cường');
  signer = Pkcs12Signer.fromFile(identity.p12, identity.password);
  anchors = await loadTrustAnchors([identity.rootPem]);
  input = path.join(tempDir(), 'draft.pdf');
  writeFileSync(input, await makeSamplePdf());
});

let fileCount = 0;
function judge(bytes: Uint8Array): { file: string; verdict: SignatureVerdict; codes: string[] } {
  const file = path.join(tempDir(), `case-${++fileCount}.pdf`);
  writeFileSync(file, bytes);
  const report = verifyPdfSignatures(bytes, { trustAnchors: anchors });
  expect(report.signatures).toHaveLength(1);
  const verdict = report.signatures[0]!;
  return { file, verdict, codes: verdict.problems.map((p) => p.code) };
}
const flags = (v: SignatureVerdict) => ({ intact: v.intact, valid: v.valid, trusted: v.trusted });
const PKCS7 = { subFilter: 'adbe.pkcs7.detached' } as const;

/** Signs the (possibly patched) prepared revision with the standard attributes. */
async function signHole(hole: Hole, trailing?: Uint8Array): Promise<Buffer> {
  const digest = createHash('sha256').update(signedContent(hole)).digest();
  const attrs = [contentTypeAttr(), messageDigestAttr(digest), signingCertV2Attr(signer.certificate)].sort(Buffer.compare);
  return embed(hole, await buildCms({ signer, attrs }), trailing);
}

describe('signature dictionary problem codes', () => {
  it('SIG_DICT_INVALID: /Type /Xig instead of /Sig → error; the CMS itself is sound', async () => {
    const hole = patchSameLength(await prepareHole(input, signer, PKCS7), '/Type /Sig', '/Type /Xig');
    const { verdict, codes } = judge(await signHole(hole));
    expect(codes).toEqual(['SIG_DICT_INVALID']);
    expect(verdict.problems[0]?.message).toContain('/Type /Xig');
    expect(flags(verdict)).toEqual({ intact: true, valid: true, trusted: true });
    expect(isSignatureAcceptable(verdict, true)).toBe(false);
  });

  it('SIG_DICT_INVALID: no /Filter → error', async () => {
    const hole = patchSameLength(await prepareHole(input, signer, PKCS7), '/Filter /Adobe.PPKLite', '/Xilter /Adobe.PPKLite');
    const { verdict, codes } = judge(await signHole(hole));
    expect(codes).toEqual(['SIG_DICT_INVALID']);
    expect(verdict.problems[0]?.message).toContain('/Filter is missing');
    expect(isSignatureAcceptable(verdict, true)).toBe(false);
  });

  it('UNSUPPORTED_SUBFILTER: /SubFilter /adbe.pkcs7.sha1 (the SHA-1 scheme of old) → error', async () => {
    const hole = patchSameLength(await prepareHole(input, signer, PKCS7), '/SubFilter /adbe.pkcs7.detached', '/SubFilter /adbe.pkcs7.sha1    ');
    const { verdict, codes } = judge(await signHole(hole));
    expect(codes).toEqual(['UNSUPPORTED_SUBFILTER']);
    expect(verdict.subFilter).toBe('adbe.pkcs7.sha1');
    expect(isSignatureAcceptable(verdict, true)).toBe(false);
  });

  it('CONTENTS_PADDING_NOT_ZERO: a non-zero byte after the CMS in /Contents → neither intact nor valid (SWA hardening)', async () => {
    const hole = await prepareHole(input, signer, PKCS7);
    const bytes = await signHole(hole, Buffer.from([0x42]));
    const { verdict, codes } = judge(bytes);
    expect(codes).toEqual(['CONTENTS_PADDING_NOT_ZERO']);
    expect(flags(verdict)).toEqual({ intact: false, valid: false, trusted: true });
    // The CMS before the stray byte is sound (openssl), so the refusal is about the padding alone. pdfsig ignores padding.
    const clean = await signHole(hole);
    expect(opensslVerify(tempDir(), lastCms(bytes), signedContent(hole)).ok).toBe(true);
    expect(judge(clean).codes).toEqual([]);
  });

  it('SIG_DICT_NOT_SIGNED: the DSS fixture whose second signature claims the first one\'s ByteRange; pdfsig says digest mismatch', () => {
    const file = fixture('pdf-signed/dss/hello_signed_INCSAVE_signed_EDITED.pdf');
    const report = verifyPdfSignatures(file, { validationTime: new Date('2019-01-01') });
    const second = report.signatures.find((s) => s.field === 'Signature2')!;
    expect(second.problems.map((p) => p.code)).toContain('SIG_DICT_NOT_SIGNED');
    expect([second.intact, second.valid]).toEqual([false, false]);
    const first = report.signatures.find((s) => s.field === 'Signature1')!;
    expect(first.problems.map((p) => p.code)).not.toContain('SIG_DICT_NOT_SIGNED');
    expect(pdfsig(file).signatures.find((s) => s.fieldName === 'Signature2')?.validation).toBe('Digest Mismatch.');
  });
});

/**
 * The prepared revision with its /ByteRange rewritten before signing (same length, so offsets hold): the CMS is then
 * made over exactly the new ranges, so its digest matches and only the structural rule is broken.
 */
function withRangeBeforeSigning(hole: Hole, range: readonly [number, number, number, number]): Hole {
  const text = /\/ByteRange\s*\[[^\]]*\]/.exec(hole.pdf.toString('latin1'))![0];
  const body = `/ByteRange [${range.join(' ')}`;
  return { ...patchSameLength(hole, text, body + ' '.repeat(text.length - body.length - 1) + ']'), byteRange: range };
}

describe('a structural refusal alone makes a signature neither intact nor valid, though its CMS signs exactly its ranges', () => {
  it('CONTENTS_NOT_IN_GAP: the second range starts on the closing ">" of /Contents (the gap is not a whole hex string)', async () => {
    const hole = await prepareHole(input, signer, PKCS7);
    const [a, b, c, d] = hole.byteRange;
    const moved = withRangeBeforeSigning(hole, [a, b, c - 1, d + 1]);
    const { file, verdict, codes } = judge(await signHole(moved));
    expect(codes).toEqual(['CONTENTS_NOT_IN_GAP']);
    // pdfsig checks the CMS over the ranges, not what the gap holds: it calls this one valid.
    expect(pdfsig(file).signatures[0]?.validation).toBe('Signature is Valid.');
    expect(flags(verdict)).toEqual({ intact: false, valid: false, trusted: true });
    expect(verdict.coverage).toBe('entireFile');
  });

  it('SIG_DICT_NOT_SIGNED: the second range is three bytes long, so the end of the dictionary is not signed', async () => {
    const hole = await prepareHole(input, signer, PKCS7);
    const [a, b, c] = hole.byteRange;
    const { verdict, codes } = judge(await signHole(withRangeBeforeSigning(hole, [a, b, c, 3])));
    expect(codes).toContain('SIG_DICT_NOT_SIGNED');
    expect(codes).not.toContain('DIGEST_MISMATCH');
    expect(flags(verdict)).toEqual({ intact: false, valid: false, trusted: true });
  });
});

describe('BYTE_RANGE_INVALID: the /ByteRange of a signed file rewritten in place (same length)', () => {
  let signed: Buffer;
  let range: [number, number, number, number];
  let text: string;
  beforeAll(async () => {
    const output = path.join(tempDir(), 'signed.pdf');
    const result = await signPdf({ input, output, signer, ...PKCS7 });
    signed = readFileSync(output);
    range = [...result.byteRange] as [number, number, number, number];
    text = /\/ByteRange\s*\[[^\]]*\]/.exec(signed.toString('latin1'))![0];
  });
  const rewrite = (values: string): Buffer => {
    const body = `/ByteRange [${values}]`;
    if (body.length > text.length) throw new Error('does not fit');
    const replacement = body.slice(0, -1) + ' '.repeat(text.length - body.length) + ']';
    return Buffer.from(signed.toString('latin1').replace(text, replacement), 'latin1');
  };

  it('control: the file as signed is intact, valid and trusted', () => {
    expect(flags(judge(signed).verdict)).toEqual({ intact: true, valid: true, trusted: true });
  });

  const cases: [string, (r: number[]) => string, string][] = [
    ['three numbers', ([a, b, c]) => `${a} ${b} ${c}`, 'four integers'],
    ['a negative offset', ([a, b, c, d]) => `${a} ${b} -${c} ${d}`, 'negative'],
    ['not starting at byte 0', ([, b, c, d]) => `1 ${b} ${c} ${d}`, 'byte 0'],
    ['an empty range', ([a, , c, d]) => `${a} 0 ${c} ${d}`, 'empty'],
    ['overlapping ranges', ([a, b, , d]) => `${a} ${b} ${b! - 10} ${d}`, 'overlap'],
    ['running past the end of the file', ([a, b, c, d]) => `${a} ${b} ${c} ${d! + 1000}`, 'end of the file'],
  ];
  for (const [name, values, why] of cases) {
    it(`${name} → neither intact nor valid`, () => {
      const { file, verdict, codes } = judge(rewrite(values(range)));
      expect(codes).toContain('BYTE_RANGE_INVALID');
      expect(verdict.problems.find((p) => p.code === 'BYTE_RANGE_INVALID')?.message).toContain(why);
      expect(flags(verdict)).toEqual({ intact: false, valid: false, trusted: true });
      expect(isSignatureAcceptable(verdict, true)).toBe(false);
      expect(pdfsig(file).signatures[0]?.validation).not.toBe('Signature is Valid.');
    });
  }
});
