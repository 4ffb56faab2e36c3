import type { PdfReader } from '../pdf/pdf-reader.js';
import { signatureFields } from '../pdf/signature-fields.js';
import type { PdfRef } from '../pdf/pdf-objects.js';
import type { SignaturePlacement, UpdateContext } from '../sign/sign-pdf.js';
import { SigningError } from '../signing-error.js';
import { AppearanceCanvas } from '../appearance/appearance-canvas.js';
import { widgetImageBounds } from '../appearance/image-bounds.js';
import { readPngInfo } from '../appearance/png-info.js';

/** Builds a widget's normal appearance inside the update being written (in place of `reuse` when given). */
export type AppearanceBuilder = (ctx: UpdateContext, size: { width: number; height: number }, reuse?: PdfRef) => Promise<PdfRef>;

const POINTS_PER_MM = 72 / 25.4;

/**
 * The signer's box (ô 7a–7c): position lines on top (bold), the blue signature image in the middle, the name at the
 * bottom (bold). One line only = the name.
 */
export function signerAppearance(options: SignerBoxContent): AppearanceBuilder {
  return async (ctx, { width, height }) => {
    const canvas = await AppearanceCanvas.create(width, height);
    await drawSignerBox(canvas, options);
    return canvas.toFormXObject(ctx.writer);
  };
}

/** What the signer's box shows: position lines then the name, and optionally the signature image. */
export interface SignerBoxContent {
  readonly image?: Uint8Array;
  readonly lines: readonly string[];
}

/**
 * The signer's box drawn ONCE for a given widget size (fonts subset, image decoded), then copied into each
 * document's update: for signing many documents in one session without redrawing (issue 3 item 11). The returned
 * builder refuses a widget of another size, since the drawing would be stretched.
 */
export async function prebuiltSignerAppearance(options: SignerBoxContent, size: { width: number; height: number }): Promise<AppearanceBuilder> {
  const canvas = await AppearanceCanvas.create(size.width, size.height);
  await drawSignerBox(canvas, options);
  return async (ctx, { width, height }, reuse) => {
    if (width !== size.width || height !== size.height) {
      throw new SigningError(
        'BAD_ARGUMENT',
        `Hình chữ ký dựng sẵn có cỡ ${size.width}×${size.height}, vùng ký là ${width}×${height} / prebuilt appearance size does not match the widget`,
      );
    }
    return canvas.toFormXObject(ctx.writer, reuse);
  };
}

async function drawSignerBox(canvas: AppearanceCanvas, options: SignerBoxContent): Promise<void> {
  const { width, height } = canvas;
  const lines = options.lines.filter((l) => l.trim() !== '');
  const top = lines.slice(0, -1);
  const name = lines.at(-1);
  const size = Math.min(12, height / 6);
  const lineHeight = size * 1.25;
  let y = height - size;
  for (const line of top) {
    await canvas.centredText(line, y, size, true);
    y -= lineHeight;
  }
  if (name !== undefined) await canvas.centredText(name, size * 0.4, size, true);
  if (options.image) {
    const png = readPngInfo(options.image);
    const bandTop = height - top.length * lineHeight - size * 0.3;
    const bandBottom = name !== undefined ? size * 0.4 + lineHeight : 0;
    const bandHeight = Math.max(0, bandTop - bandBottom);
    const scale = Math.min(width / png.width, bandHeight / png.height);
    const w = png.width * scale;
    const h = png.height * scale;
    canvas.image(await canvas.embedPng(options.image), (width - w) / 2, bandBottom + (bandHeight - h) / 2, w, h);
  }
}

/** Size of a PNG on paper: from its pHYs resolution, else 96 dpi (what viewers assume). */
export function physicalSize(png: Uint8Array): { width: number; height: number } {
  const info = readPngInfo(png);
  const dpi = info.dpi ?? 96;
  return { width: (info.width / dpi) * 72, height: (info.height / dpi) * 72 };
}

/** The agency seal (ô 8): the red seal image filling the widget (placed at actual size by sealPlacement). */
export function sealAppearance(png: Uint8Array): AppearanceBuilder {
  return async (ctx, { width, height }) => {
    const canvas = await AppearanceCanvas.create(width, height);
    canvas.image(await canvas.embedPng(png), 0, 0, width, height);
    return canvas.toFormXObject(ctx.writer);
  };
}

/**
 * Where the seal goes: actual size, its right part over the left third of the signer's signature image (in the last
 * signed widget with a visible rectangle on the page), centred on the image vertically.
 */
export function sealPlacement(reader: PdfReader, pageIndex: number, png: Uint8Array): SignaturePlacement {
  const page = reader.pages()[pageIndex];
  if (!page) throw new SigningError('BAD_ARGUMENT', `Không có trang ${pageIndex + 1} / no page ${pageIndex + 1}`);
  const signed = signatureFields(reader)
    .filter((f) => f.value)
    .flatMap((f) => f.widgets)
    .filter((w) => w.pageRef?.num === page.ref.num && w.rect && w.rect.length === 4 && w.rect[2]! - w.rect[0]! > 0);
  const target = signed.at(-1);
  if (!target) {
    throw new SigningError(
      'FIELD_NOT_FOUND',
      `Trang ${pageIndex + 1} chưa có chữ ký hiển thị của người ký để đóng dấu lên / no visible signer signature on page ${pageIndex + 1} to seal`,
    );
  }
  // The signature image inside the signer's box when the appearance has one; else the box itself.
  const [x1, y1, x2, y2] = widgetImageBounds(reader, target.dict) ?? (target.rect as [number, number, number, number]);
  const { width, height } = physicalSize(png);
  const overlapRight = x1 + (x2 - x1) / 3;
  return { pageIndex, rect: [overlapRight - width, (y1 + y2) / 2 - height / 2, width, height] };
}

const STAMP_SIZE = 10;
const STAMP_LEADING = 12;

/**
 * The organisation signature on attachments and electronic copies (ô 14): text only, Times New Roman (Tinos) 10 pt,
 * regular, black — number and symbol (or copy form), agency, signing time in ISO 8601 with +07:00.
 */
export function stampAppearance(lines: readonly string[]): AppearanceBuilder {
  return async (ctx, { width, height }) => {
    const canvas = await AppearanceCanvas.create(width, height);
    let y = height - STAMP_SIZE - 1;
    for (const line of lines) {
      await canvas.text(line, { x: 2, y, size: STAMP_SIZE });
      y -= STAMP_LEADING;
    }
    return canvas.toFormXObject(ctx.writer);
  };
}

/** The stamp's usual place: 10 mm inside the top and right edges of page 1. */
const STAMP_INSET_MM = 10;
/** How close to the top edge the stamp may move to stay clear of the page's first lines. */
const STAMP_MIN_TOP_MM = 5;
/** The space kept between the stamp and the text below it. */
const STAMP_GAP = 2;

/** A run of page text, for placing a stamp clear of it: (x, y) starts its baseline, height about its font size. */
export interface TextRun {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Top-right of page 1, sized to the text: 10 mm inside the page edges, or higher, up to 5 mm from the top edge, when
 * that would cover text of `clearOf` (page 1's runs). Phụ lục I's top margin is 20–25 mm, and three 10 pt lines
 * 10 mm down reach 24 mm: on a 20 mm margin they covered the Quốc hiệu.
 */
export async function stampPlacement(reader: PdfReader, lines: readonly string[], clearOf: readonly TextRun[] = []): Promise<SignaturePlacement> {
  const page = reader.pages()[0]!;
  const canvas = await AppearanceCanvas.create(10, 10);
  let textWidth = 0;
  for (const line of lines) textWidth = Math.max(textWidth, await canvas.textWidth(line, STAMP_SIZE));
  const width = Math.ceil(textWidth + 4);
  const height = lines.length * STAMP_LEADING + 4;
  const [, , right, top] = page.mediaBox;
  const left = right - STAMP_INSET_MM * POINTS_PER_MM - width;
  let bottom = top - STAMP_INSET_MM * POINTS_PER_MM - height;
  const highest = top - STAMP_MIN_TOP_MM * POINTS_PER_MM - height;
  // The runs under the stamp's columns whose tops reach into it, from the usual place up to the highest.
  const inTheWay = clearOf.filter((run) => run.x < left + width && run.x + run.width > left && run.y + run.height > bottom && run.y < top);
  if (inTheWay.length > 0) bottom = Math.min(highest, Math.max(bottom, ...inTheWay.map((run) => run.y + run.height + STAMP_GAP)));
  return { pageIndex: 0, rect: [left, bottom, width, height] };
}

/** A text field's appearance: one line, left-aligned, vertically centred, shrunk to fit. */
export function textFieldAppearance(text: string, size = 13): AppearanceBuilder {
  return async (ctx, { width, height }, reuse) => {
    const canvas = await AppearanceCanvas.create(width, height);
    let s = Math.min(size, height * 0.8);
    while (s > 4 && (await canvas.textWidth(text, s)) > width - 4) s -= 0.5;
    await canvas.text(text, { x: 2, y: (height - s * 0.7) / 2, size: s });
    return canvas.toFormXObject(ctx.writer, reuse);
  };
}
