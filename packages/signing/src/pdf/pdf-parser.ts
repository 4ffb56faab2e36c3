import { SigningError } from '../signing-error.js';
import type { ByteSource } from './byte-source.js';
import { indexOfBytes } from './byte-source.js';
import { PdfDict, PdfName, PdfRef, PdfStream, PdfString, type PdfObject } from './pdf-objects.js';
import { MAX_NESTING_DEPTH, limitExceeded } from './decode-limits.js';

/** PDF white-space (ISO 32000-1 Table 1) and delimiters (Table 2). */
export const isWhite = (c: number): boolean =>
  c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
const isDelimiter = (c: number): boolean =>
  c === 0x28 || c === 0x29 || c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d ||
  c === 0x2f || c === 0x25;
const isRegular = (c: number): boolean => c >= 0 && !isWhite(c) && !isDelimiter(c);
const hexValue = (c: number): number =>
  c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;

type Token =
  | { kind: 'number'; value: number; integer: boolean }
  | { kind: 'name'; value: string }
  | { kind: 'string'; value: PdfString }
  | { kind: 'keyword'; value: string }
  | { kind: 'punct'; value: '[' | ']' | '<<' | '>>' | '{' | '}' }
  | { kind: 'eof' };

export interface IndirectObject {
  readonly num: number;
  readonly gen: number;
  readonly value: PdfObject;
  /** Offset just after `endobj` (or where parsing stopped when it is missing). */
  readonly end: number;
}

/** Resolves an indirect /Length while a stream is being parsed. */
export type LengthResolver = (ref: PdfRef) => PdfObject;

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/**
 * A run of regular characters read as a PDF number ([+-] digits [. digits], or [+-] . digits), in one pass. A regex
 * did this before, /^[+-]?(\d+\.?\d*|\.\d+)$/: its two digit runs in a row can split a digit string in every way,
 * so a long run of digits ending in a non-digit cost time quadratic in its length (fuzz case 53453: a 47,568-byte word
 * took ~1.1 s to reject, six times over). Nothing here may backtrack.
 */
export function numberWord(word: string): { value: number; integer: boolean } | undefined {
  let i = 0;
  const n = word.length;
  if (i < n && (word.charCodeAt(i) === 0x2b || word.charCodeAt(i) === 0x2d)) i++;
  const intStart = i;
  while (i < n && isDigit(word.charCodeAt(i))) i++;
  const intDigits = i - intStart;
  let fractionDigits = 0;
  const dot = i < n && word.charCodeAt(i) === 0x2e;
  if (dot) {
    i++;
    const fractionStart = i;
    while (i < n && isDigit(word.charCodeAt(i))) i++;
    fractionDigits = i - fractionStart;
  }
  if (i !== n || (intDigits === 0 && fractionDigits === 0)) return undefined;
  return { value: Number(word), integer: !dot };
}

const malformed = (what: string, pos: number): SigningError =>
  new SigningError('PDF_MALFORMED', `Tệp PDF hỏng: ${what} tại byte ${pos} / malformed PDF: ${what} at byte ${pos}`);

/**
 * A recursive-descent parser over a ByteSource. `fileSpans` says whether string offsets are offsets in the file
 * (true when parsing the file itself, false inside a decoded object stream).
 */
export class PdfParser {
  pos: number;
  private readonly src: ByteSource;
  private readonly fileSpans: boolean;
  private readonly resolveLength: LengthResolver | undefined;
  /** Arrays and dictionaries open at the current position: bounded, so no file can overflow the stack. */
  private depth = 0;

  constructor(src: ByteSource, pos: number, options: { fileSpans?: boolean; resolveLength?: LengthResolver } = {}) {
    this.src = src;
    this.pos = pos;
    this.fileSpans = options.fileSpans ?? true;
    this.resolveLength = options.resolveLength;
  }

  /** Bytes from the current position to the end of the source. */
  get remaining(): number {
    return Math.max(0, this.src.length - this.pos);
  }

  skipWhiteAndComments(): void {
    for (;;) {
      const c = this.src.byteAt(this.pos);
      if (c < 0) return;
      if (isWhite(c)) this.pos++;
      else if (c === 0x25) {
        while (this.pos < this.src.length) {
          const d = this.src.byteAt(this.pos);
          if (d === 0x0a || d === 0x0d) break;
          this.pos++;
        }
      } else return;
    }
  }

  nextToken(): Token {
    this.skipWhiteAndComments();
    const start = this.pos;
    const c = this.src.byteAt(this.pos);
    if (c < 0) return { kind: 'eof' };
    if (c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d) {
      this.pos++;
      return { kind: 'punct', value: String.fromCharCode(c) as '[' | ']' | '{' | '}' };
    }
    if (c === 0x3c) {
      if (this.src.byteAt(this.pos + 1) === 0x3c) {
        this.pos += 2;
        return { kind: 'punct', value: '<<' };
      }
      return { kind: 'string', value: this.readHexString(start) };
    }
    if (c === 0x3e) {
      if (this.src.byteAt(this.pos + 1) === 0x3e) {
        this.pos += 2;
        return { kind: 'punct', value: '>>' };
      }
      throw malformed('">" lạc / stray ">"', start);
    }
    if (c === 0x28) return { kind: 'string', value: this.readLiteralString(start) };
    if (c === 0x2f) return { kind: 'name', value: this.readName() };
    if (c === 0x29) throw malformed('")" lạc / stray ")"', start);
    let word = '';
    while (isRegular(this.src.byteAt(this.pos))) word += String.fromCharCode(this.src.byteAt(this.pos++));
    const number = numberWord(word);
    if (number) return { kind: 'number', ...number };
    // Some writers emit "--5" or "5-": tolerate like other readers by reading the leading numeric part.
    if (/^[+-]{2,}\d/.test(word)) return { kind: 'number', value: Number(word.replace(/^[+-]+/, '-')), integer: true };
    return { kind: 'keyword', value: word };
  }

  private readName(): string {
    this.pos++; // '/'
    const bytes: number[] = [];
    for (;;) {
      const c = this.src.byteAt(this.pos);
      if (!isRegular(c)) break;
      if (c === 0x23) {
        const h = hexValue(this.src.byteAt(this.pos + 1));
        const l = hexValue(this.src.byteAt(this.pos + 2));
        if (h >= 0 && l >= 0) {
          bytes.push(h * 16 + l);
          this.pos += 3;
          continue;
        }
      }
      bytes.push(c);
      this.pos++;
    }
    return Buffer.from(bytes).toString('latin1');
  }

  private span(start: number): { start: number; end: number } | undefined {
    return this.fileSpans ? { start, end: this.pos } : undefined;
  }

  private readHexString(start: number): PdfString {
    this.pos++; // '<'
    // Fast path for long hex strings (signature /Contents): read the span in one go.
    const close = indexOfBytes(this.src, '>', this.pos);
    if (close < 0) throw malformed('chuỗi hex không đóng / unterminated hex string', start);
    const text = this.src.read(this.pos, close - this.pos);
    const out = Buffer.alloc(Math.ceil(text.length / 2));
    let n = 0;
    let high = -1;
    for (const c of text) {
      if (isWhite(c)) continue;
      const v = hexValue(c);
      if (v < 0) throw malformed('ký tự lạ trong chuỗi hex / bad hex digit', start);
      if (high < 0) high = v;
      else {
        out[n++] = high * 16 + v;
        high = -1;
      }
    }
    if (high >= 0) out[n++] = high * 16;
    this.pos = close + 1;
    return new PdfString(out.subarray(0, n), true, this.span(start));
  }

  private readLiteralString(start: number): PdfString {
    this.pos++; // '('
    const out: number[] = [];
    let depth = 1;
    for (;;) {
      const c = this.src.byteAt(this.pos++);
      if (c < 0) throw malformed('chuỗi không đóng / unterminated string', start);
      if (c === 0x28) depth++;
      else if (c === 0x29) {
        if (--depth === 0) break;
      } else if (c === 0x5c) {
        const e = this.src.byteAt(this.pos++);
        const simple: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12, 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c };
        if (e in simple) out.push(simple[e]!);
        else if (e >= 0x30 && e <= 0x37) {
          let v = e - 0x30;
          for (let k = 0; k < 2; k++) {
            const d = this.src.byteAt(this.pos);
            if (d < 0x30 || d > 0x37) break;
            v = v * 8 + d - 0x30;
            this.pos++;
          }
          out.push(v & 0xff);
        } else if (e === 0x0d) {
          if (this.src.byteAt(this.pos) === 0x0a) this.pos++;
        } else if (e !== 0x0a && e >= 0) out.push(e);
        continue;
      } else if (c === 0x0d) {
        // An unescaped end-of-line is read as a single LF (ISO 32000-1 §7.3.4.2).
        if (this.src.byteAt(this.pos) === 0x0a) this.pos++;
        out.push(0x0a);
        continue;
      }
      out.push(c);
    }
    return new PdfString(Uint8Array.from(out), false, this.span(start));
  }

  /** Parses one direct object; `N G R` becomes a PdfRef. */
  parseObject(token: Token = this.nextToken()): PdfObject {
    switch (token.kind) {
      case 'number': {
        if (token.integer && token.value >= 0) {
          const save = this.pos;
          const t2 = this.nextToken();
          if (t2.kind === 'number' && t2.integer && t2.value >= 0) {
            const t3 = this.nextToken();
            if (t3.kind === 'keyword' && t3.value === 'R') return new PdfRef(token.value, t2.value);
          }
          this.pos = save;
        }
        return token.value;
      }
      case 'name':
        return new PdfName(token.value);
      case 'string':
        return token.value;
      case 'punct':
        if (token.value === '[') return this.nested(() => this.parseArrayBody());
        if (token.value === '<<') return this.nested(() => this.parseDictBody());
        throw malformed(`"${token.value}" không đúng chỗ / unexpected "${token.value}"`, this.pos);
      case 'keyword':
        if (token.value === 'true') return true;
        if (token.value === 'false') return false;
        if (token.value === 'null') return null;
        throw malformed(`từ khoá "${token.value}" không đúng chỗ / unexpected keyword "${token.value}"`, this.pos);
      case 'eof':
        throw malformed('hết tệp giữa chừng / unexpected end of file', this.pos);
    }
  }

  private nested<T>(parse: () => T): T {
    if (this.depth >= MAX_NESTING_DEPTH) {
      throw limitExceeded(`mảng/từ điển lồng quá ${MAX_NESTING_DEPTH} cấp tại byte ${this.pos}`, `arrays/dictionaries nested deeper than ${MAX_NESTING_DEPTH} at byte ${this.pos}`);
    }
    this.depth++;
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private parseArrayBody(): PdfObject[] {
    const items: PdfObject[] = [];
    for (;;) {
      const t = this.nextToken();
      if (t.kind === 'punct' && t.value === ']') return items;
      if (t.kind === 'eof') throw malformed('mảng không đóng / unterminated array', this.pos);
      items.push(this.parseObject(t));
    }
  }

  private parseDictBody(): PdfDict {
    const dict = new PdfDict();
    for (;;) {
      const t = this.nextToken();
      if (t.kind === 'punct' && t.value === '>>') return dict;
      if (t.kind !== 'name') throw malformed('khoá từ điển phải là tên / dictionary key must be a name', this.pos);
      const valueToken = this.nextToken();
      if (valueToken.kind === 'punct' && valueToken.value === '>>') {
        dict.set(t.value, null); // a key without a value: keep going like other readers do
        return dict;
      }
      dict.set(t.value, this.parseObject(valueToken));
    }
  }

  /** Parses `N G obj … endobj` at the current position (streams included). */
  parseIndirectObject(): IndirectObject {
    const start = this.pos;
    const n = this.nextToken();
    const g = this.nextToken();
    const kw = this.nextToken();
    if (n.kind !== 'number' || g.kind !== 'number' || kw.kind !== 'keyword' || kw.value !== 'obj') {
      throw malformed('không phải đối tượng gián tiếp / not an indirect object', start);
    }
    let value = this.parseObject();
    const afterValue = this.pos;
    const next = this.nextToken();
    if (next.kind === 'keyword' && next.value === 'stream' && value instanceof PdfDict) {
      value = this.readStreamBody(value);
      const beforeEnd = this.pos;
      const end = this.nextToken();
      if (!(end.kind === 'keyword' && end.value === 'endobj')) this.pos = beforeEnd; // tolerate a missing endobj
    } else if (!(next.kind === 'keyword' && next.value === 'endobj')) {
      this.pos = afterValue; // tolerate a missing endobj
    }
    return { num: n.value, gen: g.value, value, end: this.pos };
  }

  private readStreamBody(dict: PdfDict): PdfStream {
    // "stream" is followed by CRLF or LF (a lone CR is tolerated).
    if (this.src.byteAt(this.pos) === 0x0d) this.pos++;
    if (this.src.byteAt(this.pos) === 0x0a) this.pos++;
    const dataOffset = this.pos;
    let length = dict.get('Length');
    if (length instanceof PdfRef && this.resolveLength) length = this.resolveLength(length);
    let dataLength = typeof length === 'number' && length >= 0 ? length : -1;
    if (dataLength < 0 || !this.endstreamAt(dataOffset + dataLength)) {
      // A wrong /Length: find "endstream" like other readers and trim the EOL before it.
      const hit = indexOfBytes(this.src, 'endstream', dataOffset);
      if (hit < 0) throw malformed('thiếu endstream / missing endstream', dataOffset);
      let end = hit;
      if (this.src.byteAt(end - 1) === 0x0a) end--;
      if (this.src.byteAt(end - 1) === 0x0d) end--;
      dataLength = end - dataOffset;
    }
    this.pos = dataOffset + dataLength;
    this.skipWhiteAndComments();
    this.pos += 'endstream'.length;
    const src = this.src;
    return new PdfStream(dict, () => src.read(dataOffset, dataLength), this.fileSpans ? dataOffset : undefined);
  }

  private endstreamAt(pos: number): boolean {
    let p = pos;
    while (isWhite(this.src.byteAt(p))) p++;
    const word = Buffer.from(this.src.read(p, 9)).toString('latin1');
    return word === 'endstream';
  }
}
