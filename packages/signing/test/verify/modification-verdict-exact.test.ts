import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  PdfDict,
  PdfName,
  PdfReader,
  PdfString,
  Pkcs12Signer,
  loadTrustAnchors,
  signPdf,
  verifyPdfSignatures,
  type ParsedCertificate,
  type PdfRef,
  type SignatureVerdict,
} from '../../src/index.js';
import { docMdpPatches, fieldRef, fill, signedWithPatches, update as updateIn, type Edit } from '../helpers/modification-files.js';
import { pdfsig } from '../helpers/pdfsig.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { makeTestIdentity } from '../helpers/test-pki.js';

/**
 * The modification verdict word for word (issue 15, mutation testing of verify/modifications): which changes after a
 * signature its DocMDP level (P1, P2, P3, or none) and its FieldMDP lock allow, and what each refusal or warning says.
 * Every file is signed by our signer; certifications are our signer's FieldMDP reference turned into DocMDP with /P
 * (same length, signed afterwards). Later updates are written with the package's incremental writer; qpdf checks each.
 */
const tempDir = useTempDir('modification-verdict-exact-');
let signer: Pkcs12Signer;
let anchors: ParsedCertificate[];
let form: string;
/** Signed once (ChuKy1), locking the field so_tien by FieldMDP. */
let approved: Buffer;

const at = (name: string): string => path.join(tempDir(), name);

beforeAll(async () => {
  const identity = makeTestIdentity(tempDir(), 'rsa-2048', 'Lê Văn Cường');
  signer = Pkcs12Signer.fromFile(identity.p12, identity.password);
  anchors = await loadTrustAnchors([identity.rootPem]);
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < 2; i++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`Trang ${i + 1}: noi dung da ky`, { x: 100, y: 500, size: 14, font });
  }
  const fields = doc.getForm();
  fields.createTextField('ho_ten').addToPage(doc.getPage(0), { x: 72, y: 700, width: 200, height: 20 });
  fields.createTextField('so_tien').addToPage(doc.getPage(0), { x: 72, y: 650, width: 200, height: 20 });
  form = at('form.pdf');
  writeFileSync(form, await doc.save({ useObjectStreams: false }));
  await signPdf({ input: form, output: at('approved.pdf'), signer, fieldName: 'ChuKy1', lockFields: ['so_tien'] });
  approved = readFileSync(at('approved.pdf'));
});

const update = (bytes: Uint8Array, edit: Edit, judgedByQpdf = true): Buffer => updateIn(tempDir(), bytes, edit, judgedByQpdf);
/** A certification: our signer's FieldMDP reference made DocMDP with /P, signed after the patch. */
const certified = (p: 1 | 2 | 3, input: string = form, fieldName = 'ChungNhan'): Promise<Buffer> =>
  signedWithPatches(input, signer, fieldName, ['khong_co'], docMdpPatches(p));

const verify = (bytes: Uint8Array): readonly SignatureVerdict[] => verifyPdfSignatures(bytes, { trustAnchors: anchors }).signatures;
const problems = (v: SignatureVerdict | undefined) => (v?.problems ?? []).map((p) => [p.code, p.severity, p.message]);

const changeAcroFormDa: Edit = (reader, writer) => {
  const ref = reader.catalog.get('AcroForm') as PdfRef;
  writer.set(ref, reader.resolveDict(ref)!.clone().set('DA', PdfString.fromLatin1('/Helv 10 Tf 0 g')));
};

const addDss: Edit = (reader, writer) => {
  const dss = writer.add(PdfDict.of({ Type: new PdfName('DSS'), Certs: [] }));
  writer.set(reader.catalogRef, reader.catalog.clone().set('DSS', dss));
};

/** A new annotation of `subtype` at `rect` on page `pageIndex`. */
const annotate = (subtype: string, rect: number[], pageIndex = 0): Edit => (reader, writer) => {
  const page = reader.pages()[pageIndex]!;
  const annotation = writer.add(PdfDict.of({ Type: new PdfName('Annot'), Subtype: new PdfName(subtype), Rect: rect, P: page.ref }));
  const annots = reader.resolve(page.dict.get('Annots'));
  writer.set(page.ref, page.dict.clone().set('Annots', [...(Array.isArray(annots) ? annots : []), annotation]));
};

/** Keys the verifier does not allow to change on a page: one refusal reason each. */
const pageKeys = (count: number): Edit => (reader, writer) => {
  const page = reader.pages()[0]!;
  const dict = page.dict.clone();
  for (let i = 1; i <= count; i++) dict.set(`K${i}`, i);
  writer.set(page.ref, dict);
};

const ALLOWED = (n: number) => [
  'MODIFIED_ALLOWED',
  'warning',
  `Tài liệu có ${n} lần cập nhật hợp lệ sau khi ký (ký tiếp, điền biểu mẫu, DSS, dấu thời gian) / the document has ${n} permitted update(s) after signing (further signatures, form filling, DSS, timestamps)`,
];
const DISALLOWED = (shown: string) => [
  'MODIFIED_DISALLOWED',
  'error',
  `Tài liệu bị sửa đổi không được phép sau khi ký: ${shown} / the document was changed after signing in ways that are not permitted (see the Vietnamese list)`,
];
const pageKeyReason = (revision: number, key: string, num: number) =>
  `[${revision}] Khoá /${key} của đối tượng ${num} (page) bị thay đổi sau khi ký / /${key} of object ${num} (page) was changed after signing`;

function pageNumber(bytes: Uint8Array, pageIndex = 0): number {
  const reader = PdfReader.open(bytes);
  try {
    return reader.pages()[pageIndex]!.ref.num;
  } finally {
    reader.close();
  }
}

describe('approval signature (no DocMDP): form filling allowed, the rest refused word for word', () => {
  it('the signed file alone: no change, no problem', () => {
    const [verdict] = verify(approved);
    expect(verdict).toMatchObject({ field: 'ChuKy1', coverage: 'entireFile', modification: 'none', docMdp: null });
    expect(problems(verdict)).toEqual([]);
  });

  it('one unlocked field filled: MODIFIED_ALLOWED counting 1 update; two updates count 2', () => {
    const once = update(approved, fill('ho_ten', 'Nguyễn Văn An'));
    const [first] = verify(once);
    expect(first?.modification).toBe('allowed');
    expect(problems(first)).toEqual([ALLOWED(1)]);
    const twice = update(once, fill('ho_ten', 'Trần Thị Bình'));
    expect(problems(verify(twice)[0])).toEqual([ALLOWED(2)]);
  });

  it('an update that changes no object at all is still counted as an allowed update, not "none"', () => {
    const empty = update(approved, () => undefined, false);
    const [verdict] = verify(empty);
    expect(verdict?.modification).toBe('allowed');
    expect(problems(verdict)).toEqual([ALLOWED(1)]);
  });

  it('the locked field changed: FIELDMDP_VIOLATION naming the field and the change, and no MODIFIED_DISALLOWED', () => {
    const reader = PdfReader.open(approved);
    const num = fieldRef(reader, 'so_tien').num;
    reader.close();
    const [verdict] = verify(update(approved, fill('so_tien', '999.000.000 đ')));
    expect(verdict?.modification).toBe('disallowed');
    expect(problems(verdict)).toEqual([
      [
        'FIELDMDP_VIOLATION',
        'error',
        `Trường "so_tien" bị khoá bởi chữ ký nhưng đã thay đổi (Khoá /V của đối tượng ${num} (field) được cập nhật / /V of object ${num} (field) was updated) / field "so_tien" is locked by this signature but changed`,
      ],
    ]);
  });

  it('six refused changes are all listed; a seventh is counted as (+1)', () => {
    const num = pageNumber(approved);
    const six = verify(update(approved, pageKeys(6)))[0];
    const reasons = [1, 2, 3, 4, 5, 6].map((i) => pageKeyReason(3, `K${i}`, num));
    expect(six?.modification).toBe('disallowed');
    expect(problems(six)).toEqual([DISALLOWED(reasons.join('; '))]);
    const seven = verify(update(approved, pageKeys(7)))[0];
    expect(problems(seven)).toEqual([DISALLOWED(`${reasons.join('; ')} (+1)`)]);
  });

  it('the revision number in each reason is the revision that made it (4 for the second update)', () => {
    const num = pageNumber(approved);
    const later = update(update(approved, fill('ho_ten', 'An')), pageKeys(1));
    expect(problems(verify(later)[0])).toEqual([DISALLOWED(pageKeyReason(4, 'K1', num))]);
  });

  it('a page added: PAGE_COUNT_CHANGED and the reason among the refused changes', () => {
    const added = update(approved, (reader, writer) => {
      const tree = reader.catalog.get('Pages') as PdfRef;
      const pagesDict = reader.resolveDict(tree)!;
      const kids = reader.resolve(pagesDict.get('Kids')) as PdfRef[];
      const page = writer.add(PdfDict.of({ Type: new PdfName('Page'), Parent: tree, MediaBox: [0, 0, 595, 842] }));
      writer.set(tree, pagesDict.clone().set('Kids', [...kids, page]).set('Count', kids.length + 1));
    });
    const [verdict] = verify(added);
    expect(verdict?.modification).toBe('disallowed');
    const found = problems(verdict);
    expect(found[0]).toEqual(['PAGE_COUNT_CHANGED', 'error', 'Số trang thay đổi sau khi ký / the number of pages changed after signing']);
    const tree = (PdfReader.open(approved).catalog.get('Pages') as PdfRef).num;
    const kept = (key: string) =>
      `[3] Khoá /${key} của đối tượng ${tree} (pageTree) bị thay đổi sau khi ký / /${key} of object ${tree} (pageTree) was changed after signing`;
    expect(found.slice(1)).toEqual([
      DISALLOWED(`${kept('Kids')}; ${kept('Count')}; [3] Số trang thay đổi từ 2 thành 3 / the page count changed from 2 to 3`),
    ]);
  });
});

describe('new annotations: ANNOTATION_ADDED and ANNOTATION_OVERLAPS_CONTENT word for word', () => {
  const added = (what: string, page: number) => [
    'ANNOTATION_ADDED',
    'warning',
    `Sau khi ký có thêm ${what === 'sig' ? 'ô chữ ký' : `chú thích ${what}`} hiển thị ở trang ${page}; cần xem nó có che nội dung không / a visible ${what === 'sig' ? 'signature widget' : `${what} annotation`} was added on page ${page} after signing; check that it covers no content`,
  ];

  it('a Square over the signed text of page 1: both warnings (1 text run), and the annotation is refused without DocMDP P3', () => {
    const [verdict] = verify(update(approved, annotate('Square', [90, 490, 300, 520])));
    const found = problems(verdict);
    expect(found.slice(0, 2)).toEqual([
      added('Square', 1),
      ['ANNOTATION_OVERLAPS_CONTENT', 'warning', 'Chú thích/ô chữ ký mới ở trang 1 đè lên 1 dòng chữ của trang / the new annotation on page 1 lies over 1 text run(s) of the page'],
    ]);
    expect(found.map((p) => p[0])).toEqual(['ANNOTATION_ADDED', 'ANNOTATION_OVERLAPS_CONTENT', 'MODIFIED_DISALLOWED']);
    expect(verdict?.modification).toBe('disallowed');
  });

  it('a Square on page 2 away from its text: ANNOTATION_ADDED naming page 2, no overlap', () => {
    const found = problems(verify(update(approved, annotate('Square', [10, 10, 50, 50], 1)))[0]);
    expect(found.map((p) => p[0])).toEqual(['ANNOTATION_ADDED', 'MODIFIED_DISALLOWED']);
    expect(found[0]).toEqual(added('Square', 2));
  });

  it('a zero-width Text annotation over the text is still reported (not a signature), but no overlap is counted', () => {
    const found = problems(verify(update(approved, annotate('Text', [150, 490, 150, 520])))[0]);
    expect(found.map((p) => p[0])).toEqual(['ANNOTATION_ADDED', 'MODIFIED_DISALLOWED']);
    expect(found[0]).toEqual(added('Text', 1));
  });

  it('a second, visible signature over the text: "ô chữ ký" and the overlap; allowed as form filling', async () => {
    await signPdf({ input: at('approved.pdf'), output: at('visible-second.pdf'), signer, fieldName: 'ChuKy2', placement: { pageIndex: 0, rect: [90, 490, 200, 30] } });
    const [first, second] = verify(readFileSync(at('visible-second.pdf')));
    expect(problems(first)).toEqual([
      added('sig', 1),
      ['ANNOTATION_OVERLAPS_CONTENT', 'warning', 'Chú thích/ô chữ ký mới ở trang 1 đè lên 1 dòng chữ của trang / the new annotation on page 1 lies over 1 text run(s) of the page'],
      ALLOWED(1),
    ]);
    expect(first?.modification).toBe('allowed');
    expect(problems(second)).toEqual([]);
    expect(pdfsig(at('visible-second.pdf')).signatures.map((s) => s.validation)).toEqual(['Signature is Valid.', 'Signature is Valid.']);
  });

  it('a second signature whose widget is a line (zero height) or a point is invisible: no ANNOTATION_ADDED', async () => {
    await signPdf({ input: at('approved.pdf'), output: at('line-second.pdf'), signer, fieldName: 'ChuKy2', placement: { pageIndex: 0, rect: [90, 490, 200, 0] } });
    expect(problems(verify(readFileSync(at('line-second.pdf')))[0])).toEqual([ALLOWED(1)]);
    await signPdf({ input: at('approved.pdf'), output: at('column-second.pdf'), signer, fieldName: 'ChuKy2', placement: { pageIndex: 0, rect: [90, 490, 0, 30] } });
    expect(problems(verify(readFileSync(at('column-second.pdf')))[0])).toEqual([ALLOWED(1)]);
  });
});

describe('DocMDP: what P1, P2 and P3 allow, and whose certification is in force', () => {
  const violation = (p: number, description: string) => ['DOCMDP_VIOLATION', 'error', `Thay đổi vượt quyền DocMDP P${p}: ${description} / change beyond DocMDP P${p}`];

  it('P1: a /DSS is allowed; a form-level change is DOCMDP_VIOLATION P1 (not MODIFIED_DISALLOWED)', async () => {
    const p1 = await certified(1);
    const [alone] = verify(p1);
    expect(alone).toMatchObject({ field: 'ChungNhan', docMdp: 1, intact: true, valid: true, trusted: true, modification: 'none' });
    expect(problems(verify(update(p1, addDss))[0])).toEqual([ALLOWED(1)]);
    const reader = PdfReader.open(p1);
    const acroForm = (reader.catalog.get('AcroForm') as PdfRef).num;
    reader.close();
    const [changed] = verify(update(p1, changeAcroFormDa));
    expect(changed?.modification).toBe('disallowed');
    expect(problems(changed)).toEqual([
      violation(1, `Khoá /DA của đối tượng ${acroForm} (acroForm) được cập nhật / /DA of object ${acroForm} (acroForm) was updated`),
    ]);
  });

  it('P2: form filling allowed; an annotation is beyond it and beyond the default: MODIFIED_DISALLOWED, not DOCMDP_VIOLATION', async () => {
    const p2 = await certified(2);
    expect(verify(p2)[0]).toMatchObject({ docMdp: 2, modification: 'none' });
    expect(problems(verify(update(p2, fill('ho_ten', 'An')))[0])).toEqual([ALLOWED(1)]);
    const found = problems(verify(update(p2, annotate('Square', [10, 10, 50, 50])))[0]);
    expect(found.map((p) => p[0])).toEqual(['ANNOTATION_ADDED', 'MODIFIED_DISALLOWED']);
  });

  it('P3: an annotation is allowed; a change to the page itself is still refused', async () => {
    const p3 = await certified(3);
    expect(verify(p3)[0]).toMatchObject({ docMdp: 3, modification: 'none' });
    const [annotated] = verify(update(p3, annotate('Square', [10, 10, 50, 50])));
    expect(annotated?.modification).toBe('allowed');
    expect(problems(annotated).map((p) => p[0])).toEqual(['ANNOTATION_ADDED', 'MODIFIED_ALLOWED']);
    const num = pageNumber(p3);
    const [changed] = verify(update(p3, pageKeys(1)));
    expect(problems(changed)).toEqual([DISALLOWED(pageKeyReason(3, 'K1', num))]);
  });

  it('the certification binds the approval signatures after it: form filling after them is a P1 violation for each', async () => {
    writeFileSync(at('p1.pdf'), await certified(1));
    await signPdf({ input: at('p1.pdf'), output: at('p1-approved.pdf'), signer, fieldName: 'ChuKy2' });
    const signedTwice = readFileSync(at('p1-approved.pdf'));
    const [certification, approval] = verify(signedTwice);
    expect(approval).toMatchObject({ field: 'ChuKy2', docMdp: null, modification: 'none' });
    expect(problems(approval)).toEqual([]);
    // A new signature field is form filling (the field list and the page's /Annots): beyond P1 for the certification.
    expect(certification?.modification).toBe('disallowed');
    expect(problems(certification).map((p) => p[0])).toEqual(['DOCMDP_VIOLATION', 'DOCMDP_VIOLATION']);
    const [, filled] = verify(update(signedTwice, changeAcroFormDa));
    expect(filled?.modification).toBe('disallowed');
    expect(problems(filled).map((p) => [p[0], String(p[2]).includes('P1')])).toEqual([['DOCMDP_VIOLATION', true]]);
  });

  it('a certification made after an approval does not bind that approval', async () => {
    await signPdf({ input: form, output: at('first.pdf'), signer, fieldName: 'PheDuyet' });
    const both = await certified(1, at('first.pdf'));
    const [approval, certification] = verify(both);
    expect(problems(certification)).toEqual([
      ['CERTIFICATION_NOT_FIRST', 'error', 'Chữ ký chứng nhận (DocMDP) không phải chữ ký đầu tiên / the certification (DocMDP) signature is not the first signature'],
    ]);
    // Without the certification in force, its own new field is form filling: allowed for the approval.
    expect(approval?.modification).toBe('allowed');
    expect(problems(approval)).toEqual([ALLOWED(1)]);
  });

  it('two certifications (P1, then P3): the strictest one in force binds the later one', async () => {
    writeFileSync(at('p1-only.pdf'), await certified(1));
    const both = await certified(3, at('p1-only.pdf'), 'ChungNhan2');
    const [, second] = verify(update(both, fill('ho_ten', 'An')));
    expect(second?.docMdp).toBe(3);
    expect(problems(second).map((p) => [p[0], String(p[2]).includes('DocMDP P1:')])).toEqual([
      ['CERTIFICATION_NOT_FIRST', false],
      ['DOCMDP_VIOLATION', true],
    ]);
  });
});

describe('NONSTANDARD_COVERAGE: a signature that covers no whole revision', () => {
  it('a /ByteRange 20 bytes short of the file end: the words, and the change verdict is disallowed', () => {
    const text = approved.toString('latin1');
    const match = /\/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text)!;
    const [whole, b, c, d] = match as unknown as [string, string, string, string];
    const bytes = Buffer.from(text.replace(whole, `/ByteRange [0 ${b} ${c} ${Number(d) - 20}]`.padEnd(whole.length, ' ')), 'latin1');
    const [verdict] = verify(bytes);
    expect(verdict).toMatchObject({ coverage: 'partial', modification: 'disallowed' });
    expect(problems(verdict)).toContainEqual([
      'NONSTANDARD_COVERAGE',
      'error',
      'Chữ ký không bao trọn một phiên bản của tài liệu; không xác định được phần đã ký / the signature does not cover a whole revision; what was signed cannot be determined',
    ]);
  });
});
