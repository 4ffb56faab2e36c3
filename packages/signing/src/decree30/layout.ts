import { foldVietnamese } from '@eoffice/vietnamese';
import type { PositionedText } from './page-text.js';

/** x, y, width, height in points. */
export type Box = readonly [number, number, number, number];

/** Points: about 40 mm, more than any signature needs. */
const MAX_SIGNATURE_HEIGHT = 115;

const folded = (text: string) => foldVietnamese(text).replace(/\s+/g, ' ').trim();

/**
 * Runs on the same baseline joined left to right: pdf.js splits a line at wide gaps ("Tỉnh Demo, ngày", "tháng",
 * "năm 2026"), and the placeholders of a draft are exactly such gaps.
 */
export function textLines(items: readonly PositionedText[]): PositionedText[][] {
  const lines: PositionedText[][] = [];
  for (const item of [...items].sort((a, b) => b.y - a.y || a.x - b.x)) {
    const line = lines.find((l) => Math.abs(l[0]!.y - item.y) < 1);
    if (line) line.push(item);
    else lines.push([item]);
  }
  return lines.map((l) => l.sort((a, b) => a.x - b.x));
}

const lineText = (line: readonly PositionedText[]) => line.map((i) => i.text.trim()).join(' ');
const lineEnd = (line: readonly PositionedText[]) => Math.max(...line.map((i) => i.x + i.width));

/**
 * A gap this many font sizes wide parts two columns of one baseline: Phụ lục I prints "Số: …" (ô 3, left) and
 * "Hà Nội, ngày … tháng … năm …" (ô 4, right) on the same row, a good ten font sizes apart, while the blanks a draft
 * leaves for the number and the date are one to three.
 */
const COLUMN_GAP_FONT_SIZES = 3;

/** A baseline's runs (left to right) split into columns where the gap between two runs is wide. */
export function textColumns(line: readonly PositionedText[]): PositionedText[][] {
  const columns: PositionedText[][] = [];
  let previous: PositionedText | undefined;
  for (const item of line) {
    const gap = previous ? item.x - (previous.x + previous.width) : 0;
    if (!previous || gap > COLUMN_GAP_FONT_SIZES * Math.max(previous.height, item.height)) columns.push([item]);
    else columns[columns.length - 1]!.push(item);
    previous = item;
  }
  return columns;
}

const columnsOfPage = (items: readonly PositionedText[]) => textLines(items).map(textColumns);

/**
 * A text field's box sized so that its filled text (packages/signing's textFieldAppearance: size = min(13, 0.8 ×
 * height), baseline at (height − 0.7 × size) / 2) comes out in the draft's font size, on the draft's baseline.
 */
function onBaseline(x: number, baseline: number, fontSize: number, width: number): Box {
  const size = Math.min(Math.max(fontSize, 8), 13);
  const height = size * 1.25;
  return [x, baseline - (height - size * 0.7) / 2, width, height];
}

/**
 * The số field (ô 3): right after the "Số:" label on page 1, over the rest of its column (a draft may print the
 * symbol there, "Số:     /QĐ-UBND": the filled field covers it with the whole number and symbol), never into the
 * next column of the row (the place and date, ô 4).
 */
export function numberBoxAfterLabel(items: readonly PositionedText[]): Box | undefined {
  for (const columns of columnsOfPage(items)) {
    const at = columns.findIndex((c) => /^so\s*:/.test(folded(lineText(c))));
    if (at < 0) continue;
    // A blank wider than the column gap still leaves the symbol ("/QĐ-UBND", "/2026/NĐ-CP") to the number.
    let end = at + 1;
    while (end < columns.length && columns[end]![0]!.text.trim().startsWith('/')) end += 1;
    const column = columns.slice(at, end).flat();
    const label = column[0]!;
    const text = label.text.trim();
    const labelChars = text.indexOf(':') + 1;
    // pdf.js gives a run's width only: the label's share is estimated by characters (exact when the run is "Số:").
    const labelWidth = text.length === labelChars ? label.width : (label.width * labelChars) / text.length;
    const x = label.x + labelWidth + 3;
    const next = columns[end]?.[0];
    const width = Math.max(lineEnd(column) - x + 6, 120);
    return onBaseline(x, label.y, label.height, next ? Math.min(width, next.x - 4 - x) : width);
  }
  return undefined;
}

/**
 * The date line (ô 4, "…, ngày … tháng … năm …") on page 1: the box covering it and the place printed before it. It
 * is found in its own column (the number may share its row), joined with the next columns of the row when its blanks
 * are wider than a column gap.
 */
export function dateLine(items: readonly PositionedText[]): { box: Box; place: string | null } | undefined {
  for (const columns of columnsOfPage(items)) {
    const at = columns.findIndex((c) => /\bngay\b/.test(folded(lineText(c))));
    if (at < 0) continue;
    for (let end = at + 1; end <= columns.length; end += 1) {
      const line = columns.slice(at, end).flat();
      const text = lineText(line);
      if (!/\bngay\b.*\bthang\b.*\bnam\b/.test(folded(text))) continue;
      const comma = text.search(/,\s*ngày/iu);
      const place = comma > 0 ? text.slice(0, comma).trim() : null;
      const first = line[0]!;
      const previous = columns[at - 1];
      // Never reaching back over the column on its left (the number's, on a Phụ lục I row).
      const x = previous ? Math.max(first.x - 2, lineEnd(previous) + 4) : first.x - 2;
      return { box: onBaseline(x, first.y, first.height, Math.max(lineEnd(line) - x + 6, 200)), place };
    }
  }
  return undefined;
}

/**
 * The signer's image box (ô 7c) on the last page: between the position line and the printed full name (compared
 * folded, so NFD/NFC and case do not matter), centred on the name. The lowest match wins: the signature block is at
 * the bottom; a name in the body is part of a longer run and never matches a whole run.
 */
export function signerBoxAboveName(items: readonly PositionedText[], fullName: string): Box | undefined {
  const target = folded(fullName);
  const name = items.filter((i) => folded(i.text) === target).sort((a, b) => a.y - b.y)[0];
  if (!name) return undefined;
  const centre = name.x + name.width / 2;
  const above = items
    .filter((i) => i.y > name.y + name.height && i.x <= centre && centre <= i.x + i.width)
    .sort((a, b) => a.y - b.y)[0];
  const bottom = name.y + name.height * 0.9 + 2;
  // A block with a wide gap (room for a hand signature on paper) keeps the image near the name, as a pen would.
  const top = Math.min(above ? above.y - above.height * 0.25 - 2 : bottom + 80, bottom + MAX_SIGNATURE_HEIGHT);
  if (top - bottom < 24) return undefined;
  const width = Math.min(Math.max(name.width, above?.width ?? 0, 150), 260);
  return [centre - width / 2, bottom, width, top - bottom];
}
