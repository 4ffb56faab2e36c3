import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { EOfficeError } from '@eoffice/contract';

/** Tinos (metric-compatible with Times New Roman, the typeface Decree 30 prescribes) ships in `resources/fonts/`. */
export const DEFAULT_FONT_DIR = fileURLToPath(new URL('../../../../resources/fonts/', import.meta.url));

export interface FontBytes {
  readonly regular: Uint8Array;
  readonly bold: Uint8Array;
}

export async function loadTinos(fontDir: string = DEFAULT_FONT_DIR): Promise<FontBytes> {
  try {
    const [regular, bold] = await Promise.all([readFile(join(fontDir, 'Tinos-Regular.ttf')), readFile(join(fontDir, 'Tinos-Bold.ttf'))]);
    return { regular, bold };
  } catch (cause) {
    throw new EOfficeError('E_FONT_MISSING', `Không đọc được phông chữ Tinos trong ${fontDir} / cannot read the Tinos fonts: ${String(cause)}`);
  }
}
