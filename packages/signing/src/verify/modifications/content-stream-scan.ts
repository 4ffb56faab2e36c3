import { apply, IDENTITY, multiply, type Matrix } from '../../pdf/matrix.js';

/**
 * A rough content-stream scan for the shadow-attack pre-checks: where text is shown and where images are painted,
 * in device space, in painting order. It ignores fonts and text widths (positions only): enough to see "an image is
 * painted over the text" or "a form field sits on top of text", not a renderer.
 */
export interface ContentMark {
  readonly kind: 'text' | 'image';
  /** Painting order within the page. */
  readonly order: number;
  /** [x1, y1, x2, y2] in default user space; a text mark is a point (x1 = x2, y1 = y2). */
  readonly box: readonly [number, number, number, number];
  /** For images: the XObject resource name. */
  readonly name?: string;
}

const MAX_TOKENS = 2_000_000;

/** `isImage(name)` says whether an XObject resource is an image (forms are not followed). */
export function scanContent(content: Uint8Array, isImage: (name: string) => boolean): ContentMark[] {
  const marks: ContentMark[] = [];
  const text = Buffer.from(content).toString('latin1');
  const operands: (number | string)[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = [...IDENTITY];
  let lineMatrix: Matrix = [...IDENTITY];
  let order = 0;
  let tokens = 0;
  const tokenPattern = /\((?:\\.|[^\\()]|\((?:\\.|[^\\()])*\))*\)|<<|>>|<[0-9A-Fa-f\s]*>|\/[^\s/[\]()<>{}%]*|[-+]?(?:\d+\.?\d*|\.\d+)|[A-Za-z'"*]+\d?\*?|%[^\r\n]*|[[\]{}]/g;
  for (let match = tokenPattern.exec(text); match && tokens < MAX_TOKENS; match = tokenPattern.exec(text), tokens++) {
    const token = match[0];
    const first = token.charCodeAt(0);
    if (first === 0x25) continue; // comment
    if ((first >= 0x30 && first <= 0x39) || first === 0x2d || first === 0x2b || first === 0x2e) {
      operands.push(Number(token));
      continue;
    }
    if (first === 0x2f || first === 0x28 || first === 0x3c || token === '[' || token === ']') {
      operands.push(token);
      continue;
    }
    const numbers = operands.filter((o): o is number => typeof o === 'number');
    switch (token) {
      case 'q':
        stack.push(ctm);
        break;
      case 'Q':
        ctm = stack.pop() ?? [...IDENTITY];
        break;
      case 'cm':
        if (numbers.length >= 6) ctm = multiply(numbers.slice(-6) as Matrix, ctm);
        break;
      case 'BT':
        lineMatrix = [...IDENTITY];
        break;
      case 'Tm':
        if (numbers.length >= 6) lineMatrix = numbers.slice(-6) as Matrix;
        break;
      case 'Td':
      case 'TD':
        if (numbers.length >= 2) {
          const [tx, ty] = numbers.slice(-2) as [number, number];
          lineMatrix = multiply([1, 0, 0, 1, tx, ty], lineMatrix);
        }
        break;
      case 'Tj':
      case 'TJ':
      case "'":
      case '"': {
        const [x, y] = apply(multiply(lineMatrix, ctm), 0, 0);
        marks.push({ kind: 'text', order: order++, box: [x, y, x, y] });
        break;
      }
      case 'Do': {
        const name = operands.at(-1);
        if (typeof name === 'string' && name.startsWith('/') && isImage(name.slice(1))) {
          const corners = [apply(ctm, 0, 0), apply(ctm, 1, 0), apply(ctm, 0, 1), apply(ctm, 1, 1)];
          const xs = corners.map((c) => c[0]);
          const ys = corners.map((c) => c[1]);
          marks.push({
            kind: 'image',
            order: order++,
            box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
            name: name.slice(1),
          });
        }
        break;
      }
      default:
        break;
    }
    operands.length = 0;
  }
  return marks;
}

export function boxArea(box: readonly number[]): number {
  const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = box;
  return Math.max(0, Math.abs(x2 - x1)) * Math.max(0, Math.abs(y2 - y1));
}

export function normalizeBox(box: readonly number[]): [number, number, number, number] {
  const [a = 0, b = 0, c = 0, d = 0] = box;
  return [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
}

export function intersectionArea(a: readonly number[], b: readonly number[]): number {
  const [ax1, ay1, ax2, ay2] = normalizeBox(a);
  const [bx1, by1, bx2, by2] = normalizeBox(b);
  return Math.max(0, Math.min(ax2, bx2) - Math.max(ax1, bx1)) * Math.max(0, Math.min(ay2, by2) - Math.max(ay1, by1));
}

export function containsPoint(box: readonly number[], x: number, y: number): boolean {
  const [x1, y1, x2, y2] = normalizeBox(box);
  return x >= x1 && x <= x2 && y >= y1 && y <= y2;
}
