import { MAX_NESTING_DEPTH } from '../../pdf/decode-limits.js';
import { PdfDict, PdfName, PdfRef, PdfStream, PdfString, type PdfObject } from '../../pdf/pdf-objects.js';

/** Structural equality of two PDF values; references compare by number and generation (never by target). */
export function sameObject(a: PdfObject | undefined, b: PdfObject | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameObject(item, b[i]));
  }
  if (a instanceof PdfRef) return b instanceof PdfRef && a.equals(b);
  if (a instanceof PdfName) return b instanceof PdfName && a.name === b.name;
  if (a instanceof PdfString) return b instanceof PdfString && Buffer.from(a.bytes).equals(Buffer.from(b.bytes));
  if (a instanceof PdfStream) {
    return b instanceof PdfStream && sameObject(a.dict, b.dict) && Buffer.from(a.raw).equals(Buffer.from(b.raw));
  }
  if (a instanceof PdfDict) {
    if (!(b instanceof PdfDict) || a.entries.size !== b.entries.size) return false;
    for (const [key, value] of a.entries) if (!sameObject(value, b.get(key))) return false;
    return true;
  }
  return false;
}

/** Keys whose values differ between two dictionaries (or streams; `(data)` stands for the stream bytes). */
export function changedKeys(before: PdfObject, after: PdfObject): string[] | null {
  const dictOf = (o: PdfObject): PdfDict | null => (o instanceof PdfDict ? o : o instanceof PdfStream ? o.dict : null);
  const a = dictOf(before);
  const b = dictOf(after);
  if (!a || !b || before instanceof PdfStream !== after instanceof PdfStream) return null;
  const keys = new Set([...a.keys(), ...b.keys()]);
  const changed = [...keys].filter((key) => !sameObject(a.get(key), b.get(key)));
  if (before instanceof PdfStream && after instanceof PdfStream && !Buffer.from(before.raw).equals(Buffer.from(after.raw))) {
    changed.push('(data)');
  }
  return changed;
}

/**
 * Every reference inside a value (not following them), as deep as the parser reads values: a reference nested deeper
 * than this looked would go unseen, and "only new references" would let an update point at an older object.
 */
export function referencesIn(obj: PdfObject | undefined, out: PdfRef[] = [], depth = 0): PdfRef[] {
  if (depth > MAX_NESTING_DEPTH || obj === undefined || obj === null) return out;
  if (obj instanceof PdfRef) out.push(obj);
  else if (Array.isArray(obj)) for (const item of obj) referencesIn(item, out, depth + 1);
  else if (obj instanceof PdfDict) for (const value of obj.entries.values()) referencesIn(value, out, depth + 1);
  else if (obj instanceof PdfStream) referencesIn(obj.dict, out, depth); // its own dictionary: one level, as the parser counts
  return out;
}
