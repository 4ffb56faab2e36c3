import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { PdfDict, PdfName, Pkcs12Signer, loadTrustAnchors, verifyPdfSignatures, type ParsedCertificate, type PdfRef, type SignatureVerdict } from '../../src/index.js';
import { docMdpPatches, fill, signedWithPatches, update as updateIn, type Edit } from '../helpers/modification-files.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { makeTestIdentity } from '../helpers/test-pki.js';

/**
 * How a signature's permissions are read (issue 15, mutation testing of verify/modifications): the DocMDP /P value
 * and its default, FieldMDP's Include / Exclude / All with field-name prefixes, a field's /Lock on its own, and the
 * catalog's /Perms /DocMDP. Each file is our signer's revision with its dictionary text changed (same length) before
 * it is signed; each later change is an incremental update by the package's writer, checked by qpdf.
 */
const tempDir = useTempDir('modification-permissions-exact-');
let signer: Pkcs12Signer;
let anchors: ParsedCertificate[];
let form: string;

beforeAll(async () => {
  const identity = makeTestIdentity(tempDir(), 'rsa-2048', 'Đỗ Thị Hoa');
  signer = Pkcs12Signer.fromFile(identity.p12, identity.password);
  anchors = await loadTrustAnchors([identity.rootPem]);
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const fields = doc.getForm();
  fields.createTextField('ho_ten').addToPage(page, { x: 72, y: 700, width: 200, height: 20 });
  fields.createTextField('so_tien').addToPage(page, { x: 72, y: 650, width: 200, height: 20 });
  fields.createTextField('so_tien_chu').addToPage(page, { x: 72, y: 600, width: 200, height: 20 });
  form = path.join(tempDir(), 'form.pdf');
  writeFileSync(form, await doc.save({ useObjectStreams: false }));
});

const update = (bytes: Uint8Array, edit: Edit): Buffer => updateIn(tempDir(), bytes, edit);
const verify = (bytes: Uint8Array): readonly SignatureVerdict[] => verifyPdfSignatures(bytes, { trustAnchors: anchors }).signatures;
const codes = (bytes: Uint8Array): string[] => (verify(bytes)[0]?.problems ?? []).map((p) => p.code);

/** The field's own /Lock made inert (renamed), so only the signature's /Reference locks. */
const NO_FIELD_LOCK = ['/Lock <</Type /SigFieldLock', '/Xock <</Type /SigFieldLock'] as const;
/** The signature's /Reference made inert (an unknown transform), so only the field's /Lock locks. */
const NO_REFERENCE = ['/TransformMethod /FieldMDP', '/TransformMethod /Identity'] as const;
const REFERENCE_ACTION = '/Type /TransformParams/Action /Include';
const LOCK_ACTION = '/Type /SigFieldLock/Action /Include';

describe('DocMDP /P', () => {
  it.each([
    ['/P 1', 1],
    ['/P 3', 3],
    ['/P 2', 2],
    ['/P 7', 2],
    ['/P /1', 2],
    ['/Q 1', 2],
  ] as const)('%s → P%i (ISO 32000: anything but 1 or 3 is the default 2)', async (written, level) => {
    const bytes = await signedWithPatches(form, signer, 'ChungNhan', ['khong_co'], [
      docMdpPatches(2)[0]!,
      [REFERENCE_ACTION, `/Type /TransformParams/${written.slice(1)}${' '.repeat(16 - written.length)}`],
    ]);
    const [verdict] = verify(bytes);
    expect(verdict).toMatchObject({ field: 'ChungNhan', docMdp: level, intact: true, valid: true, trusted: true, modification: 'none' });
  });

  it('DocMDP without /TransformParams is P2', async () => {
    const bytes = await signedWithPatches(form, signer, 'ChungNhan', ['khong_co'], [
      docMdpPatches(2)[0]!,
      ['/TransformParams <</Type /TransformParams', '/TransformXxxxxx <</Type /TransformParams'],
    ]);
    expect(verify(bytes)[0]).toMatchObject({ docMdp: 2, valid: true, modification: 'none' });
  });

  it('a /Reference that is not an array, or holds no dictionary, declares nothing', async () => {
    const notArray = await signedWithPatches(form, signer, 'ChungNhan', ['khong_co'], [
      ...docMdpPatches(1),
      ['/Reference [<<', '/Reference  <<'],
      ['/SHA256>>]>>', '/SHA256>> >>'],
    ]);
    expect(verify(notArray)[0]).toMatchObject({ docMdp: null, valid: true });
    const noDict = await signedWithPatches(form, signer, 'ChungNhan', ['khong_co'], [
      ...docMdpPatches(1),
      ['[<</Type /SigRef', '[0 <</Type/SigRe'],
    ]);
    // An item that is no dictionary is skipped; the DocMDP dictionary after it still counts.
    expect(verify(noDict)[0]).toMatchObject({ docMdp: 1, valid: true });
  });
});

describe('FieldMDP and /Lock: which fields are locked', () => {
  const locked = async (action: string, fields: readonly string[], patches: readonly (readonly [string, string])[] = [NO_FIELD_LOCK]) =>
    signedWithPatches(form, signer, 'ChuKy1', fields, [...patches, [REFERENCE_ACTION, `/Type /TransformParams/Action ${action}`]]);
  const violates = (bytes: Uint8Array, field: string) => codes(update(bytes, fill(field, 'đã sửa'))).includes('FIELDMDP_VIOLATION');

  it('Include: the named field and no other; a name is not a prefix of a longer one (so_tien does not lock so_tien_chu)', async () => {
    const bytes = await locked('/Include', ['so_tien']);
    expect([violates(bytes, 'so_tien'), violates(bytes, 'so_tien_chu'), violates(bytes, 'ho_ten')]).toEqual([true, false, false]);
  });

  it('Exclude: every field but the named one', async () => {
    const bytes = await locked('/Exclude', ['so_tien']);
    expect([violates(bytes, 'so_tien'), violates(bytes, 'so_tien_chu'), violates(bytes, 'ho_ten')]).toEqual([false, true, true]);
  });

  it('All (or no /Action at all): every field', async () => {
    for (const action of ['/All    ', '/Xxxxxxx']) {
      const bytes = await locked(action, ['so_tien']);
      expect([action, violates(bytes, 'so_tien'), violates(bytes, 'ho_ten')]).toEqual([action, true, true]);
    }
    const noAction = await signedWithPatches(form, signer, 'ChuKy1', ['so_tien'], [NO_FIELD_LOCK, [REFERENCE_ACTION, '/Type /TransformParams/Xction /Include']]);
    expect(violates(noAction, 'ho_ten')).toBe(true);
  });

  it('a FieldMDP reference without /TransformParams locks nothing', async () => {
    const bytes = await signedWithPatches(form, signer, 'ChuKy1', ['so_tien'], [
      NO_FIELD_LOCK,
      ['/TransformParams <</Type /TransformParams', '/TransformXxxxxx <</Type /TransformParams'],
    ]);
    expect(violates(bytes, 'so_tien')).toBe(false);
  });

  it('the field /Lock alone locks, with its own /Action', async () => {
    const include = await signedWithPatches(form, signer, 'ChuKy1', ['so_tien'], [NO_REFERENCE]);
    expect([violates(include, 'so_tien'), violates(include, 'ho_ten')]).toEqual([true, false]);
    const exclude = await signedWithPatches(form, signer, 'ChuKy1', ['so_tien'], [NO_REFERENCE, [LOCK_ACTION, '/Type /SigFieldLock/Action /Exclude']]);
    expect([violates(exclude, 'so_tien'), violates(exclude, 'ho_ten')]).toEqual([false, true]);
    const neither = await signedWithPatches(form, signer, 'ChuKy1', ['so_tien'], [NO_REFERENCE, NO_FIELD_LOCK]);
    expect(violates(neither, 'so_tien')).toBe(false);
  });

  it('a locked parent name locks its children (so_tien locks so_tien.chu), not a sibling that only starts alike', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([595, 842]);
    doc.getForm().createTextField('so_tien.chu').addToPage(page, { x: 72, y: 650, width: 200, height: 20 });
    doc.getForm().createTextField('so_tienx').addToPage(page, { x: 72, y: 600, width: 200, height: 20 });
    const nested = path.join(tempDir(), 'nested.pdf');
    writeFileSync(nested, await doc.save({ useObjectStreams: false }));
    const bytes = await signedWithPatches(nested, signer, 'ChuKy1', ['so_tien'], [NO_FIELD_LOCK]);
    // The value of the child so_tien.chu (a kid of so_tien), and of so_tienx.
    const child: Edit = (reader, writer) => {
      for (const field of reader.resolve(reader.acroForm?.get('Fields')) as PdfRef[]) {
        const parent = reader.resolveDict(field);
        const kids = reader.resolve(parent?.get('Kids'));
        if (!Array.isArray(kids) || !parent?.get('T')) continue;
        const kid = kids[0] as Parameters<typeof writer.set>[0];
        const dict = reader.resolveDict(kid);
        if (dict?.get('T')) writer.set(kid, dict.clone().set('V', new PdfName('X')));
      }
    };
    const [verdict] = verify(update(bytes, child));
    expect(verdict?.problems.map((p) => p.code)).toContain('FIELDMDP_VIOLATION');
    expect(verdict?.problems.find((p) => p.code === 'FIELDMDP_VIOLATION')?.message).toMatch(/^Trường "so_tien\.chu" bị khoá/);
    expect(violates(bytes, 'so_tienx')).toBe(false);
  });
});

describe('/Perms /DocMDP', () => {
  it('a catalog /Perms /DocMDP naming another dictionary: a warning on the certification', async () => {
    const certified = await signedWithPatches(form, signer, 'ChungNhan', ['khong_co'], docMdpPatches(2));
    const perms: Edit = (reader, writer) => {
      const other = writer.add(PdfDict.of({ Type: new PdfName('Sig') }));
      writer.set(reader.catalogRef, reader.catalog.clone().set('Perms', PdfDict.of({ DocMDP: other })));
    };
    const [verdict] = verify(update(certified, perms));
    expect(verdict?.problems.map((p) => [p.code, p.severity, p.message])).toContainEqual([
      'DOCMDP_VIOLATION',
      'warning',
      '/Perms /DocMDP không trỏ tới chữ ký này / /Perms /DocMDP does not name this signature',
    ]);
    expect(verify(certified)[0]?.problems).toEqual([]);
  });
});
