import { createHash } from 'node:crypto';
import {
  PDFArray,
  PDFBool,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  PDFRef,
  PDFStream,
  PDFString,
  type PDFContext,
  type PDFObject,
} from 'pdf-lib';
import type { IncrementalWriter } from '../pdf/incremental-writer.js';
import type { PdfRef} from '../pdf/pdf-objects.js';
import { PdfDict, PdfName, PdfStream, PdfString, type PdfObject } from '../pdf/pdf-objects.js';
import { SigningError } from '../signing-error.js';

/**
 * Copies objects that pdf-lib built in a scratch document into our incremental update, giving every indirect object
 * a fresh number in the signed file. pdf-lib never touches the signed file itself (ARCHITECTURE.md, invariant 2).
 */
export class PdfLibImporter {
  private readonly context: PDFContext;
  private readonly writer: IncrementalWriter;
  private readonly refs = new Map<string, PdfRef>();

  constructor(context: PDFContext, writer: IncrementalWriter) {
    this.context = context;
    this.writer = writer;
  }

  import(obj: PDFObject | undefined): PdfObject {
    if (obj === undefined || obj === PDFNull) return null;
    if (obj instanceof PDFRef) return this.importRef(obj);
    if (obj instanceof PDFName) return new PdfName(obj.decodeText());
    if (obj instanceof PDFNumber) return obj.asNumber();
    if (obj instanceof PDFBool) return obj.asBoolean();
    if (obj instanceof PDFHexString) return new PdfString(obj.asBytes(), true);
    if (obj instanceof PDFString) return new PdfString(obj.asBytes(), false);
    if (obj instanceof PDFArray) return obj.asArray().map((item) => this.import(item));
    if (obj instanceof PDFDict) return this.importDict(obj);
    if (obj instanceof PDFStream) return new PdfStream(this.importDict(obj.dict), obj.getContents());
    throw new SigningError('BAD_ARGUMENT', `Không chép được đối tượng pdf-lib / cannot copy pdf-lib object ${obj.constructor.name}`);
  }

  private importDict(dict: PDFDict): PdfDict {
    const out = new PdfDict();
    for (const [key, value] of dict.entries()) {
      if (key.decodeText() === 'Length') continue; // the serializer writes the real length
      out.set(key.decodeText(), this.import(value));
    }
    for (const key of ['BaseFont', 'FontName']) {
      const name = out.getName(key);
      if (name) out.set(key, new PdfName(subsetFontName(name)));
    }
    return out;
  }

  private importRef(ref: PDFRef): PdfRef {
    const key = ref.toString();
    const known = this.refs.get(key);
    if (known) return known;
    const target = this.writer.allocate();
    this.refs.set(key, target); // before importing the value, so cycles end here
    this.writer.set(target, this.import(this.context.lookup(ref)));
    return target;
  }
}

/**
 * pdf-lib names a subset "Tinos-1234"; ISO 32000-1 §9.6.4 wants "ABCDEF+Tinos" so that tools (and people) can tell
 * a subset from the full font. The tag is derived from pdf-lib's per-subset suffix, so distinct subsets differ.
 */
function subsetFontName(name: string): string {
  const m = /^(.+)-(\d+)$/.exec(name);
  if (!m || /^[A-Z]{6}\+/.test(name)) return name;
  const digest = createHash('sha256').update(name).digest();
  const tag = [...digest.subarray(0, 6)].map((b) => String.fromCharCode(65 + (b % 26))).join('');
  return `${tag}+${m[1]}`;
}
