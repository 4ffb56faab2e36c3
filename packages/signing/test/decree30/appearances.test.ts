import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type {
  PdfDict,
  PdfString} from '../../src/index.js';
import {
  DATE_FIELD,
  NUMBER_FIELD,
  PdfReader,
  Pkcs12Signer,
  fillTextFields,
  isReportAcceptable,
  loadTrustAnchors,
  verifyPdfSignatures,
  readPngInfo,
  widgetImageBounds,
  preparePdf,
  sealAppearance,
  sealPlacement,
  signPdf,
  signatureFields,
  signerAppearance,
  stampAppearance,
  stampPlacement,
  type PdfObject,
} from '../../src/index.js';
import { decree30DateText, vietnamIso } from '@eoffice/vietnamese';
import { extractSignatures, opensslVerify } from '../helpers/cms-check.js';
import { repoRoot } from '../helpers/fixtures.js';
import { pdfsig } from '../helpers/pdfsig.js';
import { makeSamplePdf } from '../helpers/sample-pdfs.js';
import { qpdfCheck, requireTool, run } from '../helpers/system-tools.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { makeTestIdentity } from '../helpers/test-pki.js';

const tempDir = useTempDir();
const signaturePng = readFileSync(path.join(repoRoot, 'resources/samples/signature-sample.png'));
const sealPng = readFileSync(path.join(repoRoot, 'resources/samples/seal-sample.png'));
const MM = 72 / 25.4;

function pdftotext(file: string): string {
  requireTool('pdftotext', 'poppler-utils');
  const r = run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  expect(r.status).toBe(0);
  return r.stdout;
}

function expectValidChain(file: string, count: number): void {
  const report = pdfsig(file);
  expect(report.signatures.map((s) => s.validation), report.raw).toEqual(Array(count).fill('Signature is Valid.'));
  expect(report.signatures.at(-1)!.totalDocumentSigned).toBe(true);
  for (const sig of extractSignatures(file)) expect(opensslVerify(tempDir(), sig.cms, sig.content).ok).toBe(true);
  const check = qpdfCheck(file);
  expect(check.status, check.stdout + check.stderr).toBe(0);
}

describe('Decree 30 appearances', async () => {
  const dir = tempDir();
  const personId = makeTestIdentity(dir, 'rsa-2048');
  const agencyId = makeTestIdentity(dir, 'ec-p256', 'UBND tỉnh Demo');
  const person = Pkcs12Signer.fromFile(personId.p12, personId.password);
  const agency = Pkcs12Signer.fromFile(agencyId.p12, agencyId.password);
  const draft = path.join(dir, 'draft.pdf');
  writeFileSync(draft, await makeSamplePdf({ useObjectStreams: true }));

  it('prepare → signer → seal that fills and locks số and date; every signature stays valid', async () => {
    const prepared = path.join(dir, 'prepared.pdf');
    const signed = path.join(dir, 'signed.pdf');
    const sealed = path.join(dir, 'sealed.pdf');
    expect(preparePdf({ input: draft, output: prepared }).fields).toEqual([NUMBER_FIELD, DATE_FIELD]);
    expect(qpdfCheck(prepared).status).toBe(0);

    const signerRect = [330, 400, 200, 110] as const;
    await signPdf({
      input: prepared,
      output: signed,
      signer: person,
      placement: { pageIndex: 0, rect: signerRect },
      // NFD input on purpose: the appearance must normalise it.
      appearance: signerAppearance({ image: signaturePng, lines: ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Nguyễn Văn A'.normalize('NFD')] }),
    });
    expectValidChain(signed, 1);

    const reader = PdfReader.open(signed);
    const placement = sealPlacement(reader, 0, sealPng);
    // The signature image as drawn inside the signer's box: the PNG's proportions, inside the box, narrower than it.
    const [ix1, iy1, ix2, iy2] = widgetImageBounds(reader, signatureFields(reader)[0]!.widgets[0]!.dict)!;
    reader.close();
    const png = readPngInfo(signaturePng);
    expect((ix2 - ix1) / (iy2 - iy1)).toBeCloseTo(png.width / png.height, 2);
    expect(ix1).toBeGreaterThan(signerRect[0]);
    expect(ix2).toBeLessThan(signerRect[0] + signerRect[2]);
    // Actual size (36 mm from the PNG's 300 dpi), over the left third of that image, centred on it vertically.
    expect(placement.rect[2]).toBeCloseTo(36 * MM, 0);
    expect(placement.rect[0] + placement.rect[2]).toBeCloseTo(ix1 + (ix2 - ix1) / 3, 3);
    expect(placement.rect[1] + placement.rect[3] / 2).toBeCloseTo((iy1 + iy2) / 2, 3);
    await signPdf({
      input: signed,
      output: sealed,
      signer: agency,
      placement,
      appearance: sealAppearance(sealPng),
      extraChanges: fillTextFields([
        { name: NUMBER_FIELD, text: '12/QĐ-UBND' },
        { name: DATE_FIELD, text: decree30DateText('05/03/2026') },
      ]),
      lockFields: [NUMBER_FIELD, DATE_FIELD],
    });
    expectValidChain(sealed, 2);
    // Our own verifier (src/verify) judges the seal's update as form filling plus a new signature: allowed.
    const anchors = await loadTrustAnchors([personId.rootPem, agencyId.rootPem]);
    const report = verifyPdfSignatures(sealed, { trustAnchors: anchors });
    expect(report.signatures.map((s) => [s.field, s.modification]), JSON.stringify(report.signatures.map((s) => s.problems))).toEqual([
      ['Signature1', 'allowed'],
      ['Signature2', 'none'],
    ]);
    expect(isReportAcceptable(report, true)).toBe(true);

    const text = pdftotext(sealed);
    expect(text).toContain('12/QĐ-UBND');
    expect(text).toContain('ngày 05 tháng 3 năm 2026');
    expect(text).toContain('PHÓ CHỦ TỊCH');
    expect(text).toContain('Nguyễn Văn A'.normalize('NFC'));
    expect(text).not.toContain('Nguyễn Văn A'.normalize('NFD'));

    const after = PdfReader.open(sealed);
    const fields = new Map<string, PdfDict>();
    for (const a of after.resolve(after.acroForm!.get('Fields')) as PdfObject[]) {
      const d = after.resolveDict(a)!;
      fields.set((d.get('T') as PdfString).toText(), d);
    }
    expect((fields.get(NUMBER_FIELD)!.get('V') as PdfString).toText()).toBe('12/QĐ-UBND');
    // Form filling only: the flags are untouched (a changed /Ff is a disallowed modification for validators).
    expect(fields.get(NUMBER_FIELD)!.get('Ff')).toBeUndefined();
    // The seal's signature locks exactly those fields (FieldMDP).
    const seal = signatureFields(after).at(-1)!;
    const reference = (seal.value!.get('Reference') as PdfDict[])[0]!;
    expect(reference.getName('TransformMethod')).toBe('FieldMDP');
    const params = reference.get('TransformParams') as PdfDict;
    expect(params.getName('Action')).toBe('Include');
    expect((params.get('Fields') as PdfString[]).map((s) => s.toText())).toEqual([NUMBER_FIELD, DATE_FIELD]);
    expect(seal.lock?.getName('Type')).toBe('SigFieldLock');
    // Before the seal, the fields were empty: the fill is part of the sealed revision only.
    const beforeSeal = after.atRevision(after.revisions.length - 2);
    const numberBefore = [...(beforeSeal.resolve(beforeSeal.acroForm!.get('Fields')) as PdfObject[])]
      .map((a) => beforeSeal.resolveDict(a)!)
      .find((d) => (d.get('T') as PdfString).toText() === NUMBER_FIELD)!;
    expect(numberBefore.get('V')).toBeUndefined();
    after.close();
  });

  it('stamps an attachment top-right of page 1: text only, Tinos 10 pt embedded as a subset, ISO 8601 +07:00', async () => {
    const stamped = path.join(dir, 'attachment-stamped.pdf');
    const time = new Date('2026-03-05T02:03:04Z');
    const lines = ['Số: 12/QĐ-UBND', 'Ủy ban nhân dân tỉnh Demo', vietnamIso(time)];
    const reader = PdfReader.open(draft);
    const placement = await stampPlacement(reader, lines);
    const [, , pageRight, pageTop] = reader.pages()[0]!.mediaBox;
    reader.close();
    expect(placement.rect[0] + placement.rect[2]).toBeCloseTo(pageRight - 10 * MM, 3);
    expect(placement.rect[1] + placement.rect[3]).toBeCloseTo(pageTop - 10 * MM, 3);
    await signPdf({ input: draft, output: stamped, signer: agency, placement, appearance: stampAppearance(lines), signingTime: time });
    expectValidChain(stamped, 1);
    const text = pdftotext(stamped);
    for (const line of lines) expect(text).toContain(line);
    expect(text).toContain('2026-03-05T09:03:04+07:00');
    requireTool('pdffonts', 'poppler-utils');
    const fonts = run('pdffonts', [stamped]).stdout;
    expect(fonts).toMatch(/[A-Z]{6}\+Tinos\S*\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
  });

  it('refuses to prepare a signed document, and to fill a field that does not exist', async () => {
    const signed = path.join(dir, 'plain-signed.pdf');
    await signPdf({ input: draft, output: signed, signer: person });
    expect(() => preparePdf({ input: signed, output: `${signed}.p.pdf` })).toThrow(expect.objectContaining({ code: 'ALREADY_SIGNED' }));
    await expect(
      signPdf({ input: draft, output: `${signed}.x.pdf`, signer: agency, extraChanges: fillTextFields([{ name: NUMBER_FIELD, text: '1' }]) }),
    ).rejects.toMatchObject({ code: 'FIELD_NOT_FOUND' });
  });
});
