import { PdfDict, PdfName, PdfRef, PdfStream, PdfString, type PdfObject } from '../../pdf/pdf-objects.js';
import { MAX_NESTING_DEPTH } from '../../pdf/decode-limits.js';
import type { PdfReader } from '../../pdf/pdf-reader.js';

/** What an object of a revision is for: the change rules depend on it. An object may play several roles. */
export type ObjectRole =
  | { readonly kind: 'catalog' }
  | { readonly kind: 'pageTree' }
  | { readonly kind: 'page'; readonly pageIndex: number }
  | { readonly kind: 'annots'; readonly pageIndex: number }
  | { readonly kind: 'acroForm' }
  | { readonly kind: 'fieldList' }
  | { readonly kind: 'field'; readonly name: string; readonly isSignature: boolean }
  | { readonly kind: 'widget'; readonly fieldName: string; readonly isSignature: boolean }
  | { readonly kind: 'appearance'; readonly fieldName: string }
  | { readonly kind: 'signatureValue'; readonly fieldName: string }
  | { readonly kind: 'dss' }
  | { readonly kind: 'metadata' }
  | { readonly kind: 'info' };

export interface RevisionRoles {
  readonly roles: ReadonlyMap<number, readonly ObjectRole[]>;
  /** Object number → numbers of the objects that reference it (-1 = the trailer). */
  readonly referrers: ReadonlyMap<number, ReadonlySet<number>>;
  /** Object numbers referenced somewhere, whether or not they exist (dangling references matter too). */
  readonly referenced: ReadonlySet<number>;
  readonly pageCount: number;
}

const MAX_OBJECTS = 500_000;

/** Assigns roles to the objects of one revision and records who references whom. */
export function describeRevision(reader: PdfReader): RevisionRoles {
  const roles = new Map<number, ObjectRole[]>();
  const add = (obj: PdfObject | undefined, role: ObjectRole): void => {
    if (!(obj instanceof PdfRef)) return;
    const list = roles.get(obj.num) ?? [];
    list.push(role);
    roles.set(obj.num, list);
  };
  const { referrers, referenced } = walkReferences(reader);

  add(reader.trailer.get('Root'), { kind: 'catalog' });
  add(reader.trailer.get('Info'), { kind: 'info' });
  const catalog = reader.catalog;
  add(catalog.get('Metadata'), { kind: 'metadata' });
  describeDss(reader, catalog.get('DSS'), add);
  describePageTree(reader, catalog.get('Pages'), add);
  const pages = safePages(reader);
  pages.forEach((page, pageIndex) => {
    add(page.ref, { kind: 'page', pageIndex });
    add(page.dict.get('Annots'), { kind: 'annots', pageIndex });
  });
  const acroFormRef = catalog.get('AcroForm');
  add(acroFormRef, { kind: 'acroForm' });
  const acroForm = reader.resolveDict(acroFormRef);
  if (acroForm) {
    add(acroForm.get('Fields'), { kind: 'fieldList' });
    const fields = reader.resolve(acroForm.get('Fields'));
    if (Array.isArray(fields)) for (const field of fields) describeField(reader, field, '', undefined, add, new Set(), 0);
  }
  return { roles, referrers, referenced, pageCount: pages.length };
}

function safePages(reader: PdfReader): ReturnType<PdfReader['pages']> {
  try {
    return reader.pages();
  } catch {
    return [];
  }
}

function describePageTree(
  reader: PdfReader,
  node: PdfObject | undefined,
  add: (obj: PdfObject | undefined, role: ObjectRole) => void,
  seen = new Set<number>(),
): void {
  if (!(node instanceof PdfRef) || seen.has(node.num)) return;
  seen.add(node.num);
  const dict = reader.resolveDict(node);
  if (!dict || dict.getName('Type') === 'Page') return;
  add(node, { kind: 'pageTree' });
  add(dict.get('Kids'), { kind: 'pageTree' });
  const kids = reader.resolve(dict.get('Kids'));
  if (Array.isArray(kids)) for (const kid of kids) describePageTree(reader, kid, add, seen);
}

function describeDss(
  reader: PdfReader,
  dssRef: PdfObject | undefined,
  add: (obj: PdfObject | undefined, role: ObjectRole) => void,
): void {
  add(dssRef, { kind: 'dss' });
  const dss = reader.resolveDict(dssRef);
  if (!dss) return;
  for (const key of ['Certs', 'OCSPs', 'CRLs', 'VRI']) {
    const value = dss.get(key);
    add(value, { kind: 'dss' });
    const resolved = reader.resolve(value);
    const items = Array.isArray(resolved) ? resolved : resolved instanceof PdfDict ? [...resolved.entries.values()] : [];
    for (const item of items) {
      add(item, { kind: 'dss' });
      const vri = reader.resolveDict(item);
      if (key === 'VRI' && vri) for (const inner of vri.entries.values()) add(inner, { kind: 'dss' });
    }
  }
}

function describeField(
  reader: PdfReader,
  obj: PdfObject,
  parentName: string,
  inheritedType: string | undefined,
  add: (obj: PdfObject | undefined, role: ObjectRole) => void,
  seen: Set<number>,
  depth: number,
): void {
  if (depth > 32) return;
  if (obj instanceof PdfRef) {
    if (seen.has(obj.num)) return;
    seen.add(obj.num);
  }
  const dict = reader.resolveDict(obj);
  if (!dict) return;
  const partial = reader.resolve(dict.get('T'));
  const name =
    partial instanceof PdfString ? (parentName ? `${parentName}.${partial.toText()}` : partial.toText()) : parentName;
  const typeObject = reader.resolve(dict.get('FT'));
  const fieldType = typeObject instanceof PdfName ? typeObject.name : inheritedType;
  const isSignature = fieldType === 'Sig';
  const isField = partial instanceof PdfString || dict.has('FT') || dict.has('Kids');
  if (isField) add(obj, { kind: 'field', name, isSignature });
  if (dict.getName('Subtype') === 'Widget' || !isField) {
    add(obj, { kind: 'widget', fieldName: name, isSignature });
  }
  if (dict.has('AP')) describeAppearance(reader, dict.get('AP'), name, add);
  if (isSignature && dict.get('V') instanceof PdfRef) add(dict.get('V'), { kind: 'signatureValue', fieldName: name });
  const kids = reader.resolve(dict.get('Kids'));
  if (Array.isArray(kids)) {
    add(dict.get('Kids'), { kind: 'field', name, isSignature });
    for (const kid of kids) describeField(reader, kid, name, fieldType, add, seen, depth + 1);
  }
}

function describeAppearance(
  reader: PdfReader,
  ap: PdfObject | undefined,
  fieldName: string,
  add: (obj: PdfObject | undefined, role: ObjectRole) => void,
): void {
  add(ap, { kind: 'appearance', fieldName });
  const dict = reader.resolveDict(ap);
  if (!dict) return;
  for (const state of dict.entries.values()) {
    add(state, { kind: 'appearance', fieldName });
    const resolved = reader.resolve(state);
    if (resolved instanceof PdfDict) for (const stream of resolved.entries.values()) add(stream, { kind: 'appearance', fieldName });
  }
}

/**
 * Breadth-first walk over every object reachable from the trailer (stream data is not parsed, only dicts). Values are
 * followed as deep as the parser reads them: a reference it read but the walk skipped would be a dangling reference
 * that a later update could define unseen.
 */
function walkReferences(reader: PdfReader): {
  referrers: Map<number, Set<number>>;
  referenced: Set<number>;
} {
  const referrers = new Map<number, Set<number>>();
  const referenced = new Set<number>();
  const queue: PdfRef[] = [];
  const visited = new Set<number>();
  const collect = (obj: PdfObject | undefined, from: number, depth = 0): void => {
    if (depth > MAX_NESTING_DEPTH || obj === undefined || obj === null) return;
    if (obj instanceof PdfRef) {
      referenced.add(obj.num);
      const set = referrers.get(obj.num) ?? new Set<number>();
      set.add(from);
      referrers.set(obj.num, set);
      if (!visited.has(obj.num)) {
        visited.add(obj.num);
        queue.push(obj);
      }
    } else if (Array.isArray(obj)) {
      for (const item of obj) collect(item, from, depth + 1);
    } else if (obj instanceof PdfDict) {
      for (const value of obj.entries.values()) collect(value, from, depth + 1);
    } else if (obj instanceof PdfStream) {
      collect(obj.dict, from, depth); // the stream's own dictionary: one level as the parser counts
    }
  };
  collect(reader.trailer, -1);
  for (let next = 0; next < queue.length && next < MAX_OBJECTS; next++) {
    const ref = queue[next] as PdfRef;
    let value: PdfObject;
    try {
      value = reader.getObject(ref);
    } catch {
      continue;
    }
    collect(value, ref.num);
  }
  return { referrers, referenced };
}
