import { describe, expect, it } from 'vitest';
import { findByteRangeCollisions, type CheckedByteRange } from '../../src/verify/byte-range/signature-dictionary-checks.js';

/**
 * Check 5 on its own (issue 15): two signatures collide when their gaps (the /Contents holes) overlap by at least one
 * byte; gaps that only touch, or lie apart, do not. Each colliding signature is told the other's 1-based number.
 */
const range = (gapStart: number, gapEnd: number, end = 10_000): CheckedByteRange => ({
  start1: 0,
  length1: gapStart,
  start2: gapEnd,
  length2: end - gapEnd,
  end,
});
const named = (found: Map<number, { code: string; severity: string; message: string }>) =>
  [...found.entries()].map(([index, problem]) => [index, problem.code, problem.severity, problem.message]);

describe('findByteRangeCollisions', () => {
  it('the same gap twice: both told, each naming the other', () => {
    expect(named(findByteRangeCollisions([range(100, 200), range(100, 200)]))).toEqual([
      [0, 'BYTE_RANGE_COLLISION', 'warning', '/ByteRange trùng với chữ ký khác (#2) / /ByteRange collides with another signature (#2)'],
      [1, 'BYTE_RANGE_COLLISION', 'warning', '/ByteRange trùng với chữ ký khác (#1) / /ByteRange collides with another signature (#1)'],
    ]);
  });

  it('gaps overlapping by one byte collide, at either end', () => {
    expect([...findByteRangeCollisions([range(100, 200), range(199, 300)]).keys()]).toEqual([0, 1]);
    expect([...findByteRangeCollisions([range(199, 300), range(100, 200)]).keys()]).toEqual([0, 1]);
    // One gap inside the other.
    expect([...findByteRangeCollisions([range(100, 400), range(200, 300)]).keys()]).toEqual([0, 1]);
  });

  it('gaps that only touch or lie apart do not; a missing range is skipped', () => {
    expect(findByteRangeCollisions([range(100, 200), range(200, 300)]).size).toBe(0);
    expect(findByteRangeCollisions([range(200, 300), range(100, 200)]).size).toBe(0);
    expect(findByteRangeCollisions([range(100, 200), null, range(500, 600)]).size).toBe(0);
    expect(findByteRangeCollisions([range(100, 200)]).size).toBe(0);
    expect(findByteRangeCollisions([null, range(100, 200)]).size).toBe(0);
  });

  it('with three signatures the third colliding with the first: #1 and #3 told, #2 not', () => {
    expect(named(findByteRangeCollisions([range(100, 200), range(300, 400), range(150, 250)])).map(([i, , , m]) => [i, String(m).split(' / ')[1]])).toEqual([
      [0, '/ByteRange collides with another signature (#3)'],
      [2, '/ByteRange collides with another signature (#1)'],
    ]);
  });
});
