import { vietnamDate } from '@eoffice/vietnamese';
import { loadActorById, type Actor } from '../users/actor.js';
import { deputyPeriodFor } from '../users/signing-deputies.js';
import { anotherLeadersDocument } from './designated-signer.js';
import type { DocumentRow, Reader } from './workflow-core.js';

/** In whose name a leader signs a draft: their own, or as the named leader's deputy (ký thay, "KT."). */
export type SigningCapacity =
  | { readonly kind: 'own' }
  | { readonly kind: 'deputy'; readonly leader: Actor; readonly periodId: number };

/**
 * The draft names its signer: that leader signs it; so does the leader's deputy while today (Vietnam time) is inside
 * a period the leader named them for (E_DEPUTY_NOT_IN_PERIOD outside it). Anyone else is refused as before
 * (E_FORBIDDEN). Checked before preparing and again in the transaction that stores the signature.
 */
export async function signingCapacity(db: Reader, actor: Actor, doc: DocumentRow, now: Date): Promise<SigningCapacity> {
  if (!doc.signer_user_id || doc.signer_user_id === actor.id) return { kind: 'own' };
  const periodId = await deputyPeriodFor(db, doc.signer_user_id, actor.id, vietnamDate(now));
  const leader = periodId === null ? undefined : await loadActorById(db, doc.signer_user_id);
  if (periodId === null || !leader) throw anotherLeadersDocument();
  return { kind: 'deputy', leader, periodId };
}

/** The line a deputy's signature box carries above their position (Decree 30 Phụ lục I ô 7a): "KT. CHỦ TỊCH". */
export function deputyAuthorityLine(leader: Actor): string {
  return `KT. ${(leader.position ?? '').toLocaleUpperCase('vi')}`.trim();
}
