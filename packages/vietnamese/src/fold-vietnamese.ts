/**
 * Vietnamese folding (ARCHITECTURE.md, invariant 7): NFD, drop combining marks, đ/Đ → d, lowercase. The same function runs at
 * index time and at query time, so "dat dai" finds "Đất đai". It lives in JS because the `sqlite3` package cannot
 * register SQL functions, and FTS5's `remove_diacritics` does not fold đ.
 */
export function foldVietnamese(text: string): string {
  if (!NOT_PLAIN_ASCII.test(text)) return text.toLowerCase();
  // Latin letters fold one by one (NFD never moves anything but the marks it drops, and lowercasing Latin needs no
  // context), so a table of single letters gives the same result as the definition, five times faster: a million
  // documents fold three texts each. The letters are gathered as codes and made a string once (adding them to a
  // string one at a time leaves a string per letter for the garbage collector). A text with anything outside the
  // table takes the definition.
  const codes = new Array<number>(text.length);
  let length = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    const folded = code < LATIN_FOLD.length ? LATIN_FOLD[code]! : OUTSIDE;
    if (folded === OUTSIDE) return foldByDefinition(text);
    if (folded !== DROPPED) codes[length++] = folded;
  }
  codes.length = length;
  return length <= MAX_APPLY ? String.fromCharCode.apply(null, codes) : foldByDefinition(text);
}

/** The definition itself; {@link foldVietnamese} must always agree with it (a test checks every Latin letter). */
export function foldByDefinition(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

/** Lowercase with diacritics kept (NFC): the text an "exact diacritics" match is made on. */
export function exactLowercase(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

/** Anything but printable ASCII, tab and line breaks: such text is lowercased and nothing more. */
const NOT_PLAIN_ASCII = /[^\t\n\r -~]/;
/** Basic Latin to Latin Extended-B, the combining marks, and Latin Extended Additional (Vietnamese). */
const LATIN_RANGES: readonly (readonly [number, number])[] = [
  [0x0000, 0x024f],
  [0x0300, 0x036f],
  [0x1e00, 0x1eff],
];
const OUTSIDE = -1;
const DROPPED = -2;
/** Past this many letters a text takes the definition (bounds the arguments of one String.fromCharCode call). */
const MAX_APPLY = 8192;
/**
 * By UTF-16 code unit: the folded letter's code, DROPPED for a mark, OUTSIDE beyond the ranges. Every letter in the
 * ranges folds to at most one code unit (the test over every code unit would catch one that did not).
 */
const LATIN_FOLD: Int32Array = (() => {
  const table = new Int32Array(0x1f00).fill(OUTSIDE);
  for (const [from, to] of LATIN_RANGES) {
    for (let code = from; code <= to; code += 1) {
      const folded = foldByDefinition(String.fromCharCode(code));
      if (folded.length > 1) throw new Error(`foldVietnamese: U+${code.toString(16)} folds to more than one code unit`);
      table[code] = folded.length === 0 ? DROPPED : folded.charCodeAt(0);
    }
  }
  return table;
})();
