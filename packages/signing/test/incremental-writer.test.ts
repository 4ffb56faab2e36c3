import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IncrementalWriter, PdfDict, PdfName, PdfReader, PdfString, writeUpdatedFile } from '../src/index.js';
import { fixture } from './helpers/fixtures.js';
import { makeHybridPdf, makeSamplePdf } from './helpers/sample-pdfs.js';
import { qpdf, qpdfCheck } from './helpers/system-tools.js';
import { useTempDir } from './helpers/temp-dir.js';

const tempDir = useTempDir();

/** One realistic update: a new text annotation on page 1 (new object + changed page) and a new /Info title. */
function annotate(input: string, output: string, note: string): void {
  const reader = PdfReader.open(input);
  const writer = new IncrementalWriter(reader);
  const page = reader.pages()[0]!;
  const annot = writer.add(
    PdfDict.of({
      Type: new PdfName('Annot'),
      Subtype: new PdfName('Text'),
      Rect: [10, 10, 30, 30],
      Contents: PdfString.fromText(note),
      P: page.ref,
    }),
  );
  const pageDict = page.dict.clone();
  const annots = reader.resolve(pageDict.get('Annots'));
  pageDict.set('Annots', [...(Array.isArray(annots) ? annots : []), annot]);
  writer.set(page.ref, pageDict);
  const infoRef = reader.trailer.get('Info');
  if (infoRef && 'num' in (infoRef as object)) {
    const info = reader.resolveDict(infoRef)!.clone().set('Title', PdfString.fromText(note));
    writer.set(infoRef as never, info);
  }
  writeUpdatedFile(input, output, writer.build());
  reader.close();
}

async function inputs(): Promise<[string, string][]> {
  const dir = tempDir();
  const make = async (name: string, bytes: Uint8Array | Promise<Uint8Array>): Promise<string> => {
    const p = path.join(dir, name);
    writeFileSync(p, await bytes);
    return p;
  };
  const table = await make('table.pdf', makeSamplePdf({ useObjectStreams: false }));
  const stream = await make('stream.pdf', makeSamplePdf({ useObjectStreams: true }));
  const linearized = path.join(dir, 'linearized.pdf');
  qpdf(['--linearize', table, linearized]);
  const qpdfStreams = path.join(dir, 'qpdf-streams.pdf');
  qpdf(['--object-streams=generate', table, qpdfStreams]);
  return [
    ['pdf-lib, xref table', table],
    ['pdf-lib, xref stream', stream],
    ['qpdf linearized', linearized],
    ['qpdf object streams', qpdfStreams],
    ['hybrid reference', await make('hybrid.pdf', makeHybridPdf())],
    ['signed by Adobe (xref streams)', fixture('pdf-signed/pyhanko/minimal-two-fields-signed-twice.pdf')],
    ['signed by DSS (tables)', fixture('pdf-signed/dss/doc-firmado-LT.pdf')],
  ];
}

describe('IncrementalWriter', async () => {
  const cases = await inputs();

  it.each(cases)('appends a clean update to %s, twice', (_label, input) => {
    const original = readFileSync(input);
    const before = PdfReader.open(input);
    const once = path.join(tempDir(), `${path.basename(input)}.1.pdf`);
    const twice = path.join(tempDir(), `${path.basename(input)}.2.pdf`);
    annotate(input, once, 'Lần một');
    annotate(once, twice, 'Lần hai: Nguyễn Văn A');

    const written = readFileSync(twice);
    // The original bytes are untouched: they are a prefix of the result.
    expect(written.subarray(0, original.length).equals(original)).toBe(true);
    for (const file of [once, twice]) {
      const check = qpdfCheck(file);
      expect(check.stderr + check.stdout, file).not.toMatch(/WARNING/);
      expect(check.status).toBe(0);
    }
    const after = PdfReader.open(twice);
    expect(after.repair).toBeUndefined();
    expect(after.revisions).toHaveLength(before.revisions.length + 2);
    // The same kind of cross-reference section as the file's last one.
    const expectedKind = before.lastXrefKind;
    expect(after.revisions.slice(-2).map((r) => r.xrefKind)).toEqual([expectedKind, expectedKind]);
    expect(after.revisions.at(-1)!.trailer.get('Prev')).toBe(after.revisions.at(-2)!.xrefOffset);
    const idBytes = (r: PdfReader): unknown => (r.trailer.get('ID') as PdfString[] | undefined)?.map((s) => Buffer.from(s.bytes).toString('hex'));
    expect(idBytes(after)).toEqual(idBytes(before));
    const annots = after.resolve(after.pages()[0]!.dict.get('Annots')) as unknown[];
    const notes = annots.slice(-2).map((a) => (after.resolveDict(a as never)?.get('Contents') as PdfString).toText());
    expect(notes).toEqual(['Lần một', 'Lần hai: Nguyễn Văn A']);
    // Every revision still reads as it was.
    expect(after.atRevision(before.revisions.length - 1).pages()[0]!.dict.get('Annots')).toEqual(before.pages()[0]!.dict.get('Annots'));
    before.close();
    after.close();
  });

  it('refuses to update a file whose xref had to be rebuilt', async () => {
    const good = Buffer.from(await makeSamplePdf());
    const broken = Buffer.from(good.toString('latin1').replace(/startxref\s+\d+/, 'startxref\n12'), 'latin1');
    expect(() => new IncrementalWriter(PdfReader.open(broken))).toThrow(expect.objectContaining({ code: 'PDF_XREF_DAMAGED' }));
  });
});
