/**
 * The PDF object model shared by the reader and the incremental writer. Arrays are plain JS arrays, numbers plain
 * numbers; everything else is a small class so that `instanceof` tells the kinds apart.
 */
export type PdfObject =
  | null
  | boolean
  | number
  | PdfName
  | PdfString
  | PdfRef
  | PdfDict
  | PdfStream
  | PdfRaw
  | PdfObject[];

export class PdfName {
  /** Without the leading slash, #xx escapes decoded, bytes as latin1 characters. */
  readonly name: string;

  constructor(name: string) {
    this.name = name;
  }

  static of(name: string): PdfName {
    return new PdfName(name);
  }
}

/** Where a string token sits in the file: `start` is its `<` or `(`, `end` the offset just after `>` or `)`. */
export interface FileSpan {
  readonly start: number;
  readonly end: number;
}

export class PdfString {
  readonly bytes: Uint8Array;
  /** Written as <hex> in the source (or to be written so). */
  readonly hex: boolean;
  /** Only for strings parsed straight from the file (not from an object stream). */
  readonly span: FileSpan | undefined;

  constructor(bytes: Uint8Array, hex: boolean, span?: FileSpan) {
    this.bytes = bytes;
    this.hex = hex;
    this.span = span;
  }

  /** PDF text string: UTF-16BE with a BOM, UTF-8 with a BOM (PDF 2.0), else PDFDocEncoding (latin1 here). */
  toText(): string {
    const b = this.bytes;
    if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
      let s = '';
      for (let i = 2; i + 1 < b.length; i += 2) s += String.fromCharCode((b[i]! << 8) | b[i + 1]!);
      return s;
    }
    if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return new TextDecoder().decode(b.subarray(3));
    return Buffer.from(b).toString('latin1');
  }

  static fromText(text: string): PdfString {
    const nfc = text.normalize('NFC');
     
    if (/^[\x20-\x7e]*$/.test(nfc)) return new PdfString(Buffer.from(nfc, 'latin1'), false);
    const out = Buffer.alloc(2 + nfc.length * 2);
    out[0] = 0xfe;
    out[1] = 0xff;
    for (let i = 0; i < nfc.length; i++) out.writeUInt16BE(nfc.charCodeAt(i), 2 + i * 2);
    return new PdfString(out, true);
  }

  static fromLatin1(text: string, hex = false): PdfString {
    return new PdfString(Buffer.from(text, 'latin1'), hex);
  }
}

export class PdfRef {
  readonly num: number;
  readonly gen: number;

  constructor(num: number, gen: number) {
    this.num = num;
    this.gen = gen;
  }

  get key(): string {
    return `${this.num} ${this.gen}`;
  }

  equals(other: PdfRef): boolean {
    return this.num === other.num && this.gen === other.gen;
  }

  toString(): string {
    return `${this.num} ${this.gen} R`;
  }
}

export class PdfDict {
  readonly entries: Map<string, PdfObject>;

  constructor(entries?: Iterable<readonly [string, PdfObject]>) {
    this.entries = new Map(entries ?? []);
  }

  get(key: string): PdfObject | undefined {
    return this.entries.get(key);
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  set(key: string, value: PdfObject): this {
    this.entries.set(key, value);
    return this;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  /** A shallow copy: what an incremental update starts from when it changes an existing dictionary. */
  clone(): PdfDict {
    return new PdfDict(this.entries);
  }

  /** The value if it is a name, else undefined. */
  getName(key: string): string | undefined {
    const v = this.entries.get(key);
    return v instanceof PdfName ? v.name : undefined;
  }

  getNumber(key: string): number | undefined {
    const v = this.entries.get(key);
    return typeof v === 'number' ? v : undefined;
  }

  static of(record: Record<string, PdfObject>): PdfDict {
    return new PdfDict(Object.entries(record));
  }
}

export class PdfStream {
  readonly dict: PdfDict;
  /** Offset of the first data byte in the file, when the stream was read from a file. */
  readonly dataOffset: number | undefined;
  private readonly load: () => Uint8Array;
  private cached: Uint8Array | undefined;

  constructor(dict: PdfDict, raw: Uint8Array | (() => Uint8Array), dataOffset?: number) {
    this.dict = dict;
    this.dataOffset = dataOffset;
    if (typeof raw === 'function') this.load = raw;
    else {
      this.cached = raw;
      this.load = () => raw;
    }
  }

  /** The stream bytes as stored (still encoded by its /Filter). */
  get raw(): Uint8Array {
    this.cached ??= this.load();
    return this.cached;
  }
}

export const isDict = (o: PdfObject | undefined): o is PdfDict => o instanceof PdfDict;
export const isRef = (o: PdfObject | undefined): o is PdfRef => o instanceof PdfRef;
export const isName = (o: PdfObject | undefined, name?: string): o is PdfName =>
  o instanceof PdfName && (name === undefined || o.name === name);

/**
 * Bytes the writer emits verbatim, never produced by the reader. Used for fixed-width placeholders (a signature's
 * /ByteRange and /Contents) whose position in the output the writer reports by `id`.
 */
export class PdfRaw {
  readonly bytes: Uint8Array;
  readonly id: string | undefined;

  constructor(text: string | Uint8Array, id?: string) {
    this.bytes = typeof text === 'string' ? Buffer.from(text, 'latin1') : text;
    this.id = id;
  }
}
