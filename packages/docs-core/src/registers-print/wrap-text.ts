import type { PDFFont } from 'pdf-lib';

/**
 * Breaks text into lines no wider than `width` at word boundaries (and inside a word only when the word alone is
 * wider). Explicit newlines are kept. Text is NFC-normalised first so that widths are measured on the glyphs drawn.
 */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.normalize('NFC').split('\n')) {
    const words = paragraph.split(/\s+/).filter((w) => w.length > 0);
    let current = '';
    for (const word of words) {
      const candidate = current ? `${current} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        current = candidate;
        continue;
      }
      if (current) lines.push(current);
      current = '';
      let rest = word;
      while (font.widthOfTextAtSize(rest, size) > width) {
        const chars = [...rest];
        let take = chars.length - 1;
        while (take > 1 && font.widthOfTextAtSize(chars.slice(0, take).join(''), size) > width) take -= 1;
        lines.push(chars.slice(0, take).join(''));
        rest = chars.slice(take).join('');
      }
      current = rest;
    }
    if (current || lines.length === 0) lines.push(current);
  }
  return lines;
}
