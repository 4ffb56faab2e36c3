import { describe, expect, it } from 'vitest';
import { MemoryByteSource, indexOfBytes, lastIndexOfBytes } from '../src/index.js';

/** `size` filler bytes ('.') with `needle` written at each offset given. */
function bytesWith(size: number, needle: string, ...offsets: number[]): Uint8Array {
  const bytes = new Uint8Array(size).fill(0x2e);
  for (const at of offsets) bytes.set(Buffer.from(needle, 'latin1'), at);
  return bytes;
}

describe('indexOfBytes / lastIndexOfBytes search windows of the source (no copy), growing from 4 KiB to 1 MiB', () => {
  // Offsets at and across the window edges: 4096, 4096 + 16384, 4096 + 16384 + 65536, … and past 1 MiB.
  const edges = [0, 4093, 4094, 4096, 20477, 20480, 86013, 86016, 348_157, 1_396_733, 1_396_736, 2_445_309, 3_000_000];

  it('finds the first occurrence wherever it lies, also straddling a window edge', () => {
    for (const at of edges) {
      const source = new MemoryByteSource(bytesWith(3_200_000, 'endstream', at));
      expect(indexOfBytes(source, 'endstream', 0), `needle at ${at}`).toBe(at);
      expect(lastIndexOfBytes(source, 'endstream'), `needle at ${at}`).toBe(at);
    }
  });

  it('honours from, to and before', () => {
    const source = new MemoryByteSource(bytesWith(300_000, '>', 10, 5000, 250_000));
    expect(indexOfBytes(source, '>', 11)).toBe(5000);
    expect(indexOfBytes(source, '>', 5001)).toBe(250_000);
    expect(indexOfBytes(source, '>', 5001, 250_000)).toBe(-1);
    expect(indexOfBytes(source, '>', 250_001)).toBe(-1);
    expect(lastIndexOfBytes(source, '>', 250_000)).toBe(5000);
    expect(lastIndexOfBytes(source, '>', 10)).toBe(-1);
  });

  it('searches a view over a Uint8Array that is part of a larger buffer, not the bytes around it', () => {
    const whole = bytesWith(10_000, '%%EOF', 100, 9000);
    const source = new MemoryByteSource(whole.subarray(200, 8000));
    expect(indexOfBytes(source, '%%EOF', 0)).toBe(-1);
    expect(lastIndexOfBytes(source, '%%EOF')).toBe(-1);
  });
});
