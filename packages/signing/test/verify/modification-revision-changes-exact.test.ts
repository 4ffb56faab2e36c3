import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  PdfDict,
  PdfName,
  PdfReader,
  PdfRef,
  PdfStream,
  PdfString,
  Pkcs12Signer,
  loadTrustAnchors,
  signPdf,
  verifyPdfSignatures,
  type ParsedCertificate,
  type SignatureVerdict,
} from '../../src/index.js';
import { docMdpPatches, fieldRef, fill, signedWithPatches, update as updateIn, type Edit } from '../helpers/modification-files.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { makeTestIdentity } from '../helpers/test-pki.js';
import { appendRevision } from '../helpers/verify-tamper.js';

/**
 * What each kind of change after a signature counts as (issue 15, mutation testing of verify/modifications): the
 * level of every object and key the analysis knows (lta < formFill < annotation < other), read back through the
 * verdict of the same update on three files: a P1 certification allows only lta, an approval signature up to
 * formFill, a P3 certification up to annotation. Refused changes are checked word for word.
 */
const tempDir = useTempDir('modification-revision-changes-exact-');
let signer: Pkcs12Signer;
let anchors: ParsedCertificate[];
let approval: Buffer;
let p1: Buffer;
let p3: Buffer;

beforeAll(async () => {
  const identity = makeTestIdentity(tempDir(), 'rsa-2048', 'Vũ Văn Khánh');
  signer = Pkcs12Signer.fromFile(identity.p12, identity.password);
  anchors = await loadTrustAnchors([identity.rootPem]);
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  page.drawText('Noi dung da ky', { x: 100, y: 500, size: 14, font });
  doc.setTitle('Công văn');
  const fields = doc.getForm();
  fields.createTextField('ho_ten').addToPage(page, { x: 72, y: 700, width: 200, height: 20 });
  fields.createCheckBox('dong_y').addToPage(page, { x: 72, y: 650, width: 20, height: 20 });
  const form = path.join(tempDir(), 'form.pdf');
  writeFileSync(form, await doc.save({ useObjectStreams: false }));
  await signPdf({ input: form, output: path.join(tempDir(), 'approval.pdf'), signer, fieldName: 'ChuKy1' });
  approval = readFileSync(path.join(tempDir(), 'approval.pdf'));
  p1 = await signedWithPatches(form, signer, 'ChungNhan', ['khong_co'], docMdpPatches(1));
  p3 = await signedWithPatches(form, signer, 'ChungNhan', ['khong_co'], docMdpPatches(3));
});

const update = (bytes: Uint8Array, edit: Edit): Buffer => updateIn(tempDir(), bytes, edit);
const verify = (bytes: Uint8Array): readonly SignatureVerdict[] => verifyPdfSignatures(bytes, { trustAnchors: anchors }).signatures;

/** The level the update made by `edit` counts as, read through the three files' verdicts. */
function levelOf(edit: Edit): string {
  if (verify(update(p1, edit))[0]?.modification === 'allowed') return 'lta';
  if (verify(update(approval, edit))[0]?.modification === 'allowed') return 'formFill';
  if (verify(update(p3, edit))[0]?.modification === 'allowed') return 'annotation';
  return 'other';
}

/** The refusal list of the approval signature after `edit` (the part before " / the document was changed…"). */
function refused(edit: Edit, bytes: Buffer = approval): string {
  const problem = verify(update(bytes, edit))[0]?.problems.find((p) => p.code === 'MODIFIED_DISALLOWED');
  const prefix = 'Tài liệu bị sửa đổi không được phép sau khi ký: ';
  const suffix = ' / the document was changed after signing in ways that are not permitted (see the Vietnamese list)';
  expect(problem?.message.startsWith(prefix) && problem.message.endsWith(suffix)).toBe(true);
  return problem!.message.slice(prefix.length, -suffix.length);
}

const keyRefused = (key: string, num: number, roles: string, revision = 3) =>
  `[${revision}] Khoá /${key} của đối tượng ${num} (${roles}) bị thay đổi sau khi ký / /${key} of object ${num} (${roles}) was changed after signing`;

function numbers(bytes: Uint8Array) {
  const reader = PdfReader.open(bytes);
  try {
    const acroForm = reader.catalog.get('AcroForm') as PdfRef;
    const page = reader.pages()[0]!;
    const annots = reader.resolve(page.dict.get('Annots')) as PdfRef[];
    const field = fieldRef(reader, 'ho_ten');
    const widget = (reader.resolve(reader.resolveDict(field)!.get('Kids')) as PdfRef[] | undefined)?.[0];
    const info = reader.trailer.get('Info') as PdfRef;
    return { catalog: reader.catalogRef.num, acroForm: acroForm.num, page: page.ref.num, field: field.num, widget: widget?.num, info: info.num, annots };
  } finally {
    reader.close();
  }
}

/** Sets `key` of the object `ref(reader)` (a dictionary or a stream's dictionary). */
const setKey =
  (ref: (reader: PdfReader) => PdfRef, key: string, value: (reader: PdfReader, writer: Parameters<Edit>[1]) => Parameters<PdfDict['set']>[1]): Edit =>
  (reader, writer) => {
    const target = ref(reader);
    const current = reader.getObject(target);
    const v = value(reader, writer);
    if (current instanceof PdfStream) writer.set(target, new PdfStream(current.dict.clone().set(key, v), current.raw));
    else writer.set(target, (current as PdfDict).clone().set(key, v));
  };
const catalog = (reader: PdfReader) => reader.catalogRef;
const acroForm = (reader: PdfReader) => reader.catalog.get('AcroForm') as PdfRef;
const textField = (reader: PdfReader) => fieldRef(reader, 'ho_ten');
const textWidget = (reader: PdfReader) => (reader.resolve(reader.resolveDict(textField(reader))!.get('Kids')) as PdfRef[])[0]!;
const signatureField = (reader: PdfReader) => {
  const fields = reader.resolve(reader.acroForm?.get('Fields')) as PdfRef[];
  return fields.find((ref) => reader.resolveDict(ref)?.getName('FT') === 'Sig')!;
};
const newObject = (reader: PdfReader, writer: Parameters<Edit>[1]) => writer.add(PdfDict.of({ Type: new PdfName('Test') }));
const existingObject = (reader: PdfReader) => reader.trailer.get('Info') as PdfRef;

describe('the catalog', () => {
  it('/DSS new: lta; the same /DSS reference kept while the DSS changes: lta; a /DSS that is an older object: refused', () => {
    const addDss: Edit = (reader, writer) => {
      const dss = writer.add(PdfDict.of({ Type: new PdfName('DSS'), Certs: [] }));
      writer.set(reader.catalogRef, reader.catalog.clone().set('DSS', dss));
    };
    expect(levelOf(addDss)).toBe('lta');
    const withDss = update(p1, addDss);
    // A later update changes only the DSS object (the catalog keeps its reference): still lta under P1.
    const changeDss: Edit = (reader, writer) => {
      const ref = reader.catalog.get('DSS') as PdfRef;
      writer.set(ref, reader.resolveDict(ref)!.clone().set('CRLs', []));
    };
    expect(verify(update(withDss, changeDss))[0]?.modification).toBe('allowed');
    const sameRef: Edit = (reader, writer) => writer.set(reader.catalogRef, reader.catalog.clone().set('DSS', reader.catalog.get('DSS')!).set('Lang', PdfString.fromLatin1('vi')));
    expect(verify(update(withDss, sameRef))[0]?.problems.map((p) => p.code)).toEqual(['MODIFIED_DISALLOWED']);
    expect(levelOf(setKey(catalog, 'DSS', existingObject))).toBe('other');
    expect(refused(setKey(catalog, 'DSS', existingObject))).toBe(keyRefused('DSS', numbers(approval).catalog, 'catalog'));
  });

  it('/Extensions: lta whatever it holds; /Metadata new: form filling, an older object: refused; any other key: refused', () => {
    expect(levelOf(setKey(catalog, 'Extensions', existingObject))).toBe('lta');
    expect(levelOf(setKey(catalog, 'Metadata', newObject))).toBe('formFill');
    expect(levelOf(setKey(catalog, 'Metadata', existingObject))).toBe('other');
    expect(refused(setKey(catalog, 'OpenAction', newObject))).toBe(keyRefused('OpenAction', numbers(approval).catalog, 'catalog'));
  });

  it('/AcroForm replaced by a new dictionary: with every old field it is lta; with one dropped, refused; removed, refused', () => {
    const replace = (keep: (fields: PdfRef[]) => PdfRef[]): Edit => (reader, writer) => {
      const old = reader.resolveDict(reader.catalog.get('AcroForm'))!;
      const fields = reader.resolve(old.get('Fields')) as PdfRef[];
      const form = writer.add(old.clone().set('Fields', keep(fields)));
      writer.set(reader.catalogRef, reader.catalog.clone().set('AcroForm', form));
    };
    expect(levelOf(replace((fields) => fields))).toBe('lta');
    expect(levelOf(replace((fields) => fields.slice(1)))).toBe('other');
    const remove: Edit = (reader, writer) => {
      const next = reader.catalog.clone();
      next.entries.delete('AcroForm');
      writer.set(reader.catalogRef, next);
    };
    expect(refused(remove)).toBe(keyRefused('AcroForm', numbers(approval).catalog, 'catalog'));
  });
});

describe('the AcroForm and its field list', () => {
  it('/DA, /DR, /SigFlags: form filling; /NeedAppearances: refused', () => {
    expect(levelOf(setKey(acroForm, 'DA', () => PdfString.fromLatin1('/Helv 0 Tf 0 g')))).toBe('formFill');
    expect(levelOf(setKey(acroForm, 'DR', newObject))).toBe('formFill');
    expect(levelOf(setKey(acroForm, 'SigFlags', () => 1))).toBe('formFill');
    expect(refused(setKey(acroForm, 'NeedAppearances', () => true))).toBe(keyRefused('NeedAppearances', numbers(approval).acroForm, 'acroForm'));
  });

  const addField = (dict: (reader: PdfReader, writer: Parameters<Edit>[1]) => PdfDict | PdfRef): Edit => (reader, writer) => {
    const form = acroForm(reader);
    const old = reader.resolveDict(form)!;
    const made = dict(reader, writer);
    const ref = made instanceof PdfRef ? made : writer.add(made);
    writer.set(form, old.clone().set('Fields', [...(reader.resolve(old.get('Fields')) as PdfRef[]), ref]));
  };

  it('a new empty signature field: lta; with a new signature value: form filling; with a new document timestamp: lta', () => {
    expect(levelOf(addField(() => PdfDict.of({ FT: new PdfName('Sig'), T: PdfString.fromLatin1('Trong') })))).toBe('lta');
    const withValue = (type: string) => addField((reader, writer) =>
      PdfDict.of({ FT: new PdfName('Sig'), T: PdfString.fromLatin1('Moi'), V: writer.add(PdfDict.of({ Type: new PdfName(type) })) }),
    );
    expect(levelOf(withValue('Sig'))).toBe('formFill');
    expect(levelOf(withValue('DocTimeStamp'))).toBe('lta');
  });

  it('refused: a new text field, a new field showing an older signature value, an older object as a field, a field dropped', () => {
    const n = numbers(approval);
    const fieldsRefused = `[3] Khoá /Fields của đối tượng ${n.acroForm} (acroForm) bị thay đổi sau khi ký / /Fields of object ${n.acroForm} (acroForm) was changed after signing`;
    expect(refused(addField(() => PdfDict.of({ FT: new PdfName('Tx'), T: PdfString.fromLatin1('Moi') })))).toBe(fieldsRefused);
    const reused = addField((reader) => {
      const value = reader.resolveDict(signatureField(reader))!.get('V');
      return PdfDict.of({ FT: new PdfName('Sig'), T: PdfString.fromLatin1('Lai'), V: value! });
    });
    expect(refused(reused)).toBe(fieldsRefused);
    expect(refused(addField((reader) => reader.trailer.get('Info') as PdfRef))).toBe(fieldsRefused);
    const drop: Edit = (reader, writer) => {
      const old = reader.resolveDict(acroForm(reader))!;
      writer.set(acroForm(reader), old.clone().set('Fields', (reader.resolve(old.get('Fields')) as PdfRef[]).slice(1)));
    };
    expect(refused(drop)).toBe(fieldsRefused);
    expect(refused(setKey(acroForm, 'Fields', () => 5))).toBe(fieldsRefused);
  });
});

describe('fields and widgets', () => {
  it('a text field: /V as text form filling, /V naming an older object refused; /AS, /MK form filling; /F and /Ff refused', () => {
    expect(levelOf(fill('ho_ten', 'An'))).toBe('formFill');
    const n = numbers(approval);
    expect(refused(setKey(textField, 'V', existingObject))).toBe(keyRefused('V', n.field, 'field'));
    expect(levelOf(setKey(textField, 'AS', () => new PdfName('Off')))).toBe('formFill');
    expect(levelOf(setKey(textField, 'MK', newObject))).toBe('formFill');
    expect(refused(setKey(textField, 'F', () => 6))).toBe(keyRefused('F', n.field, 'field'));
    expect(refused(setKey(textField, 'Ff', () => 1))).toBe(keyRefused('Ff', n.field, 'field'));
  });

  it('a text field /AP: new streams form filling, an older object refused', () => {
    const newAp = setKey(textField, 'AP', (reader, writer) => PdfDict.of({ N: writer.add(new PdfStream(PdfDict.of({ Subtype: new PdfName('Form'), BBox: [0, 0, 1, 1] }), Buffer.from(''))) }));
    expect(levelOf(newAp)).toBe('formFill');
    expect(refused(setKey(textField, 'AP', (reader) => PdfDict.of({ N: existingObject(reader) })))).toBe(keyRefused('AP', numbers(approval).field, 'field'));
  });

  it("its widget: /AS, /MK form filling, /AP new form filling or older refused, /F and /Rect refused", () => {
    const n = numbers(approval);
    expect(levelOf(setKey(textWidget, 'AS', () => new PdfName('Off')))).toBe('formFill');
    expect(levelOf(setKey(textWidget, 'MK', newObject))).toBe('formFill');
    expect(levelOf(setKey(textWidget, 'AP', (reader, writer) => PdfDict.of({ N: newObject(reader, writer) })))).toBe('formFill');
    expect(refused(setKey(textWidget, 'AP', (reader) => PdfDict.of({ N: existingObject(reader) })))).toBe(keyRefused('AP', n.widget!, 'widget'));
    expect(refused(setKey(textWidget, 'F', () => 6))).toBe(keyRefused('F', n.widget!, 'widget'));
    expect(refused(setKey(textWidget, 'Rect', () => [0, 0, 9, 9]))).toBe(keyRefused('Rect', n.widget!, 'widget'));
  });

  it('the signed signature field: /F (the print flag) form filling', () => {
    expect(levelOf(setKey(signatureField, 'F', () => 6))).toBe('formFill');
  });
});

describe('pages, annotations, the document information', () => {
  it('a page /Annots: a new annotation is annotation level; one removed or an older object added is refused', () => {
    const n = numbers(approval);
    const withAnnots = (items: (reader: PdfReader, writer: Parameters<Edit>[1], old: PdfRef[]) => unknown[]): Edit => (reader, writer) => {
      const page = reader.pages()[0]!;
      writer.set(page.ref, page.dict.clone().set('Annots', items(reader, writer, reader.resolve(page.dict.get('Annots')) as PdfRef[]) as PdfRef[]));
    };
    const square = withAnnots((reader, writer, old) => [...old, writer.add(PdfDict.of({ Type: new PdfName('Annot'), Subtype: new PdfName('Square'), Rect: [1, 1, 9, 9] }))]);
    expect(levelOf(square)).toBe('annotation');
    const annotsRefused = keyRefused('Annots', n.page, 'page');
    expect(refused(withAnnots((reader, writer, old) => old.slice(1)))).toBe(annotsRefused);
    expect(refused(withAnnots((reader, writer, old) => [...old, reader.trailer.get('Info')]))).toBe(annotsRefused);
    expect(refused(withAnnots((reader, writer, old) => [...old, 7]))).toBe(annotsRefused);
    expect(refused(setKey((reader) => reader.pages()[0]!.ref, 'Annots', () => 7))).toBe(annotsRefused);
  });

  it('a new invisible signature widget on the page with a new field: lta (P1 allows a later empty signature field)', () => {
    const sigWidget: Edit = (reader, writer) => {
      const page = reader.pages()[0]!;
      const widget = writer.add(PdfDict.of({ Type: new PdfName('Annot'), Subtype: new PdfName('Widget'), FT: new PdfName('Sig'), T: PdfString.fromLatin1('Sau'), Rect: [0, 0, 0, 0], P: page.ref }));
      writer.set(page.ref, page.dict.clone().set('Annots', [...(reader.resolve(page.dict.get('Annots')) as PdfRef[]), widget]));
      const old = reader.resolveDict(acroForm(reader))!;
      writer.set(acroForm(reader), old.clone().set('Fields', [...(reader.resolve(old.get('Fields')) as PdfRef[]), widget]));
    };
    expect(levelOf(sigWidget)).toBe('lta');
  });

  it('the /Info dictionary changed: form filling', () => {
    expect(levelOf(setKey(existingObject, 'Title', () => PdfString.fromText('Đã sửa')))).toBe('formFill');
  });
});

describe('objects the update redefines, deletes or points at wrongly', () => {
  it('a font (an object with no role) changed: refused as content', () => {
    const reader = PdfReader.open(approval);
    const fonts = reader.resolveDict(reader.resolveDict(reader.pages()[0]!.dict.get('Resources'))!.get('Font'))!;
    const font = [...fonts.entries.values()][0] as PdfRef;
    reader.close();
    const edit = setKey(() => font, 'BaseFont', () => new PdfName('Courier'));
    expect(refused(edit)).toBe(
      `[3] Đối tượng ${font.num} (nội dung trang, tài nguyên, phông chữ…) bị thay đổi sau khi ký / object ${font.num} (page content, resources, fonts, …) was changed after signing`,
    );
  });

  it('a dictionary with a role turned into a number: refused as content', () => {
    const n = numbers(approval);
    const edit: Edit = (reader, writer) => writer.set(reader.trailer.get('Info') as PdfRef, 5);
    // qpdf only warns about an /Info that is no dictionary.
    const problem = verify(updateIn(tempDir(), approval, edit, false))[0]?.problems.find((p) => p.code === 'MODIFIED_DISALLOWED');
    expect(problem?.message).toBe(
      `Tài liệu bị sửa đổi không được phép sau khi ký: [3] Đối tượng ${n.info} (nội dung trang, tài nguyên, phông chữ…) bị thay đổi sau khi ký / object ${n.info} (page content, resources, fonts, …) was changed after signing / the document was changed after signing in ways that are not permitted (see the Vietnamese list)`,
    );
  });

  it('an object that cannot be read; an xref entry pointing at other bytes; an object deleted (a free entry)', () => {
    const n = numbers(approval);
    const broken = Buffer.from(appendRevision(approval, new Map([[n.info, '<< /Title (x']])));
    const brokenMessage = verify(broken)[0]?.problems.find((p) => p.code === 'MODIFIED_DISALLOWED')?.message ?? '';
    expect(brokenMessage).toContain(`[3] Không đọc được đối tượng ${n.info} / object ${n.info} is unreadable`);

    // The update's xref names object `info` at the offset of another object's header.
    const good = Buffer.from(appendRevision(approval, new Map([[n.info, '<< /Title (y) >>']])));
    const text = good.toString('latin1');
    const tail = text.lastIndexOf('\nxref\n') + 1;
    const entry = new RegExp(`${n.info} 1\\n(\\d{10}) 00000 n `).exec(text.slice(tail))!;
    const elsewhere = text.lastIndexOf(`${n.page} 0 obj`);
    const moved = Buffer.from(text.slice(0, tail) + text.slice(tail).replace(entry[0], `${n.info} 1\n${String(elsewhere).padStart(10, '0')} 00000 n `), 'latin1');
    const movedMessage = verify(moved)[0]?.problems.find((p) => p.code === 'MODIFIED_DISALLOWED')?.message ?? '';
    expect(movedMessage).toContain(
      `[3] Bảng xref của bản cập nhật trỏ đối tượng ${n.info} tới byte ${elsewhere}, nơi không có đối tượng đó / the update's xref points object ${n.info} at byte ${elsewhere}, where that object is not`,
    );

    const freed = Buffer.from(text.slice(0, tail) + text.slice(tail).replace(entry[0], `${n.info} 1\n0000000000 00001 f `), 'latin1');
    const freedMessage = verify(freed)[0]?.problems.find((p) => p.code === 'MODIFIED_DISALLOWED')?.message ?? '';
    expect(freedMessage).toContain(`[3] Đối tượng ${n.info} bị xoá sau khi ký / object ${n.info} was deleted after signing`);
  });

  it('an object referenced before signing but defined only after it: refused', async () => {
    const reader = PdfReader.open(approval);
    const size = reader.size;
    reader.close();
    const form = path.join(tempDir(), 'dangling.pdf');
    // Before signing: the catalog names object `size`, which does not exist yet.
    writeFileSync(form, updateIn(tempDir(), approval, (r, w) => w.set(r.catalogRef, r.catalog.clone().set('Threads', new PdfRef(size + 5, 0))), false));
    await signPdf({ input: form, output: path.join(tempDir(), 'dangling-signed.pdf'), signer, fieldName: 'ChuKy2' });
    const signed = readFileSync(path.join(tempDir(), 'dangling-signed.pdf'));
    const defined = Buffer.from(appendRevision(signed, new Map([[size + 5, '[]']])));
    const message = verify(defined)[1]?.problems.find((p) => p.code === 'MODIFIED_DISALLOWED')?.message ?? '';
    expect(message).toContain(`Đối tượng ${size + 5} đã được tham chiếu trước khi ký nhưng chỉ được định nghĩa sau khi ký / object ${size + 5} was referenced before signing but defined only afterwards`);
  });
});
