import type { PdfDict} from '../../pdf/pdf-objects.js';
import { PdfName, PdfString, type PdfObject } from '../../pdf/pdf-objects.js';
import type { PdfReader } from '../../pdf/pdf-reader.js';
import type { SignatureField } from '../../pdf/signature-fields.js';

export type DocMdpLevel = 1 | 2 | 3;

/** Which fields a signature locks (FieldMDP transform or the field's /Lock, i.e. SigFieldLock). */
export type FieldLock = (fieldName: string) => boolean;

export interface SignaturePermissions {
  /** The P value when this signature is a certification (DocMDP) signature, else null. */
  readonly docMdp: DocMdpLevel | null;
  readonly locks: readonly FieldLock[];
}

/** Reads DocMDP (check 22) and FieldMDP / SigFieldLock (check 23) declarations of one signature. */
export function readSignaturePermissions(reader: PdfReader, field: SignatureField): SignaturePermissions {
  let docMdp: DocMdpLevel | null = null;
  const locks: FieldLock[] = [];
  const references = reader.resolve(field.value?.get('Reference'));
  if (Array.isArray(references)) {
    for (const item of references) {
      const reference = reader.resolveDict(item);
      if (!reference) continue;
      const method = reader.resolve(reference.get('TransformMethod'));
      const params = reader.resolveDict(reference.get('TransformParams'));
      if (method instanceof PdfName && method.name === 'DocMDP') {
        const p = params ? reader.resolve(params.get('P')) : undefined;
        docMdp = p === 1 || p === 3 ? p : 2; // ISO 32000: /P defaults to 2
      }
      if (method instanceof PdfName && method.name === 'FieldMDP' && params) locks.push(lockFrom(reader, params));
    }
  }
  if (field.lock) locks.push(lockFrom(reader, field.lock));
  return { docMdp, locks };
}

function lockFrom(reader: PdfReader, dict: PdfDict): FieldLock {
  const action = reader.resolve(dict.get('Action'));
  const fieldsObject = reader.resolve(dict.get('Fields'));
  const names = new Set(
    (Array.isArray(fieldsObject) ? fieldsObject : [])
      .map((o: PdfObject) => reader.resolve(o))
      .filter((o): o is PdfString => o instanceof PdfString)
      .map((s) => s.toText()),
  );
  const inList = (name: string): boolean => [...names].some((n) => name === n || name.startsWith(`${n}.`));
  const kind = action instanceof PdfName ? action.name : 'All';
  if (kind === 'Include') return inList;
  if (kind === 'Exclude') return (name) => !inList(name);
  return () => true;
}

/** The signature dictionary that the catalog's /Perms /DocMDP names, if any (to confirm a certification). */
export function certificationDictionary(reader: PdfReader): PdfDict | undefined {
  const perms = reader.resolveDict(reader.catalog.get('Perms'));
  return perms ? reader.resolveDict(perms.get('DocMDP')) : undefined;
}
