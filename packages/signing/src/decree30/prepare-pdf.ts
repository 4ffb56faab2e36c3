import { deflateSync } from 'node:zlib';
import { IncrementalWriter } from '../pdf/incremental-writer.js';
import { PdfDict, PdfName, PdfStream, PdfString } from '../pdf/pdf-objects.js';
import { PdfReader } from '../pdf/pdf-reader.js';
import { signatureFields } from '../pdf/signature-fields.js';
import { writeUpdatedFile } from '../pdf/write-update.js';
import { FormEditor } from '../sign/form-fields.js';
import { SigningError } from '../signing-error.js';

/** Field names the clerk's seal fills: số (ô 3) and the date (ô 4). */
export const NUMBER_FIELD = 'number';
export const DATE_FIELD = 'date';

/** A rectangle on a page: page index (0-based), x, y, width, height in points. */
export interface FieldBox {
  readonly pageIndex: number;
  readonly rect: readonly [number, number, number, number];
}

/** Defaults for an A4 Decree 30 layout: "Số:" under the issuer (left), the date under the national motto (right). */
export const DEFAULT_NUMBER_BOX: FieldBox = { pageIndex: 0, rect: [95, 728, 170, 18] };
export const DEFAULT_DATE_BOX: FieldBox = { pageIndex: 0, rect: [330, 728, 230, 18] };

export interface PreparePdfOptions {
  readonly input: string;
  readonly output: string;
  readonly numberBox?: FieldBox;
  readonly dateBox?: FieldBox;
}

/**
 * Adds the empty "number" and "date" text fields before anyone signs, as an incremental update. The seal later
 * fills them in its own signed update and locks them (FieldMDP), which validators accept as form filling.
 */
export function preparePdf(options: PreparePdfOptions): { output: string; fields: string[] } {
  const reader = PdfReader.open(options.input, { allowRepair: false });
  try {
    if (signatureFields(reader).some((f) => f.value)) {
      throw new SigningError(
        'ALREADY_SIGNED',
        'Văn bản đã được ký: phải tạo trường số và ngày trước chữ ký đầu tiên / already signed: prepare before the first signature',
      );
    }
    const writer = new IncrementalWriter(reader);
    const form = new FormEditor(reader, writer);
    const existing = form.fieldsByName();
    const pages = reader.pages();
    const boxes: [string, FieldBox][] = [
      [NUMBER_FIELD, options.numberBox ?? DEFAULT_NUMBER_BOX],
      [DATE_FIELD, options.dateBox ?? DEFAULT_DATE_BOX],
    ];
    let helv: PdfDict | undefined;
    for (const [name, box] of boxes) {
      if (existing.has(name)) throw new SigningError('FIELD_EXISTS', `Trường "${name}" đã có / field "${name}" already exists`);
      const page = pages[box.pageIndex];
      if (!page) throw new SigningError('BAD_ARGUMENT', `Không có trang ${box.pageIndex + 1} / no page ${box.pageIndex + 1}`);
      const [x, y, w, h] = box.rect;
      if (![x, y, w, h].every(Number.isFinite) || w <= 0 || h <= 0) {
        throw new SigningError('BAD_ARGUMENT', `Vùng trường "${name}" không hợp lệ / invalid rectangle for "${name}"`);
      }
      const emptyAppearance = writer.add(
        new PdfStream(
          PdfDict.of({ Type: new PdfName('XObject'), Subtype: new PdfName('Form'), BBox: [0, 0, w, h], Filter: new PdfName('FlateDecode') }),
          deflateSync(Buffer.alloc(0)),
        ),
      );
      const widget = writer.add(
        PdfDict.of({
          Type: new PdfName('Annot'),
          Subtype: new PdfName('Widget'),
          FT: new PdfName('Tx'),
          T: PdfString.fromText(name),
          F: 4,
          Rect: [x, y, x + w, y + h],
          P: page.ref,
          DA: PdfString.fromLatin1('/Helv 0 Tf 0 g'),
          AP: PdfDict.of({ N: emptyAppearance }),
        }),
      );
      form.addAnnotation(page.ref, widget);
      helv ??= PdfDict.of({
        Type: new PdfName('Font'),
        Subtype: new PdfName('Type1'),
        BaseFont: new PdfName('Helvetica'),
        Encoding: new PdfName('WinAnsiEncoding'),
      });
      form.addToAcroForm(widget, {
        DA: PdfString.fromLatin1('/Helv 0 Tf 0 g'),
        DR: PdfDict.of({ Font: PdfDict.of({ Helv: writer.add(helv) }) }),
      });
    }
    writeUpdatedFile(options.input, options.output, writer.build());
    return { output: options.output, fields: boxes.map(([n]) => n) };
  } finally {
    reader.close();
  }
}
