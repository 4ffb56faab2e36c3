import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PdfDict, PdfReader, PdfStream, SigningError, signatureFields } from '../src/index.js';
import { fixture, fixturesDir } from './helpers/fixtures.js';
import { makeHybridPdf, makeSamplePdf } from './helpers/sample-pdfs.js';
import { qpdf } from './helpers/system-tools.js';
import { useTempDir } from './helpers/temp-dir.js';

const tempDir = useTempDir();

function pdfFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? pdfFiles(p) : name.endsWith('.pdf') ? [p] : [];
  });
}

/** The text of every page's content, decoded: proves that streams and the page tree were reached. */
function pageText(reader: PdfReader): string {
  return reader
    .pages()
    .map((p) => {
      const c = reader.resolve(p.dict.get('Contents'));
      const streams = Array.isArray(c) ? c.map((x) => reader.resolve(x)) : [c];
      return streams.map((s) => (s instanceof PdfStream ? Buffer.from(reader.decode(s)).toString('latin1') : '')).join('');
    })
    .join('\n');
}

/** pdf-lib writes text as hex strings: accept either form. */
const shows = (content: string, text: string): boolean =>
  content.includes(text) || content.toUpperCase().includes(Buffer.from(text, 'latin1').toString('hex').toUpperCase());

describe('PdfReader on pdf-lib output', () => {
  it.each([false, true])('reads a 2-page document (useObjectStreams=%s)', async (useObjectStreams) => {
    const bytes = await makeSamplePdf({ pages: 2, useObjectStreams });
    const reader = PdfReader.open(bytes);
    expect(reader.repair).toBeUndefined();
    expect(reader.revisions).toHaveLength(1);
    expect(reader.revisions[0]!.xrefKind).toBe(useObjectStreams ? 'stream' : 'table');
    expect(reader.revisions[0]!.endOffset).toBe(bytes.length);
    expect(reader.pages()).toHaveLength(2);
    expect(reader.pages()[0]!.mediaBox).toEqual([0, 0, 595.28, 841.89]);
    expect(shows(pageText(reader), 'Page 2 - sample document')).toBe(true);
    const info = reader.resolveDict(reader.trailer.get('Info'));
    expect(info?.get('Title')).toBeDefined();
    if (useObjectStreams) {
      // The catalog lives in an object stream in this layout.
      expect(reader.entry(reader.catalogRef.num)?.type).toBe('compressed');
    }
  });

  it('reads the same file by path (paged from disk) as from memory', async () => {
    const file = path.join(tempDir(), 'by-path.pdf');
    writeFileSync(file, await makeSamplePdf({ pages: 3, useObjectStreams: true }));
    const fromDisk = PdfReader.open(file);
    const fromMemory = PdfReader.open(readFileSync(file));
    expect(pageText(fromDisk)).toBe(pageText(fromMemory));
    expect(fromDisk.revisions.map((r) => r.endOffset)).toEqual(fromMemory.revisions.map((r) => r.endOffset));
    fromDisk.close();
  });
});

describe('PdfReader on qpdf variants', () => {
  it.each([
    ['object streams', ['--object-streams=generate']],
    ['QDF', ['--qdf', '--object-streams=preserve']],
    ['linearized', ['--linearize']],
    ['linearized with object streams', ['--linearize', '--object-streams=generate']],
  ])('reads a %s rewrite', async (_label, args) => {
    const input = path.join(tempDir(), `qpdf-in-${args.join('')}.pdf`);
    const output = path.join(tempDir(), `qpdf-out-${args.join('')}.pdf`);
    writeFileSync(input, await makeSamplePdf({ pages: 3 }));
    qpdf([...args, input, output]);
    const reader = PdfReader.open(output);
    expect(reader.repair).toBeUndefined();
    expect(reader.pages()).toHaveLength(3);
    expect(shows(pageText(reader), 'Page 3 - sample document')).toBe(true);
    // A linearized file has two xref sections but is one revision.
    expect(reader.revisions).toHaveLength(1);
    expect(reader.revisions[0]!.endOffset).toBe(reader.length);
    if (args.includes('--object-streams=generate')) expect(reader.revisions[0]!.sections.some((s) => s.kind === 'stream')).toBe(true);
  });
});

describe('PdfReader on a hybrid-reference file', () => {
  it('finds objects that only the /XRefStm stream lists', () => {
    const bytes = makeHybridPdf();
    const reader = PdfReader.open(bytes);
    expect(reader.repair).toBeUndefined();
    expect(reader.revisions[0]!.xrefKind).toBe('hybrid');
    expect(reader.entry(4)?.type).toBe('compressed');
    const pages = reader.pages();
    expect(pages).toHaveLength(1);
    expect(pages[0]!.dict.getName('Type')).toBe('Page');
  });
});

describe('PdfReader on signed fixtures', () => {
  const files = pdfFiles(fixture('pdf-signed'));

  it('has fixtures to read', () => expect(files.length).toBeGreaterThanOrEqual(12));

  it.each(files.map((f) => [path.relative(fixturesDir, f), f]))('%s: each /Contents sits exactly in its ByteRange gap', (_name, file) => {
    const reader = PdfReader.open(file);
    expect(reader.repair).toBeUndefined();
    const signed = signatureFields(reader).filter((f) => f.value);
    expect(signed.length).toBeGreaterThan(0);
    for (const field of signed) {
      const [, b, c] = field.byteRange!;
      const span = field.contents!.span!;
      // hello_signed_INCSAVE_signed_EDITED: Signature2 reuses Signature1's ByteRange (DSS917): the gap is not its own.
      if (file.endsWith('EDITED.pdf') && field.name === 'Signature2') {
        expect([span.start, span.end]).not.toEqual([b, c]);
        continue;
      }
      expect([span.start, span.end]).toEqual([b, c]);
      expect(field.contents!.bytes.length).toBe((c! - b! - 2) / 2);
      expect(field.valueOffset).toBeLessThan(reader.length);
    }
    reader.close();
  });

  it('gives every revision its own end, and the /Prev chain in order (Adobe, xref streams)', () => {
    const reader = PdfReader.open(fixture('pdf-signed/pyhanko/minimal-two-fields-signed-twice.pdf'));
    expect(reader.revisions.map((r) => r.xrefKind)).toEqual(['stream', 'stream']);
    const byName = new Map(signatureFields(reader).map((f) => [f.name, f]));
    const [, , c2, d2] = byName.get('Sig2')!.byteRange!;
    expect(c2! + d2!).toBe(reader.revisions[0]!.endOffset);
    const [, , c1, d1] = byName.get('Sig1')!.byteRange!;
    expect(c1! + d1!).toBe(reader.length);
    // Before the second signature, Sig1 was an empty field.
    const first = signatureFields(reader.atRevision(0));
    expect(first.find((f) => f.name === 'Sig1')?.value).toBeUndefined();
    expect(first.find((f) => f.name === 'Sig2')?.value).toBeInstanceOf(PdfDict);
  });

  it('sees the page that a later revision added (DSS added-page case)', () => {
    const reader = PdfReader.open(fixture('pdf-signed/dss/pdf-signed-added-page.pdf'));
    expect(reader.pages()).toHaveLength(2);
    const signedRevision = reader.revisions.findIndex((r) => r.endOffset === 37747 + 113379);
    expect(signedRevision).toBeGreaterThanOrEqual(0);
    expect(reader.atRevision(signedRevision).pages()).toHaveLength(1);
  });
});

describe('PdfReader on damaged input', () => {
  it('rebuilds a broken startxref by scanning, and says so', async () => {
    const good = Buffer.from(await makeSamplePdf({ pages: 2 }));
    const text = good.toString('latin1').replace(/startxref\s+\d+/, 'startxref\n12');
    const reader = PdfReader.open(Buffer.from(text, 'latin1'));
    expect(reader.repair?.reason).toMatch(/xref/);
    expect(reader.pages()).toHaveLength(2);
    expect(() => PdfReader.open(Buffer.from(text, 'latin1'), { allowRepair: false })).toThrow(
      expect.objectContaining({ code: 'PDF_XREF_DAMAGED' }),
    );
  });

  it('flags an xref entry that points at the wrong bytes (shadow-attack sample)', () => {
    const file = fixture(
      'pdf-attacks/shadow/hide_variant-2_hide-via-referenced-object_hide-form-via-form/4_original-document-shadowed-signed-manipulated.pdf',
    );
    const reader = PdfReader.open(file);
    expect(reader.repair).toBeUndefined();
    expect(signatureFields(reader).length).toBeGreaterThan(0);
    expect(reader.repair?.reason).toMatch(/22698/);
  });

  it('refuses something that is not a PDF', () => {
    const attempt = (): PdfReader => PdfReader.open(Buffer.from('hello world'));
    expect(attempt).toThrow(SigningError);
    expect(attempt).toThrow(/PDF/);
  });
});
