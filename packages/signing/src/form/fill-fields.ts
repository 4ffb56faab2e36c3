import { PdfDict, PdfName, PdfRef, PdfString } from '../pdf/pdf-objects.js';
import type { UpdateContext } from '../sign/sign-pdf.js';
import { SigningError } from '../signing-error.js';
import { textFieldAppearance } from '../decree30/appearances.js';

export interface FieldValue {
  readonly name: string;
  readonly text: string;
}

/**
 * Fills text fields inside a signing update (the seal fills số and the date); the signature that carries the update
 * locks them with FieldMDP (SignPdfOptions.lockFields).
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
      // Only /V and the appearance change: that is form filling. The field flags stay as they are (a changed /Ff is
      // a modification validators reject); the seal's FieldMDP lock is what protects the value afterwards.
      const updated = field.dict.clone().set('V', PdfString.fromText(text.normalize('NFC')));
      ctx.writer.set(field.ref, updated);
      for (const widgetRef of field.widgets) {
        const widget = widgetRef.equals(field.ref) ? updated : ctx.form.dict(widgetRef).clone();
        const rect = ctx.reader.resolve(widget.get('Rect'));
        const [x1, y1, x2, y2] = Array.isArray(rect) ? (rect.map((v) => ctx.reader.resolve(v)) as number[]) : [0, 0, 0, 0];
        const width = Math.abs(x2! - x1!);
        const height = Math.abs(y2! - y1!);
        if (width > 0 && height > 0) {
          // Replace the prepared (empty) appearance object itself, so the update leaves no orphan behind.
          const current = ctx.reader.resolveDict(widget.get('AP'))?.get('N');
          const appearance = await textFieldAppearance(text)(ctx, { width, height }, current instanceof PdfRef ? current : undefined);
          widget.set('AP', PdfDict.of({ N: appearance }));
        }
        ctx.writer.set(widgetRef, widget);
      }
    }
  };
}
