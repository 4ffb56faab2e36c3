/**
 * Vietnamese folding (DESIGN.md §2.9): NFD, drop combining marks, đ/Đ → d, lowercase. The same function runs at
 * index time and at query time, so "dat dai" finds "Đất đai". It lives in JS because the `sqlite3` package cannot
 * register SQL functions, and FTS5's `remove_diacritics` does not fold đ.
 */
export function foldVietnamese(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

/** Lowercase with diacritics kept (NFC): the text an "exact diacritics" match is made on. */
export function exactLowercase(text: string): string {
  return text.normalize('NFC').toLowerCase();
}
