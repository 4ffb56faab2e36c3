import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoPdf } from '@eoffice/docs-core';
import { PdfReader, openPkcs11Signer, signatureFields } from '@eoffice/signing';
import { layoutText } from '../../../docs-core/test/pdf-tools.js';
import { makeDevToken, type DevToken } from '../helpers/dev-token.js';
import { pdfsig } from '../helpers/pdfsig.js';
import { decree30Signer } from '../../src/decree30/index.js';

let dev: DevToken;
let dir: string;
beforeAll(() => {
  dev = makeDevToken();
  dir = mkdtempSync(join(tmpdir(), 'eoffice-stamp-'));
});
afterAll(() => {
  dev?.remove();
  rmSync(dir, { recursive: true, force: true });
});

describe('the agency signature on an attachment in its own file (Decree 30 Phụ lục I)', () => {
  it('is a text stamp top-right of page 1 — số/ký hiệu and the signing time in ISO 8601 +07:00 — valid for pdfsig', async () => {
    const key = await openPkcs11Signer({ modulePath: dev.module, token: { label: dev.token }, keyId: dev.keys.agency, pin: dev.pin });
    try {
      const attachment = await makeDemoPdf({ issuer: 'Ủy ban nhân dân tỉnh Demo', numberLine: '', typeName: '', subject: 'Phụ lục: danh sách thành viên Tổ công tác', body: 'Danh sách.' });
      const workDir = join(dir, 'data', 'tmp');
      const stamped = await decree30Signer(key, { workDir }).stampAttachment({
        pdf: attachment,
        numberAndSymbol: '01/QĐ-UBND',
        signingTime: new Date('2026-11-27T02:03:04Z'),
      });
      expect(stamped.signerName).toBe('UBND tỉnh Demo');
      // The document was written under the data folder while signed, and nothing of it is left there.
      expect(readdirSync(workDir)).toEqual([]);
      const file = join(dir, 'phu-luc.pdf');
      writeFileSync(file, stamped.pdf);
      const report = pdfsig(file);
      expect(report.signatures.map((s) => [s.validation, s.totalDocumentSigned]), report.raw).toEqual([['Signature is Valid.', true]]);
      const text = layoutText(file);
      expect(text).toContain('01/QĐ-UBND');
      expect(text).toContain('2026-11-27T09:03:04+07:00');
      const reader = PdfReader.open(file);
      try {
        const [x1, y1, x2, y2] = signatureFields(reader)[0]!.widgets[0]!.rect!;
        const mm = 72 / 25.4;
        expect(x2).toBeCloseTo(595.28 - 10 * mm, 1);
        expect(y2).toBeCloseTo(841.89 - 10 * mm, 1);
        expect(x1).toBeGreaterThan(595.28 / 2);
        expect(y1).toBeGreaterThan(841.89 - 40 * mm);
      } finally {
        reader.close();
      }
    } finally {
      await key.close();
    }
  });
});
