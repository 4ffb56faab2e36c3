import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';
import { makeDemoPdf } from '@eoffice/docs-core';
import { attachmentStampUpdate, firstAndLastPageText, type PositionedText } from '../../src/decree30/index.js';
import { repoRoot } from '../helpers/fixtures.js';

const MM = 72 / 25.4;
const A4: [number, number] = [595.28, 841.89];
const dir = mkdtempSync(join(tmpdir(), 'eoffice-stamp-place-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A page whose first lines sit where Phụ lục I puts them: the Quốc hiệu and Tiêu ngữ right, their top `topMm` below the edge. */
async function headedPage(topMm: number): Promise<string> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const bold = await pdf.embedFont(readFileSync(join(repoRoot, 'resources/fonts/Tinos-Bold.ttf')), { subset: true });
  const page = pdf.addPage(A4);
  const first = A4[1] - topMm * MM - 12;
  for (const [text, y] of [['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', first], ['Độc lập - Tự do - Hạnh phúc', first - 16]] as const) {
    page.drawText(text, { x: 415 - bold.widthOfTextAtSize(text, 12) / 2, y, size: 12, font: bold, color: rgb(0, 0, 0) });
  }
  page.drawText('UBND TỈNH DEMO', { x: 100, y: first, size: 12, font: bold });
  const file = join(dir, `headed-${topMm}.pdf`);
  writeFileSync(file, await pdf.save());
  return file;
}

function overlaps(rect: readonly number[], item: PositionedText): boolean {
  const [x, y, w, h] = rect as [number, number, number, number];
  const box = [item.x, item.y - 0.25 * item.height, item.x + item.width, item.y + item.height];
  return box[0]! < x + w && box[2]! > x && box[1]! < y + h && box[3]! > y;
}

async function stampOn(file: string) {
  const update = await attachmentStampUpdate(file, { lines: ['SAO Y', 'Sở Nội vụ tỉnh Demo'], signingTime: new Date('2026-12-07T01:28:14Z') });
  const text = await firstAndLastPageText(readFileSync(file));
  return { rect: update.placement!.rect, items: text!.first.items };
}

// The copy stamp (SAO Y, the copying agency, the time: three 10 pt lines) was put 10 mm below the top edge whatever the
// page held: on a document with Phụ lục I's 20 mm top margin it covered the Quốc hiệu, and both could not be read.
describe('the text stamp of a copy or an attachment (top right of page 1)', () => {
  it.each([20, 25])('sits above a Quốc hiệu %i mm below the top edge, not over it', async (topMm) => {
    const { rect, items } = await stampOn(await headedPage(topMm));
    expect(items.filter((item) => overlaps(rect, item)).map((i) => i.text)).toEqual([]);
    expect(rect[0] + rect[2]).toBeCloseTo(A4[0] - 10 * MM, 3);
    expect(rect[1] + rect[3]).toBeLessThanOrEqual(A4[1] - 5 * MM + 0.001);
  });

  it('stays 10 mm below the top edge when nothing under it is in the way', async () => {
    const { rect } = await stampOn(await headedPage(45));
    expect(rect[1] + rect[3]).toBeCloseTo(A4[1] - 10 * MM, 3);
  });

  it('leaves the demo draft readable: the stamp covers none of its text', async () => {
    const file = join(dir, 'demo.pdf');
    writeFileSync(file, await makeDemoPdf({ issuer: 'Sở Nội vụ tỉnh Demo', numberLine: 'Số:      /QĐ-SNV', typeName: 'Quyết định', subject: 'Về việc thử', body: 'Nội dung.' }));
    const { rect, items } = await stampOn(file);
    expect(items.filter((item) => overlaps(rect, item)).map((i) => i.text)).toEqual([]);
  });
});
