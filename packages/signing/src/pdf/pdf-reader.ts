import { SigningError } from '../signing-error.js';
import { FileByteSource, MemoryByteSource, indexOfBytes, lastIndexOfBytes, type ByteSource } from './byte-source.js';
import { PdfParser } from './pdf-parser.js';
import { PdfDict, PdfRef, PdfStream, type PdfObject } from './pdf-objects.js';
import { decodeStream } from './stream-filters.js';
import { reconstructXref } from './xref-repair.js';
import { DecodeBudget, isLimitExceeded, limitExceeded } from './decode-limits.js';
import { readXrefSection, type XrefEntry, type XrefSection } from './xref-section.js';

/**
 * One revision of the file: the original or one incremental update. Usually one xref section; a linearized file's
 * first-page section is folded into the revision it belongs to.
 */
export interface PdfRevision {
  /** 0 = the original document. */
  readonly index: number;
  /** The offset that `startxref` (or the newer section's /Prev) names. */
  readonly xrefOffset: number;
  /** 'hybrid' = a classic table with an /XRefStm stream. */
  readonly xrefKind: 'table' | 'stream' | 'hybrid';
  /** Sections of this revision, newest first (one, except for linearized files). */
  readonly sections: readonly XrefSection[];
  readonly trailer: PdfDict;
  /** Offset of the `startxref` keyword that closes this revision, if found. */
  readonly startxrefOffset: number | undefined;
  /** Offset of `%%EOF` closing this revision, if found. */
  readonly eofOffset: number | undefined;
  /** Just after `%%EOF` and its end-of-line: where the next revision starts (file length for the last one). */
  readonly endOffset: number;
}

/** Set when the cross-reference data could not be read and was rebuilt by scanning. */
export interface XrefRepair {
  readonly reason: string;
}

export interface PdfPage {
  /** 0-based. */
  readonly index: number;
  readonly ref: PdfRef;
  readonly dict: PdfDict;
  /** Inherited attributes resolved. */
  readonly mediaBox: readonly [number, number, number, number];
  readonly rotate: number;
}

export interface OpenOptions {
  /** Rebuild a damaged xref by scanning (flagged in `repair`). Default true; false throws PDF_XREF_DAMAGED. */
  readonly allowRepair?: boolean;
}

interface ObjectStreamCache {
  readonly source: MemoryByteSource;
  readonly first: number;
  readonly offsets: readonly { num: number; offset: number }[];
}

/** Real page trees are a few levels deep (balanced, ~10 kids a node); a chain of thousands would overflow the stack. */
const MAX_PAGE_TREE_DEPTH = 256;

/**
 * A lazy reader: it reads the trailer and cross-reference sections on open and every object only when asked.
 * Works on a file (read in pages, so big scans stay cheap) or on bytes in memory.
 */
export class PdfReader {
  readonly source: ByteSource;
  readonly length: number;
  /** Oldest first. */
  readonly revisions: readonly PdfRevision[];
  private repairNote: XrefRepair | undefined;
  private rebuilt: XrefSection | undefined;
  private readonly allowRepair: boolean;
  private readonly index: Map<number, XrefEntry>;
  private readonly objects = new Map<number, PdfObject>();
  private readonly objectStreams = new Map<number, ObjectStreamCache>();
  private readonly ownsSource: boolean;
  private readonly resolving = new Set<number>();
  /** What this reader (and the readers it makes for older revisions) may still inflate. */
  private readonly budget: DecodeBudget;

  private constructor(
    source: ByteSource,
    revisions: PdfRevision[],
    repair: XrefRepair | undefined,
    ownsSource: boolean,
    budget: DecodeBudget,
    allowRepair = true,
  ) {
    this.source = source;
    this.budget = budget;
    this.length = source.length;
    this.revisions = revisions;
    this.repairNote = repair;
    this.allowRepair = allowRepair;
    this.ownsSource = ownsSource;
    this.index = new Map();
    // Oldest to newest, so that newer entries (including frees) override.
    for (const rev of revisions) {
      for (const section of [...rev.sections].reverse()) for (const [num, e] of section.entries) this.index.set(num, e);
    }
  }

  /** Opens a file path (read lazily from disk) or bytes in memory. */
  static open(input: Uint8Array | string, options: OpenOptions = {}): PdfReader {
    const source = typeof input === 'string' ? new FileByteSource(input) : new MemoryByteSource(input);
    try {
      return PdfReader.fromSource(source, options, true);
    } catch (e) {
      source.close();
      throw e;
    }
  }

  static fromSource(source: ByteSource, options: OpenOptions = {}, ownsSource = false): PdfReader {
    const header = Buffer.from(source.read(0, 1024)).toString('latin1');
    if (!header.includes('%PDF-')) {
      throw new SigningError('PDF_MALFORMED', 'Không phải tệp PDF (thiếu %PDF-) / not a PDF file (no %PDF- header)');
    }
    // Length-resolution needs a reader; a bootstrap reader without revisions uses the repair scan lazily.
    const budget = new DecodeBudget(source.length);
    let sections: XrefSection[];
    let repair: XrefRepair | undefined;
    try {
      sections = PdfReader.readChain(source, budget);
    } catch (e) {
      // A file that asks for more than its size justifies is refused, not repaired around: it is hostile, not damaged.
      if (options.allowRepair === false || isLimitExceeded(e)) throw e;
      repair = { reason: (e as Error).message };
      sections = [reconstructXref(source, budget)];
    }
    const revisions = repair ? [PdfReader.repairedRevision(source, sections[0]!)] : PdfReader.groupRevisions(source, sections);
    const reader = new PdfReader(source, revisions, repair, ownsSource, budget, options.allowRepair !== false);
    if (repair) return reader;
    try {
      void reader.catalog; // offsets that point at the wrong bytes show up here
      return reader;
    } catch (e) {
      if (options.allowRepair === false || isLimitExceeded(e)) throw e;
      const rebuilt = reconstructXref(source, budget);
      return new PdfReader(source, [PdfReader.repairedRevision(source, rebuilt)], { reason: (e as Error).message }, ownsSource, budget);
    }
  }

  /** Follows startxref and the /Prev chain; newest section first. */
  private static readChain(source: ByteSource, budget: DecodeBudget): XrefSection[] {
    const sx = lastIndexOfBytes(source, 'startxref');
    if (sx < 0) throw new SigningError('PDF_XREF_DAMAGED', 'Không thấy startxref / startxref not found');
    const p = new PdfParser(source, sx + 'startxref'.length);
    const t = p.nextToken();
    if (t.kind !== 'number' || !t.integer || t.value < 0 || t.value >= source.length) {
      throw new SigningError('PDF_XREF_DAMAGED', 'Giá trị startxref sai / bad startxref value');
    }
    const sections: XrefSection[] = [];
    const seen = new Set<number>();
    // /Length of an xref stream is direct by rule; a reader is not needed to parse the chain.
    const noIndirectLength = (): PdfObject => null;
    let offset: number | undefined = t.value;
    while (offset !== undefined) {
      if (seen.has(offset)) throw new SigningError('PDF_XREF_DAMAGED', 'Chuỗi /Prev lặp vòng / /Prev chain loops');
      seen.add(offset);
      const section = readXrefSection(source, offset, noIndirectLength, budget);
      sections.push(section);
      const prev = section.trailer.get('Prev');
      offset = typeof prev === 'number' ? prev : undefined;
    }
    return sections;
  }

  /** Revisions oldest first, each ending at the first %%EOF after its section. */
  private static groupRevisions(source: ByteSource, newestFirst: XrefSection[]): PdfRevision[] {
    const revisions: PdfRevision[] = [];
    for (const section of [...newestFirst].reverse()) {
      const eof = indexOfBytes(source, '%%EOF', section.end);
      let endOffset = eof < 0 ? source.length : eof + 5;
      if (source.byteAt(endOffset) === 0x0d) endOffset++;
      if (source.byteAt(endOffset) === 0x0a) endOffset++;
      const sx = eof < 0 ? -1 : lastIndexOfBytes(source, 'startxref', eof);
      const previous = revisions.at(-1);
      if (previous && endOffset <= previous.endOffset) {
        // Linearized: the first-page section sits before the main one and belongs to the same revision.
        // Its offset is the one startxref names, so it is what an update's /Prev must point to.
        revisions[revisions.length - 1] = {
          ...previous,
          xrefOffset: section.offset,
          sections: [section, ...previous.sections],
          trailer: section.trailer,
        };
        continue;
      }
      revisions.push({
        index: revisions.length,
        xrefOffset: section.offset,
        xrefKind: section.kind === 'stream' ? 'stream' : section.hybridStream ? 'hybrid' : 'table',
        sections: [section],
        trailer: section.trailer,
        startxrefOffset: sx >= section.end ? sx : undefined,
        eofOffset: eof < 0 ? undefined : eof,
        endOffset,
      });
    }
    return revisions;
  }

  private static repairedRevision(source: ByteSource, section: XrefSection): PdfRevision {
    const eof = lastIndexOfBytes(source, '%%EOF');
    return {
      index: 0,
      xrefOffset: -1,
      xrefKind: 'table',
      sections: [section],
      trailer: section.trailer,
      startxrefOffset: undefined,
      eofOffset: eof < 0 ? undefined : eof,
      endOffset: source.length,
    };
  }

  /**
   * Set when the cross-reference data was damaged and objects were found by scanning instead: on open, or later when
   * an xref entry pointed at the wrong bytes. Check it after reading what you need; never trust signed content then.
   */
  get repair(): XrefRepair | undefined {
    return this.repairNote;
  }

  /** The newest trailer. */
  get trailer(): PdfDict {
    return this.revisions.at(-1)!.trailer;
  }

  /** The kind of cross-reference section of the newest revision: an update must write the same kind. */
  get lastXrefKind(): 'table' | 'stream' {
    return this.revisions.at(-1)!.xrefKind === 'stream' ? 'stream' : 'table';
  }

  /** Trailer /Size: the next free object number. */
  get size(): number {
    const declared = this.trailer.getNumber('Size') ?? 0;
    let highest = -1; // a loop, not Math.max(...keys): files can hold more objects than a call has arguments
    for (const num of this.index.keys()) if (num > highest) highest = num;
    return Math.max(declared, highest + 1);
  }

  get isEncrypted(): boolean {
    return this.trailer.has('Encrypt');
  }

  /** Bytes after the end of the last revision that are not white-space (content appended without an xref). */
  get trailingGarbage(): number {
    const end = this.revisions.at(-1)!.endOffset;
    const tail = this.source.read(end, this.length - end);
    return tail.filter((c) => !(c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0)).length;
  }

  /** A reader that sees the document as it was at the end of revision `index` (shares the source). */
  atRevision(index: number): PdfReader {
    if (index < 0 || index >= this.revisions.length) {
      throw new SigningError('BAD_ARGUMENT', `Không có phiên bản ${index} / no revision ${index}`);
    }
    return new PdfReader(this.source, this.revisions.slice(0, index + 1) as PdfRevision[], this.repair, false, this.budget, this.allowRepair);
  }

  /** The object numbers the cross-reference data names (a declared /Size may be far larger). */
  objectNumbers(): IterableIterator<number> {
    return this.index.keys();
  }

  entry(num: number): XrefEntry | undefined {
    return this.index.get(num);
  }

  /** The object, or null when it is free or missing (as the PDF spec says of an undefined reference). */
  getObject(ref: PdfRef): PdfObject {
    const entry = this.index.get(ref.num);
    if (!entry || entry.type === 'free') return null;
    if (entry.type === 'offset' && entry.gen !== ref.gen) return null;
    if (this.objects.has(ref.num)) return this.objects.get(ref.num)!;
    if (this.resolving.has(ref.num)) {
      throw new SigningError('PDF_MALFORMED', `Tham chiếu vòng ở đối tượng ${ref.num} / circular reference at ${ref.num}`);
    }
    this.resolving.add(ref.num);
    try {
      let value: PdfObject;
      try {
        value = entry.type === 'offset' ? this.readAt(entry.offset, ref) : this.readCompressed(entry.stream, entry.index, ref);
      } catch (e) {
        if (!this.allowRepair || !(e instanceof SigningError) || entry.type !== 'offset' || isLimitExceeded(e)) throw e;
        value = this.readByScan(ref, e);
      }
      this.objects.set(ref.num, value);
      return value;
    } finally {
      this.resolving.delete(ref.num);
    }
  }

  /** Follows references until a direct object. */
  resolve(obj: PdfObject | undefined): PdfObject {
    let o: PdfObject | undefined = obj;
    for (let hops = 0; o instanceof PdfRef; hops++) {
      if (hops > 32) throw new SigningError('PDF_MALFORMED', 'Chuỗi tham chiếu quá dài / reference chain too long');
      o = this.getObject(o);
    }
    return o ?? null;
  }

  resolveDict(obj: PdfObject | undefined): PdfDict | undefined {
    const o = this.resolve(obj);
    return o instanceof PdfDict ? o : o instanceof PdfStream ? o.dict : undefined;
  }

  /** The file offset of an object stored uncompressed, else undefined. */
  objectOffset(ref: PdfRef): number | undefined {
    const e = this.index.get(ref.num);
    return e?.type === 'offset' ? e.offset : undefined;
  }

  decode(stream: PdfStream): Uint8Array {
    return decodeStream(stream, this.budget);
  }

  /** Last resort for an entry that points at the wrong bytes: find the object by scanning, and flag the reader. */
  private readByScan(ref: PdfRef, error: SigningError): PdfObject {
    this.rebuilt ??= reconstructXref(this.source, this.budget);
    const found = this.rebuilt.entries.get(ref.num);
    // The scan finds an object's last definition in the whole file: a view of an earlier revision never reads what a
    // later one wrote (an object left unreadable before a signature and defined after it would read as unchanged).
    if (!found || found.type !== 'offset' || found.offset >= this.revisions.at(-1)!.endOffset) throw error;
    const value = this.readAt(found.offset, ref);
    this.repairNote ??= { reason: error.message };
    return value;
  }

  private readAt(offset: number, ref: PdfRef): PdfObject {
    const parser = new PdfParser(this.source, offset, { resolveLength: (r) => this.resolve(r) });
    const obj = parser.parseIndirectObject();
    if (obj.num !== ref.num) {
      throw new SigningError(
        'PDF_XREF_DAMAGED',
        `Bảng xref trỏ sai: ${ref.num} ${ref.gen} R ở byte ${offset} là ${obj.num} ${obj.gen} obj / xref points to the wrong object`,
      );
    }
    return obj.value;
  }

  private readCompressed(streamNum: number, index: number, ref: PdfRef): PdfObject {
    let cache = this.objectStreams.get(streamNum);
    if (!cache) {
      const stream = this.getObject(new PdfRef(streamNum, 0));
      if (!(stream instanceof PdfStream) || stream.dict.getName('Type') !== 'ObjStm') {
        throw new SigningError('PDF_MALFORMED', `Đối tượng ${streamNum} không phải /ObjStm / object ${streamNum} is not an object stream`);
      }
      const source = new MemoryByteSource(decodeStream(stream, this.budget));
      const n = stream.dict.getNumber('N') ?? 0;
      const first = stream.dict.getNumber('First') ?? 0;
      const header = new PdfParser(source, 0, { fileSpans: false });
      const offsets: { num: number; offset: number }[] = [];
      for (let i = 0; i < n; i++) {
        const num = header.parseObject();
        const off = header.parseObject();
        if (typeof num !== 'number' || typeof off !== 'number') break;
        offsets.push({ num, offset: off });
      }
      cache = { source, first, offsets };
      this.objectStreams.set(streamNum, cache);
    }
    const slot = cache.offsets[index];
    if (!slot || slot.num !== ref.num) {
      // The xref index is wrong; fall back to looking the number up in the stream header.
      const found = cache.offsets.find((o) => o.num === ref.num);
      if (!found) return null;
      return new PdfParser(cache.source, cache.first + found.offset, { fileSpans: false }).parseObject();
    }
    return new PdfParser(cache.source, cache.first + slot.offset, { fileSpans: false }).parseObject();
  }

  get catalogRef(): PdfRef {
    const root = this.trailer.get('Root');
    if (!(root instanceof PdfRef)) throw new SigningError('PDF_MALFORMED', 'Trailer thiếu /Root / trailer has no /Root');
    return root;
  }

  get catalog(): PdfDict {
    const dict = this.resolveDict(this.catalogRef);
    if (!dict) throw new SigningError('PDF_MALFORMED', 'Không đọc được /Root / cannot read the catalog');
    return dict;
  }

  get acroForm(): PdfDict | undefined {
    return this.resolveDict(this.catalog.get('AcroForm'));
  }

  /** Pages in order, with inherited MediaBox/Rotate resolved. */
  pages(): PdfPage[] {
    const pages: PdfPage[] = [];
    const visited = new Set<number>();
    const walk = (ref: PdfObject | undefined, inherited: { mediaBox?: PdfObject; rotate?: PdfObject }, depth = 0): void => {
      if (!(ref instanceof PdfRef) || visited.has(ref.num)) return;
      if (depth > MAX_PAGE_TREE_DEPTH) throw limitExceeded('cây trang quá sâu', 'page tree too deep');
      visited.add(ref.num);
      const node = this.resolveDict(ref);
      if (!node) return;
      const here = {
        mediaBox: node.get('MediaBox') ?? inherited.mediaBox,
        rotate: node.get('Rotate') ?? inherited.rotate,
      };
      const kids = this.resolve(node.get('Kids'));
      if (node.getName('Type') === 'Pages' || (Array.isArray(kids) && node.getName('Type') !== 'Page')) {
        if (Array.isArray(kids)) for (const kid of kids) walk(kid, here, depth + 1);
        return;
      }
      const box = this.resolve(here.mediaBox);
      const nums = Array.isArray(box) ? box.map((v) => this.resolve(v)) : [];
      const mediaBox: [number, number, number, number] =
        nums.length === 4 && nums.every((v) => typeof v === 'number') ? (nums as [number, number, number, number]) : [0, 0, 612, 792];
      const rotate = this.resolve(here.rotate);
      pages.push({ index: pages.length, ref, dict: node, mediaBox, rotate: typeof rotate === 'number' ? rotate : 0 });
    };
    walk(this.catalog.get('Pages'), {});
    return pages;
  }

  close(): void {
    if (this.ownsSource) this.source.close();
  }
}
