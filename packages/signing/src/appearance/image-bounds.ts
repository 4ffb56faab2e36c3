import { MemoryByteSource, indexOfBytes } from '../pdf/byte-source.js';
import { PdfParser } from '../pdf/pdf-parser.js';
import type { PdfDict} from '../pdf/pdf-objects.js';
import { PdfName, PdfStream, type PdfObject } from '../pdf/pdf-objects.js';
import type { PdfReader } from '../pdf/pdf-reader.js';
import { apply, IDENTITY, multiply, type Matrix } from '../pdf/matrix.js';

type Box = [number, number, number, number];


function transformBox(m: Matrix, [x1, y1, x2, y2]: Box): Box {
  const pts = [apply(m, x1, y1), apply(m, x2, y1), apply(m, x1, y2), apply(m, x2, y2)];
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

const union = (a: Box | undefined, b: Box): Box =>
  a ? [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])] : b;

const numbers = (o: PdfObject | undefined, n: number): number[] | undefined =>
  Array.isArray(o) && o.length === n && o.every((v) => typeof v === 'number') ? (o as number[]) : undefined;

/**
 * Where a widget's appearance draws its images, in page coordinates: the signer's signature image inside the box,
 * so that the seal overlaps a third of the image itself and not of the whole box. Undefined when there is none.
 */
export function widgetImageBounds(reader: PdfReader, widget: PdfDict): Box | undefined {
  const rect = numbers(reader.resolve(widget.get('Rect')), 4);
  const ap = reader.resolveDict(widget.get('AP'));
  const normal = reader.resolve(ap?.get('N'));
  if (!rect || !(normal instanceof PdfStream)) return undefined;
  const bbox = (numbers(reader.resolve(normal.dict.get('BBox')), 4) ?? [0, 0, 1, 1]) as Box;
  const matrix = (numbers(reader.resolve(normal.dict.get('Matrix')), 6) ?? IDENTITY) as Matrix;
  // ISO 32000-1 §12.5.5: the form's transformed BBox is mapped onto the annotation's Rect.
  const [bx1, by1, bx2, by2] = transformBox(matrix, bbox);
  const [rx1, ry1, rx2, ry2] = [Math.min(rect[0]!, rect[2]!), Math.min(rect[1]!, rect[3]!), Math.max(rect[0]!, rect[2]!), Math.max(rect[1]!, rect[3]!)];
  const sx = bx2 > bx1 ? (rx2 - rx1) / (bx2 - bx1) : 1;
  const sy = by2 > by1 ? (ry2 - ry1) / (by2 - by1) : 1;
  const toPage = multiply(matrix, [sx, 0, 0, sy, rx1 - bx1 * sx, ry1 - by1 * sy]);
  return imagesIn(reader, normal, toPage, 0);
}

function imagesIn(reader: PdfReader, form: PdfStream, base: Matrix, depth: number): Box | undefined {
  if (depth > 8) return undefined;
  const xobjects = reader.resolveDict(reader.resolveDict(form.dict.get('Resources'))?.get('XObject'));
  let content: Uint8Array;
  try {
    content = reader.decode(form);
  } catch {
    return undefined;
  }
  const src = new MemoryByteSource(content);
  const parser = new PdfParser(src, 0, { fileSpans: false });
  const stack: Matrix[] = [];
  let ctm = base;
  let operands: PdfObject[] = [];
  let found: Box | undefined;
  for (;;) {
    let token;
    try {
      token = parser.nextToken();
    } catch {
      return found;
    }
    if (token.kind === 'eof') return found;
    if (token.kind !== 'keyword') {
      try {
        operands.push(parser.parseObject(token));
      } catch {
        return found;
      }
      continue;
    }
    switch (token.value) {
      case 'q':
        stack.push(ctm);
        break;
      case 'Q':
        ctm = stack.pop() ?? base;
        break;
      case 'cm': {
        const m = numbers(operands.slice(-6), 6);
        if (m) ctm = multiply(m as Matrix, ctm);
        break;
      }
      case 'Do': {
        const name = operands.at(-1);
        const xobject = name instanceof PdfName ? reader.resolve(xobjects?.get(name.name)) : undefined;
        if (xobject instanceof PdfStream && xobject.dict.getName('Subtype') === 'Image') {
          found = union(found, transformBox(ctm, [0, 0, 1, 1]));
        } else if (xobject instanceof PdfStream && xobject.dict.getName('Subtype') === 'Form') {
          const m = (numbers(reader.resolve(xobject.dict.get('Matrix')), 6) ?? IDENTITY) as Matrix;
          const inner = imagesIn(reader, xobject, multiply(m, ctm), depth + 1);
          if (inner) found = union(found, inner);
        }
        break;
      }
      case 'BI': {
        // Inline image: skip its binary data up to EI.
        const end = indexOfBytes(src, 'EI', parser.pos);
        if (end < 0) return found;
        parser.pos = end + 2;
        found = union(found, transformBox(ctm, [0, 0, 1, 1]));
        break;
      }
      default:
        break;
    }
    operands = [];
  }
}
