import { readFileSync } from 'node:fs';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { PdfDict, PdfName, PdfReader, PdfRef, PdfStream, PdfString, type PdfObject } from '../../src/index.js';
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
let plain: Buffer;

beforeAll(async () => {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  page.drawText('Noi dung', { x: 100, y: 500, size: 14, font });
  doc.setTitle('Công văn');
  doc.getForm().createTextField('ho_ten').addToPage(page, { x: 72, y: 700, width: 200, height: 20 });
  base = Buffer.from(await doc.save({ useObjectStreams: false }));
  const noForm = await PDFDocument.create();
  noForm.addPage([595, 842]);
  plain = Buffer.from(await noForm.save({ useObjectStreams: false }));
});

type Writer = Parameters<Edit>[1];

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

  it('an object of generation 10 changed: a content change, read at its own generation', () => {
    const n = numbers(base);
    const gen1 = (value: string): RawObject => ({
      num: n.size,
      text: `${n.size} 10 obj\n${value}\nendobj\n`,
      xref: (offset) => `${String(offset).padStart(10, '0')} 00010 n`,
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

  it("an older revision's entry that misses its object is no concern of a later update; an entry for object 0 is skipped", () => {
    const n = numbers(base);
    const missed = appendRaw(base, [
      { num: n.size, text: `${n.size} 0 obj\n<< /A 1 >>\nendobj\n`, xref: (at) => `${String(at + 3).padStart(10, '0')} 00000 n` },
    ]);
    const later = appendRaw(missed, [{ num: n.font, text: `${n.font} 0 obj\n<< /Changed true >>\nendobj\n` }]);
    expect(changesOf(later)).toEqual([content(n.font, 2)]);
    const zero = appendRaw(base, [
      { num: 0, xref: () => '0000000009 00000 n' },
      { num: n.font, text: `${n.font} 0 obj\n<< /Changed true >>\nendobj\n` },
    ]);
    expect(changesOf(zero)).toEqual([content(n.font, 1)]);
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

const name = (n: string) => new PdfName(n);
const text = (t: string) => PdfString.fromLatin1(t);
const updated = (num: number, roles: string, key: string, level: RevisionChange['level'], fieldName: string | null = null, revision = 1): RevisionChange => ({
  revisionIndex: revision,
  level,
  objectNumber: num,
  fieldName,
  description: `Khoá /${key} của đối tượng ${num} (${roles}) được cập nhật / /${key} of object ${num} (${roles}) was updated`,
});
const refusedKey = (num: number, roles: string, key: string, fieldName: string | null = null, revision = 1): RevisionChange => ({
  revisionIndex: revision,
  level: 'other',
  objectNumber: num,
  fieldName,
  description: `Khoá /${key} của đối tượng ${num} (${roles}) bị thay đổi sau khi ký / /${key} of object ${num} (${roles}) was changed after signing`,
});
const newAnnotation = (num: number, subtype: string, rect: number[], isSignature: boolean, revision = 1): RevisionChange => ({
  revisionIndex: revision,
  level: 'lta',
  objectNumber: num,
  fieldName: null,
  description: `Thêm chú thích ${subtype} mới ở trang 1 / a new ${subtype} annotation was added on page 1`,
  newWidget: { pageIndex: 0, rect, isSignature, subtype },
});

/** Sets `key` of the dictionary or stream `ref` to `value`. */
const setKey = (ref: PdfRef, key: string, value: (reader: PdfReader, writer: Writer) => PdfObject): Edit => (reader, writer) => {
  const current = reader.getObject(ref);
  const v = value(reader, writer);
  if (current instanceof PdfStream) writer.set(ref, new PdfStream(current.dict.clone().set(key, v), current.raw));
  else writer.set(ref, (current as PdfDict).clone().set(key, v));
};
const acroFormRef = (reader: PdfReader) => reader.catalog.get('AcroForm') as PdfRef;
/** Adds `items` to the AcroForm's /Fields. */
const addFields = (items: (reader: PdfReader, writer: Writer) => PdfObject[]): Edit => (reader, writer) => {
  const form = reader.resolveDict(acroFormRef(reader))!;
  writer.set(acroFormRef(reader), form.clone().set('Fields', [...(reader.resolve(form.get('Fields')) as PdfObject[]), ...items(reader, writer)]));
};
/** Adds `items` to page 1's /Annots. */
const addAnnots = (items: (reader: PdfReader, writer: Writer) => PdfObject[]): Edit => (reader, writer) => {
  const page = reader.pages()[0]!;
  const old = reader.resolve(page.dict.get('Annots'));
  writer.set(page.ref, page.dict.clone().set('Annots', [...(Array.isArray(old) ? old : []), ...items(reader, writer)]));
};
const sigField = (extra: Record<string, PdfObject> = {}) => PdfDict.of({ FT: name('Sig'), T: text('Moi'), ...extra });

describe('roles: the best level of several, the field name, role names', () => {
  it('an /Info that is an indirect array, changed: a content change (only a field list or /Annots is judged by items)', () => {
    const n = numbers(base);
    const asArray = update(base, (reader, writer) => writer.set(new PdfRef(n.info, 0), [1, 2]));
    expect(changesOf(update(asArray, (reader, writer) => writer.set(new PdfRef(n.info, 0), [1, 3])))).toEqual([content(n.info, 2)]);
  });

  it("a page's indirect /Annots that was a dictionary, now an array, and back: content changes", () => {
    const n = numbers(base);
    const annotsRef = new PdfRef(n.size, 0);
    const withDict = update(base, (reader, writer) => {
      writer.set(annotsRef, PdfDict.of({ A: 1 }));
      const page = reader.pages()[0]!;
      writer.set(page.ref, page.dict.clone().set('Annots', annotsRef));
    });
    const square = (writer: Writer) => writer.add(PdfDict.of({ Type: name('Annot'), Subtype: name('Square'), Rect: [1, 1, 9, 9] }));
    const toArray = update(withDict, (reader, writer) => writer.set(annotsRef, [square(writer)]));
    expect(changesOf(toArray)).toEqual([content(n.size, 2)]);
    expect(changesOf(update(toArray, (reader, writer) => writer.set(annotsRef, PdfDict.of({ A: 1 }))))).toEqual([content(n.size, 3)]);
  });

  it('an indirect page /Annots array with an item taken out: refused as its items', () => {
    const n = numbers(base);
    const annots = new PdfRef(n.size, 0);
    const indirect = update(base, (reader, writer) => {
      writer.set(annots, reader.resolve(reader.pages()[0]!.dict.get('Annots')));
      writer.set(new PdfRef(n.page, 0), reader.pages()[0]!.dict.clone().set('Annots', annots));
    });
    expect(changesOf(update(indirect, (reader, writer) => writer.set(annots, [])))).toEqual([refusedKey(n.size, 'annots', '(items)', null, 2)]);
  });

  it("an object that is both /Info and a field: judged as the field only, with the field's name (its FieldMDP lock applies)", () => {
    const n = numbers(base);
    const infoIsField = update(base, (reader, writer) => {
      const trailerless = new PdfRef(n.field, 0);
      // /Info is taken from the trailer: point the catalog's field at the Info object instead, as a second field.
      const form = reader.resolveDict(acroFormRef(reader))!;
      writer.set(acroFormRef(reader), form.clone().set('Fields', [trailerless, new PdfRef(n.info, 0)]));
      writer.set(new PdfRef(n.info, 0), reader.resolveDict(new PdfRef(n.info, 0))!.clone().set('FT', name('Tx')).set('T', text('thong_tin')));
    });
    const filled = update(infoIsField, setKey(new PdfRef(n.info, 0), 'V', () => text('An')));
    expect(changesOf(filled)).toEqual([updated(n.info, 'field', 'V', 'formFill', 'thong_tin', 2)]);
    // /Info takes any key, a field only its value and appearance.
    expect(changesOf(update(infoIsField, setKey(new PdfRef(n.info, 0), 'Ff', () => 1)))).toEqual([refusedKey(n.info, 'field', 'Ff', 'thong_tin', 2)]);
  });

  it('a page that is also the /Metadata, or named in the DSS: its content change is refused, not taken as metadata or DSS', () => {
    const n = numbers(base);
    const page = new PdfRef(n.page, 0);
    const newContents: Edit = (reader, writer) =>
      writer.set(page, reader.resolveDict(page)!.clone().set('Contents', writer.add(new PdfStream(new PdfDict(), Buffer.from('0 g 0 0 595 842 re f\n')))));
    const asMetadata = update(base, (reader, writer) => writer.set(reader.catalogRef, reader.catalog.clone().set('Metadata', page)));
    expect(changesOf(update(asMetadata, newContents))).toEqual([refusedKey(n.page, 'page', 'Contents', null, 2)]);
    const inDss = update(base, (reader, writer) => writer.set(reader.catalogRef, reader.catalog.clone().set('DSS', writer.add(PdfDict.of({ Certs: [page] })))));
    expect(changesOf(update(inDss, newContents))).toEqual([refusedKey(n.page, 'page', 'Contents', null, 2)]);
    // Alone, those roles take any key: the DSS at lta, the /Info at form filling.
    const reader = PdfReader.open(inDss);
    const dss = reader.catalog.get('DSS') as PdfRef;
    reader.close();
    expect(changesOf(update(inDss, setKey(dss, 'Extra', () => 1)))).toEqual([updated(dss.num, 'dss', 'Extra', 'lta', null, 2)]);
    expect(changesOf(update(base, setKey(new PdfRef(n.info, 0), 'Extra', () => 1)))).toEqual([updated(n.info, 'info', 'Extra', 'formFill')]);
  });

  it('refused changes carry the field name of a field, a widget, an appearance; none for a page', () => {
    const n = numbers(base);
    expect(changesOf(update(base, setKey(new PdfRef(n.field, 0), 'Ff', () => 1)))).toEqual([refusedKey(n.field, 'field', 'Ff', 'ho_ten')]);
    expect(changesOf(update(base, setKey(new PdfRef(n.widget, 0), 'Rect', () => [0, 0, 9, 9])))).toEqual([refusedKey(n.widget, 'widget', 'Rect', 'ho_ten')]);
    const reader = PdfReader.open(base);
    const ap = reader.resolveDict(reader.resolveDict(new PdfRef(n.widget, 0))!.get('AP'))!.get('N') as PdfRef;
    reader.close();
    const older = setKey(ap, 'Resources', () => new PdfRef(n.info, 0));
    expect(changesOf(update(base, older))).toEqual([refusedKey(ap.num, 'appearance', 'Resources', 'ho_ten')]);
    expect(changesOf(update(base, setKey(new PdfRef(n.page, 0), 'Rotate', () => 90)))).toEqual([refusedKey(n.page, 'page', 'Rotate')]);
  });

  it('a field merged with its widget: both role names in the refusal', () => {
    const n = numbers(base);
    const merged = update(base, addFields((reader, writer) => [writer.add(PdfDict.of({ FT: name('Tx'), T: text('gop'), Subtype: name('Widget'), Rect: [0, 0, 5, 5] }))]));
    const mergedNum = numbers(base).size;
    expect(changesOf(update(merged, setKey(new PdfRef(mergedNum, 0), 'Rect', () => [0, 0, 9, 9])))).toEqual([
      refusedKey(mergedNum, 'field, widget', 'Rect', 'gop', 2),
    ]);
    expect(n.size).toBe(mergedNum);
  });
});

describe('a new AcroForm and the field list', () => {
  it('an AcroForm added where there was none: a new signature field is lta; a text field or no /Fields is refused', () => {
    const catalog = (bytes: Uint8Array) => {
      const reader = PdfReader.open(bytes);
      const num = reader.catalogRef.num;
      reader.close();
      return num;
    };
    const withForm = (fields: (writer: Writer) => PdfObject | undefined): Edit => (reader, writer) => {
      const list = fields(writer);
      const form = writer.add(list === undefined ? PdfDict.of({ DA: text('') }) : PdfDict.of({ Fields: list }));
      writer.set(reader.catalogRef, reader.catalog.clone().set('AcroForm', form));
    };
    const num = catalog(plain);
    expect(changesOf(update(plain, withForm((writer) => [writer.add(sigField())])))).toEqual([updated(num, 'catalog', 'AcroForm', 'lta')]);
    expect(changesOf(update(plain, withForm((writer) => [writer.add(PdfDict.of({ FT: name('Tx'), T: text('x') }))])))).toEqual([
      refusedKey(num, 'catalog', 'AcroForm'),
    ]);
    expect(changesOf(update(plain, withForm(() => undefined)))).toEqual([refusedKey(num, 'catalog', 'AcroForm')]);
  });

  it('the AcroForm replaced by a new dictionary: every old field kept is lta, one dropped or the AcroForm removed is refused', () => {
    const n = numbers(base);
    const replace = (keep: (fields: PdfObject[]) => PdfObject[]): Edit => (reader, writer) => {
      const old = reader.resolveDict(acroFormRef(reader))!;
      const form = writer.add(old.clone().set('Fields', keep(reader.resolve(old.get('Fields')) as PdfObject[])));
      writer.set(reader.catalogRef, reader.catalog.clone().set('AcroForm', form));
    };
    expect(changesOf(update(base, replace((fields) => fields)))).toEqual([updated(n.catalog, 'catalog', 'AcroForm', 'lta')]);
    expect(changesOf(update(base, replace(() => [])))).toEqual([refusedKey(n.catalog, 'catalog', 'AcroForm')]);
    const removed = update(base, (reader, writer) => {
      const catalog = reader.catalog.clone();
      catalog.delete('AcroForm');
      writer.set(reader.catalogRef, catalog);
    });
    expect(changesOf(removed)).toEqual([refusedKey(n.catalog, 'catalog', 'AcroForm')]);
  });

  it('a field dropped from /Fields, or an older signature field dictionary added to it: refused', () => {
    const reader = PdfReader.open(base);
    const form = acroFormRef(reader).num;
    reader.close();
    const dropped = update(base, (reader, writer) => writer.set(acroFormRef(reader), reader.resolveDict(acroFormRef(reader))!.clone().set('Fields', [])));
    expect(changesOf(dropped)).toEqual([refusedKey(form, 'acroForm', 'Fields')]);
    // A signature field written before, in no list, then listed.
    const orphan = update(base, (reader, writer) => void writer.add(sigField()));
    const orphanRef = new PdfRef(numbers(base).size, 0);
    expect(changesOf(update(orphan, addFields(() => [orphanRef])))).toEqual([refusedKey(form, 'acroForm', 'Fields', null, 2)]);
  });

  it("a new signature field's /V: a new signature is form filling, a new timestamp lta, an older object refused", () => {
    const reader = PdfReader.open(base);
    const form = acroFormRef(reader).num;
    reader.close();
    const withValue = (value: (reader: PdfReader, writer: Writer) => PdfObject) => addFields((r, writer) => [writer.add(sigField({ V: value(r, writer) }))]);
    const typed = (type: string) => withValue((r, writer) => writer.add(PdfDict.of({ Type: name(type) })));
    expect(changesOf(update(base, typed('Sig')))).toEqual([updated(form, 'acroForm', 'Fields', 'formFill')]);
    expect(changesOf(update(base, typed('DocTimeStamp')))).toEqual([updated(form, 'acroForm', 'Fields', 'lta')]);
    const older = withValue(() => new PdfRef(numbers(base).info, 0));
    expect(changesOf(update(base, older))).toEqual([refusedKey(form, 'acroForm', 'Fields')]);
  });

  it('items that are no references: an old one kept, a new one added, are no fields and change nothing', () => {
    const n = numbers(base);
    const reader = PdfReader.open(base);
    const form = acroFormRef(reader).num;
    reader.close();
    const withNumber = update(base, addFields(() => [5]));
    expect(changesOf(withNumber)).toEqual([updated(form, 'acroForm', 'Fields', 'lta')]);
    expect(changesOf(update(withNumber, addFields((r, writer) => [writer.add(sigField())])))).toEqual([updated(form, 'acroForm', 'Fields', 'lta', null, 2)]);
    expect(n.field).toBeGreaterThan(0);
  });

  it('a new field that is no dictionary: refused', () => {
    const reader = PdfReader.open(base);
    const form = acroFormRef(reader).num;
    reader.close();
    expect(changesOf(update(base, addFields((r, writer) => [writer.add([1, 2])])))).toEqual([refusedKey(form, 'acroForm', 'Fields')]);
  });
});

describe('annotations added to a page', () => {
  it('an empty /Annots removed: nothing was taken away (lta)', () => {
    const n = numbers(base);
    const empty = update(base, setKey(new PdfRef(n.page, 0), 'Annots', () => []));
    const removed = update(empty, (reader, writer) => {
      const page = reader.resolveDict(new PdfRef(n.page, 0))!.clone();
      page.entries.delete('Annots');
      writer.set(new PdfRef(n.page, 0), page);
    });
    expect(changesOf(removed)).toEqual([updated(n.page, 'page', 'Annots', 'lta', null, 2)]);
  });

  it('a new annotation without /Subtype, its /Rect indirect and holding a name: "?", the numbers only; annotation level', () => {
    const n = numbers(base);
    const made = update(base, addAnnots((r, writer) => [writer.add(PdfDict.of({ Type: name('Annot'), Rect: writer.add([1, 2, name('X'), 4]) }))]));
    expect(changesOf(made)).toEqual([newAnnotation(n.size + 1, '?', [1, 2, 4], false), updated(n.page, 'page', 'Annots', 'annotation')]);
  });

  it('a new Square that claims /FT /Sig is no signature; a new annotation that is no dictionary is refused', () => {
    const n = numbers(base);
    const square = update(base, addAnnots((r, writer) => [writer.add(PdfDict.of({ Subtype: name('Square'), FT: name('Sig'), Rect: [1, 1, 9, 9] }))]));
    expect(changesOf(square)).toEqual([newAnnotation(n.size, 'Square', [1, 1, 9, 9], false), updated(n.page, 'page', 'Annots', 'annotation')]);
    expect(changesOf(update(base, addAnnots((r, writer) => [writer.add([1, 2])])))).toEqual([refusedKey(n.page, 'page', 'Annots')]);
  });

  it('a page with no /Annots given one: a Square is annotation level, with no /Rect its rectangle is empty; a number is refused', () => {
    const reader = PdfReader.open(plain);
    const page = reader.pages()[0]!.ref.num;
    const size = reader.size;
    reader.close();
    const square = update(plain, addAnnots((r, writer) => [writer.add(PdfDict.of({ Subtype: name('Square') }))]));
    expect(changesOf(square)).toEqual([newAnnotation(size, 'Square', [], false), updated(page, 'page', 'Annots', 'annotation')]);
    expect(changesOf(update(plain, setKey(new PdfRef(page, 0), 'Annots', () => 7)))).toEqual([refusedKey(page, 'page', 'Annots')]);
  });

  it('an annotation removed, or an older object listed as one: refused', () => {
    const n = numbers(base);
    expect(changesOf(update(base, setKey(new PdfRef(n.page, 0), 'Annots', () => [])))).toEqual([refusedKey(n.page, 'page', 'Annots')]);
    expect(changesOf(update(base, addAnnots(() => [new PdfRef(n.info, 0)])))).toEqual([refusedKey(n.page, 'page', 'Annots')]);
  });

  it('with two annotations already there, a third added: each old one is found among the new list', () => {
    const n = numbers(base);
    const square = (writer: Writer) => writer.add(PdfDict.of({ Subtype: name('Square'), Rect: [1, 1, 9, 9] }));
    const two = update(base, addAnnots((r, writer) => [square(writer)]));
    expect(changesOf(update(two, addAnnots((r, writer) => [square(writer)])))).toEqual([
      newAnnotation(n.size + 1, 'Square', [1, 1, 9, 9], false, 2),
      updated(n.page, 'page', 'Annots', 'annotation', null, 2),
    ]);
  });

  const widget = (writer: Writer, extra: Record<string, PdfObject>) =>
    writer.add(PdfDict.of({ Type: name('Annot'), Subtype: name('Widget'), Rect: [0, 0, 0, 0], ...extra }));

  it("a new widget whose signature field is its parent: lta; the field's /V new: form filling, a timestamp: lta, an older object: refused", () => {
    const n = numbers(base);
    const under = (value?: (reader: PdfReader, writer: Writer) => PdfObject): Edit =>
      addAnnots((reader, writer) => [widget(writer, { Parent: writer.add(sigField(value ? { V: value(reader, writer) } : {})) })]);
    const page = (level: RevisionChange['level']) => updated(n.page, 'page', 'Annots', level);
    // The field is written before the widget: the widget is the later number.
    expect(changesOf(update(base, under()))).toEqual([newAnnotation(n.size + 1, 'Widget', [0, 0, 0, 0], true), page('lta')]);
    const withValue = (type: string) => under((reader, writer) => writer.add(PdfDict.of({ Type: name(type) })));
    expect(changesOf(update(base, withValue('Sig')))[1]).toEqual(page('formFill'));
    expect(changesOf(update(base, withValue('DocTimeStamp')))[1]).toEqual(page('lta'));
    expect(changesOf(update(base, under(() => new PdfRef(n.info, 0))))[1]).toEqual(refusedKey(n.page, 'page', 'Annots'));
  });

  it('a Square and then an empty signature widget in one update: the update stays at annotation level', () => {
    const n = numbers(base);
    const both = addAnnots((r, writer) => [
      writer.add(PdfDict.of({ Subtype: name('Square'), Rect: [1, 1, 9, 9] })),
      widget(writer, { FT: name('Sig'), T: text('Sau') }),
    ]);
    expect(changesOf(update(base, both)).at(-1)).toEqual(updated(n.page, 'page', 'Annots', 'annotation'));
  });

  it('the signature field 32 parents up is beyond the search (refused); 31 up is found (lta); a parent loop ends', () => {
    const n = numbers(base);
    const chain = (depth: number): Edit =>
      addAnnots((reader, writer) => {
        let parent = writer.add(sigField());
        for (let i = 1; i < depth; i++) parent = writer.add(PdfDict.of({ Parent: parent }));
        return [widget(writer, { Parent: parent })];
      });
    expect(changesOf(update(base, chain(31))).at(-1)).toEqual(updated(n.page, 'page', 'Annots', 'lta'));
    expect(changesOf(update(base, chain(32))).at(-1)).toEqual(refusedKey(n.page, 'page', 'Annots'));
    const loop = addAnnots((reader, writer) => {
      const a = writer.allocate();
      const b = writer.add(PdfDict.of({ Parent: a }));
      writer.set(a, PdfDict.of({ Parent: b }));
      return [widget(writer, { Parent: a })];
    });
    expect(changesOf(update(base, loop)).at(-1)).toEqual(refusedKey(n.page, 'page', 'Annots'));
  });
});

describe('an existing appearance stream rewritten', () => {
  const apOf = (bytes: Uint8Array, num: number): PdfRef => {
    const reader = PdfReader.open(bytes);
    try {
      return reader.resolveDict(reader.resolveDict(new PdfRef(num, 0))!.get('AP'))!.get('N') as PdfRef;
    } finally {
      reader.close();
    }
  };
  const rewrite = (ref: PdfRef): Edit => (reader, writer) => {
    const stream = reader.getObject(ref) as PdfStream;
    writer.set(ref, new PdfStream(stream.dict.clone(), Buffer.from('0 g 0 0 1 1 re f\n')));
  };

  it("used by its widget only: form filling; also by another field's widget, or by the page: refused", () => {
    const n = numbers(base);
    const ap = apOf(base, n.widget);
    expect(changesOf(update(base, rewrite(ap)))).toEqual([
      updated(ap.num, 'appearance', 'Length', 'formFill', 'ho_ten'),
      updated(ap.num, 'appearance', '(data)', 'formFill', 'ho_ten'),
    ]);
    const shared = update(base, (reader, writer) => {
      const other = writer.add(PdfDict.of({ FT: name('Tx'), T: text('khac'), Subtype: name('Widget'), Rect: [0, 0, 5, 5], AP: PdfDict.of({ N: ap }) }));
      addFields(() => [other])(reader, writer);
    });
    const refusedRewrite = (roles: string) => [refusedKey(ap.num, roles, 'Length', 'ho_ten', 2), refusedKey(ap.num, roles, '(data)', 'ho_ten', 2)];
    // One appearance role for each field that names it.
    expect(changesOf(update(shared, rewrite(ap)))).toEqual(refusedRewrite('appearance, appearance'));
    const onPage = update(base, (reader, writer) => {
      const page = reader.pages()[0]!;
      writer.set(page.ref, page.dict.clone().set('Extra', PdfDict.of({ XObject: ap })));
    });
    expect(changesOf(update(onPage, rewrite(ap)))).toEqual(refusedRewrite('appearance'));
  });

  it("named by another field's indirect appearance dictionary: refused; its widget also the catalog's /Metadata: still its own", () => {
    const n = numbers(base);
    const ap = apOf(base, n.widget);
    const viaOther = update(base, (reader, writer) => {
      const states = writer.add(PdfDict.of({ N: ap }));
      addFields((r, w) => [w.add(PdfDict.of({ FT: name('Tx'), T: text('khac'), Subtype: name('Widget'), Rect: [0, 0, 5, 5], AP: states }))])(reader, writer);
    });
    expect(changesOf(update(viaOther, rewrite(ap)))).toEqual([
      refusedKey(ap.num, 'appearance, appearance', 'Length', 'ho_ten', 2),
      refusedKey(ap.num, 'appearance, appearance', '(data)', 'ho_ten', 2),
    ]);
    const asMetadata = update(base, (reader, writer) => writer.set(reader.catalogRef, reader.catalog.clone().set('Metadata', new PdfRef(n.widget, 0))));
    expect(changesOf(update(asMetadata, rewrite(ap)))).toEqual([
      updated(ap.num, 'appearance', 'Length', 'formFill', 'ho_ten', 2),
      updated(ap.num, 'appearance', '(data)', 'formFill', 'ho_ten', 2),
    ]);
  });

  it('named by an indirect appearance dictionary, or by the field itself: form filling', () => {
    const n = numbers(base);
    const stream = new PdfRef(n.size, 0);
    const allowed = [updated(n.size, 'appearance', 'Length', 'formFill', 'ho_ten', 2), updated(n.size, 'appearance', '(data)', 'formFill', 'ho_ten', 2)];
    const viaDict = update(base, (reader, writer) => {
      writer.add(new PdfStream(PdfDict.of({ Subtype: name('Form'), BBox: [0, 0, 1, 1] }), Buffer.from('')));
      const states = writer.add(PdfDict.of({ N: stream }));
      writer.set(new PdfRef(n.widget, 0), reader.resolveDict(new PdfRef(n.widget, 0))!.clone().set('AP', states));
    });
    expect(changesOf(update(viaDict, rewrite(stream)))).toEqual(allowed);
    const onField = update(base, (reader, writer) => {
      writer.add(new PdfStream(PdfDict.of({ Subtype: name('Form'), BBox: [0, 0, 1, 1] }), Buffer.from('')));
      writer.set(new PdfRef(n.field, 0), reader.resolveDict(new PdfRef(n.field, 0))!.clone().set('AP', PdfDict.of({ N: stream })));
    });
    expect(changesOf(update(onField, rewrite(stream)))).toEqual(allowed);
  });
});

describe('a filled value that must name only new objects, nested deep', () => {
  it('an older object named 150 arrays down in a text field\'s /V: refused, as when it is named at the top; a new one there: form filling', () => {
    // 150 levels: deeper than the old 64-level reference search, within the parser's 200.
    const nested = (levels: number, ref: PdfRef): PdfObject => (levels === 0 ? ref : [nested(levels - 1, ref)]);
    const n = numbers(base);
    const field = new PdfRef(n.field, 0);
    const page = new PdfRef(n.page, 0);
    for (const depth of [0, 150]) {
      expect(changesOf(update(base, setKey(field, 'V', () => nested(depth, page))))).toEqual([refusedKey(n.field, 'field', 'V', 'ho_ten')]);
    }
    const fresh = update(base, setKey(field, 'V', (reader, writer) => nested(150, writer.add(PdfDict.of({ Note: text('moi') })))));
    expect(changesOf(fresh)).toEqual([updated(n.field, 'field', 'V', 'formFill', 'ho_ten')]);
  });
});
