import { SigningError } from '../signing-error.js';
import { MemoryByteSource, type ByteSource } from './byte-source.js';
import { PdfParser } from './pdf-parser.js';
import { PdfDict, PdfStream } from './pdf-objects.js';
import { decodeStream } from './stream-filters.js';
import { DecodeBudget, isLimitExceeded } from './decode-limits.js';
import type { XrefEntry, XrefSection } from './xref-section.js';

/**
 * Rebuilds a cross-reference index by scanning the whole file for `N G obj`, the way viewers recover damaged files.
 * The result is always flagged (PdfReader.repair): a signature over a file whose xref had to be rebuilt must never be
 * reported as simply valid.
 */
export function reconstructXref(src: ByteSource, budget: DecodeBudget = new DecodeBudget(src.length)): XrefSection {
  const entries = new Map<number, XrefEntry>();
  const trailers: { pos: number; dict: PdfDict }[] = [];
  const chunk = 1 << 20;
  const overlap = 64;
  const objPattern = /(?<![0-9])(\d{1,10})[ \t\r\n\f\0]+(\d{1,5})[ \t\r\n\f\0]+obj(?![A-Za-z])/g;
  const trailerPattern = /trailer[ \t\r\n\f\0]*<</g;
  for (let base = 0; base < src.length; base += chunk) {
    const text = Buffer.from(src.read(base, chunk + overlap)).toString('latin1');
    const limit = Math.min(chunk, text.length);
    for (const m of text.matchAll(objPattern)) {
      if (m.index >= limit) break;
      entries.set(Number(m[1]), { type: 'offset', offset: base + m.index, gen: Number(m[2]) });
    }
    for (const m of text.matchAll(trailerPattern)) {
      if (m.index >= limit) break;
      try {
        const p = new PdfParser(src, base + m.index + 'trailer'.length);
        const dict = p.parseObject();
        if (dict instanceof PdfDict) trailers.push({ pos: base + m.index, dict });
      } catch {
        // a damaged trailer is simply not a candidate
      }
    }
  }
  if (entries.size === 0) {
    throw new SigningError('PDF_MALFORMED', 'Không tìm thấy đối tượng PDF nào / no PDF objects found');
  }
  // Objects stored in object streams, and trailers carried by xref streams.
  const compressed = new Map<number, XrefEntry>();
  for (const [num, entry] of entries) {
    if (entry.type !== 'offset') continue;
    const head = Buffer.from(src.read(entry.offset, 512)).toString('latin1');
    if (!/\/Type\s*\/(ObjStm|XRef)/.test(head)) continue;
    try {
      const obj = new PdfParser(src, entry.offset).parseIndirectObject();
      if (!(obj.value instanceof PdfStream)) continue;
      const type = obj.value.dict.getName('Type');
      if (type === 'XRef' && obj.value.dict.has('Root')) trailers.push({ pos: entry.offset, dict: obj.value.dict });
      if (type === 'ObjStm') {
        const numbers = objectStreamNumbers(obj.value, budget);
        numbers.forEach((objNum, index) => compressed.set(objNum, { type: 'compressed', stream: num, index }));
      }
    } catch (e) {
      if (isLimitExceeded(e)) throw e;
      // skip unreadable candidates
    }
  }
  for (const [num, entry] of compressed) if (!entries.has(num)) entries.set(num, entry);
  trailers.sort((a, b) => a.pos - b.pos);
  const withRoot = trailers.filter((t) => t.dict.has('Root'));
  const trailer = (withRoot.at(-1) ?? trailers.at(-1))?.dict.clone() ?? new PdfDict();
  trailer.delete('Prev');
  trailer.delete('XRefStm');
  return { kind: 'table', offset: -1, end: src.length, entries, trailer };
}

/** The object numbers listed in an object stream's header, in order. */
function objectStreamNumbers(stream: PdfStream, budget: DecodeBudget): number[] {
  const n = stream.dict.getNumber('N') ?? 0;
  const parser = new PdfParser(new MemoryByteSource(decodeStream(stream, budget)), 0, { fileSpans: false });
  const numbers: number[] = [];
  for (let i = 0; i < n; i++) {
    const num = parser.parseObject();
    parser.parseObject();
    if (typeof num === 'number') numbers.push(num);
  }
  return numbers;
}
