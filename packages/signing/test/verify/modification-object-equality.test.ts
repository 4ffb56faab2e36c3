import { describe, expect, it } from 'vitest';
import { PdfDict, PdfName, PdfRef, PdfStream, PdfString, type PdfObject } from '../../src/index.js';
import { MAX_NESTING_DEPTH } from '../../src/pdf/decode-limits.js';
import { PdfRaw } from '../../src/pdf/pdf-objects.js';
import { changedKeys, referencesIn, sameObject } from '../../src/verify/modifications/pdf-object-equality.js';

/**
 * The equality the modification analysis compares revisions with (issue 15, mutation testing of
 * pdf-object-equality.ts): values are equal by structure, references by number and generation only, a stream by its
 * dictionary and its raw bytes; the changed keys of two dictionaries or streams, and every reference in a value.
 */
const name = (n: string) => new PdfName(n);
const text = (s: string) => PdfString.fromLatin1(s);
const stream = (dict: Record<string, PdfObject>, raw: string) => new PdfStream(PdfDict.of(dict), Buffer.from(raw));

describe('sameObject', () => {
  it('missing values and null equal only themselves', () => {
    expect(sameObject(undefined, undefined)).toBe(true);
    expect(sameObject(null, null)).toBe(true);
    expect(sameObject(undefined, null)).toBe(false);
    expect(sameObject(null, undefined)).toBe(false);
    expect(sameObject(undefined, 0)).toBe(false);
    expect(sameObject(0, undefined)).toBe(false);
    expect(sameObject(null, 0)).toBe(false);
    expect(sameObject(0, null)).toBe(false);
    expect(sameObject(null, name('A'))).toBe(false);
    expect(sameObject(name('A'), null)).toBe(false);
  });

  it('numbers and booleans by value; never equal to an object', () => {
    expect(sameObject(1, 1)).toBe(true);
    expect(sameObject(1, 2)).toBe(false);
    expect(sameObject(true, true)).toBe(true);
    expect(sameObject(true, 1)).toBe(false);
    expect(sameObject(1, name('1'))).toBe(false);
    expect(sameObject(name('1'), 1)).toBe(false);
    expect(sameObject(0, [])).toBe(false);
    expect(sameObject([], 0)).toBe(false);
  });

  it('arrays item by item, of the same length', () => {
    expect(sameObject([], [])).toBe(true);
    expect(sameObject([1, name('A')], [1, name('A')])).toBe(true);
    expect(sameObject([1], [1, 2])).toBe(false);
    expect(sameObject([1, 2], [1])).toBe(false);
    expect(sameObject([1, 2], [1, 3])).toBe(false);
    expect(sameObject([], PdfDict.of({}))).toBe(false);
    expect(sameObject(PdfDict.of({}), [])).toBe(false);
  });

  it('references by number and generation, not by what they point at', () => {
    expect(sameObject(new PdfRef(4, 0), new PdfRef(4, 0))).toBe(true);
    expect(sameObject(new PdfRef(4, 0), new PdfRef(4, 1))).toBe(false);
    expect(sameObject(new PdfRef(4, 0), new PdfRef(5, 0))).toBe(false);
    expect(sameObject(new PdfRef(4, 0), name('R'))).toBe(false);
  });

  it('names by name, strings by bytes', () => {
    expect(sameObject(name('A'), name('A'))).toBe(true);
    expect(sameObject(name('A'), name('B'))).toBe(false);
    expect(sameObject(name('A'), text('A'))).toBe(false);
    expect(sameObject(text('A'), text('A'))).toBe(true);
    expect(sameObject(text('A'), text('B'))).toBe(false);
    expect(sameObject(text('A'), name('A'))).toBe(false);
  });

  it('streams by dictionary and raw bytes', () => {
    expect(sameObject(stream({ Length: 2 }, 'ab'), stream({ Length: 2 }, 'ab'))).toBe(true);
    expect(sameObject(stream({ Length: 2 }, 'ab'), stream({ Length: 2 }, 'ac'))).toBe(false);
    expect(sameObject(stream({ Length: 2 }, 'ab'), stream({ Length: 3 }, 'ab'))).toBe(false);
    expect(sameObject(stream({ Length: 2 }, 'ab'), PdfDict.of({ Length: 2 }))).toBe(false);
  });

  it('dictionaries key by key, with the same keys', () => {
    expect(sameObject(PdfDict.of({ A: 1, B: [name('X')] }), PdfDict.of({ B: [name('X')], A: 1 }))).toBe(true);
    expect(sameObject(PdfDict.of({ A: 1 }), PdfDict.of({ A: 2 }))).toBe(false);
    expect(sameObject(PdfDict.of({ A: 1 }), PdfDict.of({ A: 1, B: 2 }))).toBe(false);
    expect(sameObject(PdfDict.of({ A: 1, B: 2 }), PdfDict.of({ A: 1 }))).toBe(false);
    expect(sameObject(PdfDict.of({ A: 1 }), PdfDict.of({ B: 1 }))).toBe(false);
    expect(sameObject(PdfDict.of({ A: 1 }), stream({ A: 1 }, ''))).toBe(false);
  });

  it('an object of no known kind (a writer placeholder) is equal to nothing but itself', () => {
    const raw = new PdfRaw('1 0 R');
    expect(sameObject(raw, raw)).toBe(true);
    expect(sameObject(raw, new PdfRaw('1 0 R'))).toBe(false);
    expect(sameObject(raw, PdfDict.of({}))).toBe(false);
  });
});

describe('changedKeys', () => {
  it('the keys changed, removed or added, in that order of appearance', () => {
    expect(changedKeys(PdfDict.of({ A: 1, B: 2, C: 3 }), PdfDict.of({ A: 1, B: 5, D: 4 }))).toEqual(['B', 'C', 'D']);
    expect(changedKeys(PdfDict.of({ A: 1 }), PdfDict.of({ A: 1 }))).toEqual([]);
  });

  it('for streams, the dictionary keys then (data) when the raw bytes differ', () => {
    expect(changedKeys(stream({ Length: 2 }, 'ab'), stream({ Length: 2 }, 'ac'))).toEqual(['(data)']);
    expect(changedKeys(stream({ Length: 2 }, 'ab'), stream({ Length: 3 }, 'abc'))).toEqual(['Length', '(data)']);
    expect(changedKeys(stream({ Length: 2 }, 'ab'), stream({ Length: 3 }, 'ab'))).toEqual(['Length']);
  });

  it('null when the two are not both dictionaries or both streams', () => {
    expect(changedKeys(stream({ A: 1 }, ''), PdfDict.of({ A: 1 }))).toBeNull();
    expect(changedKeys(PdfDict.of({ A: 1 }), stream({ A: 1 }, ''))).toBeNull();
    expect(changedKeys(5, PdfDict.of({}))).toBeNull();
    expect(changedKeys(PdfDict.of({}), 5)).toBeNull();
    expect(changedKeys([1], [2])).toBeNull();
  });
});

describe('referencesIn', () => {
  it('every reference in arrays, dictionaries and a stream dictionary, in order; none in missing values', () => {
    const refs = referencesIn([new PdfRef(1, 0), PdfDict.of({ A: new PdfRef(2, 0), B: [3, new PdfRef(3, 1)] }), stream({ R: new PdfRef(4, 0) }, '5 0 R')]);
    expect(refs.map((ref) => [ref.num, ref.gen])).toEqual([
      [1, 0],
      [2, 0],
      [3, 1],
      [4, 0],
    ]);
    expect(referencesIn(undefined)).toEqual([]);
    expect(referencesIn(null)).toEqual([]);
    expect(referencesIn(name('R'))).toEqual([]);
  });

  it('adds to the list it is given', () => {
    const out = [new PdfRef(9, 0)];
    expect(referencesIn(new PdfRef(1, 0), out)).toBe(out);
    expect(out.map((ref) => ref.num)).toEqual([9, 1]);
  });

  it('follows a value as deep as the parser reads one (MAX_NESTING_DEPTH), no deeper', () => {
    const nested = (levels: number): PdfObject => (levels === 0 ? new PdfRef(7, 0) : [nested(levels - 1)]);
    expect(referencesIn(nested(MAX_NESTING_DEPTH)).map((ref) => ref.num)).toEqual([7]);
    expect(referencesIn(nested(MAX_NESTING_DEPTH + 1))).toEqual([]);
    const inDicts = (levels: number): PdfObject => (levels === 0 ? new PdfRef(7, 0) : PdfDict.of({ K: inDicts(levels - 1) }));
    expect(referencesIn(inDicts(MAX_NESTING_DEPTH)).map((ref) => ref.num)).toEqual([7]);
    expect(referencesIn(inDicts(MAX_NESTING_DEPTH + 1))).toEqual([]);
    // A stream and its dictionary are one level, as the parser counts them.
    const inStreams = (levels: number): PdfObject => (levels === 0 ? new PdfRef(7, 0) : new PdfStream(PdfDict.of({ K: inStreams(levels - 1) }), Buffer.alloc(0)));
    expect(referencesIn(inStreams(MAX_NESTING_DEPTH)).map((ref) => ref.num)).toEqual([7]);
    expect(referencesIn(inStreams(MAX_NESTING_DEPTH + 1))).toEqual([]);
  });
});
