import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PdfRef } from '../src/pdf/pdf-objects.js';
import { PdfReader } from '../src/pdf/pdf-reader.js';
import { signatureFields } from '../src/pdf/signature-fields.js';
import { FormEditor, IncrementalWriter, PdfDict, PdfName, PdfString } from '../src/index.js';
import { isReportAcceptable, loadTrustAnchors, verifyPdfSignatures, type ParsedCertificate } from '../src/index.js';
import { pdfsig } from './helpers/pdfsig.js';
import { makeSamplePdf } from './helpers/sample-pdfs.js';
import { requireTool, run } from './helpers/system-tools.js';
import { useTempDir } from './helpers/temp-dir.js';
import { makeTestIdentity, type TestIdentity } from './helpers/test-pki.js';
import { appendRevision, rawObjectBody, withAnnotation } from './helpers/verify-tamper.js';

const tempDir = useTempDir('verify-tamper-');
let identity: TestIdentity;
let anchors: ParsedCertificate[];
let signed: Uint8Array;

/** Signs with poppler's pdfsig through an NSS database: an independent signer (interop). */
function signWithPdfsig(dir: string, input: string, output: string, fieldName: string): void {
  const result = run('pdfsig', ['-nssdir', `sql:${dir}/nssdb`, input, output, '-add-signature', '-nick', 'signer', '-new-signature-field-name', fieldName]);
  if (result.status !== 0) throw new Error(`pdfsig -add-signature failed: ${result.stdout}${result.stderr}`);
}

beforeAll(async () => {
  requireTool('pdfsig', 'poppler-utils');
  requireTool('certutil', 'libnss3-tools');
  requireTool('pk12util', 'libnss3-tools');
  const dir = tempDir();
  identity = makeTestIdentity(dir, 'rsa-2048', 'Nguyễn Văn An');
  anchors = await loadTrustAnchors([identity.rootPem]);
  mkdirSync(join(dir, 'nssdb'));
  execFileSync('certutil', ['-N', '-d', `sql:${dir}/nssdb`, '--empty-password'], { stdio: 'pipe' });
  // NSS takes the nickname from the PKCS#12 friendly name.
  const p12 = join(dir, 'nss-signer.p12');
  execFileSync('openssl', ['pkcs12', '-export', '-inkey', join(dir, 'rsa-2048-leaf.key'), '-in', identity.leafPem, '-certfile', identity.rootPem,
    '-name', 'signer', '-out', p12, '-passout', 'pass:nss-test'], { stdio: 'pipe' });
  execFileSync('pk12util', ['-i', p12, '-d', `sql:${dir}/nssdb`, '-W', 'nss-test'], { stdio: 'pipe' });
  writeFileSync(join(dir, 'draft.pdf'), await makeSamplePdf({ pages: 2 }));
  signWithPdfsig(dir, join(dir, 'draft.pdf'), join(dir, 'signed.pdf'), 'ChuKy1');
  signed = readFileSync(join(dir, 'signed.pdf'));
});

const verify = (bytes: Uint8Array) => verifyPdfSignatures(bytes, { trustAnchors: anchors });
const codes = (bytes: Uint8Array): string[] => verify(bytes).signatures.flatMap((s) => s.problems.map((p) => p.code));

function pageInfo(bytes: Uint8Array) {
  const reader = PdfReader.open(bytes);
  const pages = reader.pages();
  const pagesRef = reader.catalog.get('Pages') as PdfRef;
  const first = pages[0];
  if (!first) throw new Error('no page');
  const contentsEntry = first.dict.get('Contents');
  const contents = (Array.isArray(contentsEntry) ? contentsEntry[0] : contentsEntry) as PdfRef;
  const info = { size: reader.size, pageRefs: pages.map((p) => p.ref), pagesRef, firstPage: first.ref, contents };
  reader.close();
  return info;
}

describe('verify: a PDF signed by pdfsig (NSS) and then tampered with', () => {
  it('the untouched file: intact, valid, trusted, entire file; pdfsig agrees', () => {
    const report = verify(signed);
    expect(report.signatures).toHaveLength(1);
    expect(report.signatures[0]).toMatchObject({
      field: 'ChuKy1',
      subFilter: 'adbe.pkcs7.detached',
      intact: true,
      valid: true,
      trusted: true,
      coverage: 'entireFile',
      modification: 'none',
      signer: { commonName: 'Nguyễn Văn An' },
    });
    expect(report.signatures[0]?.signer?.subject).toBe('CN=Nguyễn Văn An,O=UBND tỉnh Demo,C=VN');
    expect(isReportAcceptable(report, true)).toBe(true);
    expect(pdfsig(join(tempDir(), 'signed.pdf')).signatures[0]?.validation).toBe('Signature is Valid.');
  });

  it('a byte flipped inside a signed range: not intact (DIGEST_MISMATCH)', () => {
    const tampered = Buffer.from(signed);
    const at = tampered.indexOf('/MediaBox [') + 11; // first digit of the first page's MediaBox: inside range 1
    tampered[at] = tampered[at] === 0x30 ? 0x31 : 0x30;
    const report = verify(tampered);
    expect(report.signatures[0]).toMatchObject({ intact: false });
    expect(codes(tampered)).toContain('DIGEST_MISMATCH');
    expect(isReportAcceptable(report, true)).toBe(false);
    writeFileSync(join(tempDir(), 'flipped.pdf'), tampered);
    expect(pdfsig(join(tempDir(), 'flipped.pdf')).signatures[0]?.validation).toBe('Digest Mismatch.');
  });

  it('an appended revision that rewrites the page content: disallowed, while pdfsig only says "not total document signed"', () => {
    const { contents } = pageInfo(signed);
    const text = 'BT /F1 24 Tf 72 700 Td (TAMPERED) Tj ET';
    const tampered = appendRevision(signed, new Map([[contents.num, `<< /Length ${text.length} >>\nstream\n${text}\nendstream`]]));
    const [signature] = verify(tampered).signatures;
    expect(signature).toMatchObject({ intact: true, valid: true, coverage: 'entireRevision', revision: 2, modification: 'disallowed' });
    expect(signature?.problems.map((p) => p.code)).toContain('MODIFIED_DISALLOWED');
    writeFileSync(join(tempDir(), 'isa.pdf'), tampered);
    const poppler = pdfsig(join(tempDir(), 'isa.pdf')).signatures[0];
    expect(poppler?.validation).toBe('Signature is Valid.');
    expect(poppler?.totalDocumentSigned).toBe(false);
  });

  it('a page reference swapped to a new content stream: disallowed', () => {
    const { size, firstPage } = pageInfo(signed);
    const text = 'BT /F1 24 Tf 72 700 Td (OTHER TEXT) Tj ET';
    const page = rawObjectBody(signed, firstPage.num).replace(/\/Contents\s*(\[[^\]]*\]|\d+\s+\d+\s+R)/, `/Contents ${size} 0 R`);
    expect(page).toContain(`/Contents ${size} 0 R`);
    const tampered = appendRevision(
      signed,
      new Map([
        [size, `<< /Length ${text.length} >>\nstream\n${text}\nendstream`],
        [firstPage.num, page],
      ]),
    );
    expect(verify(tampered).signatures[0]?.modification).toBe('disallowed');
  });

  it('a page added after signing: disallowed with PAGE_COUNT_CHANGED', () => {
    const { size, pageRefs, pagesRef } = pageInfo(signed);
    const kids = [...pageRefs.map((r) => `${r.num} ${r.gen} R`), `${size} 0 R`].join(' ');
    const tampered = appendRevision(
      signed,
      new Map([
        [size, `<< /Type /Page /Parent ${pagesRef.num} 0 R /MediaBox [0 0 595 842] >>`],
        [pagesRef.num, `<< /Type /Pages /Kids [${kids}] /Count ${pageRefs.length + 1} >>`],
      ]),
    );
    const [signature] = verify(tampered).signatures;
    expect(signature?.modification).toBe('disallowed');
    expect(signature?.problems.map((p) => p.code)).toContain('PAGE_COUNT_CHANGED');
  });

  it('an annotation added after signing: disallowed, and the new annotation is flagged', () => {
    const { size, firstPage } = pageInfo(signed);
    const page = withAnnotation(rawObjectBody(signed, firstPage.num), `${size} 0 R`);
    const tampered = appendRevision(
      signed,
      new Map([
        [size, `<< /Type /Annot /Subtype /FreeText /Rect [60 740 400 790] /Contents (CANCELLED) /DA (/Helv 24 Tf 1 0 0 rg) /P ${firstPage.num} 0 R >>`],
        [firstPage.num, page],
      ]),
    );
    const [signature] = verify(tampered).signatures;
    expect(signature?.modification).toBe('disallowed');
    expect(signature?.problems.map((p) => p.code)).toEqual(
      expect.arrayContaining(['ANNOTATION_ADDED', 'ANNOTATION_OVERLAPS_CONTENT', 'MODIFIED_DISALLOWED']),
    );
  });

  it('a new field that shows the existing signature again (reused /V): SIG_DICT_REUSED on the second field', () => {
    const reader = PdfReader.open(signed);
    const writer = new IncrementalWriter(reader);
    const form = new FormEditor(reader, writer);
    const [field] = signatureFields(reader);
    const page = reader.pages()[0];
    if (!field?.valueRef || !page) throw new Error('no signature');
    const fake = writer.add(
      PdfDict.of({
        Type: new PdfName('Annot'),
        Subtype: new PdfName('Widget'),
        FT: new PdfName('Sig'),
        T: PdfString.fromText('GiaMao'),
        V: field.valueRef,
        Rect: [0, 0, 0, 0],
        P: page.ref,
      }),
    );
    form.addAnnotation(page.ref, fake);
    form.addToAcroForm(fake);
    const tampered = Buffer.concat([Buffer.from(signed), writer.build().bytes]);
    reader.close();
    const report = verify(tampered);
    expect(report.signatures.map((s) => s.field)).toEqual(['ChuKy1', 'GiaMao']);
    expect(report.signatures[1]?.problems.map((p) => p.code)).toContain('SIG_DICT_REUSED');
    expect(report.signatures[1]?.problems.find((p) => p.code === 'SIG_DICT_REUSED')?.message).toBe(
      'Trường "GiaMao" dùng lại chữ ký của trường "ChuKy1" / field "GiaMao" reuses the signature of field "ChuKy1"',
    );
    expect(report.signatures[0]?.problems.map((p) => p.code)).not.toContain('SIG_DICT_REUSED');
    expect(report.signatures[0]?.modification).toBe('disallowed');
    expect(isReportAcceptable(report, true)).toBe(false);
  });

  it('a second signature added by pdfsig is an allowed change for the first', () => {
    const dir = tempDir();
    signWithPdfsig(dir, join(dir, 'signed.pdf'), join(dir, 'signed-twice.pdf'), 'ChuKy2');
    const report = verify(readFileSync(join(dir, 'signed-twice.pdf')));
    expect(report.signatures.map((s) => [s.field, s.coverage, s.modification])).toEqual([
      ['ChuKy1', 'entireRevision', 'allowed'],
      ['ChuKy2', 'entireFile', 'none'],
    ]);
    expect(report.signatures.every((s) => s.intact && s.valid && s.trusted)).toBe(true);
    expect(isReportAcceptable(report, true)).toBe(true);
  });

  it('zeroed /Contents: not intact, not valid, with the reason', () => {
    const reader = PdfReader.open(signed);
    const [field] = signatureFields(reader);
    reader.close();
    const span = field?.contents?.span;
    if (!span) throw new Error('no /Contents span');
    const tampered = Buffer.from(signed);
    tampered.fill(0x30, span.start + 1, span.end - 1);
    const [signature] = verify(tampered).signatures;
    expect(signature).toMatchObject({ intact: false, valid: false });
    expect(signature?.problems.map((p) => p.code)).toContain('CMS_MALFORMED');
  });

  it('an altered /ByteRange (same width, shorter second range): not acceptable, coverage partial', () => {
    const text = Buffer.from(signed).toString('latin1');
    const match = /\/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text);
    if (!match) throw new Error('no /ByteRange');
    const [whole, b, c, d] = match as unknown as [string, string, string, string];
    const altered = `/ByteRange [0 ${b} ${c} ${Number(d) - 20}]`.padEnd(whole.length, ' ');
    const tampered = Buffer.from(text.replace(whole, altered), 'latin1');
    const report = verify(tampered);
    expect(report.signatures[0]?.coverage).toBe('partial');
    expect(report.signatures[0]?.problems.map((p) => p.code)).toEqual(expect.arrayContaining(['NONSTANDARD_COVERAGE', 'DIGEST_MISMATCH']));
    expect(isReportAcceptable(report, true)).toBe(false);
  });

  it('a /ByteRange whose gap is not the /Contents string (wrapping): CONTENTS_NOT_IN_GAP', () => {
    const text = Buffer.from(signed).toString('latin1');
    const match = /\/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text);
    if (!match) throw new Error('no /ByteRange');
    const [whole, b, c, d] = match as unknown as [string, string, string, string];
    const altered = `/ByteRange [0 ${Number(b) + 2} ${c} ${d}]`.padEnd(whole.length, ' ');
    const report = verify(Buffer.from(text.replace(whole, altered), 'latin1'));
    expect(report.signatures[0]?.intact).toBe(false);
    expect(report.signatures[0]?.problems.map((p) => p.code)).toContain('CONTENTS_NOT_IN_GAP');
  });
});
