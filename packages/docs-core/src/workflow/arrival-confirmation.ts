import { EOfficeError, type ArrivalFinding } from '@eoffice/contract';
import { sql } from 'kysely';
import type { ArrivalSender } from './arrival-check.js';
import type { DocumentRow, Reader } from './workflow-core.js';

export interface RegisterOptions {
  readonly note?: string | undefined;
  /** The clerk registers a document that needs checking, or a duplicate, knowingly. */
  readonly confirm?: boolean | undefined;
  /** Why: kept in the audit and the processing log. */
  readonly reason?: string | undefined;
}

/** What the audit keeps of a confirmed registration. */
export interface Confirmation {
  readonly reason: string;
  readonly findings: readonly string[];
  readonly duplicateOf: string | null;
}

/** The sending endpoint as the arrival check compares it: the directory's certificates and name, else the name given. */
export async function senderOf(db: Reader, doc: Pick<DocumentRow, 'organ_id' | 'organ_name'>): Promise<ArrivalSender> {
  if (!doc.organ_id) return { fingerprints: new Set(), name: doc.organ_name };
  // One statement for both (each arrival asks): the endpoint's name, and its certificates' fingerprints as the rows of
  // a union (a certificate listed for a code the directory no longer names still counts, as it did when read apart).
  const rows = await db
    .selectFrom('directory_endpoints')
    .select([sql<string>`'name'`.as('kind'), 'name as value'])
    .where('code', '=', doc.organ_id)
    .unionAll(db.selectFrom('directory_endpoint_certificates').select([sql<string>`'fingerprint'`.as('kind'), 'fingerprint as value']).where('code', '=', doc.organ_id))
    .execute();
  const name = rows.find((r) => r.kind === 'name')?.value;
  return { fingerprints: new Set(rows.filter((r) => r.kind === 'fingerprint').map((r) => r.value)), name: name ?? doc.organ_name };
}

/**
 * Điều 21 and Phụ lục VI at the register: a document the arrival check held, or a second copy of one received before
 * (and not rejected), counts only when the clerk confirms it with a reason. Returns what to audit, or null when no
 * confirmation was needed.
 */
export async function requireConfirmation(db: Reader, doc: DocumentRow, options: RegisterOptions): Promise<Confirmation | null> {
  const findings = doc.state === 'needs_checking' ? (JSON.parse(doc.check_findings ?? '[]') as ArrivalFinding[]) : [];
  const duplicateOf = doc.duplicate_of ? await liveOriginal(db, doc.duplicate_of) : null;
  if (findings.length === 0 && doc.state !== 'needs_checking' && duplicateOf === null) return null;
  const reason = options.reason?.trim() ?? '';
  if (options.confirm === true && reason === '') {
    // The clerk meant to confirm: what is missing is the reason the audit keeps, not the confirmation.
    throw new EOfficeError('E_INVALID_INPUT', 'Xác nhận vào sổ cần nêu lý do (--reason) / a confirmation needs a reason');
  }
  if (options.confirm === true) return { reason, findings: findings.map((f) => f.code), duplicateOf };
  if (doc.state === 'needs_checking') {
    throw new EOfficeError(
      'E_NEEDS_CHECKING',
      `Văn bản cần xác minh (${findings.map((f) => f.message).join('; ') || 'chưa rõ'}): vào sổ với --confirm --reason, hoặc từ chối / ` +
        'the document needs checking: register with a confirmation and a reason, or reject it',
      { findings },
    );
  }
  throw new EOfficeError(
    'E_DUPLICATE',
    `Văn bản trùng với văn bản đã tiếp nhận ${duplicateOf}: vào sổ lần nữa chỉ với --confirm --reason / ` +
      'a duplicate of a document received before: register it again only with a confirmation and a reason',
    { duplicateOf },
  );
}

/** The earlier copy, unless it was rejected (then this one is the first to count). */
async function liveOriginal(db: Reader, id: string): Promise<string | null> {
  const original = await db.selectFrom('documents').select(['id', 'state']).where('id', '=', id).executeTakeFirst();
  return original && original.state !== 'rejected' ? original.id : null;
}
