import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SigningError } from '../signing-error.js';

/** The repository's resources/ folder (fonts, sample images), found from this source file. */
export const resourcesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../resources');

const cache = new Map<string, Uint8Array>();

export function readResource(...parts: string[]): Uint8Array {
  const file = path.join(resourcesDir, ...parts);
  let bytes = cache.get(file);
  if (!bytes) {
    try {
      bytes = readFileSync(file);
    } catch (cause) {
      throw new SigningError('IO_ERROR', `Thiếu tệp tài nguyên / missing resource: ${file}`, { cause });
    }
    cache.set(file, bytes);
  }
  return bytes;
}

/** Tinos (metric-compatible with Times New Roman, the font Decree 30 prescribes), with every Vietnamese letter. */
export const tinosRegular = (): Uint8Array => readResource('fonts', 'Tinos-Regular.ttf');
export const tinosBold = (): Uint8Array => readResource('fonts', 'Tinos-Bold.ttf');
