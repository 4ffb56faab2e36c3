import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PdfDict, PdfName, PdfStream } from '../src/pdf/pdf-objects.js';
import { decodeStream } from '../src/pdf/stream-filters.js';

// The collector, to measure what stays reachable rather than what is merely not yet collected.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

describe('FlateDecode of many corrupt streams in one synchronous pass (one verification)', () => {
  it('holds about 1 KiB per failed stream until the event loop turns, not zlib\'s 16 KiB chunk', () => {
    const good = deflateSync(Buffer.alloc(5000, 7));
    const corrupt = Buffer.from(good);
    corrupt[10] = (corrupt[10] ?? 0) ^ 0xff;
    const stream = new PdfStream(PdfDict.of({ Filter: new PdfName('FlateDecode') }), corrupt);
    collect();
    const before = process.memoryUsage().arrayBuffers;
    let refused = 0;
    for (let i = 0; i < 2000; i++) {
      try {
        decodeStream(stream);
      } catch {
        refused += 1;
      }
    }
    collect();
    const heldPerStream = (process.memoryUsage().arrayBuffers - before) / 2000;
    expect(refused).toBe(2000);
    // 16 KiB chunks held 32 MB here (2 × 16 KiB per stream: the first try and the lenient retry).
    expect(heldPerStream).toBeLessThan(4 * 1024);
  });
});
