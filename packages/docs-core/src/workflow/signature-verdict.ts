import type { SignatureProblem, SignatureRevocation, SignatureTimestamp, VerificationReport, VerifiedSignature } from '../ports/signature-verifier.js';

/** Recorded on a signature whose certificate path reaches none of the agency's trust anchors. */
export const NOT_TRUSTED = 'NOT_TRUSTED';

/** A signature row's `result` as written since the verdict is kept whole: what the verifier found, what we decided. */
export interface SignatureCheck {
  readonly signed: boolean;
  /** Accepted by the workflow (also the row's `valid` column): see `judgeSignatures`. */
  readonly valid: boolean;
  /** Every signature trusted: true; one of them not: false; trust not asked (no anchor configured): null. */
  readonly trusted: boolean | null;
  readonly signatures: readonly VerifiedSignature[];
  /** The warning codes of every signature, once each: what the faces show beside the signature. */
  readonly warnings: readonly string[];
  /** A hand signature or a pressed seal: no digital signature to check. */
  readonly paper?: true;
}

/** Intact, valid, nothing disallowed changed after it, no error-level problem: sound, trust aside. */
export function isSoundSignature(signature: VerifiedSignature): boolean {
  return (
    signature.intact &&
    signature.valid &&
    signature.modification !== 'disallowed' &&
    signature.problems.every((p) => p.severity !== 'error')
  );
}

/**
 * What the workflow accepts, the same rule for a signature just made by our token and for a document received: every
 * signature in the file must be sound (a new signature must not break the earlier ones either). Trust is recorded
 * and shown, never required here: the development token and a sender whose CA the agency has not installed yet are
 * both "valid but not trusted" (NOT_TRUSTED), which the clerk sees and may refuse with a reason; refusing them
 * outright would stop signing wherever the trust list is incomplete.
 */
export function judgeSignatures(report: VerificationReport): SignatureCheck {
  const signatures = report.signatures.map(withTrustWarning);
  const warnings = new Set(signatures.flatMap((s) => s.problems.filter((p) => p.severity === 'warning').map((p) => p.code)));
  return {
    signed: report.signed,
    valid: report.signed && signatures.length > 0 && signatures.every(isSoundSignature),
    trusted: allTrusted(signatures.map((s) => s.trusted)),
    signatures,
    warnings: [...warnings],
  };
}

/** Recorded on a signature the agency wanted B-T that went out B-B because its TSA could not be reached. */
export const NO_SIGNATURE_TIMESTAMP = 'NO_SIGNATURE_TIMESTAMP';

/**
 * The agency's policy let a new signature go out without its timestamp (`sign-without`): the warning is kept on that
 * signature (the last in the file) and in the check's warnings, so the document shows it beside the signature.
 */
export function withTimestampWarning(check: SignatureCheck, warning: string | null | undefined): SignatureCheck {
  if (!warning || check.signatures.length === 0) return check;
  const problem: SignatureProblem = { code: NO_SIGNATURE_TIMESTAMP, severity: 'warning', message: `${warning} / signed B-B: the agency's TSA could not be reached` };
  const last = check.signatures.length - 1;
  const signatures = check.signatures.map((s, index) => (index === last ? { ...s, problems: [...s.problems, problem] } : s));
  return { ...check, signatures, warnings: check.warnings.includes(NO_SIGNATURE_TIMESTAMP) ? check.warnings : [...check.warnings, NO_SIGNATURE_TIMESTAMP] };
}

function withTrustWarning(signature: VerifiedSignature): VerifiedSignature {
  if (signature.trusted !== false || signature.problems.some((p) => p.code === NOT_TRUSTED)) return signature;
  const warning: SignatureProblem = {
    code: NOT_TRUSTED,
    severity: 'warning',
    message:
      'Chứng thư của người ký không dẫn tới chứng thư gốc tin cậy nào của cơ quan / ' +
      "the signer certificate does not chain to one of the agency's trust anchors",
  };
  return { ...signature, problems: [...signature.problems, warning] };
}

function allTrusted(values: ReadonlyArray<boolean | null | undefined>): boolean | null {
  if (values.some((v) => v === false)) return false;
  return values.length > 0 && values.every((v) => v === true) ? true : null;
}

/** A stored check as the faces show it, whole or summed up over the signatures of the file. */
export interface StoredCheckSummary {
  readonly signed: boolean | undefined;
  readonly paper: boolean;
  /** null: on paper, nothing signed, or recorded before intactness was kept. */
  readonly intact: boolean | null;
  readonly trusted: boolean | null;
  readonly problems: ReadonlyArray<{ code: string; severity: SignatureProblem['severity'] }>;
  readonly warnings: readonly string[];
}

/** What an older row may hold: the report before the verdict was kept whole, or `{}`. Every field is optional. */
interface StoredResult {
  signed?: boolean;
  paper?: boolean;
  trusted?: boolean | null;
  warnings?: string[];
  signatures?: Array<{ intact?: boolean; trusted?: boolean | null; problems?: Array<{ code: string; severity: SignatureProblem['severity'] }> }>;
}

/** One signature of a stored check, as the faces show it apart from the others of the same file. */
export interface StoredSignature {
  readonly signerName: string | null;
  readonly signedAt: string | null;
  readonly intact: boolean | null;
  readonly valid: boolean;
  readonly trusted: boolean | null;
  readonly problems: ReadonlyArray<{ code: string; severity: SignatureProblem['severity'] }>;
  readonly certificateSubject: string | null;
  readonly certificateSerial: string | null;
  /** null when the check did not keep it (rows before issue 16's verdicts; a document timestamp has no level). */
  readonly level: NonNullable<VerifiedSignature['level']> | null;
  readonly timestamp: SignatureTimestamp | null;
  readonly revocation: SignatureRevocation | null;
}

/**
 * The signatures of a stored check one by one (a received file sealed after its signer signed holds two), or null
 * when the row was written before each signature's facts were kept: those rows are shown whole, as before.
 */
export function readStoredSignatures(result: string): StoredSignature[] | null {
  const stored = JSON.parse(result) as { signatures?: Array<Partial<VerifiedSignature>> };
  const signatures = stored.signatures ?? [];
  if (signatures.length === 0 || !signatures.every((s) => s.problems !== undefined && typeof s.valid === 'boolean')) return null;
  return signatures.map((s) => ({
    signerName: s.signerName ?? null,
    signedAt: s.signedAt ?? null,
    intact: s.intact ?? null,
    valid: isSoundSignature(s as VerifiedSignature),
    trusted: s.trusted ?? null,
    problems: (s.problems ?? []).map((p) => ({ code: p.code, severity: p.severity })),
    certificateSubject: s.certificate?.subject ?? null,
    certificateSerial: s.certificate?.serialNumber ?? null,
    ...longTermFacts(s),
  }));
}

/**
 * The level, timestamp and revocation a stored signature carries, each null when the check did not keep it: a row
 * written before they were recorded reads as "not recorded", never as "no timestamp".
 */
export function longTermFacts(s: Partial<VerifiedSignature>): Pick<StoredSignature, 'level' | 'timestamp' | 'revocation'> {
  const t = s.timestamp;
  const r = s.revocation;
  return {
    level: s.level ?? null,
    timestamp: t ? { time: t.time ?? null, tsa: t.tsa ?? null, intact: t.intact === true, valid: t.valid === true, trusted: t.trusted ?? null } : null,
    revocation: r ? { status: r.status, source: r.source ?? null, revokedAt: r.revokedAt ?? null } : null,
  };
}

/**
 * The signature a row was written for, when the check holds the whole file: a person's or the agency's own signature
 * is the last one signed (earlier signatures and any document timestamp aside), read for its long-term facts.
 */
export function ownSignatureFacts(result: string): Pick<StoredSignature, 'level' | 'timestamp' | 'revocation'> {
  const stored = JSON.parse(result) as { signatures?: Array<Partial<VerifiedSignature>> };
  const signatures = (stored.signatures ?? []).filter((s) => s.level !== null);
  const own = signatures.at(-1);
  return own ? longTermFacts(own) : { level: null, timestamp: null, revocation: null };
}

/**
 * Reads a row's `result`. Rows written before the verdict was kept whole carry `warnings` but no intact, trusted or
 * problems: they read as "not recorded" (null), their warnings as warning-level problems. No migration needed.
 */
export function readStoredCheck(result: string): StoredCheckSummary {
  const stored = JSON.parse(result) as StoredResult;
  const signatures = stored.signatures ?? [];
  const intacts = signatures.map((s) => s.intact);
  const intact = intacts.some((v) => v === false) ? false : intacts.length > 0 && intacts.every((v) => v === true) ? true : null;
  const warnings = stored.warnings ?? [];
  const recorded = signatures.every((s) => s.problems !== undefined);
  const problems = recorded ? signatures.flatMap((s) => s.problems ?? []) : warnings.map((code) => ({ code, severity: 'warning' as const }));
  const seen = new Set<string>();
  return {
    signed: stored.signed,
    paper: stored.paper === true,
    intact,
    trusted: stored.trusted ?? allTrusted(signatures.map((s) => s.trusted)),
    problems: problems
      .filter((p) => !seen.has(`${p.severity}:${p.code}`) && seen.add(`${p.severity}:${p.code}`))
      .map((p) => ({ code: p.code, severity: p.severity })),
    warnings,
  };
}
