import type { Kysely, Transaction } from 'kysely';
import { EOfficeError } from '@eoffice/contract';
import { vietnamIso } from '@eoffice/vietnamese';
import { appendAudit } from '../audit/audit-log.js';
import type { Clock } from '../clock/clock.js';
import type { SignatureTimestampRequest } from '../ports/document-signer.js';
import { ADVISORY_LOCKS, advisoryLock } from '../store/row-locks.js';
import type { Database } from '../store/schema.js';
import { requireRole, type Actor } from '../users/actor.js';

/**
 * The agency's long-term signing policy (issue 16 item 6), kept in app_settings beside the rest of the agency's
 * set-up, so every face and the agency server read the same one:
 * - `level`: what `doc sign`, `doc issue` and `doc copy` produce — PAdES B-B, or B-T with a signature-time-stamp from
 *   the agency's TSA (`tsaUrl`);
 * - `tsaUnreachable`: a TSA that cannot be reached fails the signing (`fail`, nothing is written), or the signature
 *   goes out B-B with a warning recorded on the signature and in the audit entry (`sign-without`);
 * - `ltvOnClose`: closing a record file adds the validation data and an archive timestamp (B-LTA) to every signed
 *   PDF in it, as a new revision beside the original.
 */
export interface SigningPolicy {
  readonly level: 'B-B' | 'B-T';
  readonly tsaUrl: string | null;
  readonly tsaUnreachable: 'fail' | 'sign-without';
  readonly ltvOnClose: boolean;
}

const KEYS = {
  level: 'signing.level',
  tsaUrl: 'signing.tsa_url',
  tsaUnreachable: 'signing.tsa_unreachable',
  ltvOnClose: 'records.ltv_on_close',
} as const;

export const DEFAULT_SIGNING_POLICY: SigningPolicy = { level: 'B-B', tsaUrl: null, tsaUnreachable: 'fail', ltvOnClose: false };

export async function readSigningPolicy(db: Kysely<Database> | Transaction<Database>): Promise<SigningPolicy> {
  const rows = await db.selectFrom('app_settings').select(['key', 'value']).where('key', 'in', Object.values(KEYS)).execute();
  const value = (key: string) => rows.find((r) => r.key === key)?.value;
  return {
    level: value(KEYS.level) === 'B-T' ? 'B-T' : 'B-B',
    tsaUrl: value(KEYS.tsaUrl) || null,
    tsaUnreachable: value(KEYS.tsaUnreachable) === 'sign-without' ? 'sign-without' : 'fail',
    ltvOnClose: value(KEYS.ltvOnClose) === 'true',
  };
}

/** What a signing asks the TSA for under the policy: null for B-B. */
export function timestampRequest(policy: SigningPolicy): SignatureTimestampRequest | null {
  return policy.level === 'B-T' && policy.tsaUrl ? { url: policy.tsaUrl, onUnreachable: policy.tsaUnreachable } : null;
}

/**
 * Changes the fields given (admin only, audited with before and after). B-T, and LTV on closing, need a TSA: a
 * policy that asks for one without a URL is refused rather than silently signing B-B.
 */
export async function setSigningPolicy(db: Kysely<Database>, clock: Clock, actor: Actor, change: Partial<SigningPolicy>): Promise<SigningPolicy> {
  requireRole(actor, ['admin'], 'đặt chính sách ký số dài hạn');
  const at = vietnamIso(clock.now());
  return db.transaction().execute(async (trx) => {
    // Read, merged and written back whole under the settings' lock (PostgreSQL): two admins changing different
    // fields at once each wrote the other's field back as it was before.
    await advisoryLock(trx, ADVISORY_LOCKS.appSettings);
    const before = await readSigningPolicy(trx);
    const after: SigningPolicy = { ...before, ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) };
    if (after.tsaUrl !== null) checkTsaUrl(after.tsaUrl);
    if ((after.level === 'B-T' || after.ltvOnClose) && !after.tsaUrl) {
      throw new EOfficeError(
        'E_INVALID_INPUT',
        'Mức B-T và bổ sung LTV khi đóng hồ sơ cần địa chỉ máy chủ dấu thời gian (TSA) / B-T and LTV on closing need a TSA URL',
      );
    }
    for (const [field, key] of Object.entries(KEYS) as Array<[keyof SigningPolicy, string]>) {
      const value = after[field] === null ? '' : String(after[field]);
      await trx
        .insertInto('app_settings')
        .values({ key, value, updated_at: at })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
        .execute();
    }
    await appendAudit(trx, clock, { actor: actor.username, action: 'agency.signing-policy', objectType: 'agency', objectId: 'signing', before: { ...before }, after: { ...after } });
    return after;
  });
}

/** An http(s) URL with a host: the TSA is asked over HTTP POST (RFC 3161 §3.4). */
function checkTsaUrl(text: string): void {
  let url: URL | null = null;
  try {
    url = new URL(text);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    throw new EOfficeError('E_INVALID_INPUT', `Địa chỉ TSA phải là URL http(s) / the TSA URL must be an http(s) URL: "${text}"`);
  }
}
