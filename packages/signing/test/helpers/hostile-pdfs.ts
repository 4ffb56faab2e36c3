import { constants, deflateRawSync } from 'node:zlib';
import { PdfReader } from '../../src/pdf/pdf-reader.js';
import { signatureFields } from '../../src/pdf/signature-fields.js';
import { appendRevision, rawObjectBody } from './verify-tamper.js';

/**
 * The crafted files of issue 13 item 4, generated (never stored): each once stalled the verifier or blew its memory.
 * Shared by the tests, the fuzzer's seeds and the by-hand measurement script.
 */

/** A classic file around the given objects: header, the objects, an xref table, a trailer naming object 1 as /Root. */
export function classicPdf(objects: readonly string[], trailerExtra = ''): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let pos = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pos);
    const b = Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`, 'latin1');
    parts.push(b);
    pos += b.length;
  });
  const rows = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  parts.push(
    Buffer.from(
      `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${rows}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${trailerExtra} >>\nstartxref\n${pos}\n%%EOF\n`,
      'latin1',
    ),
  );
  return Buffer.concat(parts);
}

const MINIMAL_OBJECTS = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'];

/** A file whose only cross-reference data is an xref stream with the given dictionary entries and raw data. */
function xrefStreamPdf(dictEntries: string, data: Buffer): Buffer {
  const head = classicPdf(MINIMAL_OBJECTS);
  // Reuse the objects of the classic file, drop its table, and point startxref at an xref stream instead.
  const bodyEnd = head.indexOf(Buffer.from('xref\n0 '));
  const body = head.subarray(0, bodyEnd);
  const streamHead = Buffer.from(`4 0 obj\n<< /Type /XRef ${dictEntries} /Root 1 0 R /Length ${data.length} >>\nstream\n`, 'latin1');
  const tail = Buffer.from(`\nendstream\nendobj\nstartxref\n${body.length}\n%%EOF\n`, 'latin1');
  return Buffer.concat([body, streamHead, data, tail]);
}

/**
 * An xref stream that inflates `compressedBytes` of deflate data to about 1,000 times as much (zeros). Built from one
 * fully-flushed block repeated, so a 1.5 GB bomb costs a few milliseconds to make: a full flush resets the
 * compressor's state, so each copy of the block decodes the same on its own.
 */
export function xrefStreamBomb(inflatedBytes = 1.5 * 1024 ** 3): Buffer {
  const chunk = 1024 * 1024;
  const block = deflateRawSync(Buffer.alloc(chunk), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const copies = Math.ceil(inflatedBytes / chunk);
  const total = copies * chunk;
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((total % 65521) << 16) >>> 0) + 1); // zeros: a stays 1, b grows by 1 per byte
  const finalEmptyBlock = Buffer.from([0x03, 0x00]);
  const zlib = Buffer.concat([Buffer.from([0x78, 0xda]), ...Array.from({ length: copies }, () => block), finalEmptyBlock, adler]);
  return xrefStreamPdf(`/Filter /FlateDecode /W [1 4 2] /Size ${Math.floor(total / 7)}`, zlib);
}

/** `/W [0 0 0]` (zero-width rows) with `/Size 1e8`: every row would be read from no data at all. */
export function zeroWidthXref(size = 100_000_000): Buffer {
  return xrefStreamPdf(`/W [0 0 0] /Size ${size}`, Buffer.alloc(0));
}

/** An object count the data cannot hold: `/W [1 2 1]` rows for 1e8 objects over 16 bytes of data. */
export function xrefCountBeyondData(size = 100_000_000): Buffer {
  return xrefStreamPdf(`/W [1 2 1] /Size ${size}`, Buffer.alloc(16));
}

/** `depth` nested arrays inside the catalog: a recursive parser without a bound overflows its stack. */
export function nestedArrays(depth = 10_000): Buffer {
  return classicPdf([`<< /Type /Catalog /Pages 2 0 R /Deep ${'['.repeat(depth)}${']'.repeat(depth)} >>`, ...MINIMAL_OBJECTS.slice(1)]);
}

/** The same with dictionaries (`<< /A << /A … >> >>`). */
export function nestedDictionaries(depth = 10_000): Buffer {
  return classicPdf([`<< /Type /Catalog /Pages 2 0 R /Deep ${'<< /A '.repeat(depth)}${'>> '.repeat(depth)}>>`, ...MINIMAL_OBJECTS.slice(1)]);
}

/**
 * A signed file with `count` more signature fields appended in one incremental update, every one pointing at the
 * first field's signature dictionary (/V): a verifier that hashes per field re-reads the whole file `count` times.
 */
export function manyFieldsOnOneValue(signed: Uint8Array, count = 1000): Uint8Array {
  const reader = PdfReader.open(signed);
  const field = signatureFields(reader).find((f) => f.valueRef !== undefined);
  const page = reader.pages()[0];
  const catalogRef = reader.catalogRef;
  const first = reader.size;
  reader.close();
  if (!field?.valueRef || !page) throw new Error('the file has no signed field');
  const objects = new Map<number, string>();
  const refs: string[] = [];
  for (let i = 0; i < count; i++) {
    refs.push(`${first + i} 0 R`);
    objects.set(
      first + i,
      `<< /FT /Sig /T (Copy${i}) /V ${field.valueRef.num} 0 R /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P ${page.ref.num} 0 R /F 132 >>`,
    );
  }
  const acroForm = first + count;
  objects.set(acroForm, `<< /Fields [${refs.join(' ')}] /SigFlags 3 >>`);
  const catalog = rawObjectBody(signed, catalogRef.num).replace(/\/AcroForm\s+\d+\s+\d+\s+R/, '');
  objects.set(catalogRef.num, `${catalog.replace(/>>\s*$/, '')} /AcroForm ${acroForm} 0 R >>`);
  return appendRevision(signed, objects);
}

/**
 * Fuzz case 53453 (run seed 20261206) in small: a signature dictionary whose /Contents hex string was closed early by
 * a stray '>', so the rest of the zero padding, with a '#' in it, is read as one `digits`-long word where a key should
 * be. A number check with two digit runs in a row (/^[+-]?(\d+\.?\d*|\.\d+)$/) took time quadratic in that length.
 */
export function longWordAfterContents(digits = 60_000): Buffer {
  const half = Math.floor((digits - 1) / 2);
  const word = `${'0'.repeat(half)}#${'0'.repeat(digits - 1 - half)}`;
  return classicPdf([
    '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] /SigFlags 3 >> >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [4 0 R] >>',
    '<< /FT /Sig /T (Signature1) /V 5 0 R /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R /F 132 >>',
    `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [0 100 200 100] /Contents <3082>${word}> >>`,
  ]);
}
