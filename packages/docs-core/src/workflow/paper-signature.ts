import type { VerificationReport } from '../ports/signature-verifier.js';

/** What a hand signature or a pressed seal is recorded as: present, on paper, not a digital signature. */
export const PAPER_SIGNATURE: VerificationReport & { paper: true } = { signed: false, valid: false, signatures: [], paper: true };

/** Whether a stored signature row (its `result` JSON) records a signature on paper. */
export function isPaperSignature(result: string): boolean {
  return (JSON.parse(result) as { paper?: boolean }).paper === true;
}
