import { describe, expect, it } from 'vitest';
import { byteRangeGap, parseByteRange } from '../src/pdf/byte-range.js';

describe('parseByteRange', () => {
  it('accepts two ranges around a gap', () => {
    const range = parseByteRange([0, 100, 200, 50], 250);
    expect(range).toEqual({ start1: 0, length1: 100, start2: 200, length2: 50 });
    expect(byteRangeGap(range as Exclude<typeof range, string>)).toEqual({ start: 100, end: 200 });
  });

  it.each([
    [[0, 100, 200], 250, 'NOT_FOUR_INTEGERS'],
    [[0, 100, 200, -1], 250, 'NOT_FOUR_INTEGERS'],
    [[10, 100, 200, 50], 250, 'NOT_FROM_START'],
    [[0, 100, 50, 50], 250, 'OVERLAPPING'],
    [[0, 100, 200, 60], 250, 'BEYOND_END'],
  ] as const)('refuses %j in a %i-byte file as %s', (values, length, problem) => {
    expect(parseByteRange(values, length)).toBe(problem);
  });
});
