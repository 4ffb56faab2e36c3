import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PdfDict, PdfName, PdfString, Pkcs12Signer, loadTrustAnchors, signPdf, verifyPdfSignatures, type ParsedCertificate, type PdfReader, type PdfRef } from '../../src/index.js';
import { update, type Edit } from '../helpers/modification-files.js';
import { makeSamplePdf } from '../helpers/sample-pdfs.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { makeTestIdentity } from '../helpers/test-pki.js';

/**
 * An empty signature field that was already there when the document was signed (issue 15, mutation testing of
 * revision-changes.ts `judgeKey`): giving it a value later is form filling (a signature) or lta (a document
 * timestamp); pointing it at an older object, replacing its value, or moving it is refused; its print flag may change.
 */
const tempDir = useTempDir('modification-signature-fields-');
let anchors: ParsedCertificate[];
let signed: Buffer;

/** The empty field "Trong" (field and widget in one dictionary) on page 1, then ChuKy1 signed over it. */
beforeAll(async () => {
  const identity = makeTestIdentity(tempDir(), 'rsa-2048', 'Ngô Văn Phúc');
  const signer = Pkcs12Signer.fromFile(identity.p12, identity.password);
  anchors = await loadTrustAnchors([identity.rootPem]);
  const withField = update(tempDir(), Buffer.from(await makeSamplePdf()), (reader, writer) => {
    const page = reader.pages()[0]!;
    const field = writer.add(
      PdfDict.of({ Type: new PdfName('Annot'), Subtype: new PdfName('Widget'), FT: new PdfName('Sig'), T: PdfString.fromLatin1('Trong'), Rect: [0, 0, 0, 0], F: 132, P: page.ref }),
    );
    writer.set(page.ref, page.dict.clone().set('Annots', [field]));
    writer.set(reader.catalogRef, reader.catalog.clone().set('AcroForm', PdfDict.of({ Fields: [field], SigFlags: 3 })));
  });
  const input = path.join(tempDir(), 'with-field.pdf');
  writeFileSync(input, withField);
  await signPdf({ input, output: path.join(tempDir(), 'signed.pdf'), signer, fieldName: 'ChuKy1' });
  signed = readFileSync(path.join(tempDir(), 'signed.pdf'));
});

const emptyField = (reader: PdfReader): PdfRef => {
  const fields = reader.resolve(reader.resolveDict(reader.catalog.get('AcroForm'))?.get('Fields')) as PdfRef[];
  return fields.find((ref) => (reader.resolveDict(ref)?.get('T') as PdfString | undefined)?.toText() === 'Trong')!;
};
const setOnField = (key: string, value: (reader: PdfReader, writer: Parameters<Edit>[1]) => Parameters<PdfDict['set']>[1]): Edit => (reader, writer) => {
  const ref = emptyField(reader);
  writer.set(ref, reader.resolveDict(ref)!.clone().set(key, value(reader, writer)));
};
const verdictAfter = (edit: Edit, base: Buffer = signed) => {
  const first = verifyPdfSignatures(update(tempDir(), base, edit), { trustAnchors: anchors }).signatures.find((v) => v.field === 'ChuKy1');
  return { field: first?.field, modification: first?.modification, codes: (first?.problems ?? []).map((p) => p.code) };
};
const sigValue = (type: string) => (reader: PdfReader, writer: Parameters<Edit>[1]) => writer.add(PdfDict.of({ Type: new PdfName(type) }));

describe('a signature field that was empty when signed', () => {
  it('the signed file: one signature, no change', () => {
    const [verdict] = verifyPdfSignatures(signed, { trustAnchors: anchors }).signatures;
    expect(verdict).toMatchObject({ field: 'ChuKy1', intact: true, valid: true, trusted: true, modification: 'none' });
  });

  it('/V set to a new signature dictionary: form filling (allowed)', () => {
    expect(verdictAfter(setOnField('V', sigValue('Sig')))).toMatchObject({ field: 'ChuKy1', modification: 'allowed', codes: ['MODIFIED_ALLOWED'] });
  });

  it('/V set to a new document timestamp: lta, so a later /V replacing it is refused', () => {
    const stamped = update(tempDir(), signed, setOnField('V', sigValue('DocTimeStamp')));
    expect(verdictAfter(setOnField('F', () => 4), stamped).modification).toBe('allowed');
    expect(verdictAfter(setOnField('V', sigValue('Sig')), stamped)).toMatchObject({ modification: 'disallowed', codes: ['MODIFIED_DISALLOWED'] });
  });

  it('/V pointing at an object that existed before: refused', () => {
    const older = (reader: PdfReader) => reader.trailer.get('Info') as PdfRef;
    expect(verdictAfter(setOnField('V', older))).toMatchObject({ modification: 'disallowed', codes: ['MODIFIED_DISALLOWED'] });
  });

  it('/V as no reference at all: refused', () => {
    expect(verdictAfter(setOnField('V', () => 5)).modification).toBe('disallowed');
  });

  it('its /F may change (form filling); its /Rect may not', () => {
    expect(verdictAfter(setOnField('F', () => 4))).toMatchObject({ modification: 'allowed', codes: ['MODIFIED_ALLOWED'] });
    expect(verdictAfter(setOnField('Rect', () => [0, 0, 1, 1]))).toMatchObject({ modification: 'disallowed', codes: ['MODIFIED_DISALLOWED'] });
  });
});
