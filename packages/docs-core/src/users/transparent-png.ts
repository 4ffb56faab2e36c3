import { readFile, stat } from 'node:fs/promises';
import { EOfficeError } from '@eoffice/contract';
import type { BlobStore } from '../store/blob-store.js';

/** Images drawn on signed documents: a few hundred pixels each side in practice; a photo-sized file is a mistake. */
const MAX_BYTES = 2 * 1024 * 1024;
const MIN_SIDE = 32;
const MAX_SIDE = 4000;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** IHDR colour types with an alpha channel: grey + alpha (4) and RGBA (6). Decree 30 wants a transparent background. */
const ALPHA_COLOUR_TYPES = new Set([4, 6]);

export interface TransparentPng {
  readonly sha256: string;
  readonly size: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Checks that the bytes are a PNG with an alpha channel and a sane size (Decree 30 Phụ lục I: signature and seal
 * images are PNGs with a transparent background). `what` names the image in the message ("ảnh chữ ký").
 */
export function checkTransparentPng(bytes: Uint8Array, what: string): { width: number; height: number } {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const invalid = (vi: string, en: string) => new EOfficeError('E_IMAGE_INVALID', `${what}: ${vi} / ${en}`);
  if (b.length > MAX_BYTES) throw invalid(`tệp quá lớn (tối đa 2 MB)`, 'file larger than 2 MB');
  if (b.length < 33 || !b.subarray(0, 8).equals(PNG_SIGNATURE) || b.toString('latin1', 12, 16) !== 'IHDR') {
    throw invalid('không phải tệp PNG', 'not a PNG file');
  }
  const width = b.readUInt32BE(16);
  const height = b.readUInt32BE(20);
  const colourType = b[25]!;
  if (!ALPHA_COLOUR_TYPES.has(colourType)) {
    throw invalid('ảnh PNG phải có nền trong suốt (RGBA hoặc xám + alpha)', 'the PNG must have an alpha channel (RGBA or grey + alpha)');
  }
  if (width < MIN_SIDE || height < MIN_SIDE || width > MAX_SIDE || height > MAX_SIDE) {
    throw invalid(
      `kích thước ${width}×${height} điểm ảnh ngoài khoảng ${MIN_SIDE}–${MAX_SIDE}`,
      `${width}×${height} pixels is outside ${MIN_SIDE}–${MAX_SIDE}`,
    );
  }
  return { width, height };
}

/** Reads a local PNG, checks it and stores it as a blob (before any transaction: a stray blob is harmless). */
export async function takeTransparentPng(blobs: BlobStore, path: string, what: string): Promise<TransparentPng> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw new EOfficeError('E_FILE_UNREADABLE', `Không đọc được tệp ${path} / file not found or not a file`);
  if (info.size > MAX_BYTES) throw new EOfficeError('E_IMAGE_INVALID', `${what}: tệp quá lớn (tối đa 2 MB) / file larger than 2 MB`);
  const bytes = await readFile(path);
  const { width, height } = checkTransparentPng(bytes, what);
  const stored = await blobs.put(bytes);
  return { ...stored, width, height };
}
