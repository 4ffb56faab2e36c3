import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  PdfDict,
  PdfName,
  PdfStream,
  PdfString,
  Pkcs12Signer,
  loadTrustAnchors,
  signPdf,
  verifyPdfSignatures,
  type ParsedCertificate,
  type PdfReader,
  type PdfRef,
  type SignatureVerdict,
} from '../../src/index.js';
import { docMdpPatches, fieldRef, signedWithPatches, update as updateIn, type Edit } from '../helpers/modification-files.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { makeTestIdentity } from '../helpers/test-pki.js';

/**
 * Form shapes the other modification tests do not have (issue 15, mutation testing of revision-changes.ts
 * `judgeKey`): an indirect /Fields array, an indirect page /Annots array, an empty signature field with a separate
 * widget, an empty signature field whose /V is `null`, and existing appearance streams rewritten. Each level is read
 * through the verdict of the same update on a P1 certification (lta only) and an approval signature (form filling).
 */
const tempDir = useTempDir('modification-form-shapes-');
let signer: Pkcs12Signer;
let anchors: ParsedCertificate[];
let approval: Buffer;
let p1: Buffer;

type Writer = Parameters<Edit>[1];

beforeAll(async () => {
  const identity = makeTestIdentity(tempDir(), 'rsa-2048', 'Đặng Thị Hoa');
  signer = Pkcs12Signer.fromFile(identity.p12, identity.password);
  anchors = await loadTrustAnchors([identity.rootPem]);
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  page.drawText('Noi dung da ky', { x: 100, y: 500, size: 14, font });
  const form = doc.getForm();
  form.createTextField('ho_ten').addToPage(page, { x: 72, y: 700, width: 200, height: 20 });
  form.createTextField('dia_chi').addToPage(page, { x: 72, y: 600, width: 200, height: 20 });
  const plain = Buffer.from(await doc.save({ useObjectStreams: false }));
  // Before signing: /Fields and the page's /Annots become indirect arrays; "Trong" is an empty signature field with
  // a separate widget; "Rong" an empty signature field (its own widget) whose /V is written as null.
  const shaped = updateIn(tempDir(), plain, (reader, writer) => {
    const page = reader.pages()[0]!;
    const trong = writer.add(PdfDict.of({ FT: new PdfName('Sig'), T: PdfString.fromLatin1('Trong') }));
    const trongWidget = writer.add(
      PdfDict.of({ Type: new PdfName('Annot'), Subtype: new PdfName('Widget'), Parent: trong, Rect: [0, 0, 0, 0], F: 132, P: page.ref }),
    );
    writer.set(trong, PdfDict.of({ FT: new PdfName('Sig'), T: PdfString.fromLatin1('Trong'), Kids: [trongWidget] }));
    const rong = writer.add(
      PdfDict.of({ Type: new PdfName('Annot'), Subtype: new PdfName('Widget'), FT: new PdfName('Sig'), T: PdfString.fromLatin1('Rong'), V: null, Rect: [0, 0, 0, 0], F: 132, P: page.ref }),
    );
    const annots = reader.resolve(page.dict.get('Annots')) as PdfRef[];
    writer.set(page.ref, page.dict.clone().set('Annots', writer.add([...annots, trongWidget, rong])));
    const acroFormRef = reader.catalog.get('AcroForm') as PdfRef;
    const acroForm = reader.resolveDict(acroFormRef)!;
    const fields = reader.resolve(acroForm.get('Fields')) as PdfRef[];
    writer.set(acroFormRef, acroForm.clone().set('Fields', writer.add([...fields, trong, rong])));
  });
  const input = path.join(tempDir(), 'shaped.pdf');
  writeFileSync(input, shaped);
  await signPdf({ input, output: path.join(tempDir(), 'approval.pdf'), signer, fieldName: 'ChuKy1' });
  approval = readFileSync(path.join(tempDir(), 'approval.pdf'));
  p1 = await signedWithPatches(input, signer, 'ChungNhan', ['khong_co'], docMdpPatches(1));
});

const update = (bytes: Uint8Array, edit: Edit): Buffer => updateIn(tempDir(), bytes, edit);
const verify = (bytes: Uint8Array): readonly SignatureVerdict[] => verifyPdfSignatures(bytes, { trustAnchors: anchors }).signatures;

/** The level the update made by `edit` counts as: lta when P1 allows it, formFill when only the approval does. */
function levelOf(edit: Edit): string {
  if (verify(update(p1, edit))[0]?.modification === 'allowed') return 'lta';
  if (verify(update(approval, edit))[0]?.modification === 'allowed') return 'formFill';
  return 'other';
}

const fieldsArray = (reader: PdfReader) => reader.acroForm!.get('Fields') as PdfRef;
const annotsArray = (reader: PdfReader) => reader.pages()[0]!.dict.get('Annots') as PdfRef;
const listOf = (reader: PdfReader, ref: PdfRef) => reader.resolve(ref) as PdfRef[];
const newSignatureField = (writer: Writer, name: string) => writer.add(PdfDict.of({ FT: new PdfName('Sig'), T: PdfString.fromLatin1(name) }));
/** Sets `key` of the dictionary `ref(reader)`. */
const setKey =
  (ref: (reader: PdfReader) => PdfRef, key: string, value: (reader: PdfReader, writer: Writer) => Parameters<PdfDict['set']>[1]): Edit =>
  (reader, writer) => {
    const target = ref(reader);
    writer.set(target, reader.resolveDict(target)!.clone().set(key, value(reader, writer)));
  };
const trongField = (reader: PdfReader) => fieldRef(reader, 'Trong');
const trongWidget = (reader: PdfReader) => (reader.resolve(reader.resolveDict(trongField(reader))!.get('Kids')) as PdfRef[])[0]!;
const textWidget = (reader: PdfReader, name: string) => (reader.resolve(reader.resolveDict(fieldRef(reader, name))!.get('Kids')) as PdfRef[])[0]!;
/** The normal appearance stream of the text field `name`'s widget. */
const appearanceOf = (reader: PdfReader, name: string) => reader.resolveDict(reader.resolveDict(textWidget(reader, name))!.get('AP'))!.get('N') as PdfRef;

describe('an indirect /Fields array', () => {
  it('a second signature by our signer (it appends to the indirect /Fields and /Annots arrays): the first one still allowed', async () => {
    const input = path.join(tempDir(), 'second-input.pdf');
    writeFileSync(input, approval);
    await signPdf({ input, output: path.join(tempDir(), 'second.pdf'), signer, fieldName: 'ChuKy2' });
    const verdicts = verify(readFileSync(path.join(tempDir(), 'second.pdf')));
    expect(verdicts.map((v) => [v.field, v.valid, v.modification])).toEqual([
      ['ChuKy1', true, 'allowed'],
      ['ChuKy2', true, 'none'],
    ]);
  });

  it('a new empty signature field appended to it: lta; with a new signature value: form filling', () => {
    expect(levelOf((reader, writer) => writer.set(fieldsArray(reader), [...listOf(reader, fieldsArray(reader)), newSignatureField(writer, 'Moi')]))).toBe('lta');
    const withValue: Edit = (reader, writer) => {
      const field = writer.add(PdfDict.of({ FT: new PdfName('Sig'), T: PdfString.fromLatin1('Moi'), V: writer.add(PdfDict.of({ Type: new PdfName('Sig') })) }));
      writer.set(fieldsArray(reader), [...listOf(reader, fieldsArray(reader)), field]);
    };
    expect(levelOf(withValue)).toBe('formFill');
  });

  it('a field dropped from it, or a new text field added: refused', () => {
    expect(levelOf((reader, writer) => writer.set(fieldsArray(reader), listOf(reader, fieldsArray(reader)).slice(1)))).toBe('other');
    const text: Edit = (reader, writer) =>
      writer.set(fieldsArray(reader), [...listOf(reader, fieldsArray(reader)), writer.add(PdfDict.of({ FT: new PdfName('Tx'), T: PdfString.fromLatin1('Moi') }))]);
    expect(levelOf(text)).toBe('other');
  });
});

describe('an indirect page /Annots array', () => {
  it('a new signature widget appended: lta; a new square: more than form filling; an annotation removed: refused', () => {
    const sigWidget: Edit = (reader, writer) => {
      const widget = writer.add(
        PdfDict.of({ Type: new PdfName('Annot'), Subtype: new PdfName('Widget'), FT: new PdfName('Sig'), T: PdfString.fromLatin1('Sau'), Rect: [0, 0, 0, 0], P: reader.pages()[0]!.ref }),
      );
      writer.set(annotsArray(reader), [...listOf(reader, annotsArray(reader)), widget]);
      writer.set(fieldsArray(reader), [...listOf(reader, fieldsArray(reader)), widget]);
    };
    expect(levelOf(sigWidget)).toBe('lta');
    const square: Edit = (reader, writer) =>
      writer.set(annotsArray(reader), [...listOf(reader, annotsArray(reader)), writer.add(PdfDict.of({ Type: new PdfName('Annot'), Subtype: new PdfName('Square'), Rect: [1, 1, 9, 9] }))]);
    expect(levelOf(square)).toBe('other');
    expect(levelOf((reader, writer) => writer.set(annotsArray(reader), listOf(reader, annotsArray(reader)).slice(1)))).toBe('other');
  });
});

describe('an empty signature field with a separate widget', () => {
  it('the print flag /F on the field or on its widget: form filling; /TU on the field or /Rect on the widget: refused', () => {
    expect(levelOf(setKey(trongField, 'F', () => 4))).toBe('formFill');
    expect(levelOf(setKey(trongWidget, 'F', () => 4))).toBe('formFill');
    expect(levelOf(setKey(trongField, 'TU', () => PdfString.fromLatin1('x')))).toBe('other');
    expect(levelOf(setKey(trongWidget, 'Rect', () => [0, 0, 1, 1]))).toBe('other');
  });

  it('the print flag of a text field widget stays refused', () => {
    expect(levelOf(setKey((reader) => textWidget(reader, 'ho_ten'), 'F', () => 6))).toBe('other');
  });
});

describe('an empty signature field whose /V is null', () => {
  it('given a new signature value: form filling, as for a field with no /V', () => {
    expect(levelOf(setKey((reader) => fieldRef(reader, 'Rong'), 'V', (reader, writer) => writer.add(PdfDict.of({ Type: new PdfName('Sig') }))))).toBe('formFill');
  });

  it('given a new object that is no dictionary: still judged, not thrown', () => {
    expect(levelOf(setKey((reader) => fieldRef(reader, 'Rong'), 'V', (reader, writer) => writer.add(5)))).toBe('formFill');
  });
});

describe('an existing appearance stream rewritten', () => {
  const rewrite =
    (name: string, change: (stream: PdfStream, reader: PdfReader, writer: Writer) => PdfStream): Edit =>
    (reader, writer) => {
      const ref = appearanceOf(reader, name);
      writer.set(ref, change(reader.getObject(ref) as PdfStream, reader, writer));
    };
  const newBytes = (stream: PdfStream) => {
    const data = Buffer.from('/Tx BMC q BT /Helv 12 Tf 2 6 Td (Da sua) Tj ET Q EMC');
    const flate = stream.dict.getName('Filter') === 'FlateDecode';
    return new PdfStream(stream.dict.clone(), flate ? deflateSync(data) : data);
  };

  it('its bytes: form filling', () => {
    expect(levelOf(rewrite('ho_ten', newBytes))).toBe('formFill');
  });

  it('a key set to a new object: form filling; to an object that existed before: refused', () => {
    const withKey = (value: (reader: PdfReader, writer: Writer) => PdfRef) =>
      rewrite('ho_ten', (stream, reader, writer) => new PdfStream(stream.dict.clone().set('Resources', value(reader, writer)), stream.raw));
    expect(levelOf(withKey((reader, writer) => writer.add(PdfDict.of({}))))).toBe('formFill');
    expect(levelOf(withKey((reader) => reader.trailer.get('Info') as PdfRef))).toBe('other');
  });

  it('a key with an empty name (`/`) set to an object that existed before: refused like any other key', () => {
    const emptyKey = rewrite('ho_ten', (stream, reader) => new PdfStream(stream.dict.clone().set('', reader.trailer.get('Info') as PdfRef), stream.raw));
    expect(levelOf(emptyKey)).toBe('other');
  });
});

describe('keys that only look like form keys', () => {
  it('a catalog key other than /AcroForm naming a dictionary with an empty /Fields: refused', () => {
    expect(levelOf(setKey((reader) => reader.catalogRef, 'Names', (reader, writer) => writer.add(PdfDict.of({ Fields: [] }))))).toBe('other');
  });

  it('a page key other than /Annots set to an empty array: refused', () => {
    expect(levelOf(setKey((reader) => reader.pages()[0]!.ref, 'B', () => []))).toBe('other');
  });
});
