import { PDFDocument, PDFName, PDFArray, PDFStream, rgb, type PDFFont, type PDFImage, type PDFPage, type RGB } from 'pdf-lib';
import { inflateSync, deflateSync } from 'node:zlib';
import type { IncrementalWriter } from '../pdf/incremental-writer.js';
import { PdfDict, PdfName, PdfStream, type PdfRef } from '../pdf/pdf-objects.js';
import { PdfLibImporter } from './pdf-lib-import.js';
import { tinosBold, tinosRegular } from './resource-files.js';

export const BLACK = rgb(0, 0, 0);

export interface TextOptions {
  readonly x: number;
  readonly y: number;
  readonly size: number;
  readonly bold?: boolean;
  readonly color?: RGB;
}

/**
 * A scratch pdf-lib page the size of one appearance. Draw on it, then `toFormXObject` copies the drawing (with its
 * subset Tinos fonts and images) into our incremental update as a form XObject.
 */
export class AppearanceCanvas {
  readonly width: number;
  readonly height: number;
  private readonly doc: PDFDocument;
  private readonly page: PDFPage;
  private fonts: { regular: PDFFont; bold: PDFFont } | undefined;

  private constructor(doc: PDFDocument, width: number, height: number) {
    this.doc = doc;
    this.width = width;
    this.height = height;
    this.page = doc.addPage([width, height]);
  }

  static async create(width: number, height: number): Promise<AppearanceCanvas> {
    const doc = await PDFDocument.create();
    // Loaded when a font is embedded, not with the module: fontkit unpacks its tables as it loads (a third of a second
    // of every start of the app, which never draws a PDF before its first screen).
    doc.registerFontkit((await import('@pdf-lib/fontkit')).default);
    return new AppearanceCanvas(doc, width, height);
  }

  async font(bold = false): Promise<PDFFont> {
    this.fonts ??= {
      regular: await this.doc.embedFont(tinosRegular(), { subset: true }),
      bold: await this.doc.embedFont(tinosBold(), { subset: true }),
    };
    return bold ? this.fonts.bold : this.fonts.regular;
  }

  async textWidth(text: string, size: number, bold = false): Promise<number> {
    return (await this.font(bold)).widthOfTextAtSize(text.normalize('NFC'), size);
  }

  /** Draws one line; text is NFC-normalised (pdf-lib does no shaping: NFD marks would land beside their letters). */
  async text(text: string, options: TextOptions): Promise<void> {
    this.page.drawText(text.normalize('NFC'), {
      x: options.x,
      y: options.y,
      size: options.size,
      font: await this.font(options.bold),
      color: options.color ?? BLACK,
    });
  }

  /** Draws a line centred horizontally, shrunk to fit the width when needed. Returns the size used. */
  async centredText(text: string, y: number, size: number, bold = false, color?: RGB): Promise<number> {
    let s = size;
    while (s > 4 && (await this.textWidth(text, s, bold)) > this.width - 2) s -= 0.5;
    const w = await this.textWidth(text, s, bold);
    await this.text(text, { x: (this.width - w) / 2, y, size: s, bold, color });
    return s;
  }

  async embedPng(png: Uint8Array): Promise<PDFImage> {
    return this.doc.embedPng(png);
  }

  image(image: PDFImage, x: number, y: number, width: number, height: number): void {
    this.page.drawImage(image, { x, y, width, height });
  }

  /**
   * Copies the drawing into the update as one form XObject; returns its reference. `reuse` replaces an existing
   * appearance object in place (filling a prepared field), so that no orphaned object is left behind.
   */
  async toFormXObject(writer: IncrementalWriter, reuse?: PdfRef): Promise<PdfRef> {
    await this.doc.flush(); // embeds the font subsets and images
    const importer = new PdfLibImporter(this.doc.context, writer);
    const node = this.page.node;
    const contents = node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((r) => this.doc.context.lookup(r)) : [contents];
    const body = Buffer.concat(
      streams.map((s) => {
        if (!(s instanceof PDFStream)) return Buffer.alloc(0);
        const raw = Buffer.from(s.getContents());
        const filter = s.dict.get(PDFName.of('Filter'));
        return Buffer.concat([filter ? inflateSync(raw) : raw, Buffer.from('\n')]);
      }),
    );
    const resources = importer.import(node.Resources());
    const dict = PdfDict.of({
      Type: new PdfName('XObject'),
      Subtype: new PdfName('Form'),
      BBox: [0, 0, this.width, this.height],
      Resources: resources,
      Filter: new PdfName('FlateDecode'),
    });
    const stream = new PdfStream(dict, deflateSync(body));
    if (!reuse) return writer.add(stream);
    writer.set(reuse, stream);
    return reuse;
  }
}
