import { deflateSync } from 'node:zlib';
import { SigningError } from '../signing-error.js';
import type { PdfReader } from './pdf-reader.js';
import { PdfDict, PdfName, PdfRef, PdfStream, type PdfObject } from './pdf-objects.js';
import { PdfByteWriter, type RawSpans } from './pdf-serializer.js';

/** What an incremental update appends after the original bytes. */
export interface BuiltUpdate {
  /** The bytes to append, starting right after the original file's last byte. */
  readonly bytes: Buffer;
  /** Identified raw placeholders, as absolute offsets in the resulting file. */
  readonly spans: RawSpans;
  /** Absolute offset of the new xref section (the new startxref). */
  readonly xrefOffset: number;
}

/**
 * Collects new and changed objects and serializes them as one incremental update (ISO 32000-1 §7.5.6): the objects,
 * a cross-reference section of the same kind as the file's last one (table or stream), and a trailer with /Prev.
 * The original bytes are never touched: callers append `bytes` to an exact copy of the file.
 */
export class IncrementalWriter {
  private readonly reader: PdfReader;
  private readonly changed = new Map<number, { ref: PdfRef; value: PdfObject }>();
  private nextNumber: number;

  constructor(reader: PdfReader) {
    if (reader.isEncrypted) {
      throw new SigningError('PDF_ENCRYPTED', 'Tệp PDF đã mã hoá, chưa hỗ trợ / encrypted PDFs are not supported');
    }
    if (reader.repair) {
      throw new SigningError(
        'PDF_XREF_DAMAGED',
        'Bảng tham chiếu chéo (xref) của tệp PDF bị hỏng nên không thể ký hoặc ghi thêm; nếu tệp chưa có chữ ký, hãy ' +
          `xuất lại tệp từ phần mềm soạn thảo rồi ký (${reader.repair.reason}) / damaged xref: re-export an unsigned file before signing`,
      );
    }
    this.reader = reader;
    this.nextNumber = reader.size;
  }

  /** A fresh object number for a new object. */
  allocate(): PdfRef {
    return new PdfRef(this.nextNumber++, 0);
  }

  /** Adds a new object or a new version of an existing one (same number; the generation is kept). */
  set(ref: PdfRef, value: PdfObject): void {
    this.changed.set(ref.num, { ref, value });
  }

  /** Shorthand: allocate and set. */
  add(value: PdfObject): PdfRef {
    const ref = this.allocate();
    this.set(ref, value);
    return ref;
  }

  has(ref: PdfRef): boolean {
    return this.changed.has(ref.num);
  }

  /** The object as this update will leave it (changed version, else the file's). */
  current(ref: PdfRef): PdfObject {
    return this.changed.get(ref.num)?.value ?? this.reader.getObject(ref);
  }

  build(): BuiltUpdate {
    const base = this.reader.length;
    const out = new PdfByteWriter();
    // Keep the previous %%EOF on its own line.
    const last = this.reader.source.byteAt(base - 1);
    if (last !== 0x0a && last !== 0x0d) out.text('\n');
    const offsets = new Map<number, { offset: number; gen: number }>();
    const sorted = [...this.changed.values()].sort((a, b) => a.ref.num - b.ref.num);
    for (const { ref, value } of sorted) {
      offsets.set(ref.num, { offset: base + out.length, gen: ref.gen });
      out.indirect(ref, value);
    }
    const prev = this.reader.revisions.at(-1)!.xrefOffset;
    const trailer = new PdfDict();
    for (const key of ['Root', 'Info', 'ID']) {
      const v = this.reader.trailer.get(key);
      if (v !== undefined) trailer.set(key, v);
    }
    trailer.set('Prev', prev);
    let xrefOffset: number;
    if (this.reader.lastXrefKind === 'stream') {
      const xrefRef = this.allocate();
      xrefOffset = base + out.length;
      offsets.set(xrefRef.num, { offset: xrefOffset, gen: 0 });
      const size = Math.max(this.reader.size, this.nextNumber);
      const { index, rows } = xrefRows(offsets);
      const dict = new PdfDict([['Type', new PdfName('XRef')], ['Size', size], ...trailer.entries]);
      dict.set('Index', index).set('W', [1, 4, 2]).set('Filter', new PdfName('FlateDecode'));
      out.indirect(xrefRef, new PdfStream(dict, deflateSync(rows)));
    } else {
      xrefOffset = base + out.length;
      out.text('xref\n');
      for (const run of consecutiveRuns([...offsets.keys()])) {
        out.text(`${run[0]} ${run.length}\n`);
        for (const num of run) {
          const e = offsets.get(num)!;
          out.text(`${String(e.offset).padStart(10, '0')} ${String(e.gen).padStart(5, '0')} n\r\n`);
        }
      }
      const size = Math.max(this.reader.size, this.nextNumber);
      out.text('trailer\n').object(new PdfDict([['Size', size], ...trailer.entries])).text('\n');
    }
    out.text(`startxref\n${xrefOffset}\n%%EOF\n`);
    const spans: RawSpans = new Map();
    for (const [id, s] of out.spans) spans.set(id, { start: base + s.start, end: base + s.end });
    return { bytes: out.toBytes(), spans, xrefOffset };
  }
}

function consecutiveRuns(numbers: number[]): number[][] {
  const runs: number[][] = [];
  for (const n of [...numbers].sort((a, b) => a - b)) {
    const run = runs.at(-1);
    if (run && run.at(-1)! + 1 === n) run.push(n);
    else runs.push([n]);
  }
  return runs;
}

function xrefRows(offsets: Map<number, { offset: number; gen: number }>): { index: PdfObject[]; rows: Buffer } {
  const runs = consecutiveRuns([...offsets.keys()]);
  const rows = Buffer.alloc(offsets.size * 7);
  let p = 0;
  for (const run of runs) {
    for (const num of run) {
      const e = offsets.get(num)!;
      rows.writeUInt8(1, p);
      rows.writeUInt32BE(e.offset, p + 1);
      rows.writeUInt16BE(e.gen, p + 5);
      p += 7;
    }
  }
  return { index: runs.flatMap((r) => [r[0]!, r.length]), rows };
}
