/**
 * A signature's /ByteRange: [start1 length1 start2 length2]. It must cover the whole revision except exactly the
 * /Contents hex string (ISO 32000-2 §12.8.1: the ranges are checked before any digest).
 */
export interface ByteRange {
  readonly start1: number;
  readonly length1: number;
  readonly start2: number;
  readonly length2: number;
}

export type ByteRangeProblem = 'NOT_FOUR_INTEGERS' | 'NOT_FROM_START' | 'OVERLAPPING' | 'BEYOND_END';

export function parseByteRange(values: readonly number[], fileLength: number): ByteRange | ByteRangeProblem {
  if (values.length !== 4 || values.some((v) => !Number.isSafeInteger(v) || v < 0)) return 'NOT_FOUR_INTEGERS';
  const [start1, length1, start2, length2] = values as [number, number, number, number];
  if (start1 !== 0) return 'NOT_FROM_START';
  if (start2 < start1 + length1) return 'OVERLAPPING';
  if (start2 + length2 > fileLength) return 'BEYOND_END';
  return { start1, length1, start2, length2 };
}

/** The gap between the two ranges: where the /Contents hex string must sit. */
export function byteRangeGap(range: ByteRange): { readonly start: number; readonly end: number } {
  return { start: range.start1 + range.length1, end: range.start2 };
}
