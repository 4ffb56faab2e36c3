import { KIND_RULE_KEY, kindRuleOf } from '../certificates/certificate-kind.js';
import { REQUIRE_TRUSTED_KEY, requireTrustedOf } from '../trust/trust-policy.js';
import { judgeArrival } from './arrival-check.js';
import { senderOf } from './arrival-confirmation.js';
import { insertSignature } from './signature-records.js';
import type { SignatureCheck } from './signature-verdict.js';
import type { DocumentRow, Trx } from './workflow-core.js';

/** What the verify step does to a document: its next state, the findings kept on its row, its log note and audit. */
export interface ArrivalVerdict {
  readonly to: 'verified' | 'needs_checking';
  readonly patch: { readonly check_findings: string };
  readonly note: string;
  readonly audit: Record<string, unknown>;
}

/**
 * The verify step's judgement (Điều 21): the arrival check on a signature check, read inside the step's transaction
 * and writing nothing. Shared by the verify step and by an axis arrival whose check was ready before it was stored
 * (both steps then in one transaction, incoming-intake.ts).
 */
export async function judgeArrivalVerdict(trx: Trx, document: Pick<DocumentRow, 'organ_id' | 'organ_name'>, check: SignatureCheck, note: string | undefined): Promise<ArrivalVerdict> {
  const findings = judgeArrival(check, await senderOf(trx, document), await readArrivalRules(trx));
  const verdict = check.paper
    ? 'bản giấy'
    : !check.signed
      ? 'không có chữ ký số'
      : !check.valid
        ? 'chữ ký KHÔNG hợp lệ'
        : check.trusted === false
          ? 'chữ ký hợp lệ nhưng CHƯA được tin cậy'
          : 'chữ ký hợp lệ';
  const summary = findings.length ? `${verdict}; cần xác minh: ${findings.map((f) => f.code).join(', ')}` : verdict;
  return {
    to: findings.length ? 'needs_checking' : 'verified',
    patch: { check_findings: JSON.stringify(findings) },
    note: note ? `${summary}; ${note}` : summary,
    audit: { signed: check.signed, valid: check.valid, trusted: check.trusted, paper: check.paper ?? false, findings: findings.map((f) => f.code) },
  };
}

/** The two settings the arrival check applies, read with one statement (each arrival reads them). */
async function readArrivalRules(trx: Trx): Promise<Parameters<typeof judgeArrival>[2]> {
  const rows = await trx.selectFrom('app_settings').select(['key', 'value']).where('key', 'in', [KIND_RULE_KEY, REQUIRE_TRUSTED_KEY]).execute();
  const value = (key: string) => rows.find((r) => r.key === key)?.value;
  return { kindRule: kindRuleOf(value(KIND_RULE_KEY)), requireTrusted: requireTrustedOf(value(REQUIRE_TRUSTED_KEY)) };
}

/** The check recorded as the document's received signature, at the step's time (Vietnam ISO). */
export function recordReceivedSignature(trx: Trx, documentId: string, check: SignatureCheck, at: string): Promise<void> {
  return insertSignature(trx, documentId, 'received', check, check.signatures[0]?.signerName ?? null, at);
}
