import { SigningError } from '../signing-error.js';
import { PdfDict, PdfName, PdfRaw, PdfRef, PdfStream, PdfString, type PdfObject } from './pdf-objects.js';

/** Where each identified PdfRaw landed, relative to the start of the serialized bytes. */
export type RawSpans = Map<string, { start: number; end: number }>;

/** Accumulates PDF syntax as bytes; records where identified raw placeholders land. */
export class PdfByteWriter {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;
  readonly spans: RawSpans = new Map();

  get length(): number {
    return this.size;
  }

  text(s: string): this {
    return this.bytes(Buffer.from(s, 'latin1'));
  }

  bytes(b: Uint8Array): this {
    this.chunks.push(b);
    this.size += b.length;
    return this;
  }

  object(o: PdfObject): this {
    if (o === null) return this.text('null');
    if (typeof o === 'boolean') return this.text(o ? 'true' : 'false');
    if (typeof o === 'number') return this.text(formatNumber(o));
    if (o instanceof PdfName) return this.text(formatName(o.name));
    if (o instanceof PdfRef) return this.text(`${o.num} ${o.gen} R`);
    if (o instanceof PdfString) return o.hex ? this.text(`<${Buffer.from(o.bytes).toString('hex')}>`) : this.bytes(literalString(o.bytes));
    if (o instanceof PdfRaw) {
      if (o.id !== undefined) this.spans.set(o.id, { start: this.size, end: this.size + o.bytes.length });
      return this.bytes(o.bytes);
    }
    if (Array.isArray(o)) {
      this.text('[');
      o.forEach((item, i) => {
        if (i > 0) this.text(' ');
        this.object(item);
      });
      return this.text(']');
    }
    if (o instanceof PdfDict) {
      this.text('<<');
      for (const [key, value] of o.entries) {
        if (value === undefined) continue;
        this.text(formatName(key)).text(' ').object(value);
      }
      return this.text('>>');
    }
    if (o instanceof PdfStream) {
      const raw = o.raw;
      const dict = o.dict.clone().set('Length', raw.length);
      return this.object(dict).text('\nstream\n').bytes(raw).text('\nendstream');
    }
    throw new SigningError('BAD_ARGUMENT', 'Đối tượng PDF không ghi được / unwritable PDF object');
  }

  indirect(ref: PdfRef, o: PdfObject): this {
    return this.text(`${ref.num} ${ref.gen} obj\n`).object(o).text('\nendobj\n');
  }

  toBytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) throw new SigningError('BAD_ARGUMENT', `Số không hợp lệ / invalid number: ${n}`);
  if (Number.isInteger(n)) return String(n);
  // PDF has no exponent notation; six decimals are below a device pixel at any sane scale.
  const fixed = n.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
  return fixed === '-0' ? '0' : fixed;
}

export function formatName(name: string): string {
  let out = '/';
  for (const ch of Buffer.from(name, 'latin1')) {
    const regular = ch > 0x20 && ch < 0x7f && !'()<>[]{}/%#'.includes(String.fromCharCode(ch));
    out += regular ? String.fromCharCode(ch) : `#${ch.toString(16).padStart(2, '0')}`;
  }
  return out;
}

function literalString(bytes: Uint8Array): Buffer {
  let out = '(';
  for (const b of bytes) {
    if (b === 0x28 || b === 0x29 || b === 0x5c) out += `\\${String.fromCharCode(b)}`;
    else if (b < 0x20 || b > 0x7e) out += `\\${b.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(b);
  }
  return Buffer.from(`${out})`, 'latin1');
}
