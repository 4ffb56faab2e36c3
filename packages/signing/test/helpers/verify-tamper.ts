import { PdfRef } from '../../src/pdf/pdf-objects.js';
import { PdfReader } from '../../src/pdf/pdf-reader.js';

/**
 * Test-only attacks on signed files: an incremental update written by hand (an incremental saving attack), and raw
 * object text for editing. Deliberately independent of the package's own incremental writer.
 */
export function appendRevision(bytes: Uint8Array, objects: ReadonlyMap<number, string>): Uint8Array {
  const reader = PdfReader.open(bytes);
  const trailer = reader.trailer;
  const root = trailer.get('Root') as PdfRef;
  const info = trailer.get('Info');
  const prev = reader.revisions.at(-1)?.xrefOffset ?? 0;
  const size = Math.max(reader.size, ...[...objects.keys()].map((n) => n + 1));
  reader.close();
  let text = '\n';
  const offsets = new Map<number, number>();
  for (const [num, body] of [...objects].sort((a, b) => a[0] - b[0])) {
    offsets.set(num, bytes.length + Buffer.byteLength(text, 'latin1'));
    text += `${num} 0 obj\n${body}\nendobj\n`;
  }
  const xrefOffset = bytes.length + Buffer.byteLength(text, 'latin1');
  text += 'xref\n0 1\n0000000000 65535 f \n';
  for (const [num, offset] of [...offsets].sort((a, b) => a[0] - b[0])) {
    text += `${num} 1\n${String(offset).padStart(10, '0')} 00000 n \n`;
  }
  const infoEntry = info instanceof PdfRef ? ` /Info ${info.num} ${info.gen} R` : '';
  text += `trailer\n<< /Size ${size} /Root ${root.num} ${root.gen} R${infoEntry} /Prev ${prev} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.concat([Buffer.from(bytes), Buffer.from(text, 'latin1')]);
}

/** The text between `N G obj` and `endobj` of the newest definition of an object stored uncompressed. */
export function rawObjectBody(bytes: Uint8Array, num: number): string {
  const reader = PdfReader.open(bytes);
  const offset = reader.objectOffset(new PdfRef(num, 0));
  reader.close();
  if (offset === undefined) throw new Error(`object ${num} is not stored uncompressed`);
  const text = Buffer.from(bytes).toString('latin1', offset);
  const start = text.indexOf('obj') + 3;
  return text.slice(start, text.indexOf('endobj', start)).trim();
}

/** Adds `ref` to a dictionary's /Annots array written directly in its text (or creates the array). */
export function withAnnotation(dictText: string, ref: string): string {
  if (/\/Annots\s*\[/.test(dictText)) return dictText.replace(/\/Annots\s*\[/, `/Annots [${ref} `);
  if (/\/Annots\s+\d+\s+\d+\s+R/.test(dictText)) throw new Error('indirect /Annots: not handled by this helper');
  const end = dictText.lastIndexOf('>>');
  return `${dictText.slice(0, end)} /Annots [${ref}] ${dictText.slice(end)}`;
}
