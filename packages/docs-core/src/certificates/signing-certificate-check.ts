import type { Kysely, Transaction } from 'kysely';
import { EOfficeError } from '@eoffice/contract';
import { vietnamDay } from '@eoffice/vietnamese';
import type { CertificateFacts } from '../ports/signature-verifier.js';
import type { Database } from '../store/schema.js';
import type { Actor } from '../users/actor.js';
import { kindAllowed, kindError, readKindRule } from './certificate-kind.js';

/** Who must own the certificate: the acting person (ô 7c) or the agency (ô 8, the seal and attachment stamps). */
export type SigningPurpose = { readonly owner: 'person'; readonly actor: Actor } | { readonly owner: 'agency' };

/**
 * Decree 30 Điều 5, 32–33: a person's signature counts only with a certificate that person bound, a seal only with
 * one the agency bound; either must be valid now, of the right kind, and allowed to sign. Called on the certificate
 * that actually signs — before asking the token when the signer names its certificate, and always on the verdict of
 * the signature made — by every path that signs (the CLI's one-step signing and the two-phase desk signing alike).
 */
export async function requireSigningCertificate(
  db: Kysely<Database> | Transaction<Database>,
  purpose: SigningPurpose,
  facts: CertificateFacts | null | undefined,
  now: Date,
): Promise<void> {
  if (!facts) {
    throw new EOfficeError('E_CERT_NOT_BOUND', 'Không đọc được chứng thư số của chữ ký / the signing certificate could not be read');
  }
  const bound = await db
    .selectFrom('signing_certificates')
    .select(['owner', 'user_id'])
    .where('fingerprint', '=', facts.fingerprintSha256)
    .executeTakeFirst();
  const ours = bound !== undefined && bound.owner === purpose.owner && (purpose.owner === 'agency' || bound.user_id === purpose.actor.id);
  if (!ours) {
    throw new EOfficeError(
      'E_CERT_NOT_BOUND',
      purpose.owner === 'agency'
        ? `Chứng thư "${facts.commonName ?? facts.subject}" (sê-ri ${facts.serialNumber}) chưa được đăng ký cho cơ quan (agency cert add) / the certificate is not bound to the agency`
        : `Chứng thư "${facts.commonName ?? facts.subject}" (sê-ri ${facts.serialNumber}) chưa được đăng ký cho ${purpose.actor.username} (user cert add) / the certificate is not bound to the acting user`,
    );
  }
  if (!kindAllowed(await readKindRule(db), facts, purpose.owner === 'agency' ? 'organisation' : 'person')) throw kindError(purpose.owner, facts);
  refuseUnfitCertificate(facts, now, { expired: 'refuse', notYetValid: 'refuse' });
}

/** Validity at `now` and the key usage (RFC 5280 §4.2.1.3; no extension: no restriction); a CA certificate never signs documents. */
export function refuseUnfitCertificate(facts: CertificateFacts, now: Date, policy: { expired: 'refuse'; notYetValid: 'refuse' | 'allow' }): void {
  const notBefore = new Date(facts.notBefore);
  const notAfter = new Date(facts.notAfter);
  if (now > notAfter || (policy.notYetValid === 'refuse' && now < notBefore)) {
    throw new EOfficeError(
      'E_CERT_EXPIRED',
      `Chứng thư số chỉ có hiệu lực từ ${vietnamDay(notBefore)} đến ${vietnamDay(notAfter)} / the certificate is valid from ${facts.notBefore} to ${facts.notAfter} only`,
    );
  }
  const usage = facts.keyUsage;
  const maySign = usage === null || usage.includes('digitalSignature') || usage.includes('nonRepudiation');
  if (!maySign || facts.isCertificateAuthority) {
    throw new EOfficeError(
      'E_CERT_KEY_USAGE',
      `Chứng thư số không cho phép ký (key usage: ${usage?.join(', ') ?? '-'}) / the certificate's key usage does not allow signing`,
    );
  }
}
