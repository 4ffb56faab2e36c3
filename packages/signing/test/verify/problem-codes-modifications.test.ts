import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { isSignatureAcceptable, loadTrustAnchors, Pkcs12Signer, signPdf, verifyPdfSignatures, type ParsedCertificate, type SignatureVerdict } from '../../src/index.js';
import { buildCms, contentTypeAttr, embed, messageDigestAttr, patchSameLength, prepareHole, signedContent, signingCertV2Attr } from '../helpers/cms-surgery.js';
import { fixture } from '../helpers/fixtures.js';
import { pdfsig } from '../helpers/pdfsig.js';
import { makeHybridPdf, makeSamplePdf } from '../helpers/sample-pdfs.js';
import { qpdf, requireTool, run } from '../helpers/system-tools.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { makeTestIdentity, type TestIdentity } from '../helpers/test-pki.js';

/**
 * The modification and structure problem codes (issue 15): what happens to a file after (or around) its signature.
 * Files are signed by our signer, by pdfsig (NSS) where ours refuses the input (an encrypted PDF), or taken from
 * the shared fixtures; pdfsig and qpdf judge alongside.
 */
const tempDir = useTempDir('problem-codes-modifications-');
let identity: TestIdentity;
let signer: Pkcs12Signer;
let anchors: ParsedCertificate[];
let input: string;

beforeAll(async () => {
  identity = makeTestIdentity(tempDir(), 'rsa-2048', 'Phạm Thị Dung');
  signer = Pkcs12Signer.fromFile(identity.p12, identity.password);
  anchors = await loadTrustAnchors([identity.rootPem]);
  input = path.join(tempDir(), 'draft.pdf');
  writeFileSync(input, await makeSamplePdf());
});

const at = (name: string): string => path.join(tempDir(), name);
const verify = (bytes: Uint8Array | string) => verifyPdfSignatures(bytes, { trustAnchors: anchors }).signatures;
const codes = (v: SignatureVerdict): string[] => v.problems.map((p) => p.code);
const flags = (v: SignatureVerdict) => ({ intact: v.intact, valid: v.valid, trusted: v.trusted });

describe('modification problem codes', () => {
  it('MODIFIED_ALLOWED: a second signature after the first → the first is allowed-modified (a warning); pdfsig agrees', async () => {
    await signPdf({ input, output: at('once.pdf'), signer, fieldName: 'ChuKy1' });
    await signPdf({ input: at('once.pdf'), output: at('twice.pdf'), signer, fieldName: 'ChuKy2' });
    const [firstSig, secondSig] = verify(at('twice.pdf'));
    expect(codes(firstSig!)).toEqual(['MODIFIED_ALLOWED']);
    expect(firstSig!.problems[0]?.severity).toBe('warning');
    expect(firstSig).toMatchObject({ field: 'ChuKy1', intact: true, valid: true, trusted: true, coverage: 'entireRevision', modification: 'allowed' });
    expect(isSignatureAcceptable(firstSig!, true)).toBe(true);
    expect(codes(secondSig!)).toEqual([]);
    expect(secondSig).toMatchObject({ field: 'ChuKy2', coverage: 'entireFile', modification: 'none' });
    const poppler = pdfsig(at('twice.pdf')).signatures;
    expect(poppler.map((s) => [s.fieldName, s.validation, s.totalDocumentSigned])).toEqual([
      ['ChuKy1', 'Signature is Valid.', false],
      ['ChuKy2', 'Signature is Valid.', true],
    ]);
  });

  it('CERTIFICATION_NOT_FIRST: a DocMDP (certification) signature made after an approval signature → error on it', async () => {
    await signPdf({ input, output: at('approved.pdf'), signer, fieldName: 'PheDuyet' });
    // Our signer writes a FieldMDP reference for locked fields; the same bytes with DocMDP make it a certification.
    const prepared = await prepareHole(at('approved.pdf'), signer, { fieldName: 'ChungNhan', lockFields: ['PheDuyet'] });
    const hole = patchSameLength(prepared, '/TransformMethod /FieldMDP', '/TransformMethod /DocMDP  ');
    const digest = createHash('sha256').update(signedContent(hole)).digest();
    const attrs = [contentTypeAttr(), messageDigestAttr(digest), signingCertV2Attr(signer.certificate)].sort(Buffer.compare);
    writeFileSync(at('certified-second.pdf'), embed(hole, await buildCms({ signer, attrs })));

    const [approval, certification] = verify(at('certified-second.pdf'));
    expect(certification).toMatchObject({ field: 'ChungNhan', docMdp: 2, intact: true, valid: true, trusted: true, modification: 'none' });
    expect(codes(certification!)).toEqual(['CERTIFICATION_NOT_FIRST']);
    expect(isSignatureAcceptable(certification!, true)).toBe(false);
    expect(codes(approval!)).toEqual(['MODIFIED_ALLOWED']);
    expect(pdfsig(at('certified-second.pdf')).signatures.map((s) => s.validation)).toEqual(['Signature is Valid.', 'Signature is Valid.']);
  });
});

describe('document structure problem codes', () => {
  it('HYBRID_XREF: a hybrid-reference file (table + /XRefStm) signed by our signer → a warning; pdfsig says valid', async () => {
    writeFileSync(at('hybrid.pdf'), makeHybridPdf());
    await signPdf({ input: at('hybrid.pdf'), output: at('hybrid-signed.pdf'), signer });
    const [verdict] = verify(at('hybrid-signed.pdf'));
    expect(codes(verdict!)).toEqual(['HYBRID_XREF']);
    expect(verdict!.problems[0]?.severity).toBe('warning');
    expect(verdict!.problems[0]?.message).toBe(
      'Tệp dùng bảng tham chiếu lai (bảng + luồng); trình đọc khác có thể thấy nội dung khác / hybrid-reference file: other readers may see different objects',
    );
    expect(flags(verdict!)).toEqual({ intact: true, valid: true, trusted: true });
    expect(pdfsig(at('hybrid-signed.pdf')).signatures[0]?.validation).toBe('Signature is Valid.');
    // The same document without the hybrid table is clean.
    await signPdf({ input, output: at('plain-signed.pdf'), signer });
    expect(codes(verify(at('plain-signed.pdf'))[0]!)).toEqual([]);
  });

  it('ENCRYPTED_UNSUPPORTED: a qpdf-encrypted (AES-256) file signed by pdfsig → error, the changes cannot be judged', async () => {
    requireTool('pdfsig', 'poppler-utils');
    requireTool('certutil', 'libnss3-tools');
    requireTool('pk12util', 'libnss3-tools');
    qpdf(['--encrypt', '', 'chu-so-huu', '256', '--', input, at('encrypted.pdf')]);
    // Our writer refuses encrypted input (PDF_ENCRYPTED); poppler signs it.
    mkdirSync(at('nssdb'));
    execFileSync('certutil', ['-N', '-d', `sql:${at('nssdb')}`, '--empty-password'], { stdio: 'pipe' });
    execFileSync('openssl', ['pkcs12', '-export', '-inkey', at('rsa-2048-leaf.key'), '-in', identity.leafPem, '-certfile', identity.rootPem,
      '-name', 'signer', '-out', at('nss.p12'), '-passout', 'pass:nss-test'], { stdio: 'pipe' });
    execFileSync('pk12util', ['-i', at('nss.p12'), '-d', `sql:${at('nssdb')}`, '-W', 'nss-test'], { stdio: 'pipe' });
    const signed = run('pdfsig', ['-nssdir', `sql:${at('nssdb')}`, at('encrypted.pdf'), at('encrypted-signed.pdf'), '-add-signature', '-nick', 'signer',
      '-new-signature-field-name', 'ChuKy1']);
    expect(signed.status, signed.stderr).toBe(0);
    expect(pdfsig(at('encrypted-signed.pdf')).signatures[0]?.validation).toBe('Signature is Valid.');

    const [verdict] = verify(at('encrypted-signed.pdf'));
    // NSS writes BER lengths: CMS_NOT_DER is poppler's habit, not part of this case.
    expect(codes(verdict!)).toEqual(['ENCRYPTED_UNSUPPORTED', 'CMS_NOT_DER']);
    expect(verdict!.problems[0]?.severity).toBe('error');
    expect(verdict!.problems[0]?.message).toBe(
      'Tệp PDF đã mã hoá: chưa kiểm tra được các thay đổi sau khi ký / encrypted PDF: changes after signing cannot be analysed yet',
    );
    // The signature over the bytes holds (its /Contents is never encrypted); what came after it cannot be judged.
    expect(flags(verdict!)).toEqual({ intact: true, valid: true, trusted: true });
    expect(isSignatureAcceptable(verdict!, true)).toBe(false);
  });

  it('REVISION_STRUCTURE: bytes appended after the last %%EOF with no xref → error, modification disallowed; pdfsig only says not total', async () => {
    await signPdf({ input, output: at('signed.pdf'), signer });
    writeFileSync(at('appended.pdf'), Buffer.concat([readFileSync(at('signed.pdf')), Buffer.from('\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1')]));
    const [verdict] = verify(at('appended.pdf'));
    expect(codes(verdict!)).toEqual(['REVISION_STRUCTURE']);
    expect(verdict!.problems[0]?.message).toBe(
      'Có dữ liệu nối thêm sau %%EOF cuối cùng mà không có bảng xref / data was appended after the last %%EOF without a cross-reference section',
    );
    expect(verdict).toMatchObject({ intact: true, valid: true, trusted: true, modification: 'disallowed' });
    expect(isSignatureAcceptable(verdict!, true)).toBe(false);
    const poppler = pdfsig(at('appended.pdf')).signatures[0];
    expect([poppler?.validation, poppler?.totalDocumentSigned]).toEqual(['Signature is Valid.', false]);
  });

  it('REVISION_STRUCTURE: the shadow-attack fixture whose appended update has a damaged xref (rebuilt) → error, disallowed', () => {
    const file = fixture('pdf-attacks/shadow/hide_variant-2_hide-via-referenced-object_hide-form-via-form/4_original-document-shadowed-signed-manipulated.pdf');
    const [verdict] = verifyPdfSignatures(file, { validationTime: new Date('2020-01-01') }).signatures;
    // Two form fields each overlap their twin: one SHADOW_SUSPECT apiece.
    expect(codes(verdict!)).toEqual(['REVISION_STRUCTURE', 'MODIFIED_DISALLOWED', 'SHADOW_SUSPECT', 'SHADOW_SUSPECT']);
    // Both halves name the same reason the reader gave for rebuilding.
    expect(verdict!.problems[0]?.message).toMatch(
      /^Bảng tham chiếu chéo hỏng, phải dựng lại \((.+)\) \/ the cross-reference data is damaged and had to be rebuilt \(\1\)$/,
    );
    expect(verdict).toMatchObject({ intact: true, valid: true, modification: 'disallowed' });
    // qpdf sees the damage too.
    expect(run('qpdf', ['--check', file]).status).not.toBe(0);
  });
});
