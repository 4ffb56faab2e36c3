import type { SignatureCheck } from './signature-verdict.js';

/** What a hand signature or a pressed seal is recorded as: present, on paper, not a digital signature. */
export const PAPER_SIGNATURE: SignatureCheck & { paper: true } = { signed: false, valid: false, trusted: null, signatures: [], warnings: [], paper: true };

/** Whether a stored signature row (its `result` JSON) records a signature on paper. */
export function isPaperSignature(result: string): boolean {
  return (JSON.parse(result) as { paper?: boolean }).paper === true;
}
