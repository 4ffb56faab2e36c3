import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Attribute, ContentInfo, SignedData } from '@peculiar/asn1-cms';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derElement, derNull, derOctetString, derOid, derSequence, derSmallInteger } from '../../src/asn1/der-writer.js';
import { OID } from '../../src/asn1/oids.js';
import { Pkcs12Signer } from '../../src/index.js';
import { PdfReader } from '../../src/pdf/pdf-reader.js';
import { signatureFields } from '../../src/pdf/signature-fields.js';
import type { CheckedByteRange, SignatureDictionaryFacts } from '../../src/verify/byte-range/signature-dictionary-checks.js';
import { verifyCmsSignature } from '../../src/verify/cms/verify-cms-signature.js';
import { checkPadesProfile, verifyContents } from '../../src/verify/cms/verify-signature-contents.js';
import type { VerifyProblem } from '../../src/verify/report/verify-problem.js';
import { opensslSign, patchSameLength, prepareHole } from '../helpers/cms-surgery.js';
import { makeSamplePdf } from '../helpers/sample-pdfs.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { makeTestIdentity, type TestIdentity } from '../helpers/test-pki.js';

/**
 * verifyContents (issue 15, what mutation testing of verify-signature-contents.ts found loose): a document timestamp's
 * /Contents checked against the signed bytes, and a signature's, with the ByteRange's bytes read from a real file by
 * the verifier's own digester. Each token is a TSTInfo written here field by field and signed by
 * `openssl cms -sign -nodetach -econtent_type id-ct-TSTInfo`; each signature by `openssl cms -sign`.
 */
const tempDir = useTempDir('cms-contents-exact-');
let identity: TestIdentity;
let leaf: { cert: string; key: string };
let reader: PdfReader;
let range: CheckedByteRange;
let signedBytes: Buffer;

const GEN_TIME = '20261207033000Z';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();

beforeAll(async () => {
  const dir = path.join(tempDir(), 'tsa');
  mkdirSync(dir);
  identity = makeTestIdentity(dir, 'rsa-2048', 'Tem Tài Liệu');
  leaf = { cert: identity.leafPem, key: identity.leafPem.replace(/leaf\.pem$/, 'leaf.key') };
  const pdf = Buffer.from(await makeSamplePdf());
  reader = PdfReader.open(pdf);
  // Two ranges around a 20-byte gap, as a ByteRange would name them.
  range = { start1: 0, length1: 100, start2: 120, length2: pdf.length - 120, end: pdf.length };
  signedBytes = Buffer.concat([pdf.subarray(0, 100), pdf.subarray(120)]);
}, 60_000);
afterAll(() => reader?.close());

function tstInfo(imprint: Buffer, withGenTime = true): Buffer {
  const parts = [derSmallInteger(1), derOid('1.2.3.4.1'), imprint, derSmallInteger(77)];
  if (withGenTime) parts.push(derElement(0x18, Buffer.from(GEN_TIME, 'latin1')));
  return derSequence(parts);
}
const imprintOf = (oid: string, hash: Uint8Array) => derSequence([derSequence([derOid(oid), derNull()]), derOctetString(hash)]);
const token = (content: Buffer, extra: string[] = ['-nodetach']) =>
  opensslSign(tempDir(), content, [leaf], [...extra, '-md', 'sha256', '-econtent_type', OID.tstInfo]);

const docTimestamp = (contents: Uint8Array | null, byteRange: CheckedByteRange | null = range): SignatureDictionaryFacts => ({
  kind: 'docTimestamp',
  subFilter: 'ETSI.RFC3161',
  byteRange,
  contents,
  problems: [],
});
const judged = (facts: SignatureDictionaryFacts) => {
  const problems: VerifyProblem[] = [];
  const outcome = verifyContents(reader, facts, problems);
  return {
    problems: problems.map((p) => `${p.code} ${p.severity}: ${p.message}`),
    intact: outcome.intact,
    valid: outcome.valid,
    cms: outcome.cms !== null,
    time: outcome.timestampTime?.toISOString() ?? null,
  };
};
const MISMATCH = 'TIMESTAMP_IMPRINT_MISMATCH error: Dấu thời gian không khớp với nội dung tài liệu / the timestamp imprint does not match the signed bytes';

describe('verifyContents: a document timestamp', () => {
  it('a sound token over the signed bytes: intact, valid, its genTime', () => {
    expect(judged(docTimestamp(token(tstInfo(imprintOf(OID.sha256, sha256(signedBytes))))))).toEqual({
      problems: [], intact: true, valid: true, cms: true, time: '2026-12-07T03:30:00.000Z',
    });
  });

  it('a token over other bytes: the imprint mismatch word for word, not intact, still valid, its genTime kept', () => {
    expect(judged(docTimestamp(token(tstInfo(imprintOf(OID.sha256, sha256(Buffer.from('khác')))))))).toEqual({
      problems: [MISMATCH], intact: false, valid: true, cms: true, time: '2026-12-07T03:30:00.000Z',
    });
  });

  it('a sound token but no usable ByteRange: the imprint cannot match', () => {
    expect(judged(docTimestamp(token(tstInfo(imprintOf(OID.sha256, sha256(signedBytes)))), null))).toEqual({
      problems: [MISMATCH], intact: false, valid: true, cms: true, time: '2026-12-07T03:30:00.000Z',
    });
  });

  it('an empty imprint and no usable ByteRange: still a mismatch (no range digests to nothing, which matches nothing)', () => {
    expect(judged(docTimestamp(token(tstInfo(imprintOf(OID.sha256, new Uint8Array(0)))), null))).toEqual({
      problems: [MISMATCH], intact: false, valid: true, cms: true, time: '2026-12-07T03:30:00.000Z',
    });
  });

  it('an imprint over a hash we do not know: UNSUPPORTED_ALGORITHM naming it, not intact, genTime kept', () => {
    expect(judged(docTimestamp(token(tstInfo(imprintOf('1.2.3.99', sha256(signedBytes))))))).toEqual({
      problems: ['UNSUPPORTED_ALGORITHM error: Thuật toán băm 1.2.3.99 không hỗ trợ / unsupported imprint digest 1.2.3.99'],
      intact: false, valid: true, cms: true, time: '2026-12-07T03:30:00.000Z',
    });
  });

  it('a sound token whose TSTInfo has no genTime: TIMESTAMP_MALFORMED with the reason, no time', () => {
    expect(judged(docTimestamp(token(tstInfo(imprintOf(OID.sha256, sha256(signedBytes)), false))))).toEqual({
      problems: ['TIMESTAMP_MALFORMED error: TSTInfo không đọc được (truncated TSTInfo) / unreadable TSTInfo (truncated TSTInfo)'],
      intact: false, valid: true, cms: true, time: null,
    });
  });

  it('a detached token (no TSTInfo inside): not intact, no time', () => {
    const v = judged(docTimestamp(token(tstInfo(imprintOf(OID.sha256, sha256(signedBytes))), [])));
    expect(v).toEqual({
      problems: ['CMS_MALFORMED error: Dấu thời gian không có TSTInfo / timestamp token has no TSTInfo'],
      intact: false, valid: false, cms: true, time: null,
    });
  });

  it('non-zero bytes after the token in /Contents: CONTENTS_PADDING_NOT_ZERO word for word; zeros are padding', () => {
    const sound = token(tstInfo(imprintOf(OID.sha256, sha256(signedBytes))));
    expect(judged(docTimestamp(Buffer.concat([sound, Buffer.from([0, 0, 5])]))).problems).toEqual([
      'CONTENTS_PADDING_NOT_ZERO error: Phần đệm sau chữ ký trong /Contents không phải toàn số 0 / /Contents padding after the CMS is not all zeros',
    ]);
    expect(judged(docTimestamp(Buffer.concat([sound, Buffer.alloc(40)]))).problems).toEqual([]);
  });

  it('no /Contents: nothing checked, nothing claimed', () => {
    expect(judged(docTimestamp(null))).toEqual({ problems: [], intact: false, valid: false, cms: false, time: null });
  });
});

describe('verifyContents: a signature', () => {
  const signature = (contents: Uint8Array | null, byteRange: CheckedByteRange | null = range): SignatureDictionaryFacts => ({
    kind: 'signature',
    subFilter: 'ETSI.CAdES.detached',
    byteRange,
    contents,
    problems: [],
  });

  it('a sound signature over the signed bytes: intact and valid; non-zero padding after it is refused', () => {
    const cms = opensslSign(tempDir(), signedBytes, [leaf], ['-md', 'sha256']);
    expect(judged(signature(cms))).toEqual({ problems: [], intact: true, valid: true, cms: true, time: null });
    expect(judged(signature(Buffer.concat([cms, Buffer.from([7])]))).problems).toEqual([
      'CONTENTS_PADDING_NOT_ZERO error: Phần đệm sau chữ ký trong /Contents không phải toàn số 0 / /Contents padding after the CMS is not all zeros',
    ]);
  });

  it('a signature with signed attributes and no usable ByteRange: DIGEST_MISMATCH, not intact, the signature itself valid', () => {
    const cms = opensslSign(tempDir(), signedBytes, [leaf], ['-md', 'sha256']);
    expect(judged(signature(cms, null))).toEqual({
      problems: ['DIGEST_MISMATCH error: Nội dung đã bị thay đổi sau khi ký (giá trị băm không khớp) / the signed bytes were changed (message-digest mismatch)'],
      intact: false, valid: true, cms: true, time: null,
    });
  });

  it('a signature without signed attributes (-noattr) and no usable ByteRange: never intact', () => {
    const cms = opensslSign(tempDir(), signedBytes, [leaf], ['-md', 'sha256', '-noattr']);
    expect(judged(signature(cms)).intact).toBe(true);
    expect(judged(signature(cms, null))).toMatchObject({ intact: false, valid: false, cms: true });
  });

  it('no /Contents: nothing checked, nothing claimed', () => {
    expect(judged(signature(null))).toEqual({ problems: [], intact: false, valid: false, cms: false, time: null });
  });

  it('the signature-time-stamp is read only when the signature is valid: one bit of the signature flipped, no time', () => {
    const cms = opensslSign(tempDir(), signedBytes, [leaf], ['-md', 'sha256']);
    const damaged = Buffer.from(cms);
    damaged[damaged.length - 1]! ^= 0x01; // no unsigned attributes yet: the signature value's octets end the CMS
    // A sound token over each CMS's own signature value (the last 256 octets), attached as the unsigned attribute.
    const stamped = (blob: Buffer) => {
      const imprint = imprintOf(OID.sha256, sha256(blob.subarray(blob.length - 256)));
      const contentInfo = AsnConvert.parse(blob, ContentInfo);
      const signedData = AsnConvert.parse(contentInfo.content, SignedData);
      signedData.signerInfos[0]!.unsignedAttrs = [new Attribute({ attrType: OID.signatureTimeStamp, attrValues: [new Uint8Array(token(tstInfo(imprint))).buffer] })];
      contentInfo.content = AsnConvert.serialize(signedData);
      return Buffer.from(AsnConvert.serialize(contentInfo));
    };
    expect(judged(signature(stamped(cms)))).toEqual({ problems: [], intact: true, valid: true, cms: true, time: '2026-12-07T03:30:00.000Z' });
    expect(judged(signature(stamped(damaged)))).toEqual({
      problems: ["SIGNATURE_INVALID error: Chữ ký số không hợp lệ với khoá của người ký / the signature does not verify with the signer's key"],
      intact: true, valid: false, cms: true, time: null,
    });
  });
});

describe('checkPadesProfile: the three PAdES warnings word for word, on a field our signer prepared', () => {
  const cades = (contents: Uint8Array | null): SignatureDictionaryFacts => ({ kind: 'signature', subFilter: 'ETSI.CAdES.detached', byteRange: range, contents, problems: [] });
  const fieldOf = (pdf: Uint8Array) => {
    const r = PdfReader.open(pdf);
    try {
      return signatureFields(r).find((f) => f.value)!;
    } finally {
      r.close();
    }
  };

  it('no /M, a signing-time attribute, no ESS attribute: three warnings; no CMS at all: none, no throw', async () => {
    const signer = Pkcs12Signer.fromFile(identity.p12, identity.password);
    const input = path.join(tempDir(), 'draft.pdf');
    writeFileSync(input, await makeSamplePdf());
    const prepared = await prepareHole(input, signer, { subFilter: 'ETSI.CAdES.detached' });
    const field = fieldOf(patchSameLength(prepared, '/M (D:', '/X (D:').pdf);
    const cms = verifyCmsSignature(opensslSign(tempDir(), signedBytes, [leaf], ['-md', 'sha256']), {
      contentType: OID.data, detached: true, contentDigest: () => sha256(signedBytes),
    });
    expect(cms.claimedSigningTime).not.toBeNull();
    const problems: VerifyProblem[] = [];
    checkPadesProfile(cades(new Uint8Array(1)), field, cms, problems);
    expect(problems.map((p) => `${p.code} ${p.severity}: ${p.message}`)).toEqual([
      'PADES_M_MISSING warning: Chữ ký PAdES thiếu /M / PAdES signature without /M',
      'PADES_SIGNING_TIME_PRESENT warning: Chữ ký PAdES có thuộc tính signing-time (PAdES cấm) / PAdES signature carries a signing-time attribute, which PAdES forbids',
      'SIGNING_CERT_ATTR_MISSING warning: Chữ ký PAdES thiếu thuộc tính signing-certificate-v2 / PAdES signature without a signing-certificate(-v2) attribute',
    ]);
    const none: VerifyProblem[] = [];
    checkPadesProfile(cades(null), field, null, none);
    expect(none).toEqual([]);
  });
});
