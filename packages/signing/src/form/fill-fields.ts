import { PdfDict, PdfName, PdfString } from '../pdf/pdf-objects.js';
import type { UpdateContext } from '../sign/sign-pdf.js';
import { SigningError } from '../signing-error.js';
import { textFieldAppearance } from '../appearance/decree30-appearances.js';

export interface FieldValue {
  readonly name: string;
  readonly text: string;
}

/**
 * Fills text fields inside a signing update (the seal fills số and the date) and marks them read-only; the
 * signature that carries the update locks them with FieldMDP (SignPdfOptions.lockFields).
 */
export function fillTextFields(values: readonly FieldValue[]): (ctx: UpdateContext) => Promise<void> {
  return async (ctx) => {
    const fields = ctx.form.fieldsByName();
    for (const { name, text } of values) {
      const field = fields.get(name);
      if (!field) {
        throw new SigningError(
          'FIELD_NOT_FOUND',
          `Không có trường "${name}" (chạy "eoffice pdf prepare" trước khi ký) / no field "${name}": run "eoffice pdf prepare" first`,
        );
      }
      if (ctx.reader.resolve(field.dict.get('FT')) instanceof PdfName && field.dict.getName('FT') !== 'Tx') {
        throw new SigningError('BAD_ARGUMENT', `Trường "${name}" không phải ô chữ / field "${name}" is not a text field`);
      }
      const value = PdfString.fromText(text.normalize('NFC'));
      const flags = ctx.reader.resolve(field.dict.get('Ff'));
      const updated = field.dict.clone().set('V', value).set('Ff', (typeof flags === 'number' ? flags : 0) | 1);
      ctx.writer.set(field.ref, updated);
      for (const widgetRef of field.widgets) {
        const widget = widgetRef.equals(field.ref) ? updated : ctx.form.dict(widgetRef).clone();
        const rect = ctx.reader.resolve(widget.get('Rect'));
        const [x1, y1, x2, y2] = Array.isArray(rect) ? (rect.map((v) => ctx.reader.resolve(v)) as number[]) : [0, 0, 0, 0];
        const width = Math.abs(x2! - x1!);
        const height = Math.abs(y2! - y1!);
        if (width > 0 && height > 0) {
          const appearance = await textFieldAppearance(text)(ctx, { width, height });
          widget.set('AP', PdfDict.of({ N: appearance }));
        }
        ctx.writer.set(widgetRef, widget);
      }
    }
  };
}
