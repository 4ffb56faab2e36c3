import { constants, inflateSync } from 'node:zlib';
import { SigningError } from '../signing-error.js';
import type { PdfStream} from './pdf-objects.js';
import { PdfDict, PdfName, type PdfObject } from './pdf-objects.js';
import { DecodeBudget, limitExceeded } from './decode-limits.js';

/**
 * Decodes a stream's data through its /Filter chain. Only what structure reading needs, plus the ASCII filters.
 * Every step's output counts against `budget` (a reader passes its own; alone, the stream's size sets one).
 */
export function decodeStream(stream: PdfStream, budget: DecodeBudget = new DecodeBudget(stream.raw.length)): Uint8Array {
  const filter = stream.dict.get('Filter');
  const params = stream.dict.get('DecodeParms') ?? stream.dict.get('DP');
  const filters = Array.isArray(filter) ? filter : filter == null ? [] : [filter];
  const paramList: PdfObject[] = Array.isArray(params) ? params : filters.map(() => params ?? null);
  let data = stream.raw;
  filters.forEach((f, i) => {
    if (!(f instanceof PdfName)) throw unsupported('?');
    const p = paramList[i];
    data = applyFilter(f.name, data, p instanceof PdfDict ? p : undefined, budget.nextLimit);
    budget.spend(data.length);
  });
  return data;
}

const unsupported = (name: string): SigningError =>
  new SigningError('PDF_UNSUPPORTED', `Bộ lọc luồng chưa hỗ trợ: ${name} / unsupported stream filter: ${name}`);

function applyFilter(name: string, data: Uint8Array, params: PdfDict | undefined, limit: number): Uint8Array {
  switch (name) {
    case 'FlateDecode':
    case 'Fl':
      return applyPredictor(inflate(data, limit), params);
    case 'ASCIIHexDecode':
    case 'AHx':
      return asciiHexDecode(data);
    case 'ASCII85Decode':
    case 'A85':
      return ascii85Decode(data);
    default:
      throw unsupported(name);
  }
}

const tooLarge = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === 'ERR_BUFFER_TOO_LARGE';

/** zlib stops at `limit` output bytes itself (maxOutputLength), so a bomb costs at most that much memory and time. */
function inflate(data: Uint8Array, limit: number): Uint8Array {
  const overLimit = (): SigningError => limitExceeded('luồng nén giải ra quá lớn', `a FlateDecode stream inflates beyond ${limit} bytes`);
  // Node keeps a failed inflateSync's output chunk until the event loop turns (the engine waits on a nextTick), so
  // a file of many small corrupt streams held 16 KiB each for its whole verification; a small stream gets a 1 KiB chunk.
  const chunkSize = data.length < 64 * 1024 ? 1024 : 16 * 1024;
  try {
    return inflateSync(data, { chunkSize, maxOutputLength: Math.max(1, limit) });
  } catch (first) {
    if (tooLarge(first)) throw overLimit();
    // Truncated or trailing-garbage deflate data is common; keep what decodes, as viewers do.
    try {
      return inflateSync(data, { chunkSize, finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: Math.max(1, limit) });
    } catch (cause) {
      if (tooLarge(cause)) throw overLimit();
      throw new SigningError('PDF_MALFORMED', 'Luồng nén hỏng / corrupt FlateDecode stream', { cause });
    }
  }
}

function applyPredictor(data: Uint8Array, params: PdfDict | undefined): Uint8Array {
  const predictor = params?.getNumber('Predictor') ?? 1;
  if (predictor === 1) return data;
  const colors = params?.getNumber('Colors') ?? 1;
  const bpc = params?.getNumber('BitsPerComponent') ?? 8;
  const columns = params?.getNumber('Columns') ?? 1;
  const sane = (v: number): boolean => Number.isInteger(v) && v >= 1 && v <= 1 << 24;
  if (![colors, bpc, columns].every(sane)) {
    throw new SigningError('PDF_MALFORMED', 'Tham số bộ dự đoán sai / bad predictor parameters');
  }
  const bpp = Math.max(1, Math.ceil((colors * bpc) / 8));
  const rowLength = Math.ceil((colors * bpc * columns) / 8);
  if (predictor === 2) {
    if (bpc !== 8) throw unsupported(`TIFF predictor with ${bpc} bits`);
    const out = Uint8Array.from(data);
    for (let row = 0; row * rowLength < out.length; row++) {
      for (let i = row * rowLength + bpp; i < Math.min(out.length, (row + 1) * rowLength); i++) {
        out[i] = (out[i]! + out[i - bpp]!) & 0xff;
      }
    }
    return out;
  }
  if (predictor < 10) throw unsupported(`Predictor ${predictor}`);
  // PNG predictors: each row starts with its own filter-type byte.
  // A row longer than the data holds no complete row: nothing to allocate (a huge /Columns must not cost memory).
  if (rowLength >= data.length) return new Uint8Array(0);
  const rows = Math.floor(data.length / (rowLength + 1));
  const out = new Uint8Array(rows * rowLength);
  let prev = new Uint8Array(rowLength);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowLength + 1)]!;
    const line = data.subarray(r * (rowLength + 1) + 1, (r + 1) * (rowLength + 1));
    const cur = out.subarray(r * rowLength, (r + 1) * rowLength);
    for (let i = 0; i < rowLength; i++) {
      const left = i >= bpp ? cur[i - bpp]! : 0;
      const up = prev[i]!;
      const upLeft = i >= bpp ? prev[i - bpp]! : 0;
      const x = line[i]!;
      let v: number;
      switch (type) {
        case 0: v = x; break;
        case 1: v = x + left; break;
        case 2: v = x + up; break;
        case 3: v = x + ((left + up) >> 1); break;
        case 4: {
          const p = left + up - upLeft;
          const pa = Math.abs(p - left), pb = Math.abs(p - up), pc = Math.abs(p - upLeft);
          v = x + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
          break;
        }
        default:
          throw new SigningError('PDF_MALFORMED', `Bộ dự đoán PNG lạ: ${type} / bad PNG predictor row type ${type}`);
      }
      cur[i] = v & 0xff;
    }
    prev = cur;
  }
  return out;
}

function asciiHexDecode(data: Uint8Array): Uint8Array {
  const text = Buffer.from(data).toString('latin1').replace(/>.*$/s, '').replace(/\s+/g, '');
  return Buffer.from(text.length % 2 ? `${text}0` : text, 'hex');
}

function ascii85Decode(data: Uint8Array): Uint8Array {
  const text = Buffer.from(data).toString('latin1').replace(/^\s*<~/, '').replace(/~>.*$/s, '').replace(/\s+/g, '');
  // At most 4 bytes per character ('z'): one allocation, never a growing array of numbers.
  const out = new Uint8Array(text.length * 4);
  let n = 0;
  let group: number[] = [];
  const flush = (count: number): void => {
    let v = 0;
    for (let i = 0; i < 5; i++) v = v * 85 + (group[i] ?? 84);
    const bytes = [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
    for (let i = 0; i < count; i++) out[n++] = bytes[i]!;
  };
  for (const ch of text) {
    if (ch === 'z' && group.length === 0) {
      n += 4; // already zero
      continue;
    }
    group.push(ch.charCodeAt(0) - 33);
    if (group.length === 5) {
      flush(4);
      group = [];
    }
  }
  if (group.length > 1) flush(group.length - 1);
  return out.subarray(0, n);
}
