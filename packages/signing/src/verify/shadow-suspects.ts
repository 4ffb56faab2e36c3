import type { PdfReader } from '../pdf/pdf-reader.js';
import type { VerifyProblem } from './verify-problem.js';

/** Placeholder replaced below. */
export function detectShadowSuspects(_reader: PdfReader, _revisions: readonly (number | null)[]): Map<number, VerifyProblem[]> {
  return new Map();
}
