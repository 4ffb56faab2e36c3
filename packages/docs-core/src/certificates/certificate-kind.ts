import type { Kysely } from 'kysely';
import { EOfficeError } from '@eoffice/contract';
import { foldVietnamese } from '@eoffice/vietnamese';
import type { CertificateFacts } from '../ports/signature-verifier.js';
import type { Database } from '../store/schema.js';

/** Whose certificate it is: a person's (ô 7c) or an organisation's (ô 8, the seal). */
export type CertificateKind = 'person' | 'organisation';

/**
 * How the agency tells the two apart. `cn-equals-o`: a certificate whose CN equals its O (folded) is an
 * organisation's, any other a person's — as Vietnamese CAs issue them. `any`: kinds are not checked (an agency whose
 * CA names its seal certificates otherwise relies on the binding alone).
 */
export type CertificateKindRule = 'cn-equals-o' | 'any';

export const CERTIFICATE_KIND_RULES: readonly CertificateKindRule[] = ['cn-equals-o', 'any'];

const RULE_KEY = 'certificates.kind_rule';

export function certificateKind(facts: Pick<CertificateFacts, 'commonName' | 'organization'>): CertificateKind {
  const cn = facts.commonName === null ? null : foldVietnamese(facts.commonName).replace(/\s+/g, ' ').trim();
  const o = facts.organization === null ? null : foldVietnamese(facts.organization).replace(/\s+/g, ' ').trim();
  return cn !== null && cn !== '' && cn === o ? 'organisation' : 'person';
}

/** The kind the rule requires is the certificate's, or the rule asks nothing. */
export function kindAllowed(rule: CertificateKindRule, facts: Pick<CertificateFacts, 'commonName' | 'organization'>, wanted: CertificateKind): boolean {
  return rule === 'any' || certificateKind(facts) === wanted;
}

export async function readKindRule(db: Kysely<Database>): Promise<CertificateKindRule> {
  const row = await db.selectFrom('app_settings').select('value').where('key', '=', RULE_KEY).executeTakeFirst();
  return kindRuleOf(row?.value);
}

/** The rule a stored setting names; anything but `any` (or no setting) is the strict rule. */
export function kindRuleOf(value: string | undefined): CertificateKindRule {
  return value === 'any' ? 'any' : 'cn-equals-o';
}

export const KIND_RULE_KEY = RULE_KEY;

export function kindError(owner: 'person' | 'agency', facts: CertificateFacts): EOfficeError {
  return new EOfficeError(
    'E_CERT_SUBJECT_KIND',
    owner === 'agency'
      ? `Chứng thư "${facts.commonName ?? facts.subject}" là của cá nhân, không dùng đóng dấu cơ quan / a person's certificate cannot seal for the agency`
      : `Chứng thư "${facts.commonName ?? facts.subject}" là của tổ chức, không dùng ký cá nhân / an organisation's certificate cannot sign for a person`,
  );
}
