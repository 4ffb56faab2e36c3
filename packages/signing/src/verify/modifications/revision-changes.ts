import { PdfDict, PdfName, PdfRef, PdfStream, type PdfObject } from '../../pdf/pdf-objects.js';
import type { PdfReader } from '../../pdf/pdf-reader.js';
import { describeRevision, type ObjectRole, type RevisionRoles } from './object-roles.js';
import { changedKeys, referencesIn, sameObject } from './pdf-object-equality.js';

/**
 * How far a change goes, in pyHanko's order: `lta` (DSS, document timestamps), `formFill` (field values and
 * appearances, new signatures), `annotation` (new non-widget annotations), `other` (anything else: always
 * invalidates).
 */
export type ChangeLevel = 'lta' | 'formFill' | 'annotation' | 'other';

export const LEVEL_ORDER: Record<ChangeLevel, number> = { lta: 1, formFill: 2, annotation: 3, other: 4 };

/** The roles whose every key may change (at their level): only when an object plays no other role. */
const ANY_KEY_ROLES: ReadonlySet<ObjectRole['kind']> = new Set(['dss', 'metadata', 'info']);

export interface NewWidget {
  readonly pageIndex: number;
  readonly rect: readonly number[];
  readonly isSignature: boolean;
  readonly subtype: string;
}

export interface RevisionChange {
  /** 0-based index of the revision that made the change. */
  readonly revisionIndex: number;
  readonly level: ChangeLevel;
  readonly objectNumber: number | null;
  /** The form field the change touches, for FieldMDP locks. */
  readonly fieldName: string | null;
  /** Vietnamese / English. */
  readonly description: string;
  readonly newWidget?: NewWidget;
  readonly pageCountChanged?: boolean;
}

/**
 * Reject-by-default difference analysis of one incremental update (ISO 32000-2 §7.5.6, §12.8.2.2): every object the
 * update defines is compared with the previous revision and judged by the role it played there. A reference that
 * now points at a different, pre-existing object is a change like any other (shadow "hide-and-replace").
 */
export function classifyRevision(reader: PdfReader, revisionIndex: number): RevisionChange[] {
  const before = reader.atRevision(revisionIndex - 1);
  const after = reader.atRevision(revisionIndex);
  const rolesBefore = describeRevision(before);
  const context = new DiffContext(before, after, rolesBefore, revisionIndex);
  const revision = reader.revisions[revisionIndex]!; // atRevision has refused an index past the end
  const numbers = new Set<number>();
  for (const section of revision.sections) for (const num of section.entries.keys()) numbers.add(num);
  // An object still stored in an object stream that this update redefines changes with it, though the update's
  // xref names only the stream: its older entry points at the stream's number, which now reads the new stream.
  for (const num of after.objectNumbers()) {
    const entry = after.entry(num)!;
    if (entry.type === 'compressed' && numbers.has(entry.stream)) numbers.add(num);
  }
  for (const num of [...numbers].sort((a, b) => a - b)) {
    if (num === 0) continue;
    context.checkXrefTarget(num);
    context.classifyObject(num);
  }
  const pagesAfter = describePageCount(after);
  if (pagesAfter !== rolesBefore.pageCount) {
    context.record(
      'other',
      null,
      null,
      `Số trang thay đổi từ ${rolesBefore.pageCount} thành ${pagesAfter}`,
      `the page count changed from ${rolesBefore.pageCount} to ${pagesAfter}`,
      { pageCountChanged: true },
    );
  }
  return context.changes;
}

function describePageCount(reader: PdfReader): number {
  try {
    return reader.pages().length;
  } catch {
    return -1;
  }
}

class DiffContext {
  readonly changes: RevisionChange[] = [];

  constructor(
    private readonly before: PdfReader,
    private readonly after: PdfReader,
    private readonly roles: RevisionRoles,
    private readonly revisionIndex: number,
  ) {}

  record(
    level: ChangeLevel,
    objectNumber: number | null,
    fieldName: string | null,
    vi: string,
    en: string,
    extra: Partial<RevisionChange> = {},
  ): void {
    this.changes.push({
      revisionIndex: this.revisionIndex,
      level,
      objectNumber,
      fieldName,
      description: `${vi} / ${en}`,
      ...extra,
    });
  }

  private existedBefore(num: number): boolean {
    const entry = this.before.entry(num);
    return entry !== undefined && entry.type !== 'free';
  }

  private read(reader: PdfReader, num: number): PdfObject | Error {
    const entry = reader.entry(num);
    if (!entry) return null;
    try {
      // A free entry reads as null.
      return reader.getObject(new PdfRef(num, entry.type === 'offset' ? entry.gen : 0));
    } catch (cause) {
      return cause instanceof Error ? cause : new Error(String(cause));
    }
  }

  /** True when every reference in `value` names an object created by this update. */
  private onlyNewReferences(value: PdfObject | undefined): boolean {
    return referencesIn(value).every((ref) => !this.existedBefore(ref.num));
  }

  /**
   * An update whose xref entry points at bytes that are not `num 0 obj` lets each viewer guess a different object
   * (shadow "hide" variants do exactly this); a lenient reader may even fall back to the old object. Fail closed.
   */
  checkXrefTarget(num: number): void {
    const entry = this.after.entry(num);
    if (!entry || entry.type !== 'offset') return;
    const head = Buffer.from(this.after.source.read(entry.offset, 40)).toString('latin1');
    const match = /^\s*(\d+)\s+(\d+)\s+obj/.exec(head);
    if (!match || Number(match[1]) !== num || Number(match[2]) !== entry.gen) {
      this.record(
        'other',
        num,
        null,
        `Bảng xref của bản cập nhật trỏ đối tượng ${num} tới byte ${entry.offset}, nơi không có đối tượng đó`,
        `the update's xref points object ${num} at byte ${entry.offset}, where that object is not`,
      );
    }
  }

  classifyObject(num: number): void {
    const oldValue = this.read(this.before, num);
    const newValue = this.read(this.after, num);
    if (newValue instanceof Error || oldValue instanceof Error) {
      this.record('other', num, null, `Không đọc được đối tượng ${num}`, `object ${num} is unreadable`);
      return;
    }
    if (!this.existedBefore(num)) {
      if (newValue !== null && this.roles.referenced.has(num)) {
        this.record(
          'other',
          num,
          null,
          `Đối tượng ${num} đã được tham chiếu trước khi ký nhưng chỉ được định nghĩa sau khi ký`,
          `object ${num} was referenced before signing but defined only afterwards`,
        );
      }
      return; // a new object is judged through the (changed) objects that reference it
    }
    if (isStructural(oldValue)) return;
    if (newValue === null) {
      this.record('other', num, null, `Đối tượng ${num} bị xoá sau khi ký`, `object ${num} was deleted after signing`);
      return;
    }
    if (sameObject(oldValue, newValue)) return;
    const allRoles = this.roles.roles.get(num) ?? [];
    // DSS, metadata and /Info take any change of theirs: an object that plays another role as well (a page named in
    // the DSS, or made the /Info) is judged by its other roles only, or any change to it would pass.
    const specific = allRoles.filter((r) => !ANY_KEY_ROLES.has(r.kind));
    const roles = specific.length > 0 ? specific : allRoles;
    // An indirect /Fields or /Annots array has no keys: its items are judged as one change (fieldList, annots).
    const list = Array.isArray(oldValue) && Array.isArray(newValue) && roles.some((r) => r.kind === 'fieldList' || r.kind === 'annots');
    const keys = list ? ['(items)'] : changedKeys(oldValue, newValue);
    if (roles.length === 0 || keys === null) {
      this.record(
        'other',
        num,
        null,
        `Đối tượng ${num} (nội dung trang, tài nguyên, phông chữ…) bị thay đổi sau khi ký`,
        `object ${num} (page content, resources, fonts, …) was changed after signing`,
      );
      return;
    }
    const oldDict = dictOf(oldValue);
    const newDict = dictOf(newValue);
    for (const key of keys) {
      let best: { level: ChangeLevel; fieldName: string | null } | null = null;
      for (const role of roles) {
        const judged = this.judgeKey(role, key, oldDict?.get(key), newDict?.get(key), num);
        if (judged && (!best || LEVEL_ORDER[judged.level] < LEVEL_ORDER[best.level])) best = judged;
      }
      const roleNames = roles.map((r) => r.kind).join(', ');
      if (!best) {
        this.record(
          'other',
          num,
          fieldNameOf(roles),
          `Khoá /${key} của đối tượng ${num} (${roleNames}) bị thay đổi sau khi ký`,
          `/${key} of object ${num} (${roleNames}) was changed after signing`,
        );
      } else {
        this.record(
          best.level,
          num,
          best.fieldName,
          `Khoá /${key} của đối tượng ${num} (${roleNames}) được cập nhật`,
          `/${key} of object ${num} (${roleNames}) was updated`,
        );
      }
    }
  }

  /** The level at which changing `key` of an object with `role` is acceptable, or null when it never is. */
  private judgeKey(
    role: ObjectRole,
    key: string,
    oldValue: PdfObject | undefined,
    newValue: PdfObject | undefined,
    num: number,
  ): { level: ChangeLevel; fieldName: string | null } | null {
    const at = (level: ChangeLevel | null, fieldName: string | null = null) => (level ? { level, fieldName } : null);
    switch (role.kind) {
      case 'catalog':
        // A changed /DSS key names another object: only a new one is allowed.
        if (key === 'DSS') return at(this.onlyNewReferences(newValue) ? 'lta' : null);
        if (key === 'Extensions') return at('lta');
        if (key === 'Metadata') return at(this.onlyNewReferences(newValue) ? 'formFill' : null);
        if (key === 'AcroForm') return at(this.newAcroForm(oldValue, newValue));
        return null;
      case 'acroForm':
        if (key === 'Fields') return at(this.fieldListChange(oldValue, newValue));
        if (key === 'SigFlags' || key === 'DR' || key === 'DA') return at('formFill');
        return null;
      case 'fieldList':
        return at(this.fieldListChange(this.before.getObject(new PdfRef(num, 0)), this.after.getObject(new PdfRef(num, 0))));
      case 'field':
        if (key === 'V') {
          if (role.isSignature) {
            if (oldValue !== undefined && oldValue !== null) return null; // replacing a signature
            return at(newValue instanceof PdfRef && !this.existedBefore(newValue.num) ? this.signatureLevel(newValue) : null, role.name);
          }
          return at(this.onlyNewReferences(newValue) ? 'formFill' : null, role.name);
        }
        if (key === 'AS' || key === 'MK') return at('formFill', role.name);
        if (key === 'F' && role.isSignature) return at('formFill', role.name);
        if (key === 'AP') return at(this.onlyNewReferences(newValue) ? 'formFill' : null, role.name);
        return null;
      case 'widget':
        if (key === 'AS' || key === 'MK') return at('formFill', role.fieldName);
        // Signing tools (Adobe) set the print flag on the widget of the field they sign.
        if (key === 'F' && role.isSignature) return at('formFill', role.fieldName);
        if (key === 'AP') return at(this.onlyNewReferences(newValue) ? 'formFill' : null, role.fieldName);
        return null;
      case 'appearance':
        // Pointing an appearance at an object that existed before is a reference swap (shadow hide-and-replace).
        if (key !== '(data)' && !this.onlyNewReferences(newValue)) return null;
        return at(this.appearanceOnlyUsedBy(num, role.fieldName) ? 'formFill' : null, role.fieldName);
      case 'page':
        if (key === 'Annots') return at(this.annotationsChange(oldValue, newValue, role.pageIndex));
        return null;
      case 'annots':
        return at(
          this.annotationsChange(this.before.getObject(new PdfRef(num, 0)), this.after.getObject(new PdfRef(num, 0)), role.pageIndex),
        );
      case 'dss':
        return at('lta');
      case 'metadata':
      case 'info':
        return at('formFill');
      default:
        return null;
    }
  }

  private signatureLevel(valueRef: PdfRef): ChangeLevel {
    const value = this.after.resolveDict(valueRef);
    return value?.getName('Type') === 'DocTimeStamp' ? 'lta' : 'formFill';
  }

  /** A different AcroForm must keep every old field (none when there was none) and add only new signature fields. */
  private newAcroForm(oldValue: PdfObject | undefined, newValue: PdfObject | undefined): ChangeLevel | null {
    const oldFields = this.before.resolve(this.before.resolveDict(oldValue)?.get('Fields'));
    const newFields = this.after.resolve(this.after.resolveDict(newValue)?.get('Fields'));
    return this.fieldListChange(oldFields, newFields);
  }

  /** Old fields must all stay; added ones must be new signature fields. */
  private fieldListChange(oldValue: PdfObject | undefined, newValue: PdfObject | undefined): ChangeLevel | null {
    const oldList = this.before.resolve(oldValue);
    const newList = this.after.resolve(newValue);
    if (!Array.isArray(newList)) return null;
    const oldRefs = Array.isArray(oldList) ? oldList.filter((o): o is PdfRef => o instanceof PdfRef) : [];
    const newRefs = newList.filter((o): o is PdfRef => o instanceof PdfRef);
    if (!oldRefs.every((ref) => newRefs.some((other) => other.equals(ref)))) return null;
    let level: ChangeLevel = 'lta';
    for (const ref of newRefs) {
      if (oldRefs.some((other) => other.equals(ref))) continue;
      if (this.existedBefore(ref.num)) return null;
      const field = this.after.resolveDict(ref);
      if (!field || field.getName('FT') !== 'Sig') return null;
      const value = field.get('V');
      if (value instanceof PdfRef && this.existedBefore(value.num)) return null; // shows an older signature again
      // An empty signature field or a document timestamp is lta; a new signature makes the list form filling.
      if (value instanceof PdfRef && this.signatureLevel(value) === 'formFill') level = 'formFill';
    }
    return level;
  }

  /** Annotations may only be added, and only as new objects; new widgets are recorded for the overlap warning. */
  private annotationsChange(oldValue: PdfObject | undefined, newValue: PdfObject | undefined, pageIndex: number): ChangeLevel | null {
    const oldList = this.before.resolve(oldValue);
    const newList = this.after.resolve(newValue);
    const oldRefs = Array.isArray(oldList) ? oldList : [];
    if (newValue !== undefined && !Array.isArray(newList)) return null;
    const newItems = Array.isArray(newList) ? newList : [];
    if (!oldRefs.every((item) => newItems.some((other) => sameObject(item, other)))) return null;
    let level: ChangeLevel = 'lta';
    for (const item of newItems) {
      if (oldRefs.some((other) => sameObject(item, other))) continue;
      if (!(item instanceof PdfRef) || this.existedBefore(item.num)) return null;
      const annotation = this.after.resolveDict(item);
      if (!annotation) return null;
      const subtype = annotation.getName('Subtype') ?? '?';
      const field = subtype === 'Widget' ? this.owningField(annotation) : undefined;
      const isSignature = field?.getName('FT') === 'Sig';
      const rectObject = this.after.resolve(annotation.get('Rect'));
      const rect = Array.isArray(rectObject) ? rectObject.filter((v): v is number => typeof v === 'number') : [];
      this.record(
        'lta',
        item.num,
        null,
        `Thêm chú thích ${subtype} mới ở trang ${pageIndex + 1}`,
        `a new ${subtype} annotation was added on page ${pageIndex + 1}`,
        { newWidget: { pageIndex, rect, isSignature, subtype } },
      );
      let itemLevel: ChangeLevel;
      if (subtype === 'Widget') {
        if (!isSignature) return null; // a new non-signature form field is more than form filling
        const value = field?.get('V');
        if (value instanceof PdfRef && this.existedBefore(value.num)) return null; // shows an older signature again
        itemLevel = value instanceof PdfRef ? this.signatureLevel(value) : 'lta';
      } else {
        itemLevel = 'annotation';
      }
      if (LEVEL_ORDER[itemLevel] > LEVEL_ORDER[level]) level = itemLevel;
    }
    return level;
  }

  private owningField(widget: PdfDict): PdfDict | undefined {
    let current: PdfDict | undefined = widget;
    for (let i = 0; i < 32 && current; i++) {
      if (current.has('FT')) return current;
      current = this.after.resolveDict(current.get('Parent'));
    }
    return undefined;
  }

  /** An existing appearance stream may be rewritten only when nothing but that field's widget uses it. */
  private appearanceOnlyUsedBy(num: number, fieldName: string): boolean {
    const referrers = this.roles.referrers.get(num) ?? new Set<number>();
    for (const referrer of referrers) {
      const roles = this.roles.roles.get(referrer) ?? [];
      const ownedByField = roles.some(
        (role) =>
          (role.kind === 'appearance' && role.fieldName === fieldName) ||
          (role.kind === 'widget' && role.fieldName === fieldName) ||
          (role.kind === 'field' && role.name === fieldName),
      );
      if (!ownedByField) return false;
    }
    return referrers.size > 0;
  }
}

function isStructural(value: PdfObject): boolean {
  if (!(value instanceof PdfStream)) return false;
  const type = value.dict.get('Type');
  return type instanceof PdfName && (type.name === 'XRef' || type.name === 'ObjStm');
}

function dictOf(value: PdfObject): PdfDict | undefined {
  return value instanceof PdfDict ? value : value instanceof PdfStream ? value.dict : undefined;
}

function fieldNameOf(roles: readonly ObjectRole[]): string | null {
  for (const role of roles) {
    if (role.kind === 'field') return role.name;
    if (role.kind === 'widget' || role.kind === 'appearance') return role.fieldName;
  }
  return null;
}
