import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PdfDict, PdfName, PdfReader, PdfRef, PdfStream, verifyPdfSignatures, type PdfObject } from '../../src/index.js';
import { PdfByteWriter } from '../../src/pdf/pdf-serializer.js';
import { fixture } from '../helpers/fixtures.js';
import { update, type Edit } from '../helpers/modification-files.js';
import { run } from '../helpers/system-tools.js';
import { useTempDir } from '../helpers/temp-dir.js';

/**
 * An update that redefines an object stream (ISO 32000-2 §7.5.7) changes every object still stored in it, though the
 * update's cross-reference section names only the stream: a reader finds those objects through their older entries,
 * which point at the stream's number, and reads the stream as the update left it. The signed TeleSec QES (EU DSS,
 * one revision, 33 objects in object streams, its page tree's root among them) is the signed file; qpdf reads the
 * forged page tree as a viewer would.
 */
const tempDir = useTempDir('modification-object-stream-update-');
const TELESEC = fixture('pdf-signed/dss/TeleSec_PKS_eIDAS_QES_CA_1-baseline-b.pdf');

/** The object stream's members as `num → body text`, in stream order. */
function members(reader: PdfReader, stream: PdfStream): Map<number, string> {
  const text = Buffer.from(reader.decode(stream)).toString('latin1');
  const first = stream.dict.getNumber('First')!;
  const header = text.slice(0, first).trim().split(/\s+/).map(Number);
  const slots: { num: number; offset: number }[] = [];
  for (let i = 0; i < header.length; i += 2) slots.push({ num: header[i]!, offset: header[i + 1]! });
  return new Map(slots.map((slot, i) => [slot.num, text.slice(first + slot.offset, first + (slots[i + 1]?.offset ?? text.length - first))]));
}

/** An object stream holding `bodies` (num → text), uncompressed. */
function objectStream(bodies: ReadonlyMap<number, string>): PdfStream {
  let header = '';
  let body = '';
  for (const [num, text] of bodies) {
    header += `${num} ${body.length} `;
    body += `${text}\n`;
  }
  const dict = PdfDict.of({ Type: new PdfName('ObjStm'), N: bodies.size, First: header.length });
  return new PdfStream(dict, Buffer.from(header + body, 'latin1'));
}

const text = (value: PdfObject): string => Buffer.from(new PdfByteWriter().object(value).toBytes()).toString('latin1');

/** Rewrites the object stream that holds the page tree's root, with that dictionary changed by `change`. */
const pageTreeInStream =
  (change: (pages: PdfDict, writer: Parameters<Edit>[1], reader: PdfReader) => PdfDict): Edit =>
  (reader, writer) => {
    const root = reader.catalog.get('Pages') as PdfRef;
    const entry = reader.entry(root.num);
    if (entry?.type !== 'compressed') throw new Error('the page tree is not in an object stream');
    const streamRef = new PdfRef(entry.stream, 0);
    const bodies = members(reader, reader.getObject(streamRef) as PdfStream);
    bodies.set(root.num, text(change(reader.resolveDict(root)!.clone(), writer, reader)));
    writer.set(streamRef, objectStream(bodies));
  };

describe('an update that rewrites an object stream of the signed revision', () => {
  it("the page tree's /Kids pointed at a new page: MODIFIED_DISALLOWED naming the page tree; qpdf reads the new page", () => {
    const signed = readFileSync(TELESEC);
    expect(verifyPdfSignatures(signed).signatures[0]?.problems.map((p) => p.code)).not.toContain('MODIFIED_DISALLOWED');
    const reader = PdfReader.open(signed);
    const root = (reader.catalog.get('Pages') as PdfRef).num;
    reader.close();

    let forgedPage = -1;
    const forged = update(
      tempDir(),
      signed,
      pageTreeInStream((pages, writer, reader) => {
        const page = reader.pages()[0]!;
        const contents = writer.add(new PdfStream(new PdfDict(), Buffer.from('0 0 1 rg 0 0 595 842 re f\n', 'latin1')));
        forgedPage = writer.add(page.dict.clone().set('Contents', contents)).num;
        return pages.set('Kids', [new PdfRef(forgedPage, 0)]);
      }),
    );
    const file = path.join(tempDir(), 'forged.pdf');
    writeFileSync(file, forged);
    // qpdf, reading the file on its own, finds the new page in the page tree: one page still, another one.
    expect(run('qpdf', [`--show-object=${root}`, file]).stdout).toContain(`/Kids [ ${forgedPage} 0 R ]`);
    expect(run('qpdf', ['--show-npages', file]).stdout.trim()).toBe('1');

    const [signature] = verifyPdfSignatures(forged).signatures;
    expect(signature).toMatchObject({ intact: true, valid: true, modification: 'disallowed' });
    const message = signature!.problems.find((p) => p.code === 'MODIFIED_DISALLOWED')?.message ?? '';
    expect(message).toBe(
      `Tài liệu bị sửa đổi không được phép sau khi ký: [2] Khoá /Kids của đối tượng ${root} (pageTree) bị thay đổi sau khi ký / ` +
        `/Kids of object ${root} (pageTree) was changed after signing / the document was changed after signing in ways that are not permitted (see the Vietnamese list)`,
    );
  });

  it('the stream rewritten with the same objects unchanged: nothing changed but the stream itself', () => {
    const signed = readFileSync(TELESEC);
    const same = update(tempDir(), signed, pageTreeInStream((pages) => pages));
    const [signature] = verifyPdfSignatures(same).signatures;
    expect(signature?.modification).not.toBe('disallowed');
    expect(signature?.problems.map((p) => p.code)).not.toContain('MODIFIED_DISALLOWED');
  });
});
