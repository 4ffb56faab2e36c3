import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PdfReader } from '../../src/pdf/pdf-reader.js';
import { detectShadowSuspects, textRunsInside } from '../../src/verify/modifications/shadow-suspects.js';
import { classicPdf } from '../helpers/hostile-pdfs.js';
import { appendRevision } from '../helpers/verify-tamper.js';

/**
 * The shadow-attack pre-checks on hand-written one-page files (issue 15, mutation testing of shadow-suspects.ts):
 * unused page and content objects, an image painted over text, a form field on top of page text and form fields
 * stacked on each other, each at the edge of its rule, with the warnings word for word. The page is 100 × 100; its
 * text runs are placed by Td, its image by cm (the image fills the unit square: ISO 32000-2 §8.9.5).
 */
const stream = (dict: string, data: string) => `<< ${dict} /Length ${Buffer.byteLength(data, 'latin1')} >>\nstream\n${data}\nendstream`;
const PREFIX_VI = 'Nghi có nội dung ẩn trước khi ký (shadow attack): ';
const PREFIX_EN = 'possible hidden content signed (shadow attack): ';
const english = (message: string): string => message.slice(message.indexOf(PREFIX_EN) + PREFIX_EN.length);

/**
 * 1 catalog, 2 pages, 3 the page (its /Contents `contents`, /Annots `annots`), 4 its content stream, 5 an image
 * XObject /Im1, 6 a form XObject /Fm1, 7 an appearance stream, then `extra` as objects 8, 9, …
 */
function onePage(content: string, options: { annots?: string; contents?: string; extra?: readonly string[]; fields?: string } = {}): Buffer {
  return classicPdf([
    `<< /Type /Catalog /Pages 2 0 R${options.fields ? ` /AcroForm << /Fields [${options.fields}] >>` : ''} >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Contents ${options.contents ?? '4 0 R'} /Resources << /XObject << /Im1 5 0 R /Fm1 6 0 R /Ap 7 0 R >> >>${
      options.annots ? ` /Annots [${options.annots}]` : ''
    } >>`,
    stream('', content),
    stream('/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8', '\0'),
    stream('/Type /XObject /Subtype /Form /BBox [0 0 1 1]', ''),
    stream('/Type /XObject /Subtype /Form /BBox [0 0 10 10]', ''),
    ...(options.extra ?? []),
  ]);
}
const suspects = (file: Uint8Array, revisions: readonly (number | null)[] = [0]) => detectShadowSuspects(PdfReader.open(file), revisions);
const warnings = (file: Uint8Array): string[] => (suspects(file).get(0) ?? []).map((p) => english(p.message));
const TEXT = 'BT 10 10 Td (a) Tj ET';

describe('an image painted over text', () => {
  it('after the text, covering at least 30% of the page: one warning, word for word, in both languages', () => {
    const found = suspects(onePage(`${TEXT} BT 20 20 Td (b) Tj ET q 30 0 0 100 0 0 cm /Im1 Do Q`)).get(0);
    expect(found).toEqual([
      {
        code: 'SHADOW_SUSPECT',
        severity: 'warning',
        message: `${PREFIX_VI}Trang 1: ảnh /Im1 được vẽ đè lên 2 dòng chữ / ${PREFIX_EN}page 1: image /Im1 is painted over 2 text run(s)`,
      },
    ]);
  });

  it('less than 30% of the page, painted before the text, or beside it: nothing', () => {
    expect(warnings(onePage(`${TEXT} q 29.9 0 0 100 0 0 cm /Im1 Do Q`))).toEqual([]);
    expect(warnings(onePage(`q 100 0 0 100 0 0 cm /Im1 Do Q ${TEXT}`))).toEqual([]);
    expect(warnings(onePage(`${TEXT} q 100 0 0 50 0 50 cm /Im1 Do Q`))).toEqual([]);
  });

  it('an image over an earlier image, with no text: nothing; on a page of no area, text over text is no image', () => {
    expect(warnings(onePage('q 10 0 0 10 0 0 cm /Im1 Do Q q 100 0 0 100 0 0 cm /Im1 Do Q'))).toEqual([]);
    const flat = classicPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 0 0] /Contents 4 0 R >>',
      stream('', `${TEXT} ${TEXT}`),
    ]);
    expect(warnings(flat)).toEqual([]);
  });

  it('a form XObject is no image; only the text under the image counts', () => {
    expect(warnings(onePage(`${TEXT} q 100 0 0 100 0 0 cm /Fm1 Do Q`))).toEqual([]);
    expect(warnings(onePage(`${TEXT} BT 10 80 Td (b) Tj ET q 100 0 0 50 0 50 cm /Im1 Do Q`))).toEqual([
      'page 1: image /Im1 is painted over 1 text run(s)',
    ]);
  });
});

describe('the page content', () => {
  it('an array of content streams is read as one, a line break between them', () => {
    // Without the break, "Tj" and "ET" would run together into one unknown operator.
    const file = classicPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Contents [4 0 R 5 0 R 6 0 R] /Resources << /XObject << /Im1 7 0 R >> >> >>',
      stream('', 'BT 10 10 Td (a) Tj'),
      stream('', 'ET'),
      stream('', 'q 100 0 0 100 0 0 cm /Im1 Do Q'),
      stream('/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8', '\0'),
    ]);
    expect(warnings(file)).toEqual(['page 1: image /Im1 is painted over 1 text run(s)']);
    expect(textRunsInside(PdfReader.open(file), 0, [0, 0, 100, 100])).toBe(1);
  });

  it('a Do of a name the resources lack, or on a page without resources, paints nothing and stops nothing', () => {
    expect(warnings(onePage(`${TEXT} /Nope Do q 100 0 0 100 0 0 cm /Im1 Do Q`))).toEqual(['page 1: image /Im1 is painted over 1 text run(s)']);
    const bare = classicPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Contents 4 0 R >>',
      stream('', `${TEXT} /Im1 Do`),
    ]);
    expect(textRunsInside(PdfReader.open(bare), 0, [0, 0, 100, 100])).toBe(1);
  });

  it('a stream that cannot be decoded is skipped, the others still count; contents that are no stream paint nothing', () => {
    const file = classicPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Contents [4 0 R 5 0 R] >>',
      stream('/Filter /FlateDecode', 'not deflate data'),
      stream('', TEXT),
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Contents 7 0 R >>',
      '(BT 10 10 Td (a) Tj ET)',
    ]);
    const reader = PdfReader.open(file);
    expect(textRunsInside(reader, 0, [0, 0, 100, 100])).toBe(1);
    expect(textRunsInside(reader, 1, [0, 0, 100, 100])).toBe(0);
  });

  it('content beyond 4 MiB in all is not read', () => {
    const big = `${' '.repeat(4 * 1024 * 1024 - 2 * TEXT.length)}${TEXT}`;
    const edge = (second: string) =>
      classicPdf([
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Contents [4 0 R 5 0 R] >>',
        stream('', TEXT),
        stream('', second),
      ]);
    const count = (file: Buffer) => textRunsInside(PdfReader.open(file), 0, [0, 0, 100, 100]);
    // TEXT + 4 MiB - TEXT.length bytes: exactly 4 MiB, read; one byte more, not.
    expect(count(edge(big))).toBe(2);
    expect(count(edge(` ${big}`))).toBe(1);
  });
});

describe('textRunsInside', () => {
  it('counts the text runs shown inside the box, edges included, and no image; no such page: 0', () => {
    const reader = PdfReader.open(onePage(`${TEXT} BT 50 50 Td (b) Tj (c) Tj ET q 100 0 0 100 0 0 cm /Im1 Do Q`));
    expect(textRunsInside(reader, 0, [0, 0, 100, 100])).toBe(3);
    expect(textRunsInside(reader, 0, [10, 10, 50, 50])).toBe(3);
    expect(textRunsInside(reader, 0, [50, 50, 11, 11])).toBe(2);
    expect(textRunsInside(reader, 0, [0, 0, 9, 9])).toBe(0);
    expect(textRunsInside(reader, 1, [0, 0, 100, 100])).toBe(0);
  });
});

describe('form fields on top of page text, and stacked on each other', () => {
  const widget = (rest: string) => `<< /Type /Annot /Subtype /Widget /AP << /N 7 0 R >> ${rest} >>`;

  it('a visible widget with an appearance over text: one warning, word for word', () => {
    const found = suspects(onePage(TEXT, { annots: '8 0 R', fields: '8 0 R', extra: [widget('/FT /Tx /T (ho_ten) /Rect [0 0 20 20]')] })).get(0);
    expect(found?.map((p) => p.message)).toEqual([
      `${PREFIX_VI}Trang 1: ô biểu mẫu "ho_ten" nằm đè lên chữ của trang / ${PREFIX_EN}page 1: form field "ho_ten" lies on top of page text`,
    ]);
  });

  it('the full name through /Parent, /T followed by reference; no name at all is "?"', () => {
    const file = onePage(TEXT, {
      annots: '8 0 R 11 0 R',
      fields: '9 0 R 11 0 R',
      extra: [
        widget('/Parent 10 0 R /T (con) /Rect [0 0 20 20]'),
        '<< /FT /Tx /T 12 0 R /Kids [10 0 R] /Parent 13 0 R >>',
        '<< /Parent 9 0 R /T (giua) /Kids [8 0 R] >>',
        widget('/FT /Tx /Rect [0 0 20 20]'),
        '(cha)',
        '<< /T (ong) /Kids [9 0 R] >>',
      ],
    });
    expect(warnings(file)).toEqual([
      'page 1: form field "cha.giua.con" lies on top of page text',
      'page 1: form field "?" lies on top of page text',
      'page 1: form fields "cha.giua.con" and "?" overlap',
    ]);
  });

  it('a /T that is no string gives no name', () => {
    expect(warnings(onePage(TEXT, { annots: '8 0 R', extra: [widget('/T 5 /Rect [0 0 20 20]')] }))).toEqual([
      'page 1: form field "?" lies on top of page text',
    ]);
  });

  it('a name is looked for at most 32 levels up', () => {
    // The widget (level 0) and 31 parents above it are read: the /T of the 32nd parent is not.
    const chain: string[] = [widget('/Parent 9 0 R /T (w) /Rect [0 0 20 20]')];
    for (let i = 9; i < 9 + 32; i++) chain.push(`<< /T (p${i - 8}) /Parent ${i + 1} 0 R >>`);
    chain.push('<< /T (top) /FT /Tx >>');
    const names = warnings(onePage(TEXT, { annots: '8 0 R', extra: chain }));
    expect(names).toHaveLength(1);
    expect(names[0]).toContain('"p31.p30.');
    expect(names[0]).not.toContain('p32');
  });

  it('hidden or no-view widgets, widgets without an appearance, other annotations and signature fields: nothing', () => {
    expect(warnings(onePage(TEXT, { annots: '8 0 R', extra: [widget('/T (x) /Rect [50 50 70 70]')] }))).toEqual([]);
    for (const rest of ['/F 2', '/F 32', '/F 34', '/FT /Sig', '/Parent 9 0 R']) {
      const file = onePage(TEXT, {
        annots: '8 0 R',
        extra: [widget(`/T (x) /Rect [0 0 20 20] ${rest}`), '<< /FT /Sig /T (ky) >>'],
      });
      expect({ rest, found: warnings(file) }).toEqual({ rest, found: [] });
    }
    expect(warnings(onePage(TEXT, { annots: '8 0 R', extra: ['<< /Type /Annot /Subtype /Widget /FT /Tx /T (x) /Rect [0 0 20 20] >>'] }))).toEqual([]);
    expect(warnings(onePage(TEXT, { annots: '8 0 R', extra: ['<< /Type /Annot /Subtype /Square /AP << /N 7 0 R >> /Rect [0 0 20 20] >>'] }))).toEqual([]);
  });

  it('print and other flags, an /F that is no number, and a parent of another type still count', () => {
    for (const rest of ['/F 4', '/F 1', '/F 64', '/F (2)', '/F [34]', '/FT /Tx /Parent 9 0 R']) {
      const file = onePage(TEXT, { annots: '8 0 R', extra: [widget(`/T (x) /Rect [0 0 20 20] ${rest}`), '<< /FT /Sig >>'] });
      expect({ rest, found: warnings(file) }).toEqual({ rest, found: ['page 1: form field "x" lies on top of page text'] });
    }
  });

  it('the signature type is found up to 32 levels up', () => {
    const chain = (levels: number): string[] => {
      const objects: string[] = [widget(`/T (x) /Rect [0 0 20 20]${levels > 0 ? ' /Parent 9 0 R' : ' /FT /Sig'}`)];
      for (let i = 1; i <= levels; i++) objects.push(i < levels ? `<< /Parent ${9 + i} 0 R >>` : '<< /FT /Sig >>');
      return objects;
    };
    // The widget is level 0: a /FT /Sig on level 31 is found, one on level 32 is not.
    expect(warnings(onePage(TEXT, { annots: '8 0 R', extra: chain(31) }))).toEqual([]);
    expect(warnings(onePage(TEXT, { annots: '8 0 R', extra: chain(32) }))).toHaveLength(1);
  });

  it('a /Rect that is no array of four numbers, or encloses nothing, is skipped; a reversed one is normalised', () => {
    for (const rect of ['(0 0 20 20)', '[0 0 20]', '[0 0 20 20 30]', '[0 0 20 /A]', '[0 0 0 20]', '[0 0 20 0]']) {
      const file = onePage(TEXT, { annots: '8 0 R', extra: [widget(`/T (x) /Rect ${rect}`)] });
      expect({ rect, found: warnings(file) }).toEqual({ rect, found: [] });
    }
    // true counts as 1 and a zero-width box holds the points on its edge: both would cover the text if not skipped.
    const onEdge = 'BT 0 1 Td (a) Tj ET';
    for (const rect of ['[0 0 true true]', '[0 0 0 20]', '[0 1 20 1]']) {
      const file = onePage(onEdge, { annots: '8 0 R', extra: [widget(`/T (x) /Rect ${rect}`)] });
      expect({ rect, found: warnings(file) }).toEqual({ rect, found: [] });
    }
    expect(warnings(onePage(onEdge, { annots: '8 0 R', extra: [widget('/T (x) /Rect [0 0 1 1]')] }))).toHaveLength(1);
    expect(warnings(onePage(TEXT, { annots: '8 0 R', extra: [widget('/T (x) /Rect [20 20 0 0]')] }))).toHaveLength(1);
    expect(warnings(onePage(TEXT, { annots: '8 0 R', extra: [widget('/T (x) /Rect 9 0 R'), '[0 0 20 20]'] }))).toHaveLength(1);
  });

  it('an /Annots that is no array, or an item that is no dictionary, gives no widget', () => {
    expect(warnings(onePage(TEXT, { extra: [] }))).toEqual([]);
    const noArray = classicPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Contents 4 0 R /Annots 5 0 R >>',
      stream('', TEXT),
      `<< /Type /Annot /Subtype /Widget /AP << /N 6 0 R >> /T (x) /Rect [0 0 20 20] >>`,
      stream('/Type /XObject /Subtype /Form /BBox [0 0 10 10]', ''),
    ]);
    expect(warnings(noArray)).toEqual([]);
    expect(warnings(onePage(TEXT, { annots: '1 (x) 8 0 R', extra: [widget('/T (x) /Rect [0 0 20 20]')] }))).toHaveLength(1);
  });

  it('two widgets overlapping by at least a quarter of the smaller one: one warning each pair, word for word', () => {
    const found = suspects(
      onePage('', { annots: '8 0 R 9 0 R', extra: [widget('/T (a) /Rect [0 0 20 20]'), widget('/T (b) /Rect [10 10 50 30]')] }),
    ).get(0);
    // Overlap 10 × 10 = 100, a quarter of a's 400.
    expect(found?.map((p) => p.message)).toEqual([
      `${PREFIX_VI}Trang 1: ô biểu mẫu "a" và "b" chồng lên nhau / ${PREFIX_EN}page 1: form fields "a" and "b" overlap`,
    ]);
    const three = onePage('', {
      annots: '8 0 R 9 0 R 10 0 R',
      extra: [widget('/T (a) /Rect [0 0 20 20]'), widget('/T (b) /Rect [60 60 80 80]'), widget('/T (c) /Rect [65 65 85 85]')],
    });
    expect(warnings(three)).toEqual(['page 1: form fields "b" and "c" overlap']);
  });

  it('less than a quarter, or only touching: nothing', () => {
    const pair = (a: string, b: string) => warnings(onePage('', { annots: '8 0 R 9 0 R', extra: [widget(`/T (a) /Rect ${a}`), widget(`/T (b) /Rect ${b}`)] }));
    expect(pair('[0 0 20 20]', '[10.1 10 50 30]')).toEqual([]);
    expect(pair('[0 0 20 20]', '[20 0 40 20]')).toEqual([]);
  });
});

describe('unused page and content objects', () => {
  const unused = (...extra: string[]) => warnings(onePage('', { extra }));

  it('an unused page, XObjects of each kind and bare content that shows text or paints an XObject: named, word for word', () => {
    const found = suspects(
      onePage('', {
        extra: [
          '<< /Type /Page /MediaBox [0 0 100 100] >>',
          stream('/Type /XObject', ''),
          stream('/Subtype /Form /BBox [0 0 1 1]', ''),
          stream('/Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8', '\0'),
          stream('', 'BT /F1 1 Tf (x) Tj ET'),
          stream('', '[(x)] TJ BT ET'),
          stream('', 'q /Im1 Do Q'),
          stream('/Filter /FlateDecode', 'zz'),
        ],
      }),
    ).get(0);
    const list = '8 (Page), 9 (XObject), 10 (XObject Form), 11 (XObject Image), 12 (content), 14 (content)';
    expect(found?.map((p) => p.message)).toEqual([
      `${PREFIX_VI}có đối tượng trang/nội dung không được dùng tới: ${list} / ${PREFIX_EN}unused page/content objects that a later update could swap in: ${list}`,
    ]);
  });

  it('streams that paint nothing, typed streams and plain dictionaries are not named', () => {
    expect(unused(stream('', 'BT ET'), stream('', '(x) Tj'), stream('', 'Do'), stream('', 'BTx (x) Tj'), stream('', 'BT (x) Tjx'))).toEqual([]);
    expect(unused(stream('/Type /Metadata /Subtype /XML', 'BT (x) Tj'), stream('/Subtype /Type1C', 'q /A Do'), '<< /Kind (x) >>', '[1 2]')).toEqual([]);
    expect(unused(stream('/Type /EmbeddedFile', 'BT (x) Tj'))).toEqual([]);
    expect(unused('[1 2]', '42', '<< /Type /Page >>')).toEqual(['unused page/content objects that a later update could swap in: 10 (Page)']);
  });

  it('the regular expression for text and XObjects, at its edges', () => {
    // Compressed content is decoded; blanks of any kind and number part the words; the name before Do may hold any
    // character but blanks and slashes.
    const deflated = deflateSync('BT (x) TJ');
    const flate = `<< /Filter /FlateDecode /Length ${deflated.length} >>\nstream\n${deflated.toString('latin1')}\nendstream`;
    for (const content of [flate, stream('', 'BT\n(x)\tTJ'), stream('', 'q BT ET 1 0 0 1 0 0 cm BT (x) Tj'), stream('', '/a#20b.c\n Do'), stream('', '/a/b Do'), stream('', '/a  Do Q')]) {
      expect({ content, found: unused(content) }).toEqual({ content, found: ['unused page/content objects that a later update could swap in: 8 (content)'] });
    }
    for (const content of ['(x) Tj BT', 'BT (x) Tz', 'xBT (x) Tj', 'BT (x) xTj', '/ Do', '/a/ Do', '/a Dox', '/aDo', 'a Do']) {
      expect({ content, found: unused(stream('', content)) }).toEqual({ content, found: [] });
    }
  });

  it('only the first 64 KiB of a stream are looked at', () => {
    const head = 64 * 1024;
    expect(unused(stream('', `${' '.repeat(head - 9)}BT (x) Tj`))).toHaveLength(1);
    expect(unused(stream('', `${' '.repeat(head - 8)}BT (x) Tj`))).toEqual([]);
  });

  it('at most eight are named, in both languages', () => {
    const pages = Array.from({ length: 10 }, () => '<< /Type /Page >>');
    const list = [8, 9, 10, 11, 12, 13, 14, 15].map((n) => `${n} (Page)`).join(', ');
    expect(suspects(onePage('', { extra: pages })).get(0)?.map((p) => p.message)).toEqual([
      `${PREFIX_VI}có đối tượng trang/nội dung không được dùng tới: ${list} / ${PREFIX_EN}unused page/content objects that a later update could swap in: ${list}`,
    ]);
  });

  it('object 0, which a cross-reference table keeps free, is never named, even when a malformed one lists it in use', () => {
    const head = '%PDF-1.7\n';
    const page0 = '0 0 obj\n<< /Type /Page >>\nendobj\n';
    const shifted = (o: string) => String(Number(o) + page0.length).padStart(10, '0');
    const text = classicPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>', '<< /Type /Page >>'])
      .toString('latin1')
      .replace(/(\d{10}) 00000 n /g, (_m, o: string) => `${shifted(o)} 00000 n `)
      .replace('0000000000 65535 f ', `${String(head.length).padStart(10, '0')} 00000 n `)
      .replace(/startxref\n(\d+)/, (_m, o: string) => `startxref\n${Number(o) + page0.length}`)
      .replace(head, head + page0);
    expect(warnings(Buffer.from(text, 'latin1'))).toEqual(['unused page/content objects that a later update could swap in: 3 (Page)']);
  });

  it('an object that cannot be read is skipped', () => {
    expect(unused('<< /Length 8 0 R >>\nstream\nxx\nendstream', '<< /Type /Page >>')).toEqual([
      'unused page/content objects that a later update could swap in: 9 (Page)',
    ]);
  });

  it('objects of the revision only: one added later is not named in the signed revision, one of an earlier one is', () => {
    const first = onePage('', { extra: ['<< /Type /Page >>'] });
    const later = appendRevision(first, new Map([[9, '<< /Type /Page >>']]));
    const found = suspects(later, [0, 1]);
    expect(found.get(0)?.map((p) => english(p.message))).toEqual(['unused page/content objects that a later update could swap in: 8 (Page)']);
    expect(found.get(1)?.map((p) => english(p.message))).toEqual(['unused page/content objects that a later update could swap in: 8 (Page), 9 (Page)']);
  });
});

describe('detectShadowSuspects over the signatures', () => {
  it('by signature index: no revision, a revision with nothing found and one that cannot be read have no entry; each revision once', () => {
    // Revision 0 has an unused page, revision 1 a second one: a signature with no revision gets neither.
    const first = onePage(TEXT, { extra: ['<< /Type /Page >>'] });
    const file = appendRevision(first, new Map([[9, '<< /Type /Page >>']]));
    const found = suspects(file, [null, 1, 0, 1, 7]);
    expect([...found.keys()]).toEqual([1, 2, 3]);
    expect(found.get(1)).toEqual(found.get(3));
    expect(found.get(1)?.map((p) => english(p.message))).toEqual(['unused page/content objects that a later update could swap in: 8 (Page), 9 (Page)']);
    expect(found.get(2)?.map((p) => english(p.message))).toEqual(['unused page/content objects that a later update could swap in: 8 (Page)']);
    const nothing = appendRevision(onePage(TEXT), new Map([[8, '<< /Kind (x) >>']]));
    expect([...suspects(nothing, [0, 1]).keys()]).toEqual([]);
  });
});
