import { SigningError } from '../signing-error.js';
import type { IncrementalWriter } from '../pdf/incremental-writer.js';
import type { PdfReader } from '../pdf/pdf-reader.js';
import { PdfDict, PdfRef, PdfString, type PdfObject } from '../pdf/pdf-objects.js';

/**
 * Edits of the form structure inside one incremental update. Every change goes through writer.current(), so that
 * several edits in the same update (seal: fill fields + add the signature field) build on each other.
 */
export class FormEditor {
  readonly reader: PdfReader;
  readonly writer: IncrementalWriter;

  constructor(reader: PdfReader, writer: IncrementalWriter) {
    this.reader = reader;
    this.writer = writer;
  }

  dict(ref: PdfRef): PdfDict {
    const o = this.writer.current(ref);
    const d = this.reader.resolveDict(o);
    if (!d) throw new SigningError('PDF_MALFORMED', `Đối tượng ${ref.num} không phải từ điển / object ${ref.num} is not a dictionary`);
    return d;
  }

  /** Like reader.resolve, but sees the versions this update has already changed. */
  resolveCurrent(obj: PdfObject | undefined): PdfObject {
    return obj instanceof PdfRef ? this.reader.resolve(this.writer.current(obj)) : (obj ?? null);
  }

  /** Adds a field to /AcroForm /Fields (creating the AcroForm if needed) and merges `settings` into the AcroForm. */
  addToAcroForm(fieldRef: PdfRef, settings: Record<string, PdfObject> = {}): void {
    const catalogRef = this.reader.catalogRef;
    const catalog = this.dict(catalogRef);
    const current = catalog.get('AcroForm');
    const apply = (form: PdfDict): PdfDict => {
      const next = form.clone();
      const fields = next.get('Fields');
      if (fields instanceof PdfRef) {
        const list = this.reader.resolve(this.writer.current(fields));
        this.writer.set(fields, [...(Array.isArray(list) ? list : []), fieldRef]);
      } else {
        next.set('Fields', [...(Array.isArray(fields) ? fields : []), fieldRef]);
      }
      for (const [k, v] of Object.entries(settings)) next.set(k, v);
      return next;
    };
    if (current instanceof PdfRef) {
      this.writer.set(current, apply(this.dict(current)));
    } else {
      const formRef = this.writer.add(apply(current instanceof PdfDict ? current : new PdfDict()));
      this.writer.set(catalogRef, catalog.clone().set('AcroForm', formRef));
    }
  }

  /** Appends an annotation to a page's /Annots (the page or its indirect /Annots array gets a new version). */
  addAnnotation(pageRef: PdfRef, annotRef: PdfRef): void {
    const page = this.dict(pageRef);
    const annots = page.get('Annots');
    if (annots instanceof PdfRef) {
      const list = this.reader.resolve(this.writer.current(annots));
      this.writer.set(annots, [...(Array.isArray(list) ? list : []), annotRef]);
    } else {
      this.writer.set(pageRef, page.clone().set('Annots', [...(Array.isArray(annots) ? annots : []), annotRef]));
    }
  }

  /** All terminal fields by fully qualified name, with the object that holds each one's value. */
  fieldsByName(): Map<string, { ref: PdfRef; dict: PdfDict; widgets: PdfRef[] }> {
    const out = new Map<string, { ref: PdfRef; dict: PdfDict; widgets: PdfRef[] }>();
    const form = this.resolveCurrent(this.dict(this.reader.catalogRef).get('AcroForm'));
    const fields = form instanceof PdfDict ? this.resolveCurrent(form.get('Fields')) : null;
    const visit = (obj: PdfObject, parent: string, depth: number): void => {
      if (!(obj instanceof PdfRef) || depth > 32) return;
      const dict = this.dict(obj);
      const t = this.reader.resolve(dict.get('T'));
      const name = t instanceof PdfString ? (parent ? `${parent}.${t.toText()}` : t.toText()) : parent;
      const kids = this.reader.resolve(dict.get('Kids'));
      const kidRefs = Array.isArray(kids) ? kids.filter((k): k is PdfRef => k instanceof PdfRef) : [];
      const kidFields = kidRefs.filter((k) => this.dict(k).has('T'));
      if (kidFields.length > 0) {
        for (const k of kidFields) visit(k, name, depth + 1);
        return;
      }
      out.set(name, { ref: obj, dict, widgets: kidRefs.length > 0 ? kidRefs : [obj] });
    };
    if (Array.isArray(fields)) for (const f of fields) visit(f, '', 0);
    return out;
  }
}
