import { describe, expect, it } from 'vitest';
import { makeDemoPdf } from '@eoffice/docs-core';
import { dateLine, numberBoxAfterLabel, signerBoxAboveName, textColumns, textLines } from '../../src/decree30/layout.js';
import { firstAndLastPageText, type PositionedText } from '../../src/decree30/page-text.js';

const run = (text: string, x: number, y: number, width: number, height = 13): PositionedText => ({ text, x, y, width, height });

describe('where Decree 30 puts số, the date and the signer on a draft (pdf.js text positions)', () => {
  it('reads a real draft made with pdf-lib: "Số:" runs, the date line split at its blanks, the signature block', async () => {
    const pdf = await makeDemoPdf({
      issuer: 'Ủy ban nhân dân tỉnh Demo',
      numberLine: 'Số:          /QĐ-UBND',
      typeName: 'Quyết định',
      subject: 'Về việc thành lập Tổ công tác',
      body: 'Giao ông Nguyễn Văn An, Chủ tịch, chỉ đạo thực hiện.',
      dateLine: 'Hà Nội, ngày      tháng      năm 2026',
      signatureBlock: { lines: ['TM. Ủy ban nhân dân', 'Chủ tịch'], name: 'Nguyễn Văn An' },
    });
    const { first, last } = (await firstAndLastPageText(pdf))!;
    const label = first.items.find((i) => i.text === 'Số:')!;
    const symbol = first.items.find((i) => i.text === '/QĐ-UBND')!;
    const [nx, ny, nw] = numberBoxAfterLabel(first.items)!;
    expect(nx).toBeGreaterThan(label.x + label.width);
    expect(nx + nw).toBeGreaterThan(symbol.x + symbol.width); // covers the printed symbol: the field holds 01/QĐ-UBND
    expect(ny).toBeLessThan(label.y);
    // Filled in the draft's size on the draft's baseline (textFieldAppearance: size min(13, 0.8 h), baseline (h − 0.7 size) / 2).
    const nh = numberBoxAfterLabel(first.items)![3];
    const size = Math.min(13, nh * 0.8);
    expect(size).toBeCloseTo(label.height, 5);
    expect(ny + (nh - size * 0.7) / 2).toBeCloseTo(label.y, 5);
    const date = dateLine(first.items)!;
    expect(date.place).toBe('Hà Nội');
    // The box covers the whole line, from "Hà Nội, ngày" to "năm 2026" (pdf.js gives them as separate runs).
    const start = first.items.find((i) => i.text.startsWith('Hà Nội'))!;
    const end = first.items.find((i) => i.text === 'năm 2026')!;
    expect(date.box[0]).toBeLessThan(start.x);
    expect(date.box[0] + date.box[2]).toBeGreaterThan(end.x + end.width);
    expect(date.box[1]).toBeLessThan(start.y);
    expect(date.box[1] + date.box[3]).toBeGreaterThan(start.y + start.height * 0.7);

    const [sx, sy, sw, sh] = signerBoxAboveName(last.items, 'NGUYỄN VĂN AN'.normalize('NFD'))!;
    const name = last.items.find((i) => i.text === 'Nguyễn Văn An')!;
    const position = last.items.find((i) => i.text === 'CHỦ TỊCH')!;
    expect(sy).toBeGreaterThan(name.y + name.height * 0.5);
    expect(sy + sh).toBeLessThan(position.y);
    expect(sx + sw / 2).toBeCloseTo(name.x + name.width / 2, 3);
  });

  it('Số (ô 3) and the date (ô 4) on ONE baseline, as Phụ lục I prints them: each found in its own column, boxes apart', async () => {
    const columnCounts: number[] = [];
    const draft = (numberLine: string, dateLine: string) =>
      makeDemoPdf({ issuer: 'Ủy ban nhân dân thành phố Hà Nội', numberLine, typeName: 'Quyết định', subject: 'Về việc giao chỉ tiêu', body: 'Nội dung.', dateLine });
    for (const [numberText, dateText] of [
      ['Số:          /QĐ-UBND', 'Hà Nội, ngày      tháng      năm 2026'],
      // Blanks wider than the gap between the columns: the symbol stays the number's, the date line stays whole.
      ['Số:                              /QĐ-UBND', 'Hà Nội, ngày                 tháng                 năm 2026'],
    ] as const) {
      const { first } = (await firstAndLastPageText(await draft(numberText, dateText)))!;
      const label = first.items.find((i) => i.text === 'Số:')!;
      const symbol = first.items.find((i) => i.text === '/QĐ-UBND')!;
      const start = first.items.find((i) => i.text.startsWith('Hà Nội, ngày'))!;
      const end = first.items.find((i) => i.text === 'năm 2026')!;
      expect([symbol.y, start.y, end.y]).toEqual([label.y, label.y, label.y]); // one row
      expect(textLines(first.items).find((l) => l.includes(label))!.map((i) => i.text).join(' ')).toContain('Hà Nội');
      columnCounts.push(textColumns(textLines(first.items).find((l) => l.includes(label))!).length);

      const [nx, , nw] = numberBoxAfterLabel(first.items)!;
      expect(nx).toBeGreaterThan(label.x + label.width);
      expect(nx + nw).toBeGreaterThan(symbol.x + symbol.width);
      expect(nx + nw).toBeLessThan(start.x); // the filled number never covers the place and date

      const date = dateLine(first.items)!;
      expect(date.place).toBe('Hà Nội');
      expect(date.box[0]).toBeGreaterThan(symbol.x + symbol.width); // not from the "Số:" label
      expect(date.box[0]).toBeLessThan(start.x);
      expect(date.box[0] + date.box[2]).toBeGreaterThan(end.x + end.width);
    }
    // The second draft's blanks are wide enough to be column gaps themselves (Số | symbol | date | tháng | năm).
    expect(columnCounts).toEqual([2, 5]);
  });

  it('splits a baseline into columns at gaps several font sizes wide, not at the blanks of a line', () => {
    const columns = textColumns([run('Số:', 93, 745, 17), run('/QĐ-UBND', 140, 745, 60), run('Hà Nội, ngày', 320, 745, 70), run('tháng', 410, 745, 29), run('năm 2026', 458, 745, 52)]);
    expect(columns.map((c) => c.map((i) => i.text).join(' '))).toEqual(['Số: /QĐ-UBND', 'Hà Nội, ngày tháng năm 2026']);
    // Only the label printed, the date right after a short gap that is still a column gap: neither box crosses it.
    const row = [run('Số:', 93, 745, 17), run('Hà Nội, ngày', 160, 745, 70), run('tháng', 250, 745, 29), run('năm 2026', 300, 745, 52)];
    const [nx, , nw] = numberBoxAfterLabel(row)!;
    expect(nx + nw).toBeLessThan(160);
    expect(dateLine(row)!.place).toBe('Hà Nội');
    expect(dateLine(row)!.box[0]).toBeGreaterThan(93 + 17);
  });

  it('joins runs on one baseline left to right, and finds nothing where nothing is printed', () => {
    const lines = textLines([run('năm 2026', 470, 745, 50), run('Tỉnh Demo, ngày', 310, 745, 90), run('tháng', 420, 745.4, 30), run('Độc lập', 340, 774, 60)]);
    expect(lines.map((l) => l.map((i) => i.text).join(' '))).toEqual(['Độc lập', 'Tỉnh Demo, ngày tháng năm 2026']);
    expect(numberBoxAfterLabel([run('Quyết định', 250, 700, 80)])).toBeUndefined();
    expect(dateLine([run('Ngày hội', 250, 700, 80)])).toBeUndefined();
    expect(signerBoxAboveName([run('Nguyễn Văn An', 350, 200, 90)], 'Trần Thị Bình')).toBeUndefined();
  });

  it('the name inside a sentence is not the signature block; a wide gap keeps the image near the name', () => {
    const body = run('Giao Nguyễn Văn An chủ trì', 70, 600, 200);
    expect(signerBoxAboveName([body], 'Nguyễn Văn An')).toBeUndefined();
    const [, y, , h] = signerBoxAboveName([body, run('CHỦ TỊCH', 380, 500, 60), run('Nguyễn Văn An', 360, 150, 100)], 'Nguyễn Văn An')!;
    expect(y).toBeGreaterThan(150);
    expect(y + h).toBeLessThan(300);
  });
});
