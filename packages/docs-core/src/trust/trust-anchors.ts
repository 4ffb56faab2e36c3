import type { Kysely } from 'kysely';
import { EOfficeError } from '@eoffice/contract';
import { vietnamIso } from '@eoffice/vietnamese';
import { appendAudit } from '../audit/audit-log.js';
import type { Clock } from '../clock/clock.js';
import type { CertificateFacts } from '../ports/signature-verifier.js';
import type { Database, TrustAnchorsTable } from '../store/schema.js';
import type { Actor } from '../users/actor.js';

/** A trust anchor as the faces list it. */
export interface TrustAnchor {
  readonly id: number;
  readonly subject: string;
  readonly commonName: string | null;
  readonly organization: string | null;
  readonly serialNumber: string;
  readonly fingerprintSha256: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly addedBy: string;
  readonly addedAt: string;
}

type Row = Omit<TrustAnchorsTable, 'id' | 'der'> & { id: number };

export async function listTrustAnchors(db: Kysely<Database>): Promise<TrustAnchor[]> {
  const rows = await db
    .selectFrom('trust_anchors')
    .select(['id', 'fingerprint', 'subject', 'common_name', 'organization', 'serial', 'not_before', 'not_after', 'added_by', 'added_at'])
    .orderBy('id')
    .execute();
  return rows.map(toView);
}

/** The DER of every stored anchor: what the verifier validates senders' chains against, beside its configured ones. */
export async function storedTrustAnchors(db: Kysely<Database>): Promise<Uint8Array[]> {
  const rows = await db.selectFrom('trust_anchors').select('der').orderBy('id').execute();
  return rows.map((r) => new Uint8Array(r.der));
}

/** Adds one anchor in one audited transaction; the same certificate twice is a conflict, not a second row. */
export async function addTrustAnchor(db: Kysely<Database>, clock: Clock, actor: Actor, der: Uint8Array, facts: CertificateFacts): Promise<TrustAnchor> {
  const at = vietnamIso(clock.now());
  const id = await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('trust_anchors').select('id').where('fingerprint', '=', facts.fingerprintSha256).executeTakeFirst();
    if (existing) throw new EOfficeError('E_CONFLICT', 'Chứng thư gốc này đã có trong danh sách tin cậy / this trust anchor is already listed');
    const inserted = await trx
      .insertInto('trust_anchors')
      .values({
        fingerprint: facts.fingerprintSha256,
        der,
        subject: facts.subject,
        common_name: facts.commonName,
        organization: facts.organization,
        serial: facts.serialNumber,
        not_before: facts.notBefore,
        not_after: facts.notAfter,
        added_by: actor.username,
        added_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, clock, {
      actor: actor.username,
      action: 'agency.trust-anchor-add',
      objectType: 'agency',
      objectId: 'trust',
      after: { subject: facts.subject, serial: facts.serialNumber, fingerprint: facts.fingerprintSha256 },
    });
    return inserted.id;
  });
  return (await listTrustAnchors(db)).find((a) => a.id === id)!;
}

export async function removeTrustAnchor(db: Kysely<Database>, clock: Clock, actor: Actor, id: number): Promise<TrustAnchor> {
  const current = (await listTrustAnchors(db)).find((a) => a.id === id);
  if (!current) throw new EOfficeError('E_NOT_FOUND', `Không có chứng thư gốc ${id} / no such trust anchor`);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('trust_anchors').where('id', '=', id).execute();
    await appendAudit(trx, clock, {
      actor: actor.username,
      action: 'agency.trust-anchor-remove',
      objectType: 'agency',
      objectId: 'trust',
      before: { subject: current.subject, serial: current.serialNumber, fingerprint: current.fingerprintSha256 },
    });
  });
  return current;
}

function toView(row: Row): TrustAnchor {
  return {
    id: row.id,
    subject: row.subject,
    commonName: row.common_name,
    organization: row.organization,
    serialNumber: row.serial,
    fingerprintSha256: row.fingerprint,
    notBefore: row.not_before,
    notAfter: row.not_after,
    addedBy: row.added_by,
    addedAt: row.added_at,
  };
}
