import { EOfficeError } from '@eoffice/contract';
import { loadActorById, type Actor } from '../users/actor.js';
import type { DocumentRow, Trx } from './workflow-core.js';

/** The draft names the leader who signs it: another leader may neither approve nor sign it. */
export function requireDesignatedSigner(actor: Actor, doc: DocumentRow): void {
  if (doc.signer_user_id && doc.signer_user_id !== actor.id) throw anotherLeadersDocument();
}

export function anotherLeadersDocument(): EOfficeError {
  return new EOfficeError('E_FORBIDDEN', `Văn bản này do lãnh đạo khác ký / another leader is the designated signer`);
}

/** Who signed by hand: the leader recording it (the designated one, if any), or the designated signer for a clerk. */
export async function paperSigner(trx: Trx, actor: Actor, doc: DocumentRow): Promise<Actor> {
  if (actor.roles.has('leader')) {
    requireDesignatedSigner(actor, doc);
    return actor;
  }
  const designated = doc.signer_user_id ? await loadActorById(trx, doc.signer_user_id) : undefined;
  if (!designated) {
    throw new EOfficeError('E_INVALID_STATE', 'Dự thảo chưa có lãnh đạo ký: lãnh đạo tự ghi nhận chữ ký tay / no designated signer: the leader records it');
  }
  return designated;
}
