import { isErrorCode } from '@eoffice/contract/errors';
// The light subpath: record, register and demo commands check --out without loading the signing code.
import { assertOutputPath } from '@eoffice/signing/output-path';
import { SigningError } from '@eoffice/signing/signing-error';
import { CliError } from '../command.js';

/** "p,x,y,w,h" (page from 1) → page index and rectangle. */
export function parsePageRect(text: string, flag: string): { pageIndex: number; rect: [number, number, number, number] } {
  const parts = text.split(',').map((p) => Number(p.trim()));
  if (parts.length !== 5 || parts.some((n) => !Number.isFinite(n)) || !Number.isInteger(parts[0]) || parts[0]! < 1) {
    throw new CliError('E_USAGE', `${flag} cần dạng trang,x,y,rộng,cao / ${flag} wants page,x,y,width,height: "${text}"`);
  }
  const [p, x, y, w, h] = parts as [number, number, number, number, number];
  return { pageIndex: p - 1, rect: [x, y, w, h] };
}

/** "x,y,w,h" in points. */
export function parseRect(text: string): [number, number, number, number] {
  const parts = text.split(',').map((p) => Number(p.trim()));
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n)) || parts[2]! <= 0 || parts[3]! <= 0) {
    throw new CliError('E_USAGE', `--rect cần dạng x,y,rộng,cao (điểm PDF) / --rect wants x,y,width,height in points: "${text}"`);
  }
  return parts as [number, number, number, number];
}

/**
 * Signing errors keep their code as E_<CODE>, declared in the contract's table with its exit class: bad input exits 2,
 * refusals (wrong PIN, field exists) exit 1. A test checks that every code packages/signing raises has its E_ twin.
 */
export function asCliError(error: unknown): unknown {
  if (error instanceof SigningError && !(error instanceof CliError)) {
    const code = `E_${error.code}`;
    if (isErrorCode(code)) return new CliError(code, error.message);
  }
  return error;
}

/** `--out`: refused before any work when it names a device, a FIFO or a folder, or its folder is missing. */
export function checkOutPath(out: string): void {
  try {
    assertOutputPath(out);
  } catch (error) {
    throw asCliError(error);
  }
}
