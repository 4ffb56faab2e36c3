#!/usr/bin/env -S npx tsx
/**
 * Makes the SAMPLE signature and seal images in resources/samples/ (run by hand; the PNGs are committed). Both are
 * marked "MẪU / SAMPLE" so that nobody mistakes them for a real signature or seal. Drawn as vectors with pdf-lib,
 * rasterised at 300 dpi with a transparent background by pdftocairo (poppler-utils), then given a pHYs chunk so that
 * the seal appears at its actual size (Decree 30, Phụ lục I).
 *
 *   npx tsx scripts/samples/make-sample-images.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
// Types only (erased at run time); the module itself is loaded through createRequire below.
import type * as PdfLib from 'pdf-lib';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// pdf-lib is a dependency of @eoffice/signing; load it from there.
const fromSigning = createRequire(path.join(repoRoot, 'packages/signing/package.json'));
const { PDFDocument, rgb } = fromSigning('pdf-lib') as typeof PdfLib;
const fontkit = fromSigning('@pdf-lib/fontkit') as Parameters<PdfLib.PDFDocument['registerFontkit']>[0];

const DPI = 300;
const mm = (v: number): number => (v / 25.4) * 72;
const out = path.join(repoRoot, 'resources/samples');
const fonts = path.join(repoRoot, 'resources/fonts');
const work = mkdtempSync(path.join(tmpdir(), 'eoffice-samples-'));

async function signature(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(readFileSync(path.join(fonts, 'Tinos-Bold.ttf')), { subset: true });
  const [w, h] = [mm(60), mm(22)];
  const page = doc.addPage([w, h]);
  const blue = rgb(0.05, 0.2, 0.75);
  // A made-up flourish; SVG y grows downwards from the given origin.
  page.drawSvgPath('M 8 38 C 22 4, 34 56, 48 26 S 70 6, 82 30 S 104 52, 116 22 C 124 6, 140 40, 160 18', {
    x: 0, y: h, borderColor: blue, borderWidth: 2.4,
  });
  page.drawSvgPath('M 30 46 C 70 40, 110 44, 150 38', { x: 0, y: h, borderColor: blue, borderWidth: 1.4 });
  const label = 'MẪU / SAMPLE';
  page.drawText(label, { x: (w - font.widthOfTextAtSize(label, 9)) / 2, y: 3, size: 9, font, color: blue });
  return doc.save();
}

async function seal(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const bold = await doc.embedFont(readFileSync(path.join(fonts, 'Tinos-Bold.ttf')), { subset: true });
  const d = mm(36); // a common diameter for an agency seal
  const page = doc.addPage([d, d]);
  const red = rgb(0.85, 0.08, 0.1);
  const c = d / 2;
  page.drawCircle({ x: c, y: c, size: c - 2, borderColor: red, borderWidth: 2.6 });
  page.drawCircle({ x: c, y: c, size: c - 12, borderColor: red, borderWidth: 0.9 });
  const line = (text: string, y: number, size: number): void => {
    page.drawText(text, { x: c - bold.widthOfTextAtSize(text, size) / 2, y, size, font: bold, color: red });
  };
  line('UBND TỈNH DEMO', c + 14, 7);
  line('MẪU', c - 4, 14);
  line('SAMPLE', c - 16, 8);
  page.drawSvgPath('M 0 -5 L 1.5 -1.5 L 5 -1.5 L 2.2 0.8 L 3.2 4.5 L 0 2.3 L -3.2 4.5 L -2.2 0.8 L -5 -1.5 L -1.5 -1.5 Z', {
    x: c, y: c + 30, color: red,
  });
  return doc.save();
}

/** Inserts a pHYs chunk (pixels per metre) right after IHDR. */
function withDpi(png: Buffer, dpi: number): Buffer {
  const ppm = Math.round(dpi / 0.0254);
  const data = Buffer.alloc(9);
  data.writeUInt32BE(ppm, 0);
  data.writeUInt32BE(ppm, 4);
  data[8] = 1;
  const chunk = Buffer.alloc(21);
  chunk.writeUInt32BE(9, 0);
  chunk.write('pHYs', 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(Buffer.concat([Buffer.from('pHYs', 'latin1'), data])), 17);
  const ihdrEnd = 8 + 12 + png.readUInt32BE(8);
  const rest = png.subarray(ihdrEnd);
  // Drop an existing pHYs, if the rasteriser wrote one.
  const chunks: Buffer[] = [];
  for (let p = 0; p < rest.length; ) {
    const len = rest.readUInt32BE(p);
    const piece = rest.subarray(p, p + 12 + len);
    if (rest.toString('latin1', p + 4, p + 8) !== 'pHYs') chunks.push(piece);
    p += 12 + len;
  }
  return Buffer.concat([png.subarray(0, ihdrEnd), chunk, ...chunks]);
}

async function render(name: string, pdf: Uint8Array): Promise<void> {
  const pdfPath = path.join(work, `${name}.pdf`);
  writeFileSync(pdfPath, pdf);
  execFileSync('pdftocairo', ['-png', '-transp', '-r', String(DPI), '-singlefile', pdfPath, path.join(work, name)]);
  writeFileSync(path.join(out, `${name}.png`), withDpi(readFileSync(path.join(work, `${name}.png`)), DPI));
  console.log(`resources/samples/${name}.png`);
}

try {
  await render('signature-sample', await signature());
  await render('seal-sample', await seal());
} finally {
  rmSync(work, { recursive: true, force: true });
}
