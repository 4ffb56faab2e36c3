import type { Kysely } from 'kysely';
import { EOfficeError } from '@eoffice/contract';
import { vietnamIso } from '@eoffice/vietnamese';
import { appendAudit } from '../audit/audit-log.js';
import type { Clock } from '../clock/clock.js';
import type { CertificateFacts } from '../ports/signature-verifier.js';
import type { Database, SigningCertificatesTable } from '../store/schema.js';
import type { Actor } from '../users/actor.js';
import { certificateKind, kindAllowed, kindError, readKindRule, type CertificateKind } from './certificate-kind.js';
import { refuseUnfitCertificate } from './signing-certificate-check.js';

export type CertificateOwner = 'person' | 'agency';

/** A bound certificate as the faces list it. */
export interface BoundCertificate {
  readonly id: number;
  readonly owner: CertificateOwner;
  readonly username: string | null;
  readonly subject: string;
  readonly commonName: string | null;
  readonly organization: string | null;
  readonly issuer: string;
  readonly serialNumber: string;
  readonly fingerprintSha256: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly keyUsage: string[] | null;
  readonly kind: CertificateKind;
  readonly validNow: boolean;
  readonly addedBy: string;
  readonly addedAt: string;
}

type Row = SigningCertificatesTable & { id: number; username: string | null };

export async function listBoundCertificates(db: Kysely<Database>, now: Date, owner: CertificateOwner, userId?: string): Promise<BoundCertificate[]> {
  let query = db
    .selectFrom('signing_certificates')
    .leftJoin('users', 'users.id', 'signing_certificates.user_id')
    .selectAll('signing_certificates')
    .select('users.username')
    .where('signing_certificates.owner', '=', owner);
  if (userId !== undefined) query = query.where('signing_certificates.user_id', '=', userId);
  const rows = await query.orderBy('signing_certificates.id').execute();
  return rows.map((row) => toView(row as Row, now));
}

/**
 * Binds a certificate to a person or to the agency, in one audited transaction. Refused: a certificate of the wrong
 * kind, one whose key may not sign, one already expired, one bound to anyone already (a key belongs to one owner).
 */
export async function bindCertificate(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  owner: CertificateOwner,
  user: { id: string; username: string } | null,
  facts: CertificateFacts,
): Promise<BoundCertificate> {
  const now = clock.now();
  const wanted: CertificateKind = owner === 'agency' ? 'organisation' : 'person';
  if (!kindAllowed(await readKindRule(db), facts, wanted)) throw kindError(owner, facts);
  refuseUnfitCertificate(facts, now, { expired: 'refuse', notYetValid: 'allow' });
  const at = vietnamIso(now);
  const id = await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('signing_certificates').select(['id', 'owner']).where('fingerprint', '=', facts.fingerprintSha256).executeTakeFirst();
    if (existing) {
      throw new EOfficeError('E_CONFLICT', 'Chứng thư số này đã được đăng ký (cho người này hoặc người khác) / this certificate is already bound');
    }
    const inserted = await trx
      .insertInto('signing_certificates')
      .values({
        owner,
        user_id: user?.id ?? null,
        fingerprint: facts.fingerprintSha256,
        subject: facts.subject,
        common_name: facts.commonName,
        organization: facts.organization,
        issuer: facts.issuer,
        serial: facts.serialNumber,
        not_before: facts.notBefore,
        not_after: facts.notAfter,
        key_usage: facts.keyUsage === null ? null : JSON.stringify(facts.keyUsage),
        added_by: actor.username,
        added_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, clock, {
      actor: actor.username,
      action: owner === 'agency' ? 'agency.certificate-add' : 'user.certificate-add',
      objectType: owner === 'agency' ? 'agency' : 'user',
      objectId: user?.username ?? 'agency',
      after: { subject: facts.subject, serial: facts.serialNumber, fingerprint: facts.fingerprintSha256 },
    });
    return inserted.id;
  });
  const [bound] = (await listBoundCertificates(db, now, owner, user?.id)).filter((c) => c.id === id);
  return bound!;
}

/** Unbinds one certificate (audited). Documents it signed keep the subject and serial they recorded. */
export async function unbindCertificate(db: Kysely<Database>, clock: Clock, actor: Actor, owner: CertificateOwner, id: number, userId: string | null): Promise<BoundCertificate> {
  const now = clock.now();
  const current = (await listBoundCertificates(db, now, owner, userId ?? undefined)).find((c) => c.id === id);
  if (!current) throw new EOfficeError('E_NOT_FOUND', `Không có chứng thư số ${id} / no such bound certificate`);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('signing_certificates').where('id', '=', id).execute();
    await appendAudit(trx, clock, {
      actor: actor.username,
      action: owner === 'agency' ? 'agency.certificate-remove' : 'user.certificate-remove',
      objectType: owner === 'agency' ? 'agency' : 'user',
      objectId: current.username ?? 'agency',
      before: { subject: current.subject, serial: current.serialNumber, fingerprint: current.fingerprintSha256 },
    });
  });
  return current;
}

function toView(row: Row, now: Date): BoundCertificate {
  const notBefore = new Date(row.not_before);
  const notAfter = new Date(row.not_after);
  return {
    id: row.id,
    owner: row.owner,
    username: row.username,
    subject: row.subject,
    commonName: row.common_name,
    organization: row.organization,
    issuer: row.issuer,
    serialNumber: row.serial,
    fingerprintSha256: row.fingerprint,
    notBefore: row.not_before,
    notAfter: row.not_after,
    keyUsage: row.key_usage === null ? null : (JSON.parse(row.key_usage) as string[]),
    kind: certificateKind({ commonName: row.common_name, organization: row.organization }),
    validNow: now >= notBefore && now <= notAfter,
    addedBy: row.added_by,
    addedAt: row.added_at,
  };
}
