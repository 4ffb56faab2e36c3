import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { Pkcs12Signer, loadTrustAnchors, verifyPdfSignatures, type ParsedCertificate } from '../../src/index.js';
import { fill, signedWithPatches, update } from '../helpers/modification-files.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { makeTestIdentity } from '../helpers/test-pki.js';

/**
 * A FieldMDP lock naming more than one field, and a /Fields list holding something that is no name (issue 15,
 * mutation testing of signature-permissions.ts): every named field is locked, and a stray item is skipped rather
 * than breaking the signature's verdict.
 */
const tempDir = useTempDir('modification-permissions-lists-');
let signer: Pkcs12Signer;
let anchors: ParsedCertificate[];
let form: string;

beforeAll(async () => {
  const identity = makeTestIdentity(tempDir(), 'rsa-2048', 'Bùi Thị Lan');
  signer = Pkcs12Signer.fromFile(identity.p12, identity.password);
  anchors = await loadTrustAnchors([identity.rootPem]);
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  for (const [i, name] of ['ho_ten', 'so_tien', 'ghi_chu'].entries()) {
    doc.getForm().createTextField(name).addToPage(page, { x: 72, y: 700 - 50 * i, width: 200, height: 20 });
  }
  form = path.join(tempDir(), 'form.pdf');
  writeFileSync(form, await doc.save({ useObjectStreams: false }));
});

const lockedAfter = (bytes: Uint8Array, field: string): string[] =>
  (verifyPdfSignatures(update(tempDir(), bytes, fill(field, 'đã sửa')), { trustAnchors: anchors }).signatures[0]?.problems ?? []).map((p) => p.code);

describe('FieldMDP /Fields lists', () => {
  it('two names: each of them is locked, the third field is not', async () => {
    const bytes = await signedWithPatches(form, signer, 'ChuKy1', ['so_tien', 'ho_ten'], []);
    expect(lockedAfter(bytes, 'so_tien')).toEqual(['FIELDMDP_VIOLATION']);
    expect(lockedAfter(bytes, 'ho_ten')).toEqual(['FIELDMDP_VIOLATION']);
    expect(lockedAfter(bytes, 'ghi_chu')).toEqual(['MODIFIED_ALLOWED']);
  });

  it('a number among the names (in both the /Reference and the /Lock) is skipped; the names still lock', async () => {
    // The second name is overwritten by a number, same length, in the field's /Lock and then in the /Reference.
    const bytes = await signedWithPatches(form, signer, 'ChuKy1', ['so_tien', 'xx'], [
      ['(xx)]', '  5 ]'],
      ['(xx)]', '  5 ]'],
    ]);
    expect(bytes.toString('latin1')).not.toContain('(xx)');
    const [verdict] = verifyPdfSignatures(bytes, { trustAnchors: anchors }).signatures;
    expect(verdict).toMatchObject({ intact: true, valid: true, trusted: true, modification: 'none' });
    expect(verdict?.problems).toEqual([]);
    expect(lockedAfter(bytes, 'so_tien')).toEqual(['FIELDMDP_VIOLATION']);
    expect(lockedAfter(bytes, 'ho_ten')).toEqual(['MODIFIED_ALLOWED']);
  });
});
