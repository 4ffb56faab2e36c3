import { readFileSync } from 'node:fs';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { PdfDict, PdfName, PdfReader, PdfRef } from '../../src/index.js';
import { classifyRevision, type RevisionChange } from '../../src/verify/modifications/revision-changes.js';
import { fixture } from '../helpers/fixtures.js';
import { fieldRef, update as updateIn, type Edit } from '../helpers/modification-files.js';
import { useTempDir } from '../helpers/temp-dir.js';

/**
 * classifyRevision on its own (issue 15, mutation testing of revision-changes.ts outside `judgeKey`): an unsigned
 * form made by pdf-lib, then updates written by the package's incremental writer or by hand (cross-reference
 * sections in any order, generations, free entries, offsets that miss their object), and the exact list of changes
 * the last update makes: level, object, field name, words, the new widget.
 */
const tempDir = useTempDir('modification-revision-edges-');
let base: Buffer;

beforeAll(async () => {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  page.drawText('Noi dung', { x: 100, y: 500, size: 14, font });
  doc.setTitle('Công văn');
  doc.getForm().createTextField('ho_ten').addToPage(page, { x: 72, y: 700, width: 200, height: 20 });
  base = Buffer.from(await doc.save({ useObjectStreams: false }));
});

const update = (bytes: Uint8Array, edit: Edit): Buffer => updateIn(tempDir(), bytes, edit, false);

/** The changes the last revision of `bytes` makes. */
function changesOf(bytes: Uint8Array): RevisionChange[] {
  const reader = PdfReader.open(bytes);
  try {
    return classifyRevision(reader, reader.revisions.length - 1);
  } finally {
    reader.close();
  }
}

interface RawObject {
  readonly num: number;
  /** The bytes written for it (header and all); none for a free entry. */
  readonly text?: string;
  /** Its xref line (without the end of line); by default `offset 00000 n`, the offset of `text`. */
  readonly xref?: (offset: number) => string;
}

/** An update written by hand: the objects in the order given, one xref subsection each, in that order too. */
function appendRaw(bytes: Uint8Array, objects: readonly RawObject[]): Buffer {
  const reader = PdfReader.open(bytes);
  const root = reader.trailer.get('Root') as PdfRef;
  const info = reader.trailer.get('Info');
  const prev = reader.revisions.at(-1)!.xrefOffset;
  const size = Math.max(reader.size, ...objects.map((o) => o.num + 1));
  reader.close();
  let body = '\n';
  let xref = 'xref\n';
  for (const object of objects) {
    const offset = bytes.length + Buffer.byteLength(body, 'latin1');
    body += object.text ?? '';
    xref += `${object.num} 1\n${object.xref ? object.xref(offset) : `${String(offset).padStart(10, '0')} 00000 n`} \n`;
  }
  const at = bytes.length + Buffer.byteLength(body, 'latin1');
  const infoEntry = info instanceof PdfRef ? ` /Info ${info.num} ${info.gen} R` : '';
  const trailer = `trailer\n<< /Size ${size} /Root ${root.num} ${root.gen} R${infoEntry} /Prev ${prev} >>\nstartxref\n${at}\n%%EOF\n`;
  return Buffer.concat([Buffer.from(bytes), Buffer.from(body + xref + trailer, 'latin1')]);
}

function numbers(bytes: Uint8Array) {
  const reader = PdfReader.open(bytes);
  try {
    const page = reader.pages()[0]!;
    const listed = page.dict.get('Contents');
    const contents = (listed instanceof PdfRef ? listed : (reader.resolve(listed) as PdfRef[])[0])!;
    const resources = reader.resolveDict(page.dict.get('Resources'))!;
    const font = [...reader.resolveDict(resources.get('Font'))!.entries.values()][0] as PdfRef;
    const field = fieldRef(reader, 'ho_ten');
    const widget = (reader.resolve(reader.resolveDict(field)!.get('Kids')) as PdfRef[])[0]!;
    return { catalog: reader.catalogRef.num, page: page.ref.num, contents: contents.num, font: font.num, field: field.num, widget: widget.num, info: (reader.trailer.get('Info') as PdfRef).num, size: reader.size };
  } finally {
    reader.close();
  }
}

const content = (num: number, revision: number): RevisionChange => ({
  revisionIndex: revision,
  level: 'other',
  objectNumber: num,
  fieldName: null,
  description: `Đối tượng ${num} (nội dung trang, tài nguyên, phông chữ…) bị thay đổi sau khi ký / object ${num} (page content, resources, fonts, …) was changed after signing`,
});
const xrefMiss = (num: number, offset: number, revision: number): RevisionChange => ({
  revisionIndex: revision,
  level: 'other',
  objectNumber: num,
  fieldName: null,
  description: `Bảng xref của bản cập nhật trỏ đối tượng ${num} tới byte ${offset}, nơi không có đối tượng đó / the update's xref points object ${num} at byte ${offset}, where that object is not`,
});

describe('which objects an update defines, and in what order they are judged', () => {
  it('the xref lists the higher number first: the changes still come in object-number order', () => {
    const n = numbers(base);
    const [low, high] = [n.font, n.contents].sort((a, b) => a - b) as [number, number];
    const updated = appendRaw(base, [
      { num: high, text: `${high} 0 obj\n<< /Changed true >>\nendobj\n` },
      { num: low, text: `${low} 0 obj\n<< /Changed true >>\nendobj\n` },
    ]);
    expect(changesOf(updated)).toEqual([content(low, 1), content(high, 1)]);
  });

  it('an object rewritten unchanged is no change', () => {
    const n = numbers(base);
    expect(changesOf(update(base, (reader, writer) => writer.set(new PdfRef(n.font, 0), reader.getObject(new PdfRef(n.font, 0)))))).toEqual([]);
  });

  it('a page tree deeper than the reader follows: the /Pages change refused, and the page count read as -1', () => {
    const n = numbers(base);
    const updated = update(base, (reader, writer) => {
      let node = writer.add(PdfDict.of({ Type: new PdfName('Pages'), Kids: [reader.pages()[0]!.ref], Count: 1 }));
      for (let i = 0; i < 257; i++) node = writer.add(PdfDict.of({ Type: new PdfName('Pages'), Kids: [node], Count: 1 }));
      writer.set(reader.catalogRef, reader.catalog.clone().set('Pages', node));
    });
    expect(changesOf(updated)).toEqual([
      {
        revisionIndex: 1,
        level: 'other',
        objectNumber: n.catalog,
        fieldName: null,
        description: `Khoá /Pages của đối tượng ${n.catalog} (catalog) bị thay đổi sau khi ký / /Pages of object ${n.catalog} (catalog) was changed after signing`,
      },
      {
        revisionIndex: 1,
        level: 'other',
        objectNumber: null,
        fieldName: null,
        description: 'Số trang thay đổi từ 1 thành -1 / the page count changed from 1 to -1',
        pageCountChanged: true,
      },
    ]);
  });
});

describe('objects new, freed, reused, of another generation', () => {
  it('an object unreadable before the update and readable in it: unreadable', () => {
    const n = numbers(base);
    const broken = appendRaw(base, [{ num: n.size, text: `${n.size} 0 obj\n<< /A (x\nendobj\n` }]);
    const fixed = appendRaw(broken, [{ num: n.size, text: `${n.size} 0 obj\n<< /A 1 >>\nendobj\n` }]);
    expect(changesOf(fixed)).toEqual([
      { revisionIndex: 2, level: 'other', objectNumber: n.size, fieldName: null, description: `Không đọc được đối tượng ${n.size} / object ${n.size} is unreadable` },
    ]);
  });

  it('a number referenced before but never defined, now given a free entry: no change', () => {
    const n = numbers(base);
    const dangling = update(base, (reader, writer) => writer.set(reader.catalogRef, reader.catalog.clone().set('Threads', new PdfRef(n.size + 5, 0))));
    const freed = appendRaw(dangling, [{ num: n.size + 5, xref: () => '0000000000 00001 f' }]);
    expect(changesOf(freed)).toEqual([]);
  });

  it('a number freed by the previous update and used again for a new, unreferenced object: no change', () => {
    const n = numbers(base);
    const added = appendRaw(base, [{ num: n.size, text: `${n.size} 0 obj\n<< /A 1 >>\nendobj\n` }]);
    const freed = appendRaw(added, [{ num: n.size, xref: () => '0000000000 00001 f' }]);
    const reused = appendRaw(freed, [{ num: n.size, text: `${n.size} 0 obj\n<< /B 2 >>\nendobj\n` }]);
    expect(changesOf(reused)).toEqual([]);
  });

  it('an object of generation 1 changed: a content change, read at its own generation', () => {
    const n = numbers(base);
    const gen1 = (value: string): RawObject => ({
      num: n.size,
      text: `${n.size} 1 obj\n${value}\nendobj\n`,
      xref: (offset) => `${String(offset).padStart(10, '0')} 00001 n`,
    });
    const changed = appendRaw(appendRaw(base, [gen1('<< /A 1 >>')]), [gen1('<< /A 2 >>')]);
    expect(changesOf(changed)).toEqual([content(n.size, 2)]);
  });
});

describe("the update's xref offsets", () => {
  it('an entry of generation 0 at an object written as generation 1: the xref misses', () => {
    const n = numbers(base);
    let offset = -1;
    const updated = appendRaw(base, [
      { num: n.font, text: `${n.font} 1 obj\n<< /Changed true >>\nendobj\n`, xref: (at) => `${String((offset = at)).padStart(10, '0')} 00000 n` },
    ]);
    expect(changesOf(updated)).toContainEqual(xrefMiss(n.font, offset, 1));
  });

  it('an entry at the end of the previous object (its "endobj"): the xref misses', () => {
    const n = numbers(base);
    let offset = -1;
    const updated = appendRaw(base, [
      { num: n.size, text: `${n.size} 0 obj\n<< /A 1 >>\nendobj\n` },
      {
        num: n.font,
        text: `${n.font} 0 obj\n<< /Changed true >>\n`,
        xref: (at) => `${String((offset = at)).padStart(10, '0')} 00000 n`,
      },
    ]);
    // Point the font's entry 7 bytes early, at "endobj\n" of the object before it.
    const shifted = Buffer.from(updated.toString('latin1').replace(`${String(offset).padStart(10, '0')} 00000 n`, `${String(offset - 7).padStart(10, '0')} 00000 n`), 'latin1');
    expect(changesOf(shifted)).toContainEqual(xrefMiss(n.font, offset - 7, 1));
  });

  it('an entry at white space before "N  0  obj" (two spaces between): the object is there, only its change counts', () => {
    const n = numbers(base);
    const updated = appendRaw(base, [
      { num: n.font, text: `\n${n.font}  0  obj\n<< /Changed true >>\nendobj\n` },
    ]);
    expect(changesOf(updated)).toEqual([content(n.font, 1)]);
  });

  it("the signed revision's xref stream number used again: the old xref stream is no content", () => {
    const signed = readFileSync(fixture('pdf-signed/dss/TeleSec_PKS_eIDAS_QES_CA_1-baseline-b.pdf'));
    const reader = PdfReader.open(signed);
    const head = signed.toString('latin1', reader.revisions[0]!.xrefOffset, reader.revisions[0]!.xrefOffset + 20);
    reader.close();
    const xrefNum = Number(/^(\d+) \d+ obj/.exec(head)![1]);
    const updated = update(signed, (r, writer) => writer.set(new PdfRef(xrefNum, 0), PdfDict.of({ Type: new PdfName('Test') })));
    expect(changesOf(updated)).toEqual([]);
  });
});
