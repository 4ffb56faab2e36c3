import { describe, expect, it } from 'vitest';
import { boxArea, containsPoint, intersectionArea, normalizeBox, scanContent } from '../../src/verify/modifications/content-stream-scan.js';

/**
 * The shadow-attack pre-check's content-stream scan on hand-written content streams (issue 15, mutation testing of
 * content-stream-scan.ts): where each text-showing operator and each image is placed, in painting order, and the
 * box arithmetic the overlap warnings use. The positions are worked out by hand from ISO 32000-2 §8.3.4 and §9.4.2.
 */
const scan = (content: string, images: readonly string[] = ['Im1']) => scanContent(Buffer.from(content, 'latin1'), (name) => images.includes(name));
const points = (content: string) => scan(content).map((mark) => [mark.kind, mark.order, ...mark.box]);

describe('text positions', () => {
  it('Td, TD and Tm place the text; BT starts again from the origin', () => {
    expect(points('BT /F1 12 Tf 100 200 Td (Hello) Tj ET')).toEqual([['text', 0, 100, 200, 100, 200]]);
    expect(points('BT 10 20 Td 5 6 TD (a) Tj ET BT (b) Tj ET')).toEqual([
      ['text', 0, 15, 26, 15, 26],
      ['text', 1, 0, 0, 0, 0],
    ]);
    expect(points('BT 7 8 Td 1 0 0 1 50 60 Tm (z) Tj ET')).toEqual([['text', 0, 50, 60, 50, 60]]);
    expect(points('BT 2 0 0 2 50 60 Tm 5 5 Td (z) Tj ET')).toEqual([['text', 0, 60, 70, 60, 70]]);
  });

  it("each of Tj, TJ, ' and \" marks the text", () => {
    const content = "BT 1 2 Td (a) Tj [(b) -250 (c)] TJ (d) ' 1 2 (e) \" ET";
    expect(points(content)).toEqual([0, 1, 2, 3].map((order) => ['text', order, 1, 2, 1, 2]));
  });

  it('cm concatenates onto the current matrix; q and Q save and restore it; an unmatched Q falls back to identity', () => {
    expect(points('q 2 0 0 2 10 20 cm BT 5 5 Td (x) Tj ET Q BT 1 1 Td (y) Tj ET')).toEqual([
      ['text', 0, 20, 30, 20, 30],
      ['text', 1, 1, 1, 1, 1],
    ]);
    expect(points('1 0 0 1 3 4 cm 1 0 0 1 10 10 cm BT (x) Tj ET')).toEqual([['text', 0, 13, 14, 13, 14]]);
    expect(points('1 0 0 1 3 4 cm q 1 0 0 1 10 10 cm Q Q BT (x) Tj ET')).toEqual([['text', 0, 0, 0, 0, 0]]);
  });

  it('operators with too few operands change nothing', () => {
    expect(points('0 0 1 3 4 cm BT 9 Td 0 1 1 5 6 Tm (x) Tj ET')).toEqual([['text', 0, 0, 0, 0, 0]]);
  });

  it('numbers written as .5, -3, +4 and 7. are read as numbers', () => {
    expect(points('BT .5 -3 Td +4 7. Td (x) Tj ET')).toEqual([['text', 0, 4.5, 4, 4.5, 4]]);
  });

  it('strings, hex strings, names, dictionaries and comments are operands, never operators', () => {
    const content = [
      'BT 1 1 Td',
      '(a \\( Tj b) Tj', // an escaped parenthesis inside a string
      '(nested (Tj) ok) Tj',
      '<48 65 6C> Tj',
      '/Tj <</MCID 0>> BDC EMC',
      '% 90 90 Td (comment) Tj',
      '[(x)] TJ ET',
    ].join('\n');
    expect(points(content)).toEqual([0, 1, 2, 3].map((order) => ['text', order, 1, 1, 1, 1]));
  });

  it('operators such as T* and d0 are skipped and clear the operands', () => {
    expect(points('BT 30 40 T* Td (x) Tj ET')).toEqual([['text', 0, 0, 0, 0, 0]]);
    expect(points('BT 30 40 d0 Td (x) Tj ET')).toEqual([['text', 0, 0, 0, 0, 0]]);
  });
});

describe('operands and tokens at their edges', () => {
  it('text shown before any BT is placed from the origin', () => {
    expect(points('(x) Tj')).toEqual([['text', 0, 0, 0, 0, 0]]);
  });

  it('strings, hex strings, names and arrays between the numbers and their operator are skipped, not cleared', () => {
    expect(points('BT 5 (a) <01> /N [ ] 6 Td (x) Tj ET')).toEqual([['text', 0, 5, 6, 5, 6]]);
    expect(points('BT 5 5 <1 2> <0A0B> Td (x) Tj ET')).toEqual([['text', 0, 5, 5, 5, 5]]);
  });

  it('a comment between the numbers and their operator changes nothing', () => {
    expect(points('BT 5 6 % note\nTd (x) Tj ET')).toEqual([['text', 0, 5, 6, 5, 6]]);
  });

  it('numbers starting with 9, and .25, are read whole', () => {
    expect(points('BT 9 9 Td (x) Tj ET')).toEqual([['text', 0, 9, 9, 9, 9]]);
    expect(points('BT .25 3 Td (x) Tj ET')).toEqual([['text', 0, 0.25, 3, 0.25, 3]]);
  });

  it('an operator inside a string nested in a string is part of the string', () => {
    expect(points('BT 3 4 Td (x (Tj) Tj) Tj ET')).toEqual([['text', 0, 3, 4, 3, 4]]);
  });

  it('q saves the matrix that Q restores', () => {
    expect(points('1 0 0 1 3 4 cm q 1 0 0 1 10 10 cm Q BT (x) Tj ET')).toEqual([['text', 0, 3, 4, 3, 4]]);
  });

  it('the scan stops after 2,000,000 tokens', () => {
    const content = (zeros: number) => `BT ${'0 '.repeat(zeros)}(x) Tj`;
    // BT, the zeros, the string and Tj: exactly 2,000,000 tokens, then one more.
    expect(scan(content(2_000_000 - 3))).toHaveLength(1);
    expect(scan(content(2_000_000 - 2))).toHaveLength(0);
  });
});

describe('images', () => {
  it('an image Do paints the unit square through the current matrix; forms and non-names are not images', () => {
    expect(scan('q 100 0 0 50 10 20 cm /Im1 Do Q')).toEqual([{ kind: 'image', order: 0, box: [10, 20, 110, 70], name: 'Im1' }]);
    // Mirrored and rotated placements still give the box from the smallest to the largest corner.
    expect(scan('q -100 0 0 -50 200 300 cm /Im1 Do Q')[0]?.box).toEqual([100, 250, 200, 300]);
    expect(scan('q 0 10 -20 0 50 60 cm /Im1 Do Q')[0]?.box).toEqual([30, 60, 50, 70]);
    expect(scan('q 100 0 0 50 10 20 cm /Fm1 Do Q')).toEqual([]);
    expect(scan('q 100 0 0 50 10 20 cm (Im1) Do Q')).toEqual([]);
    expect(scan('Do')).toEqual([]);
    // A string operand is never a name, even when a resource name is spelled like its text (/Im1#29 is "Im1)").
    expect(scan('(Im1) Do', ['Im1)'])).toEqual([]);
  });

  it('text and images share one painting order', () => {
    expect(scan('BT (a) Tj ET /Im1 Do BT (b) Tj ET').map((mark) => [mark.kind, mark.order])).toEqual([
      ['text', 0],
      ['image', 1],
      ['text', 2],
    ]);
  });
});

describe('boxes', () => {
  it('boxArea: width × height whichever corner comes first; a missing number counts as 0', () => {
    expect(boxArea([0, 0, 4, 5])).toBe(20);
    expect(boxArea([4, 5, 0, 0])).toBe(20);
    expect(boxArea([1, 1, 1, 9])).toBe(0);
    expect(boxArea([2, 3])).toBe(6);
    expect(boxArea([])).toBe(0);
  });

  it('normalizeBox orders the corners; missing numbers count as 0', () => {
    expect(normalizeBox([5, 6, 1, 2])).toEqual([1, 2, 5, 6]);
    expect(normalizeBox([1, 6, 5, 2])).toEqual([1, 2, 5, 6]);
    expect(normalizeBox([3, 4])).toEqual([0, 0, 3, 4]);
  });

  it('intersectionArea: the overlap of two boxes in any corner order, 0 when they only touch or are apart', () => {
    expect(intersectionArea([0, 0, 10, 10], [5, 5, 20, 20])).toBe(25);
    expect(intersectionArea([10, 10, 0, 0], [20, 20, 5, 5])).toBe(25);
    expect(intersectionArea([0, 0, 10, 10], [2, 3, 4, 8])).toBe(10);
    expect(intersectionArea([0, 0, 10, 10], [10, 0, 20, 10])).toBe(0);
    expect(intersectionArea([0, 0, 10, 10], [20, 20, 30, 30])).toBe(0);
    expect(intersectionArea([0, 0, 10, 10], [0, 20, 10, 30])).toBe(0);
    expect(intersectionArea([0, 0, 10, 10], [20, 0, 30, 10])).toBe(0);
  });

  it('containsPoint: the edges count as inside', () => {
    expect(containsPoint([0, 0, 10, 10], 0, 0)).toBe(true);
    expect(containsPoint([10, 10, 0, 0], 10, 10)).toBe(true);
    expect(containsPoint([0, 0, 10, 10], 5, 5)).toBe(true);
    expect(containsPoint([0, 0, 10, 10], -1, 5)).toBe(false);
    expect(containsPoint([0, 0, 10, 10], 11, 5)).toBe(false);
    expect(containsPoint([0, 0, 10, 10], 5, -1)).toBe(false);
    expect(containsPoint([0, 0, 10, 10], 5, 11)).toBe(false);
  });
});
