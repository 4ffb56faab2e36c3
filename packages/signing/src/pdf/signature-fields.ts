import type { PdfReader } from './pdf-reader.js';
import type { PdfDict} from './pdf-objects.js';
import { PdfName, PdfRef, PdfString, type FileSpan, type PdfObject } from './pdf-objects.js';

export interface SignatureWidget {
  readonly ref: PdfRef | undefined;
  readonly dict: PdfDict;
  /** The page the widget says it is on (/P), if any. */
  readonly pageRef: PdfRef | undefined;
  readonly rect: readonly number[] | undefined;
}

/** A signature field and, when signed, its signature dictionary (/V) as raw facts for the verifier to judge. */
export interface SignatureField {
  /** Fully qualified name (parent names joined with "."). */
  readonly name: string;
  readonly ref: PdfRef | undefined;
  readonly dict: PdfDict;
  readonly widgets: readonly SignatureWidget[];
  /** False for a /FT /Sig widget found on a page but not reachable from /AcroForm /Fields. */
  readonly inAcroForm: boolean;
  readonly valueRef: PdfRef | undefined;
  /** The signature dictionary, when the field is signed. */
  readonly value: PdfDict | undefined;
  /** File offset of the signature dictionary's `N G obj` (when stored uncompressed). */
  readonly valueOffset: number | undefined;
  /** /ByteRange as written: raw numbers, unvalidated (use parseByteRange). Undefined if missing or not numbers. */
  readonly byteRange: readonly number[] | undefined;
  /** /Contents bytes and, when read straight from the file, the span of its hex string (`<` … `>`). */
  readonly contents: { readonly bytes: Uint8Array; readonly span: FileSpan | undefined; readonly hex: boolean } | undefined;
  /** /Lock (SigFieldLock) of the field, if any. */
  readonly lock: PdfDict | undefined;
}

const text = (o: PdfObject | undefined): string | undefined => (o instanceof PdfString ? o.toText() : undefined);

/** Every signature field of the document (AcroForm first, then stray /Sig widgets on pages). */
export function signatureFields(reader: PdfReader): SignatureField[] {
  const found: SignatureField[] = [];
  const seen = new Set<string>();
  const visit = (obj: PdfObject, parentName: string, inheritedFt: string | undefined, inAcroForm: boolean, depth: number): void => {
    if (depth > 32) return;
    const ref = obj instanceof PdfRef ? obj : undefined;
    if (ref) {
      if (seen.has(ref.key)) return;
      seen.add(ref.key);
    }
    const dict = reader.resolveDict(obj);
    if (!dict) return;
    const partial = text(reader.resolve(dict.get('T')));
    const name = partial === undefined ? parentName : parentName ? `${parentName}.${partial}` : partial;
    const ft = reader.resolve(dict.get('FT'));
    const fieldType = ft instanceof PdfName ? ft.name : inheritedFt;
    const kids = reader.resolve(dict.get('Kids'));
    const kidFields = Array.isArray(kids)
      ? kids.filter((k) => reader.resolveDict(k)?.has('T') || reader.resolveDict(k)?.has('Kids'))
      : [];
    if (kidFields.length > 0) {
      for (const kid of kidFields) visit(kid, name, fieldType, inAcroForm, depth + 1);
      return;
    }
    if (fieldType !== 'Sig') return;
    const widgets: SignatureWidget[] = [];
    const widgetObjs = Array.isArray(kids) && kids.length > 0 ? kids : [obj];
    for (const w of widgetObjs) {
      const wd = reader.resolveDict(w);
      if (!wd) continue;
      const rect = reader.resolve(wd.get('Rect'));
      const p = wd.get('P');
      widgets.push({
        ref: w instanceof PdfRef ? w : undefined,
        dict: wd,
        pageRef: p instanceof PdfRef ? p : undefined,
        rect: Array.isArray(rect) ? rect.map((v) => reader.resolve(v)).filter((v): v is number => typeof v === 'number') : undefined,
      });
    }
    const v = dict.get('V');
    const valueRef = v instanceof PdfRef ? v : undefined;
    const value = reader.resolveDict(v);
    const br = value ? reader.resolve(value.get('ByteRange')) : undefined;
    const byteRange = Array.isArray(br) && br.every((x) => typeof x === 'number') ? (br as number[]) : undefined;
    const c = value?.get('Contents');
    const contents = c instanceof PdfString ? { bytes: c.bytes, span: c.span, hex: c.hex } : undefined;
    found.push({
      name,
      ref,
      dict,
      widgets,
      inAcroForm,
      valueRef,
      value,
      valueOffset: valueRef ? reader.objectOffset(valueRef) : undefined,
      byteRange,
      contents,
      lock: reader.resolveDict(dict.get('Lock')),
    });
  };
  const acroForm = reader.acroForm;
  const fields = reader.resolve(acroForm?.get('Fields'));
  if (Array.isArray(fields)) for (const f of fields) visit(f, '', undefined, true, 0);
  for (const page of reader.pages()) {
    const annots = reader.resolve(page.dict.get('Annots'));
    if (!Array.isArray(annots)) continue;
    for (const a of annots) {
      const ad = reader.resolveDict(a);
      if (!ad || ad.getName('Subtype') !== 'Widget') continue;
      if (a instanceof PdfRef && seen.has(a.key)) continue;
      // Walk up to the field that owns this widget.
      let top: PdfObject = a;
      let topDict = ad;
      for (let i = 0; i < 32 && topDict.get('Parent'); i++) {
        const parent: PdfObject = topDict.get('Parent')!;
        const pd = reader.resolveDict(parent);
        if (!pd) break;
        top = parent;
        topDict = pd;
      }
      if (top instanceof PdfRef && seen.has(top.key)) continue;
      visit(top, '', undefined, false, 0);
    }
  }
  return found;
}
