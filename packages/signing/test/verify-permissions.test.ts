import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  IncrementalWriter,
  PdfDict,
  PdfName,
  PdfReader,
  PdfString,
  Pkcs12Signer,
  isReportAcceptable,
  loadTrustAnchors,
  signPdf,
  verifyPdfSignatures,
  type ParsedCertificate,
  type PdfRef,
} from '../src/index.js';
import { useTempDir } from './helpers/temp-dir.js';
import { makeTestIdentity, type TestIdentity } from './helpers/test-pki.js';
import { fixturesDir } from './helpers/fixtures.js';

const FIXTURES = fixturesDir;
const tempDir = useTempDir('verify-permissions-');

/** Appends one incremental update made with the package's own writer. */
function update(bytes: Uint8Array, edit: (reader: PdfReader, writer: IncrementalWriter) => void): Buffer {
  const reader = PdfReader.open(bytes);
  try {
    const writer = new IncrementalWriter(reader);
    edit(reader, writer);
    return Buffer.concat([Buffer.from(bytes), writer.build().bytes]);
  } finally {
    reader.close();
  }
}

const addDss = (reader: PdfReader, writer: IncrementalWriter): void => {
  const dss = writer.add(PdfDict.of({ Type: new PdfName('DSS'), Certs: [] }));
  writer.set(reader.catalogRef, reader.catalog.clone().set('DSS', dss));
};

const changeAcroFormDa = (reader: PdfReader, writer: IncrementalWriter): void => {
  const ref = reader.catalog.get('AcroForm') as PdfRef;
  const form = reader.resolveDict(ref);
  if (!form) throw new Error('no AcroForm');
  writer.set(ref, form.clone().set('DA', PdfString.fromLatin1('/Helv 10 Tf 0 g')));
};

const addAnnotation = (reader: PdfReader, writer: IncrementalWriter): void => {
  const page = reader.pages()[0];
  if (!page) throw new Error('no page');
  const annotation = writer.add(
    PdfDict.of({ Type: new PdfName('Annot'), Subtype: new PdfName('Square'), Rect: [50, 50, 300, 300], P: page.ref }),
  );
  const annots = reader.resolve(page.dict.get('Annots'));
  writer.set(page.ref, page.dict.clone().set('Annots', [...(Array.isArray(annots) ? annots : []), annotation]));
};

const codes = (bytes: Uint8Array, index = 0): string[] =>
  verifyPdfSignatures(bytes).signatures[index]?.problems.map((p) => p.code) ?? [];

describe('verify: DocMDP certification levels', () => {
  const p1 = () => readFileSync(join(FIXTURES, 'pdf-signed/pyhanko/certified-with-indirect-refs-in-dir.pdf'));
  const p2 = () => readFileSync(join(FIXTURES, 'pdf-signed/dss/dss-1188/Test.pdf'));

  it('P1 allows a later /DSS (LTA update) only', () => {
    const [signature] = verifyPdfSignatures(update(p1(), addDss)).signatures;
    expect(signature).toMatchObject({ docMdp: 1, intact: true, valid: true, coverage: 'entireRevision', modification: 'allowed' });
  });

  it('P1 rejects a form-level change (AcroForm /DA) with DOCMDP_VIOLATION', () => {
    const tampered = update(p1(), changeAcroFormDa);
    expect(verifyPdfSignatures(tampered).signatures[0]?.modification).toBe('disallowed');
    expect(codes(tampered)).toContain('DOCMDP_VIOLATION');
  });

  it('P2 allows the same form-level change, but not an added annotation', () => {
    const formChange = update(p2(), changeAcroFormDa);
    expect(verifyPdfSignatures(formChange).signatures[0]).toMatchObject({ docMdp: 2, modification: 'allowed' });
    expect(isReportAcceptable(verifyPdfSignatures(formChange), false)).toBe(true);
    const annotated = update(p2(), addAnnotation);
    expect(verifyPdfSignatures(annotated).signatures[0]?.modification).toBe('disallowed');
    expect(codes(annotated)).toContain('ANNOTATION_ADDED');
  });
});

describe('verify: signatures made by this package (signPdf), FieldMDP locks', () => {
  let identity: TestIdentity;
  let anchors: ParsedCertificate[];
  let signed: Buffer;

  beforeAll(async () => {
    identity = makeTestIdentity(tempDir(), 'ec-p256', 'Trần Thị Bình');
    anchors = await loadTrustAnchors([identity.rootPem]);
    const doc = await PDFDocument.create();
    const page = doc.addPage([595, 842]);
    const form = doc.getForm();
    form.createTextField('ho_ten').addToPage(page, { x: 72, y: 700, width: 200, height: 20 });
    form.createTextField('so_tien').addToPage(page, { x: 72, y: 650, width: 200, height: 20 });
    writeFileSync(join(tempDir(), 'form.pdf'), await doc.save({ useObjectStreams: false }));
    await signPdf({
      input: join(tempDir(), 'form.pdf'),
      output: join(tempDir(), 'form-signed.pdf'),
      signer: Pkcs12Signer.fromFile(identity.p12, identity.password),
      lockFields: ['so_tien'],
      signingTime: new Date('2026-03-05T02:03:04Z'),
    });
    signed = readFileSync(join(tempDir(), 'form-signed.pdf'));
  });

  const fill = (name: string, value: string) => (reader: PdfReader, writer: IncrementalWriter) => {
    const fields = reader.resolve(reader.acroForm?.get('Fields'));
    for (const ref of Array.isArray(fields) ? fields : []) {
      const field = reader.resolveDict(ref);
      const title = field?.get('T');
      if (field && title instanceof PdfString && title.toText() === name) {
        writer.set(ref as PdfRef, field.clone().set('V', PdfString.fromText(value)));
        return;
      }
    }
    throw new Error(`no field ${name}`);
  };

  it('a PAdES B-B signature from signPdf (ECDSA P-256) is intact, valid, trusted and raises no problem', () => {
    const report = verifyPdfSignatures(signed, { trustAnchors: anchors });
    expect(report.signatures[0]).toMatchObject({
      subFilter: 'ETSI.CAdES.detached',
      intact: true,
      valid: true,
      trusted: true,
      coverage: 'entireFile',
      modification: 'none',
      signer: { commonName: 'Trần Thị Bình' },
    });
    expect(report.signatures[0]?.problems).toEqual([]);
  });

  it('filling an unlocked field afterwards is allowed', () => {
    const report = verifyPdfSignatures(update(signed, fill('ho_ten', 'Nguyễn Văn An')), { trustAnchors: anchors });
    expect(report.signatures[0]?.modification).toBe('allowed');
    expect(isReportAcceptable(report, true)).toBe(true);
  });

  it('changing the locked field afterwards is a FIELDMDP_VIOLATION', () => {
    const report = verifyPdfSignatures(update(signed, fill('so_tien', '999.000.000 đ')), { trustAnchors: anchors });
    expect(report.signatures[0]?.modification).toBe('disallowed');
    expect(report.signatures[0]?.problems.map((p) => p.code)).toContain('FIELDMDP_VIOLATION');
  });

  it('a second signPdf signature keeps the first one valid with an allowed change', async () => {
    writeFileSync(join(tempDir(), 'filled.pdf'), update(signed, fill('ho_ten', 'Nguyễn Văn An')));
    await signPdf({
      input: join(tempDir(), 'filled.pdf'),
      output: join(tempDir(), 'signed-twice.pdf'),
      signer: Pkcs12Signer.fromFile(identity.p12, identity.password),
      fieldName: 'ChuKy2',
    });
    const report = verifyPdfSignatures(readFileSync(join(tempDir(), 'signed-twice.pdf')), { trustAnchors: anchors });
    expect(report.signatures.map((s) => [s.coverage, s.modification, s.intact, s.valid, s.trusted])).toEqual([
      ['entireRevision', 'allowed', true, true, true],
      ['entireFile', 'none', true, true, true],
    ]);
  });
});
