import { SigningError } from '../signing-error.js';
import type { ByteSource } from './byte-source.js';
import { PdfParser, type LengthResolver } from './pdf-parser.js';
import { PdfDict, PdfStream, type PdfObject } from './pdf-objects.js';
import { decodeStream } from './stream-filters.js';
import { limitExceeded, type DecodeBudget } from './decode-limits.js';

export type XrefEntry =
  | { readonly type: 'free'; readonly gen: number }
  | { readonly type: 'offset'; readonly offset: number; readonly gen: number }
  | { readonly type: 'compressed'; readonly stream: number; readonly index: number };

/** One cross-reference section with its trailer, exactly as found at one startxref/Prev offset. */
export interface XrefSection {
  readonly kind: 'table' | 'stream';
  /** Where the section starts (`xref` keyword or `N G obj` of the xref stream). */
  readonly offset: number;
  /** Where the section ends (after the trailer dictionary, or after `endobj` of the xref stream). */
  readonly end: number;
  readonly entries: ReadonlyMap<number, XrefEntry>;
  /** The trailer dictionary (for a stream: its dictionary). */
  readonly trailer: PdfDict;
  /** Object number of the xref stream itself. */
  readonly streamObjectNumber?: number;
  /** For a hybrid-reference table: the /XRefStm stream merged into this section. */
  readonly hybridStream?: XrefSection;
}

const bad = (what: string, pos: number): SigningError =>
  new SigningError('PDF_XREF_DAMAGED', `Bảng tham chiếu chéo hỏng: ${what} (byte ${pos}) / damaged xref: ${what} (byte ${pos})`);

/** Reads the section at `offset`: a classic table (plus its /XRefStm when hybrid) or an xref stream. */
export function readXrefSection(src: ByteSource, offset: number, resolveLength: LengthResolver, budget: DecodeBudget): XrefSection {
  const parser = new PdfParser(src, offset, { resolveLength });
  parser.skipWhiteAndComments();
  const at = parser.pos;
  const first = parser.nextToken();
  if (first.kind === 'keyword' && first.value === 'xref') {
    const table = readTable(parser, at);
    const stm = table.trailer.get('XRefStm');
    if (typeof stm !== 'number') return table;
    const hybridStream = readXrefStream(src, stm, resolveLength, budget);
    const merged = new Map(table.entries);
    // The hidden stream only fills in what the table leaves free (ISO 32000-1 §7.5.8.4).
    for (const [num, e] of hybridStream.entries) {
      const t = merged.get(num);
      if (!t || t.type === 'free') merged.set(num, e);
    }
    return { ...table, entries: merged, hybridStream };
  }
  if (first.kind === 'number') return readXrefStream(src, at, resolveLength, budget);
  throw bad('không thấy "xref" / "xref" not found', offset);
}

function readTable(parser: PdfParser, start: number): XrefSection {
  const entries = new Map<number, XrefEntry>();
  for (;;) {
    const t = parser.nextToken();
    if (t.kind === 'keyword' && t.value === 'trailer') break;
    if (t.kind !== 'number') throw bad('mục lạ / unexpected token', parser.pos);
    const countTok = parser.nextToken();
    if (countTok.kind !== 'number') throw bad('thiếu số lượng / missing count', parser.pos);
    // Each row takes 20 bytes: a count the rest of the file cannot hold is refused before any row is read.
    if (!Number.isInteger(countTok.value) || countTok.value < 0 || countTok.value * 20 > parser.remaining) {
      throw limitExceeded(`bảng xref khai ${countTok.value} dòng mà tệp không đủ chỗ`, `xref subsection of ${countTok.value} rows that the file cannot hold`);
    }
    for (let i = 0; i < countTok.value; i++) {
      const off = parser.nextToken();
      const gen = parser.nextToken();
      const kind = parser.nextToken();
      if (off.kind !== 'number' || gen.kind !== 'number' || kind.kind !== 'keyword') throw bad('dòng hỏng / bad entry', parser.pos);
      const num = t.value + i;
      if (entries.has(num)) continue; // the first entry for a number in one section wins
      if (kind.value === 'n') entries.set(num, { type: 'offset', offset: off.value, gen: gen.value });
      else if (kind.value === 'f') entries.set(num, { type: 'free', gen: gen.value });
      else throw bad(`loại "${kind.value}" / kind "${kind.value}"`, parser.pos);
    }
  }
  const trailer = parser.parseObject();
  if (!(trailer instanceof PdfDict)) throw bad('trailer không phải từ điển / trailer is not a dictionary', parser.pos);
  return { kind: 'table', offset: start, end: parser.pos, entries, trailer };
}

export function readXrefStream(src: ByteSource, offset: number, resolveLength: LengthResolver, budget: DecodeBudget): XrefSection {
  const parser = new PdfParser(src, offset, { resolveLength });
  parser.skipWhiteAndComments();
  const start = parser.pos;
  let obj;
  try {
    obj = parser.parseIndirectObject();
  } catch (cause) {
    throw bad(`luồng xref không đọc được / unreadable xref stream (${(cause as Error).message})`, offset);
  }
  const stream = obj.value;
  if (!(stream instanceof PdfStream) || stream.dict.getName('Type') !== 'XRef') throw bad('không phải /XRef / not an /XRef stream', offset);
  const dict = stream.dict;
  const w = dict.get('W');
  const size = dict.getNumber('Size');
  if (!Array.isArray(w) || w.length < 3 || !w.every((x) => typeof x === 'number') || size === undefined) {
    throw bad('/W hoặc /Size hỏng / bad /W or /Size', offset);
  }
  const widths = w as number[];
  if (!widths.every((x) => Number.isInteger(x) && x >= 0 && x <= 8)) throw bad('/W sai / bad /W', offset);
  const rowLength = widths[0]! + widths[1]! + widths[2]!;
  // Zero-width rows read nothing, so /Size alone would decide how many entries are made (1e8 once took 1.6 GB).
  if (rowLength === 0) throw limitExceeded('dòng xref rộng 0 byte (/W [0 0 0])', 'zero-width xref rows (/W [0 0 0])');
  const indexEntry = dict.get('Index');
  const index: PdfObject[] = Array.isArray(indexEntry) ? indexEntry : [0, size];
  if (!index.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= 0)) throw bad('/Index sai / bad /Index', offset);
  const data = decodeStream(stream, budget);
  let rows = 0;
  for (let k = 1; k < index.length; k += 2) rows += index[k] as number;
  if (rows * rowLength > data.length) {
    throw limitExceeded(`luồng xref khai ${rows} dòng mà dữ liệu chỉ có ${data.length} byte`, `xref stream declares ${rows} rows over ${data.length} bytes of data`);
  }
  const entries = new Map<number, XrefEntry>();
  let row = 0;
  const field = (pos: number, width: number, dflt: number): number => {
    if (width === 0) return dflt;
    let v = 0;
    for (let i = 0; i < width; i++) v = v * 256 + (data[pos + i] ?? 0);
    return v;
  };
  for (let k = 0; k + 1 < index.length; k += 2) {
    const first = index[k] as number;
    const count = index[k + 1] as number;
    for (let i = 0; i < count; i++, row++) {
      const p = row * rowLength;
      if (p + rowLength > data.length) throw bad('luồng xref ngắn / xref stream too short', offset);
      const type = field(p, widths[0]!, 1);
      const f2 = field(p + widths[0]!, widths[1]!, 0);
      const f3 = field(p + widths[0]! + widths[1]!, widths[2]!, 0);
      const num = first + i;
      if (entries.has(num)) continue;
      if (type === 0) entries.set(num, { type: 'free', gen: f3 });
      else if (type === 1) entries.set(num, { type: 'offset', offset: f2, gen: f3 });
      else if (type === 2) entries.set(num, { type: 'compressed', stream: f2, index: f3 });
      // Other types are reserved: readers ignore them (they mean "null object").
    }
  }
  return { kind: 'stream', offset: start, end: obj.end, entries, trailer: dict, streamObjectNumber: obj.num };
}
