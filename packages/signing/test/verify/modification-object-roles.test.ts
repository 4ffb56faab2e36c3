import { describe, expect, it } from 'vitest';
import { PdfReader } from '../../src/pdf/pdf-reader.js';
import { describeRevision, type ObjectRole } from '../../src/verify/modifications/object-roles.js';
import { classifyRevision } from '../../src/verify/modifications/revision-changes.js';
import { classicPdf } from '../helpers/hostile-pdfs.js';
import { appendRevision } from '../helpers/verify-tamper.js';

/**
 * Which role each object of a revision plays (issue 15, mutation testing of object-roles.ts), on hand-written files:
 * the modification analysis judges a change to an object by these roles, so each is asserted object by object, and
 * who references whom (the trailer is -1), dangling references included.
 */
const describe1 = (objects: readonly string[], trailerExtra = '') => describeRevision(PdfReader.open(classicPdf(objects, trailerExtra)));
const rolesOf = (objects: readonly string[], trailerExtra = ''): Record<number, readonly ObjectRole[]> =>
  Object.fromEntries(describe1(objects, trailerExtra).roles);
const referrersOf = (objects: readonly string[], trailerExtra = ''): Record<number, number[]> =>
  Object.fromEntries([...describe1(objects, trailerExtra).referrers].map(([num, from]) => [num, [...from].sort((a, b) => a - b)]));
const stream = (dict: string, data: string) => `<< ${dict} /Length ${data.length} >>\nstream\n${data}\nendstream`;

const catalog = { kind: 'catalog' } as const;
const pageTree = { kind: 'pageTree' } as const;
const dss = { kind: 'dss' } as const;

describe('the catalog, the page tree, pages and their /Annots', () => {
  // 1 catalog, 2 root node with an indirect /Kids (3), 4 a page, 5 an inner node with a direct /Kids, 6 a page under
  // it, 7 the first page's indirect /Annots, 8 an annotation, 9 /Info, 10 /Metadata.
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R /Metadata 10 0 R >>',
    '<< /Type /Pages /Kids 3 0 R /Count 2 >>',
    '[4 0 R 5 0 R]',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots 7 0 R >>',
    '<< /Type /Pages /Parent 2 0 R /Kids [6 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 5 0 R /MediaBox [0 0 595 842] /Annots [8 0 R] >>',
    '[8 0 R]',
    '<< /Type /Annot /Subtype /Text /Rect [0 0 10 10] >>',
    '<< /Producer (hand) >>',
    stream('/Type /Metadata /Subtype /XML', '<x/>'),
  ];

  it('each object by its role; a direct /Annots or /Kids array has no object of its own', () => {
    expect(rolesOf(objects, ' /Info 9 0 R')).toEqual({
      1: [catalog],
      2: [pageTree],
      3: [pageTree],
      4: [{ kind: 'page', pageIndex: 0 }],
      5: [pageTree],
      6: [{ kind: 'page', pageIndex: 1 }],
      7: [{ kind: 'annots', pageIndex: 0 }],
      9: [{ kind: 'info' }],
      10: [{ kind: 'metadata' }],
    });
    expect(describe1(objects).pageCount).toBe(2);
  });

  it('a page tree that loops back on itself is walked once', () => {
    const looped = [...objects];
    looped[4] = '<< /Type /Pages /Parent 2 0 R /Kids [6 0 R 2 0 R 5 0 R] /Count 1 >>';
    const roles = rolesOf(looped);
    expect(roles[2]).toEqual([pageTree]);
    expect(roles[5]).toEqual([pageTree]);
  });

  it('a node without /Type /Page is a tree node; a /Kids that is no array leads nowhere', () => {
    const untyped = [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Kids [3 0 R 4 0 R] >>',
      '<< /Type /Page /Parent 2 0 R >>',
      '<< /Type /Pages /Kids 5 0 R >>',
      '<< /Type /Page >>',
    ];
    expect(rolesOf(untyped)).toEqual({ 1: [catalog], 2: [pageTree], 3: [{ kind: 'page', pageIndex: 0 }], 4: [pageTree], 5: [pageTree] });
  });

  it('a page tree the reader cannot walk has no pages, and the rest still gets its roles', () => {
    // 299 nested nodes above a page: deeper than the reader's page-tree limit (256), so pages() throws.
    const deep = ['<< /Type /Catalog /Pages 2 0 R /Metadata 302 0 R >>'];
    for (let i = 2; i <= 300; i++) deep.push(`<< /Type /Pages /Kids [${i + 1} 0 R] >>`);
    deep.push('<< /Type /Page >>', stream('/Type /Metadata', 'x'));
    const described = describe1(deep);
    expect(described.pageCount).toBe(0);
    expect(described.roles.get(302)).toEqual([{ kind: 'metadata' }]);
    expect(described.roles.get(300)).toEqual([pageTree]);
  });
});

describe('the form: /AcroForm, /Fields, fields, widgets, appearances, signature values', () => {
  // 1 catalog, 2 pages, 3 page, 4 /AcroForm, 5 indirect /Fields, 6 a signature field merged with its widget (/V 7,
  // /AP with a direct /N naming 8), 9 a text field with an indirect /Kids (10): 11 a kid with /T and an indirect /AP
  // (12, whose /N is a dictionary of states 13 and 14, and whose /D names 15 directly), 16 a kid widget without /T;
  // 17 a signature field whose kid 18 inherits /FT /Sig and has the /V 19; 20 a widget that is no field at all.
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R /AcroForm 4 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [6 0 R 11 0 R 16 0 R 18 0 R 20 0 R] >>',
    '<< /Fields 5 0 R >>',
    '[6 0 R 9 0 R 17 0 R 20 0 R]',
    '<< /FT /Sig /T (Ky1) /Type /Annot /Subtype /Widget /V 7 0 R /AP << /N 8 0 R >> /Rect [0 0 10 10] /P 3 0 R >>',
    '<< /Type /Sig /Contents <00> >>',
    stream('/Type /XObject /Subtype /Form /BBox [0 0 10 10]', ''),
    '<< /FT /Tx /T (cha) /Kids 10 0 R >>',
    '[11 0 R 16 0 R]',
    '<< /T (con) /Type /Annot /Subtype /Widget /Parent 9 0 R /AP 12 0 R /Rect [0 0 10 10] >>',
    '<< /N << /On 13 0 R /Off 14 0 R >> /D 15 0 R >>',
    stream('/Type /XObject /Subtype /Form /BBox [0 0 10 10]', ''),
    stream('/Type /XObject /Subtype /Form /BBox [0 0 10 10]', ''),
    stream('/Type /XObject /Subtype /Form /BBox [0 0 10 10]', ''),
    '<< /Type /Annot /Subtype /Widget /Parent 9 0 R /Rect [0 0 10 10] >>',
    '<< /FT /Sig /T (Ngoai) /Kids [18 0 R] >>',
    '<< /T (trong) /Type /Annot /Subtype /Widget /Parent 17 0 R /V 19 0 R /Rect [0 0 10 10] >>',
    '<< /Type /Sig /Contents <00> >>',
    '<< /Type /Annot /Subtype /Widget /Rect [0 0 10 10] >>',
  ];

  it('each object by its role, with the full field name and whether it is a signature', () => {
    expect(rolesOf(objects)).toEqual({
      1: [catalog],
      2: [pageTree],
      3: [{ kind: 'page', pageIndex: 0 }],
      4: [{ kind: 'acroForm' }],
      5: [{ kind: 'fieldList' }],
      6: [
        { kind: 'field', name: 'Ky1', isSignature: true },
        { kind: 'widget', fieldName: 'Ky1', isSignature: true },
      ],
      7: [{ kind: 'signatureValue', fieldName: 'Ky1' }],
      8: [{ kind: 'appearance', fieldName: 'Ky1' }],
      9: [{ kind: 'field', name: 'cha', isSignature: false }],
      10: [{ kind: 'field', name: 'cha', isSignature: false }],
      11: [
        { kind: 'field', name: 'cha.con', isSignature: false },
        { kind: 'widget', fieldName: 'cha.con', isSignature: false },
      ],
      12: [{ kind: 'appearance', fieldName: 'cha.con' }],
      13: [{ kind: 'appearance', fieldName: 'cha.con' }],
      14: [{ kind: 'appearance', fieldName: 'cha.con' }],
      15: [{ kind: 'appearance', fieldName: 'cha.con' }],
      16: [{ kind: 'widget', fieldName: 'cha', isSignature: false }],
      17: [{ kind: 'field', name: 'Ngoai', isSignature: true }],
      18: [
        { kind: 'field', name: 'Ngoai.trong', isSignature: true },
        { kind: 'widget', fieldName: 'Ngoai.trong', isSignature: true },
      ],
      19: [{ kind: 'signatureValue', fieldName: 'Ngoai.trong' }],
      20: [{ kind: 'widget', fieldName: '', isSignature: false }],
    });
  });

  it('a field with only /FT, or only /Kids, is a field; a field dictionary that is no widget is no widget', () => {
    const shapes = [
      '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [3 0 R 4 0 R 5 0 R] >> >>',
      '<< /Type /Pages /Kids [] /Count 0 >>',
      '<< /FT /Tx >>',
      '<< /Kids [] >>',
      '<< /T (a) /FT /Tx /Subtype /Widget >>',
    ];
    expect(rolesOf(shapes)).toEqual({
      1: [catalog],
      2: [pageTree],
      3: [{ kind: 'field', name: '', isSignature: false }],
      4: [{ kind: 'field', name: '', isSignature: false }],
      5: [
        { kind: 'field', name: 'a', isSignature: false },
        { kind: 'widget', fieldName: 'a', isSignature: false },
      ],
    });
  });

  it('a kid with its own /FT overrides the inherited type; a /T or /FT that is a reference is followed', () => {
    const shapes = [
      '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [3 0 R] >> >>',
      '<< /Type /Pages /Kids [] /Count 0 >>',
      '<< /FT /Sig /T 6 0 R /Kids [4 0 R 5 0 R] >>',
      '<< /FT /Tx /T (van) /V 7 0 R >>',
      '<< /FT 8 0 R /T (ky) /V 9 0 R >>',
      '(goc)',
      '(a value)',
      '/Sig',
      '<< /Type /Sig >>',
    ];
    expect(rolesOf(shapes)).toEqual({
      1: [catalog],
      2: [pageTree],
      3: [{ kind: 'field', name: 'goc', isSignature: true }],
      4: [{ kind: 'field', name: 'goc.van', isSignature: false }],
      5: [{ kind: 'field', name: 'goc.ky', isSignature: true }],
      9: [{ kind: 'signatureValue', fieldName: 'goc.ky' }],
    });
  });

  it('a /T or /FT of the wrong type is ignored; a direct /V is no object', () => {
    const shapes = [
      '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [3 0 R] >> >>',
      '<< /Type /Pages /Kids [] /Count 0 >>',
      '<< /FT /Sig /T (p) /Kids [4 0 R 5 0 R] >>',
      '<< /FT (Tx) /T /NotAString /Subtype /Widget /V 6 0 R >>',
      '<< /T (d) /V << /Type /Sig >> >>',
      '<< /Type /Sig >>',
    ];
    expect(rolesOf(shapes)).toEqual({
      1: [catalog],
      2: [pageTree],
      3: [{ kind: 'field', name: 'p', isSignature: true }],
      4: [
        { kind: 'field', name: 'p', isSignature: true },
        { kind: 'widget', fieldName: 'p', isSignature: true },
      ],
      5: [{ kind: 'field', name: 'p.d', isSignature: true }],
      6: [{ kind: 'signatureValue', fieldName: 'p' }],
    });
  });

  it('a /V of a field that is no signature is no signature value', () => {
    const shapes = [
      '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [3 0 R] >> >>',
      '<< /Type /Pages /Kids [] /Count 0 >>',
      '<< /FT /Tx /T (t) /V 4 0 R >>',
      '(text)',
    ];
    expect(rolesOf(shapes)).toEqual({ 1: [catalog], 2: [pageTree], 3: [{ kind: 'field', name: 't', isSignature: false }] });
  });

  it('an /AcroForm without a usable /Fields, or a /Fields that is no array, gives no fields', () => {
    const base = ['<< /Type /Catalog /Pages 2 0 R /AcroForm 3 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>'];
    expect(rolesOf([...base, '<< /Fields 4 0 R >>', '<< /T (x) /FT /Tx >>'])).toEqual({
      1: [catalog],
      2: [pageTree],
      3: [{ kind: 'acroForm' }],
      4: [{ kind: 'fieldList' }],
    });
    expect(rolesOf([...base, '[4 0 R]', '<< /T (x) /FT /Tx >>'])).toEqual({ 1: [catalog], 2: [pageTree], 3: [{ kind: 'acroForm' }] });
  });

  it('a field tree that loops is walked once; deeper than 32 levels it is not followed', () => {
    const looped = [
      '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [3 0 R] >> >>',
      '<< /Type /Pages /Kids [] /Count 0 >>',
      '<< /FT /Tx /T (a) /Kids [4 0 R] >>',
      '<< /T (b) /Kids [3 0 R] >>',
    ];
    expect(rolesOf(looped)).toEqual({
      1: [catalog],
      2: [pageTree],
      3: [{ kind: 'field', name: 'a', isSignature: false }],
      4: [{ kind: 'field', name: 'a.b', isSignature: false }],
    });
    // A chain of 40 fields: the root is at depth 0, so fields at depths 0 to 32 get roles, 33 of them.
    const chain = ['<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [3 0 R] >> >>', '<< /Type /Pages /Kids [] /Count 0 >>'];
    for (let i = 3; i < 43; i++) chain.push(i < 42 ? `<< /T (f) /Kids [${i + 1} 0 R] >>` : '<< /T (f) >>');
    const roles = rolesOf(chain);
    expect(roles[35]).toHaveLength(1);
    expect(roles[36]).toBeUndefined();
  });

  it('direct fields and kids get no object of their own, their indirect appearances do', () => {
    const direct = [
      '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [<< /FT /Tx /T (x) /Kids [<< /T (y) /AP << /N 3 0 R >> >>] >>] >> >>',
      '<< /Type /Pages /Kids [] /Count 0 >>',
      stream('/Subtype /Form', ''),
    ];
    expect(rolesOf(direct)).toEqual({ 1: [catalog], 2: [pageTree], 3: [{ kind: 'appearance', fieldName: 'x.y' }] });
  });
});

describe('the DSS', () => {
  it('the DSS, its arrays, their items, the VRI dictionary, its entries and what they name', () => {
    // 3 DSS: /Certs direct [4], /OCSPs indirect 5 naming 6, /CRLs direct [7], /VRI indirect 8 with an entry 9 naming
    // 10 (and a direct array naming 4, which adds nothing new to 4), a direct entry whose direct array names 11 (not
    // looked into) and whose /TS names 13. /Other names 12: no role.
    const objects = [
      '<< /Type /Catalog /Pages 2 0 R /DSS 3 0 R >>',
      '<< /Type /Pages /Kids [] /Count 0 >>',
      '<< /Certs [4 0 R] /OCSPs 5 0 R /CRLs [7 0 R] /VRI 8 0 R /Other 12 0 R >>',
      stream('', 'cert'),
      '[6 0 R]',
      stream('', 'ocsp'),
      stream('', 'crl'),
      '<< /ABCD 9 0 R /EF01 << /OCSP [11 0 R] /TS 13 0 R >> >>',
      '<< /Cert [4 0 R] /CRL 10 0 R >>',
      stream('', 'crl2'),
      stream('', 'ocsp2'),
      '<< /X 1 >>',
      stream('', 'ts'),
    ];
    expect(rolesOf(objects)).toEqual({
      1: [catalog],
      2: [pageTree],
      3: [dss],
      4: [dss],
      5: [dss],
      6: [dss],
      7: [dss],
      8: [dss],
      9: [dss],
      10: [dss],
      13: [dss],
    });
  });

  it('an entry of /Certs, /OCSPs or /CRLs that is a dictionary is not looked into', () => {
    const objects = [
      '<< /Type /Catalog /Pages 2 0 R /DSS << /Certs << /A 3 0 R >> /CRLs [4 0 R] >> >>',
      '<< /Type /Pages /Kids [] /Count 0 >>',
      '<< /B 5 0 R >>',
      '<< /C 6 0 R >>',
      '<< >>',
      '<< >>',
    ];
    expect(rolesOf(objects)).toEqual({ 1: [catalog], 2: [pageTree], 3: [dss], 4: [dss] });
  });

  it('a DSS that is no dictionary has only its own role', () => {
    const objects = ['<< /Type /Catalog /Pages 2 0 R /DSS 3 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>', '[4 0 R]', '<< >>'];
    expect(rolesOf(objects)).toEqual({ 1: [catalog], 2: [pageTree], 3: [dss] });
  });
});

describe('who references whom', () => {
  it('by object number; the trailer is -1; through arrays, dictionaries and stream dictionaries; dangling ones too', () => {
    const objects = [
      '<< /Type /Catalog /Pages 2 0 R /Names << /X [4 0 R] >> >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /Contents 5 0 R /Resources << /XObject << /A 6 0 R >> >> >>',
      '<< /Loop 1 0 R /Missing 99 0 R >>',
      stream('/Filter /FlateDecode /DecodeParms 7 0 R', ''),
      stream('/Subtype /Form', 'q Q'),
      '<< /Predictor 1 >>',
      '<< /Unused 2 0 R >>',
    ];
    expect(referrersOf(objects, ' /Info 4 0 R')).toEqual({
      1: [-1, 4],
      2: [1, 3],
      3: [2],
      4: [-1, 1],
      5: [3],
      6: [3],
      7: [5],
      99: [4],
    });
    const { referenced } = describe1(objects);
    expect([...referenced].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 99]);
  });

  it('an object that cannot be read is skipped, the walk goes on', () => {
    // Object 3 is a stream whose /Length names itself: reading it throws; object 4 is still reached through 1.
    const objects = [
      '<< /Type /Catalog /Pages 2 0 R /Bad 3 0 R /Good 4 0 R >>',
      '<< /Type /Pages /Kids [] /Count 0 >>',
      '<< /Length 3 0 R >>\nstream\nxx\nendstream',
      '<< /Next 5 0 R >>',
      '<< >>',
    ];
    expect(referrersOf(objects)).toMatchObject({ 4: [1], 5: [4] });
  });

  it('references as deep as the parser reads (200 arrays and dictionaries) are followed, in a stream dictionary too', () => {
    const nest = (depth: number, inner: string): string => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;
    // The catalog and 199 arrays, the stream's dictionary and 199 arrays: 200 levels each, the parser's most.
    const objects = [
      `<< /Type /Catalog /Pages 2 0 R /A ${nest(199, '3 0 R')} /S 4 0 R >>`,
      '<< /Type /Pages /Kids [] /Count 0 >>',
      '<< >>',
      `<< /B ${nest(199, '5 0 R')} /Length 0 >>\nstream\n\nendstream`,
      '<< >>',
    ];
    expect(referrersOf(objects)).toMatchObject({ 3: [1], 5: [4] });
  });

  it('a dangling reference nested 199 arrays deep, defined by a later update: refused as referenced before signing', () => {
    // It was missed below 64 levels, where the walk used to stop: the update then looked like no change at all.
    const signed = classicPdf([`<< /Type /Catalog /Pages 2 0 R /Deep ${'['.repeat(199)}3 0 R${']'.repeat(199)} >>`, '<< /Type /Pages /Kids [] /Count 0 >>']);
    const updated = appendRevision(signed, new Map([[3, stream('/Type /XObject /Subtype /Form /BBox [0 0 1 1]', '')]]));
    expect(classifyRevision(PdfReader.open(updated), 1).map((c) => [c.level, c.objectNumber, c.description])).toEqual([
      [
        'other',
        3,
        'Đối tượng 3 đã được tham chiếu trước khi ký nhưng chỉ được định nghĩa sau khi ký / object 3 was referenced before signing but defined only afterwards',
      ],
    ]);
  });
});

describe('values of the wrong kind', () => {
  it('a /Fields item that is no dictionary, and an /AP that is none, are passed over', () => {
    const objects = [
      '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [3 0 R 9 0 R 4 0 R] >> >>',
      '<< /Type /Pages /Kids [] /Count 0 >>',
      '(no field)',
      '<< /FT /Tx /T (x) /AP 7 >>',
    ];
    expect(rolesOf(objects)).toEqual({ 1: [catalog], 2: [pageTree], 4: [{ kind: 'field', name: 'x', isSignature: false }] });
  });
});
