import { SigningError } from '../signing-error.js';

export interface PngInfo {
  readonly width: number;
  readonly height: number;
  /** Pixels per inch from the pHYs chunk, when it gives a physical unit. */
  readonly dpi: number | undefined;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Size and resolution of a PNG: the seal is drawn at its actual size (Decree 30, Phụ lục I), which pHYs gives. */
export function readPngInfo(bytes: Uint8Array): PngInfo {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < 33 || !b.subarray(0, 8).equals(SIGNATURE) || b.toString('latin1', 12, 16) !== 'IHDR') {
    throw new SigningError('IMAGE_INVALID', 'Ảnh không phải PNG / image is not a PNG');
  }
  const width = b.readUInt32BE(16);
  const height = b.readUInt32BE(20);
  let dpi: number | undefined;
  for (let p = 8; p + 8 <= b.length; ) {
    const length = b.readUInt32BE(p);
    const type = b.toString('latin1', p + 4, p + 8);
    if (type === 'pHYs' && length >= 9 && b[p + 16] === 1) dpi = b.readUInt32BE(p + 8) * 0.0254;
    if (type === 'IDAT' || type === 'IEND') break;
    p += 12 + length;
  }
  return { width, height, dpi };
}
