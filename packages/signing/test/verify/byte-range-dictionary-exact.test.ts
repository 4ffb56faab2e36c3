import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTrustAnchors, Pkcs12Signer, signPdf, verifyPdfSignatures, type ParsedCertificate, type SignatureVerdict } from '../../src/index.js';
import { PdfReader } from '../../src/pdf/pdf-reader.js';
import { signatureFields } from '../../src/pdf/signature-fields.js';
import { checkSignatureDictionary } from '../../src/verify/byte-range/signature-dictionary-checks.js';
import { buildCms, contentTypeAttr, embed, messageDigestAttr, patchSameLength, prepareHole, signedContent, signingCertV2Attr, type Hole } from '../helpers/cms-surgery.js';
import { fixture } from '../helpers/fixtures.js';
import { pdfsig } from '../helpers/pdfsig.js';
import { makeSamplePdf } from '../helpers/sample-pdfs.js';
import { qpdfCheck } from '../helpers/system-tools.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { makeTestIdentity } from '../helpers/test-pki.js';

/**
 * The signature dictionary checks word for word (issue 15, what mutation testing of verify/byte-range found loose):
 * which dictionaries are document timestamps (by /Type or by /SubFilter, either alone), each refusal's exact message
 * in both languages, and the /ByteRange shapes the other tests did not try (five numbers, a fraction, an empty second
 * range, ranges that touch, an indirect array). qpdf checks that each edited file is still a well-formed PDF, so
 * the verdict is about the edited key alone; pdfsig agrees that no broken /ByteRange is valid.
 */
const tempDir = useTempDir('byte-range-dictionary-exact-');
let signer: Pkcs12Signer;
let anchors: ParsedCertificate[];
let input: string;

beforeAll(async () => {
  const identity = makeTestIdentity(tempDir(), 'rsa-2048', 'Đinh Văn Từ Điển');
  signer = Pkcs12Signer.fromFile(identity.p12, identity.password);
  anchors = await loadTrustAnchors([identity.rootPem]);
  input = path.join(tempDir(), 'draft.pdf');
  writeFileSync(input, await makeSamplePdf());
}, 60_000);

let files = 0;
/** Writes the case out; qpdf --check must judge it as it judges the file it was made from (0, or 3: warnings only). */
const saved = (bytes: Uint8Array, qpdfStatus = 0): string => {
  const file = path.join(tempDir(), `case-${++files}.pdf`);
  writeFileSync(file, bytes);
  expect(qpdfCheck(file).status, 'qpdf --check').toBe(qpdfStatus);
  return file;
};
const codes = (v: SignatureVerdict | undefined) => v?.problems.map((p) => p.code) ?? [];
const messageOf = (v: SignatureVerdict | undefined, code: string) => v?.problems.find((p) => p.code === code)?.message;

describe('document timestamp or signature: /Type and /SubFilter each decide alone', () => {
  // The Certipost B-LTA file: its last dictionary is `/Type /DocTimeStamp … /SubFilter /ETSI.RFC3161`. Editing it
  // breaks that timestamp's digest (the dictionary is signed), never how it is classified.
  const ltaFile = fixture('pdf-signed/dss/Test.signed_Certipost-2048-SHA512.extended-LTA.pdf');
  const lta = readFileSync(ltaFile);
  // qpdf warns about this file as made (3, warnings only); an edit must not make it worse.
  const ltaQpdfStatus = qpdfCheck(ltaFile).status;
  const lastEdited = (from: string, to: string): SignatureVerdict | undefined => {
    const text = lta.toString('latin1');
    const at = text.lastIndexOf(from);
    expect(at).toBeGreaterThan(199_000);
    const bytes = Buffer.from(lta);
    bytes.write(to, at, 'latin1');
    saved(bytes, ltaQpdfStatus);
    return verifyPdfSignatures(bytes, { validationTime: new Date('2019-01-01') }).signatures[2];
  };

  it('control: the last one as made is a document timestamp with no dictionary complaint', () => {
    expect(ltaQpdfStatus).toBe(3);
    const last = lastEdited('/Type /DocTimeStamp', '/Type /DocTimeStamp');
    expect({ kind: last?.kind, subFilter: last?.subFilter, codes: codes(last) }).toEqual({ kind: 'docTimestamp', subFilter: 'ETSI.RFC3161', codes: [] });
  });

  it('without /Type (optional), /SubFilter /ETSI.RFC3161 alone makes it a document timestamp: no SubFilter or /Type complaint', () => {
    const last = lastEdited('/Type /DocTimeStamp', '/Xype /DocTimeStamp');
    expect(last?.kind).toBe('docTimestamp');
    expect(codes(last)).not.toContain('UNSUPPORTED_SUBFILTER');
    expect(codes(last)).not.toContain('SIG_DICT_INVALID');
    expect(last?.intact).toBe(false);
  });

  it('/Type /DocTimeStamp alone makes it a document timestamp, and then any other /SubFilter is refused, named', () => {
    const last = lastEdited('/SubFilter /ETSI.RFC3161', '/SubFilter /ETSI.RFC3162');
    expect({ kind: last?.kind, subFilter: last?.subFilter }).toEqual({ kind: 'docTimestamp', subFilter: 'ETSI.RFC3162' });
    expect(messageOf(last, 'UNSUPPORTED_SUBFILTER')).toBe('/SubFilter ETSI.RFC3162 không được chấp nhận / /SubFilter ETSI.RFC3162 is not accepted');
    expect(codes(last)).not.toContain('SIG_DICT_INVALID');
  });

  it('a signature (/Type /Sig) with a document-timestamp /SubFilter is a document timestamp too', () => {
    const text = lta.toString('latin1');
    // The first dictionary's /SubFilter /ETSI.CAdES.detached → /ETSI.RFC3161, padded with spaces to the same length.
    const from = '/SubFilter /ETSI.CAdES.detached';
    const at = text.indexOf(from);
    const bytes = Buffer.from(lta);
    bytes.write('/SubFilter /ETSI.RFC3161'.padEnd(from.length), at, 'latin1');
    saved(bytes, ltaQpdfStatus);
    const first = verifyPdfSignatures(bytes, { validationTime: new Date('2019-01-01') }).signatures[0];
    expect({ kind: first?.kind, subFilter: first?.subFilter }).toEqual({ kind: 'docTimestamp', subFilter: 'ETSI.RFC3161' });
    expect(codes(first)).not.toContain('UNSUPPORTED_SUBFILTER');
  });
});

describe('dictionary refusals, exact words (edits made before signing, so the signature itself stays sound)', () => {
  const PKCS7 = { subFilter: 'adbe.pkcs7.detached' } as const;
  async function signed(hole: Hole): Promise<SignatureVerdict> {
    const digest = createHash('sha256').update(signedContent(hole)).digest();
    const attrs = [contentTypeAttr(), messageDigestAttr(digest), signingCertV2Attr(signer.certificate)].sort(Buffer.compare);
    const bytes = embed(hole, await buildCms({ signer, attrs }));
    saved(bytes);
    const [verdict] = verifyPdfSignatures(bytes, { trustAnchors: anchors }).signatures;
    expect({ intact: verdict?.intact, valid: verdict?.valid }).toEqual({ intact: true, valid: true });
    return verdict!;
  }

  it('/Type /Xig: SIG_DICT_INVALID naming the type', async () => {
    const verdict = await signed(patchSameLength(await prepareHole(input, signer, PKCS7), '/Type /Sig', '/Type /Xig'));
    expect(verdict.problems.map((p) => [p.code, p.severity, p.message])).toEqual([
      ['SIG_DICT_INVALID', 'error', '/Type /Xig không phải chữ ký / /Type /Xig is not a signature'],
    ]);
    expect(verdict.kind).toBe('signature');
  });

  it('no /Filter: SIG_DICT_INVALID, "/Filter is missing"', async () => {
    const verdict = await signed(patchSameLength(await prepareHole(input, signer, PKCS7), '/Filter /Adobe.PPKLite', '/Xilter /Adobe.PPKLite'));
    expect(verdict.problems.map((p) => [p.code, p.message])).toEqual([['SIG_DICT_INVALID', 'Thiếu /Filter / /Filter is missing']]);
  });

  it('no /SubFilter: UNSUPPORTED_SUBFILTER saying it is missing; the subFilter reads null', async () => {
    const verdict = await signed(patchSameLength(await prepareHole(input, signer, PKCS7), '/SubFilter /adbe.pkcs7.detached', '/XubFilter /adbe.pkcs7.detached'));
    expect(verdict.problems.map((p) => [p.code, p.severity, p.message])).toEqual([
      ['UNSUPPORTED_SUBFILTER', 'error', '/SubFilter (thiếu) không được chấp nhận / /SubFilter (missing) is not accepted'],
    ]);
    expect({ kind: verdict.kind, subFilter: verdict.subFilter }).toEqual({ kind: 'signature', subFilter: null });
  });

  it('/SubFilter /ETSI.CAdES.detached is accepted as /adbe.pkcs7.detached is', async () => {
    const verdict = await signed(await prepareHole(input, signer, { subFilter: 'ETSI.CAdES.detached' }));
    expect(codes(verdict)).toEqual([]);
    expect(verdict.subFilter).toBe('ETSI.CAdES.detached');
  });
});

describe('BYTE_RANGE_INVALID, each shape with its exact message; pdfsig never calls it valid', () => {
  let signedFile: Buffer;
  let range: [number, number, number, number];
  let text: string;
  beforeAll(async () => {
    const output = path.join(tempDir(), 'signed.pdf');
    const result = await signPdf({ input, output, signer });
    signedFile = readFileSync(output);
    range = [...result.byteRange] as [number, number, number, number];
    text = /\/ByteRange\s*\[[^\]]*\]/.exec(signedFile.toString('latin1'))![0];
  }, 60_000);
  /** The signed file with its `/ByteRange [...]` replaced by `body`, padded with spaces to the same length. */
  const rewrite = (body: string): Buffer => {
    if (body.length > text.length) throw new Error('does not fit');
    const replacement = body.endsWith(']') ? body.slice(0, -1) + ' '.repeat(text.length - body.length) + ']' : body + ' '.repeat(text.length - body.length);
    return Buffer.from(signedFile.toString('latin1').replace(text, replacement), 'latin1');
  };

  const cases: [string, (r: number[]) => string, string, string][] = [
    ['five numbers', ([a, b, c, d]) => `/ByteRange [${a} ${b} ${c} ${d} 0]`, 'phải có đúng 4 số', 'it must hold exactly four integers'],
    ['three numbers', ([a, b, c]) => `/ByteRange [${a} ${b} ${c}]`, 'phải có đúng 4 số', 'it must hold exactly four integers'],
    ['a fraction', ([a, b, c, d]) => `/ByteRange [${a} ${b} ${c}.5 ${d}]`, 'có số âm hoặc không nguyên', 'negative or non-integer value'],
    ['a negative length', ([a, b, c, d]) => `/ByteRange [${a} ${b} ${c} -${d}]`, 'có số âm hoặc không nguyên', 'negative or non-integer value'],
    ['not starting at byte 0', ([, b, c, d]) => `/ByteRange [1 ${b} ${c} ${d}]`, 'không bắt đầu từ byte 0', 'it does not start at byte 0'],
    ['an empty first range', ([a, , c, d]) => `/ByteRange [${a} 0 ${c} ${d}]`, 'có đoạn rỗng', 'a range is empty'],
    ['an empty second range', ([a, b, c]) => `/ByteRange [${a} ${b} ${c} 0]`, 'có đoạn rỗng', 'a range is empty'],
    ['ranges that touch (no gap at all)', ([a, b, , d]) => `/ByteRange [${a} ${b} ${b} ${d}]`, 'hai đoạn chồng nhau', 'the ranges overlap'],
    ['running one byte past the end', ([a, b, c, d]) => `/ByteRange [${a} ${b} ${c} ${d! + 1}]`, 'vượt quá cuối tệp', 'it runs past the end of the file'],
    ['an indirect reference', () => '/ByteRange 1 0 R', 'là tham chiếu gián tiếp', 'it is an indirect reference'],
  ];
  for (const [name, body, vi, en] of cases) {
    it(`${name}: "${en}"`, () => {
      const bytes = rewrite(body(range));
      const file = saved(bytes);
      const [verdict] = verifyPdfSignatures(bytes, { trustAnchors: anchors }).signatures;
      expect(verdict?.problems.filter((p) => p.code === 'BYTE_RANGE_INVALID').map((p) => [p.severity, p.message])).toEqual([
        ['error', `/ByteRange không hợp lệ: ${vi} / invalid /ByteRange: ${en}`],
      ]);
      expect({ intact: verdict?.intact, valid: verdict?.valid }).toEqual({ intact: false, valid: false });
      expect(pdfsig(file).signatures[0]?.validation).not.toBe('Signature is Valid.');
    });
  }

  it('control: the file as signed ends its second range exactly at the end of the file and is sound', () => {
    expect(range[2] + range[3]).toBe(signedFile.length);
    const [verdict] = verifyPdfSignatures(signedFile, { trustAnchors: anchors }).signatures;
    expect({ codes: codes(verdict), intact: verdict?.intact, valid: verdict?.valid }).toEqual({ codes: [], intact: true, valid: true });
  });
});

describe('the gap is this /Contents, and the dictionary is signed: exact words', () => {
  let signedFile: Buffer;
  let range: [number, number, number, number];
  beforeAll(async () => {
    const output = path.join(tempDir(), 'signed-for-gap.pdf');
    const result = await signPdf({ input, output, signer });
    signedFile = readFileSync(output);
    range = [...result.byteRange] as [number, number, number, number];
  }, 60_000);
  const withRange = (values: readonly number[]): Buffer => {
    const text = /\/ByteRange\s*\[[^\]]*\]/.exec(signedFile.toString('latin1'))![0];
    const body = `/ByteRange [${values.join(' ')}`;
    return Buffer.from(signedFile.toString('latin1').replace(text, body + ' '.repeat(text.length - body.length - 1) + ']'), 'latin1');
  };
  const judged = (bytes: Buffer) => {
    const file = saved(bytes);
    const [verdict] = verifyPdfSignatures(bytes, { trustAnchors: anchors }).signatures;
    return { verdict, pdfsig: pdfsig(file).signatures[0]?.validation };
  };

  it('a second range too short to hold the end of the dictionary (no endobj in it): SIG_DICT_NOT_SIGNED, exact words', () => {
    const [a, b, c] = range;
    const { verdict, pdfsig: validation } = judged(withRange([a, b, c, 3]));
    expect(messageOf(verdict, 'SIG_DICT_NOT_SIGNED')).toBe('Từ điển chữ ký không nằm trong phần được ký / the signature dictionary is not inside the signed bytes');
    expect(codes(verdict)).not.toContain('BYTE_RANGE_INVALID');
    expect(validation).not.toBe('Signature is Valid.');
  });

  it('a second range ending right after %%EOF (its end of line left unsigned) still covers the entire file; one ending inside %%EOF covers no revision', () => {
    expect(signedFile.subarray(-6).toString('latin1')).toBe('%%EOF\n');
    const [a, b, c, d] = range;
    expect(judged(withRange([a, b, c, d - 1])).verdict?.coverage).toBe('entireFile');
    expect(judged(withRange([a, b, c, d - 3])).verdict?.coverage).toBe('partial');
    expect(judged(withRange([a, b, c, d - 3])).verdict?.revision).toBeNull();
  });

  it('the gap moved onto another hex string of the file (the /Info title, UTF-16): CONTENTS_NOT_IN_GAP, exact words', () => {
    const other = /<[0-9A-Fa-f]{2,80}>/.exec(signedFile.toString('latin1').slice(0, range[1]))!;
    const idStart = other.index;
    const idEnd = idStart + other[0].length;
    expect(idEnd).toBeLessThan(range[1]);
    const { verdict, pdfsig: validation } = judged(withRange([0, idStart, idEnd, signedFile.length - idEnd]));
    expect(messageOf(verdict, 'CONTENTS_NOT_IN_GAP')).toBe(
      "Khoảng trống giữa hai đoạn ký không phải đúng /Contents của chữ ký này (nghi tấn công bọc chữ ký) / the gap between the signed ranges is not exactly this signature's /Contents (possible signature wrapping)",
    );
    expect({ intact: verdict?.intact, valid: verdict?.valid }).toEqual({ intact: false, valid: false });
    expect(validation).not.toBe('Signature is Valid.');
  });
});

describe('/Contents missing, empty or indirect: SIG_DICT_INVALID with its own words, and nothing judged as a CMS', () => {
  let signedFile: Buffer;
  let hole: { start: number; end: number };
  beforeAll(async () => {
    const output = path.join(tempDir(), 'signed-for-contents.pdf');
    const result = await signPdf({ input, output, signer });
    signedFile = readFileSync(output);
    hole = { start: result.byteRange[1], end: result.byteRange[2] };
  }, 60_000);
  /** The hex string of /Contents (the whole hole, brackets included) replaced by `text`, padded with spaces. */
  const withContents = (text: string) => {
    const bytes = Buffer.from(signedFile);
    bytes.write(text.padEnd(hole.end - hole.start), hole.start, 'latin1');
    const file = saved(bytes);
    const [verdict] = verifyPdfSignatures(bytes, { trustAnchors: anchors }).signatures;
    return { verdict, file };
  };

  it('an empty hex string <>: "/Contents is missing or empty"', () => {
    const { verdict, file } = withContents('<>');
    expect(verdict?.problems.map((p) => [p.code, p.message])).toEqual([['SIG_DICT_INVALID', '/Contents thiếu hoặc rỗng / /Contents is missing or empty']]);
    expect({ intact: verdict?.intact, valid: verdict?.valid }).toEqual({ intact: false, valid: false });
    expect(pdfsig(file).signatures[0]?.validation).not.toBe('Signature is Valid.');
  });

  it('an indirect reference (1 0 R): "/Contents is an indirect reference"', () => {
    const { verdict, file } = withContents('1 0 R');
    expect(verdict?.problems.map((p) => [p.code, p.message])).toEqual([['SIG_DICT_INVALID', '/Contents là tham chiếu gián tiếp / /Contents is an indirect reference']]);
    expect({ intact: verdict?.intact, valid: verdict?.valid }).toEqual({ intact: false, valid: false });
    expect(pdfsig(file).signatures[0]?.validation).not.toBe('Signature is Valid.');
  });
});

describe('checkSignatureDictionary on a field with no value', () => {
  it('refuses by name rather than failing somewhere inside (the verifier only hands it signed fields)', async () => {
    const output = path.join(tempDir(), 'signed-for-guard.pdf');
    await signPdf({ input, output, signer });
    const reader = PdfReader.open(readFileSync(output));
    try {
      const [field] = signatureFields(reader);
      expect(checkSignatureDictionary(reader, field!).problems).toEqual([]);
      expect(() => checkSignatureDictionary(reader, { ...field!, value: undefined })).toThrow(new Error('checkSignatureDictionary needs a signed field'));
    } finally {
      reader.close();
    }
  });
});
