import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PdfReader, Pkcs12Signer, SigningError, prebuiltSignerAppearance, readPngInfo, signPdf, signatureFields, widgetImageBounds } from '../src/index.js';
import { repoRoot } from './helpers/fixtures.js';
import { pdfsig } from './helpers/pdfsig.js';
import { makeSamplePdf } from './helpers/sample-pdfs.js';
import { qpdfCheck, requireTool, run } from './helpers/system-tools.js';
import { useTempDir } from './helpers/temp-dir.js';
import { makeTestIdentity } from './helpers/test-pki.js';

const tempDir = useTempDir();
const signaturePng = readFileSync(path.join(repoRoot, 'resources/samples/signature-sample.png'));

describe('prebuilt signer appearance (drawn once, reused across documents)', async () => {
  const dir = tempDir();
  const id = makeTestIdentity(dir, 'rsa-2048');
  const signer = Pkcs12Signer.fromFile(id.p12, id.password);
  const rect = [330, 400, 200, 110] as const;
  const appearance = await prebuiltSignerAppearance(
    { image: signaturePng, lines: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Trần Thị Bình'] },
    { width: rect[2], height: rect[3] },
  );

  it('gives a valid visible signature, with the name and image, in each of several documents', async () => {
    requireTool('pdftotext', 'poppler-utils');
    for (const [index, pages] of [1, 3, 2].entries()) {
      const input = path.join(dir, `in-${index}.pdf`);
      const output = path.join(dir, `out-${index}.pdf`);
      writeFileSync(input, await makeSamplePdf({ pages }));
      await signPdf({ input, output, signer, placement: { pageIndex: 0, rect }, appearance });

      const report = pdfsig(output);
      expect(report.signatures.map((s) => s.validation), report.raw).toEqual(['Signature is Valid.']);
      expect(report.signatures[0]!.totalDocumentSigned).toBe(true);
      const check = qpdfCheck(output);
      expect(check.status, check.stdout + check.stderr).toBe(0);

      // The appearance really is in this document: its text is extractable from the widget area and the image drawn.
      const text = run('pdftotext', ['-enc', 'UTF-8', '-f', '1', '-l', '1', output, '-']).stdout;
      expect(text).toContain('Trần Thị Bình');
      const reader = PdfReader.open(output);
      try {
        const [ix1, iy1, ix2, iy2] = widgetImageBounds(reader, signatureFields(reader)[0]!.widgets[0]!.dict)!;
        const png = readPngInfo(signaturePng);
        expect((ix2 - ix1) / (iy2 - iy1)).toBeCloseTo(png.width / png.height, 2);
      } finally {
        reader.close();
      }
    }
  });

  it('refuses a widget of another size (the drawing would be stretched)', async () => {
    const input = path.join(dir, 'other-size.pdf');
    writeFileSync(input, await makeSamplePdf({ pages: 1 }));
    const attempt = signPdf({ input, output: path.join(dir, 'other-size-out.pdf'), signer, placement: { pageIndex: 0, rect: [330, 400, 150, 110] }, appearance });
    await expect(attempt).rejects.toBeInstanceOf(SigningError);
    await expect(attempt).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
  });
});
