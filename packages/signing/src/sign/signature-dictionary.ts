import type { BuiltUpdate } from '../pdf/incremental-writer.js';
import { PdfDict, PdfName, PdfRaw, PdfString, type PdfObject } from '../pdf/pdf-objects.js';
import { pdfDate } from '@eoffice/vietnamese';

export type SubFilter = 'ETSI.CAdES.detached' | 'adbe.pkcs7.detached';

const BYTE_RANGE_PLACEHOLDER = '[0 0000000000 0000000000 0000000000]';

export interface SignatureDictionaryOptions {
  readonly subFilter: SubFilter;
  /** A document timestamp (ISO 32000-2 §12.8.5): /Type /DocTimeStamp, /SubFilter /ETSI.RFC3161, an RFC 3161 token as /Contents. */
  readonly documentTimestamp?: boolean;
  /** Bytes reserved for the DER CMS (the hex string is twice that). */
  readonly cmsBytes: number;
  readonly signingTime: Date;
  readonly reason?: string;
  readonly location?: string;
  readonly contactInfo?: string;
  /** Fields locked by this signature (FieldMDP). */
  readonly lockFields: readonly string[];
}

/**
 * The signature dictionary with fixed-width placeholders: /ByteRange (patched once offsets are known) and a
 * zero-filled /Contents (the CMS hex is written into it in place). /M is the claimed time; PAdES keeps it out of the CMS.
 */
export function signatureDictionary(options: SignatureDictionaryOptions): PdfDict {
  if (options.documentTimestamp) {
    // No /M, /Reason or field locks: the token's genTime is the time, and a timestamp approves nothing.
    return PdfDict.of({
      Type: new PdfName('DocTimeStamp'),
      Filter: new PdfName('Adobe.PPKLite'),
      SubFilter: new PdfName('ETSI.RFC3161'),
      ByteRange: new PdfRaw(BYTE_RANGE_PLACEHOLDER, 'byteRange'),
      Contents: new PdfRaw(`<${'0'.repeat(options.cmsBytes * 2)}>`, 'contents'),
    });
  }
  const dict = PdfDict.of({
    Type: new PdfName('Sig'),
    Filter: new PdfName('Adobe.PPKLite'),
    SubFilter: new PdfName(options.subFilter),
    ByteRange: new PdfRaw(BYTE_RANGE_PLACEHOLDER, 'byteRange'),
    Contents: new PdfRaw(`<${'0'.repeat(options.cmsBytes * 2)}>`, 'contents'),
    M: PdfString.fromLatin1(pdfDate(options.signingTime)),
  });
  if (options.reason) dict.set('Reason', PdfString.fromText(options.reason));
  if (options.location) dict.set('Location', PdfString.fromText(options.location));
  if (options.contactInfo) dict.set('ContactInfo', PdfString.fromText(options.contactInfo));
  if (options.lockFields.length > 0) {
    dict.set('Reference', [
      PdfDict.of({
        Type: new PdfName('SigRef'),
        TransformMethod: new PdfName('FieldMDP'),
        TransformParams: fieldMdpParams(options.lockFields, 'TransformParams').set('V', new PdfName('1.2')),
        DigestMethod: new PdfName('SHA256'),
      }),
    ]);
  }
  return dict;
}

/** /Action /Include /Fields [...]: as the signature reference's parameters, or as the field's /Lock. */
export function fieldMdpParams(fields: readonly string[], type: 'TransformParams' | 'SigFieldLock'): PdfDict {
  return PdfDict.of({
    Type: new PdfName(type),
    Action: new PdfName('Include'),
    Fields: fields.map((f) => PdfString.fromText(f)) as PdfObject[],
  });
}

/**
 * Writes the real /ByteRange into the update, same width as the placeholder (spaces before "]"): everything from
 * the file start to the /Contents hex string, and from its end to the end of the file.
 */
export function patchByteRange(update: BuiltUpdate, baseLength: number): [number, number, number, number] {
  const contents = update.spans.get('contents')!;
  const range = update.spans.get('byteRange')!;
  const total = baseLength + update.bytes.length;
  const byteRange: [number, number, number, number] = [0, contents.start, contents.end, total - contents.end];
  const text = `[${byteRange.join(' ')}]`;
  update.bytes.write(`${text.slice(0, -1)}${' '.repeat(BYTE_RANGE_PLACEHOLDER.length - text.length)}]`, range.start - baseLength, 'latin1');
  return byteRange;
}
