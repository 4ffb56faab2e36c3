import { fillTextFields, type FieldValue } from '../form/fill-fields.js';
import { PdfDict, PdfName, PdfRef, PdfStream } from '../pdf/pdf-objects.js';
import type { UpdateContext } from '../sign/sign-pdf.js';

/**
 * Fills text fields (fillTextFields) and puts a white background under each filled value: the field covers the
 * draft's placeholder ("ngày … tháng … năm …", "Số:     /QĐ-UBND"), which would otherwise show through the text.
 * The field's own appearance is kept and drawn by a wrapper form, so this stays form filling for validators.
 */
export function opaqueFieldFill(values: readonly FieldValue[]): (ctx: UpdateContext) => Promise<void> {
  return async (ctx) => {
    await fillTextFields(values)(ctx);
    const fields = ctx.form.fieldsByName();
    for (const { name } of values) {
      for (const widgetRef of fields.get(name)?.widgets ?? []) {
        const widget = ctx.form.dict(widgetRef);
        const inner = ctx.reader.resolveDict(widget.get('AP'))?.get('N');
        const rect = ctx.reader.resolve(widget.get('Rect'));
        if (!(inner instanceof PdfRef) || !Array.isArray(rect)) continue;
        const [x1, y1, x2, y2] = rect.map((v) => Number(ctx.reader.resolve(v)));
        const width = Math.abs(x2! - x1!);
        const height = Math.abs(y2! - y1!);
        const content = `q 1 1 1 rg 0 0 ${width.toFixed(2)} ${height.toFixed(2)} re f Q /Fm0 Do`;
        const wrapper = ctx.writer.add(
          new PdfStream(
            PdfDict.of({
              Type: new PdfName('XObject'),
              Subtype: new PdfName('Form'),
              BBox: [0, 0, width, height],
              Resources: PdfDict.of({ XObject: PdfDict.of({ Fm0: inner }) }),
            }),
            Buffer.from(content, 'latin1'),
          ),
        );
        ctx.writer.set(widgetRef, widget.clone().set('AP', PdfDict.of({ N: wrapper })));
      }
    }
  };
}
