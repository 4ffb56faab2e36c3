import { PdfDict, PdfRef, PdfStream, type PdfObject } from '../../pdf/pdf-objects.js';
import type { PdfReader } from '../../pdf/pdf-reader.js';
import { boxArea, containsPoint, intersectionArea, normalizeBox, scanContent, type ContentMark } from './content-stream-scan.js';
import { describeRevision } from './object-roles.js';
import { warning, type VerifyProblem } from '../report/verify-problem.js';

const MAX_CONTENT_BYTES = 4 * 1024 * 1024;

/**
 * Shadow-attack pre-checks (hide, replace, hide-and-replace) on the revision each signature covers: content signed but
 * hidden, ready to be revealed or swapped in by a harmless-looking update. Warnings only: none of this is proof.
 * Looks for: unused page or content objects, images painted over text, form fields on top of page text, and
 * form fields stacked on each other.
 */
export function detectShadowSuspects(reader: PdfReader, revisions: readonly (number | null)[]): Map<number, VerifyProblem[]> {
  const byRevision = new Map<number, VerifyProblem[]>();
  const result = new Map<number, VerifyProblem[]>();
  revisions.forEach((revision, index) => {
    if (revision === null) return;
    let found = byRevision.get(revision);
    if (!found) {
      try {
        found = suspectsIn(reader.atRevision(revision));
      } catch {
        found = [];
      }
      byRevision.set(revision, found);
    }
    if (found.length > 0) result.set(index, found);
  });
  return result;
}

function suspectsIn(reader: PdfReader): VerifyProblem[] {
  const problems: VerifyProblem[] = [];
  problems.push(...unusedContent(reader));
  reader.pages().forEach((page, pageIndex) => {
    const marks = pageMarks(reader, page.dict);
    const pageArea = boxArea(page.mediaBox);
    const texts = marks.filter((m) => m.kind === 'text');
    for (const image of marks.filter((m) => m.kind === 'image')) {
      const hidden = texts.filter((t) => t.order < image.order && containsPoint(image.box, t.box[0], t.box[1]));
      if (hidden.length > 0 && boxArea(image.box) >= pageArea * 0.3) {
        problems.push(
          suspect(
            `Trang ${pageIndex + 1}: ảnh /${image.name ?? '?'} được vẽ đè lên ${hidden.length} dòng chữ`,
            `page ${pageIndex + 1}: image /${image.name ?? '?'} is painted over ${hidden.length} text run(s)`,
          ),
        );
      }
    }
    const widgets = fieldWidgets(reader, page.dict);
    for (const widget of widgets) {
      const covered = texts.filter((t) => containsPoint(widget.rect, t.box[0], t.box[1]));
      if (covered.length > 0) {
        problems.push(
          suspect(
            `Trang ${pageIndex + 1}: ô biểu mẫu "${widget.name}" nằm đè lên chữ của trang`,
            `page ${pageIndex + 1}: form field "${widget.name}" lies on top of page text`,
          ),
        );
      }
    }
    for (let i = 0; i < widgets.length; i++) {
      for (let j = i + 1; j < widgets.length; j++) {
        const a = widgets[i] as FieldWidget;
        const b = widgets[j] as FieldWidget;
        const overlap = intersectionArea(a.rect, b.rect);
        if (overlap > 0 && overlap >= 0.25 * Math.min(boxArea(a.rect), boxArea(b.rect))) {
          problems.push(
            suspect(
              `Trang ${pageIndex + 1}: ô biểu mẫu "${a.name}" và "${b.name}" chồng lên nhau`,
              `page ${pageIndex + 1}: form fields "${a.name}" and "${b.name}" overlap`,
            ),
          );
        }
      }
    }
  });
  return problems;
}

function suspect(vi: string, en: string): VerifyProblem {
  return warning('SHADOW_SUSPECT', `Nghi có nội dung ẩn trước khi ký (shadow attack): ${vi}`, `possible hidden content signed (shadow attack): ${en}`);
}

/** Page objects, content streams and XObjects that exist in the signed revision but nothing uses. */
function unusedContent(reader: PdfReader): VerifyProblem[] {
  const { referenced } = describeRevision(reader);
  const unused: string[] = [];
  const numbers = new Set<number>();
  for (const revision of reader.revisions) for (const section of revision.sections) for (const [num, entry] of section.entries) if (entry.type !== 'free') numbers.add(num);
  for (const num of numbers) {
    if (num === 0 || referenced.has(num)) continue;
    let value: PdfObject;
    try {
      value = reader.getObject(new PdfRef(num, 0));
    } catch {
      continue;
    }
    const dict = value instanceof PdfStream ? value.dict : value instanceof PdfDict ? value : undefined;
    const type = dict?.getName('Type');
    const subtype = dict?.getName('Subtype');
    const isPage = type === 'Page';
    const isXObject = type === 'XObject' || subtype === 'Form' || subtype === 'Image';
    const isBareContent =
      value instanceof PdfStream && type === undefined && subtype === undefined && paintsSomething(reader, value);
    if (isPage || isXObject || isBareContent) unused.push(`${num} (${isPage ? 'Page' : isXObject ? `XObject ${subtype ?? ''}`.trim() : 'content'})`);
  }
  if (unused.length === 0) return [];
  return [
    suspect(
      `có đối tượng trang/nội dung không được dùng tới: ${unused.slice(0, 8).join(', ')}`,
      `unused page/content objects that a later update could swap in: ${unused.slice(0, 8).join(', ')}`,
    ),
  ];
}

/** A stream whose data shows text or paints an XObject: page content, not a font program or an ICC profile. */
function paintsSomething(reader: PdfReader, stream: PdfStream): boolean {
  try {
    const head = Buffer.from(reader.decode(stream).subarray(0, 64 * 1024)).toString('latin1');
    return /\bBT\b[\s\S]*\bT[jJ]\b|\/[^\s/]+\s+Do\b/.test(head);
  } catch {
    return false;
  }
}

/** How many text runs of a page's content are shown inside `rect` (for the new-annotation overlap warning). */
export function textRunsInside(reader: PdfReader, pageIndex: number, rect: readonly number[]): number {
  const page = reader.pages()[pageIndex];
  if (!page) return 0;
  return pageMarks(reader, page.dict).filter((m) => m.kind === 'text' && containsPoint(rect, m.box[0], m.box[1])).length;
}

function pageMarks(reader: PdfReader, page: PdfDict): ContentMark[] {
  const resources = reader.resolveDict(page.get('Resources'));
  const xobjects = reader.resolveDict(resources?.get('XObject'));
  const isImage = (name: string): boolean => reader.resolveDict(xobjects?.get(name))?.getName('Subtype') === 'Image';
  const contents = reader.resolve(page.get('Contents'));
  const streams = (Array.isArray(contents) ? contents.map((c) => reader.resolve(c)) : [contents]).filter(
    (s): s is PdfStream => s instanceof PdfStream,
  );
  const parts: Uint8Array[] = [];
  let total = 0;
  for (const stream of streams) {
    try {
      const data = reader.decode(stream);
      total += data.length;
      if (total > MAX_CONTENT_BYTES) break;
      parts.push(data, Buffer.from('\n'));
    } catch {
      // an undecodable stream paints nothing we can judge
    }
  }
  return scanContent(Buffer.concat(parts), isImage);
}

interface FieldWidget {
  readonly name: string;
  readonly rect: [number, number, number, number];
}

/** Visible widgets of non-signature fields that have an appearance (what can paint over the page). */
function fieldWidgets(reader: PdfReader, page: PdfDict): FieldWidget[] {
  const annots = reader.resolve(page.get('Annots'));
  if (!Array.isArray(annots)) return [];
  const widgets: FieldWidget[] = [];
  for (const item of annots) {
    const widget = reader.resolveDict(item);
    if (!widget || widget.getName('Subtype') !== 'Widget' || !widget.has('AP')) continue;
    const flags = reader.resolve(widget.get('F'));
    if (typeof flags === 'number' && (flags & 0x22) !== 0) continue; // hidden or no-view: not painted now
    let field: PdfDict | undefined = widget;
    let name = '';
    for (let i = 0; i < 32 && field; i++) {
      const t = reader.resolve(field.get('T'));
      if (t && typeof t === 'object' && 'toText' in t) name = name ? `${(t as { toText(): string }).toText()}.${name}` : (t as { toText(): string }).toText();
      if (field.has('FT')) break;
      field = reader.resolveDict(field.get('Parent'));
    }
    let owner: PdfDict | undefined = widget;
    let fieldType: string | undefined;
    for (let i = 0; i < 32 && owner && !fieldType; i++) {
      fieldType = owner.getName('FT');
      owner = reader.resolveDict(owner.get('Parent'));
    }
    if (fieldType === 'Sig') continue;
    const rect = reader.resolve(widget.get('Rect'));
    if (!Array.isArray(rect) || rect.length !== 4 || !rect.every((v) => typeof v === 'number')) continue;
    const box = normalizeBox(rect as number[]);
    if (boxArea(box) <= 0) continue;
    widgets.push({ name: name || '?', rect: box });
  }
  return widgets;
}
