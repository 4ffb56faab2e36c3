import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PdfDict, PdfName, PdfString, Pkcs12Signer, loadTrustAnchors, signPdf, verifyPdfSignatures, type ParsedCertificate, type PdfRef, type SignatureVerdict } from '../../src/index.js';
import { docMdpPatches, signedWithPatches, update as updateIn, type Edit } from '../helpers/modification-files.js';
import { makeSamplePdf } from '../helpers/sample-pdfs.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { makeTestIdentity } from '../helpers/test-pki.js';

/**
 * Edges of the modification verdict that the word-for-word file does not reach (issue 15, mutation testing): a
 * signature whose /ByteRange cannot be read beside a sound one, a certification whose coverage is not a revision,
 * and a new signature widget whose /Rect is not four numbers.
 */
const tempDir = useTempDir('modification-verdict-edges-');
let signer: Pkcs12Signer;
let anchors: ParsedCertificate[];
let draft: string;

beforeAll(async () => {
  const identity = makeTestIdentity(tempDir(), 'rsa-2048', 'Hoàng Văn Minh');
  signer = Pkcs12Signer.fromFile(identity.p12, identity.password);
  anchors = await loadTrustAnchors([identity.rootPem]);
  draft = path.join(tempDir(), 'draft.pdf');
  writeFileSync(draft, await makeSamplePdf());
});

const at = (name: string): string => path.join(tempDir(), name);
const verify = (bytes: Uint8Array): readonly SignatureVerdict[] => verifyPdfSignatures(bytes, { trustAnchors: anchors }).signatures;
const codes = (v: SignatureVerdict | undefined): string[] => (v?.problems ?? []).map((p) => p.code);

/** Rewrites the last /ByteRange of the file with `numbers` (same width). */
function withByteRange(bytes: Buffer, numbers: (b: string, c: string, d: string) => string): Buffer {
  const text = bytes.toString('latin1');
  const all = [...text.matchAll(/\/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  const match = all.at(-1)!;
  const [whole, b, c, d] = match as unknown as [string, string, string, string];
  const altered = `/ByteRange [${numbers(b, c, d)}]`.padEnd(whole.length, ' ');
  return Buffer.from(text.slice(0, match.index) + altered + text.slice(match.index + whole.length), 'latin1');
}

describe('a signature without a readable /ByteRange beside a sound one', () => {
  it('the sound first signature is still judged (allowed change); the broken second is refused, not thrown out', async () => {
    await signPdf({ input: draft, output: at('once.pdf'), signer, fieldName: 'ChuKy1' });
    await signPdf({ input: at('once.pdf'), output: at('twice.pdf'), signer, fieldName: 'ChuKy2' });
    const broken = withByteRange(readFileSync(at('twice.pdf')), (b, c) => `0 ${b} ${c}`);
    const [first, second] = verify(broken);
    expect(first).toMatchObject({ field: 'ChuKy1', intact: true, valid: true, trusted: true, coverage: 'entireRevision', modification: 'allowed' });
    expect(codes(first)).toEqual(['MODIFIED_ALLOWED']);
    expect(second).toMatchObject({ field: 'ChuKy2', intact: false, valid: false, coverage: 'partial', modification: 'disallowed' });
    expect(codes(second)).toEqual(['BYTE_RANGE_INVALID', 'DIGEST_MISMATCH', 'NONSTANDARD_COVERAGE']);
  });
});

describe('a certification whose coverage is not a whole revision', () => {
  it('does not bind the approval signature after it (only a certification of a known revision does)', async () => {
    const certified = withByteRange(await signedWithPatches(draft, signer, 'ChungNhan', ['khong_co'], docMdpPatches(1)), (b, c, d) => `0 ${b} ${c} ${Number(d) - 20}`);
    writeFileSync(at('certified-partial.pdf'), certified);
    await signPdf({ input: at('certified-partial.pdf'), output: at('approved.pdf'), signer, fieldName: 'PheDuyet' });
    const addInfoTitle: Edit = (reader, writer) => {
      const info = reader.trailer.get('Info') as PdfRef;
      writer.set(info, reader.resolveDict(info)!.clone().set('Title', PdfString.fromText('Đã điền')));
    };
    const [certification, approval] = verify(updateIn(tempDir(), readFileSync(at('approved.pdf')), addInfoTitle));
    expect(certification).toMatchObject({ docMdp: 1, coverage: 'partial', modification: 'disallowed' });
    expect(codes(certification)).toContain('NONSTANDARD_COVERAGE');
    // Form-filling level (/Info) after the approval: allowed for it; under the P1 certification it would not be.
    expect(approval).toMatchObject({ field: 'PheDuyet', docMdp: null, intact: true, valid: true, modification: 'allowed' });
    expect(codes(approval)).toEqual(['MODIFIED_ALLOWED']);
  });
});

describe('a new signature widget whose /Rect is not four numbers', () => {
  it('counts as invisible: no ANNOTATION_ADDED, the change stays allowed', async () => {
    await signPdf({ input: draft, output: at('signed.pdf'), signer, fieldName: 'ChuKy1' });
    const widgetWithRect = (rect: unknown[]): Edit => (reader, writer) => {
      const page = reader.pages()[0]!;
      const widget = writer.add(
        PdfDict.of({ Type: new PdfName('Annot'), Subtype: new PdfName('Widget'), FT: new PdfName('Sig'), T: PdfString.fromLatin1('Sau'), Rect: rect as number[], P: page.ref }),
      );
      const annots = reader.resolve(page.dict.get('Annots'));
      writer.set(page.ref, page.dict.clone().set('Annots', [...(Array.isArray(annots) ? annots : []), widget]));
      const formRef = reader.catalog.get('AcroForm') as PdfRef;
      const form = reader.resolveDict(formRef)!;
      writer.set(formRef, form.clone().set('Fields', [...(reader.resolve(form.get('Fields')) as PdfRef[]), widget]));
    };
    const signed = readFileSync(at('signed.pdf'));
    const [three] = verify(updateIn(tempDir(), signed, widgetWithRect([90, 490, 300])));
    expect(three?.modification).toBe('allowed');
    expect(codes(three)).toEqual(['MODIFIED_ALLOWED']);
    // The same widget with a fourth number is visible and reported.
    const [four] = verify(updateIn(tempDir(), signed, widgetWithRect([90, 490, 300, 520])));
    expect(codes(four)).toEqual(['ANNOTATION_ADDED', 'MODIFIED_ALLOWED']);
  });
});
