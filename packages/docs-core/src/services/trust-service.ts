import { EOfficeError, type ServiceImplementation } from '@eoffice/contract';
import { vietnamIso } from '@eoffice/vietnamese';
import { appendAudit } from '../audit/audit-log.js';
import { certificateDer } from '../certificates/certificate-text.js';
import type { Clock } from '../clock/clock.js';
import type { SignatureVerifier } from '../ports/signature-verifier.js';
import type { Store } from '../store/store.js';
import { addTrustAnchor, listTrustAnchors, removeTrustAnchor } from '../trust/trust-anchors.js';
import { readRequireTrusted, writeRequireTrusted } from '../trust/trust-policy.js';
import { readSigningPolicy, setSigningPolicy } from '../agency/signing-policy.js';
import { requireRole } from '../users/actor.js';
import { actorOf } from './call-actor.js';

export interface TrustServiceOptions {
  readonly store: Store;
  readonly clock: Clock;
  /** Reads the certificates handed in; absent: adding refuses, typed. */
  readonly verifier?: SignatureVerifier;
}

/** The agency's trust anchors and its "require trusted" policy: an admin's, every change audited. */
export function createTrustService({ store, clock, verifier }: TrustServiceOptions): ServiceImplementation<'trust'> {
  const db = store.db;
  const admin = async (context: Parameters<typeof actorOf>[2], what: string) => {
    const actor = await actorOf(store, clock, context);
    requireRole(actor, ['admin'], what);
    return actor;
  };
  return {
    list: async (_input, context) => {
      await admin(context, 'xem chứng thư gốc tin cậy');
      return { anchors: await listTrustAnchors(db), policy: { requireTrusted: await readRequireTrusted(db) } };
    },
    add: async ({ certificate }, context) => {
      const actor = await admin(context, 'thêm chứng thư gốc tin cậy');
      if (!verifier) throw new EOfficeError('E_VERIFIER_UNAVAILABLE', 'Chưa có bộ đọc chứng thư số / no certificate reader configured');
      const der = certificateDer(certificate);
      return addTrustAnchor(db, clock, actor, der, verifier.readCertificate(der));
    },
    remove: async ({ id }, context) => removeTrustAnchor(db, clock, await admin(context, 'gỡ chứng thư gốc tin cậy'), id),
    setPolicy: async ({ requireTrusted }, context) => {
      const actor = await admin(context, 'đặt chính sách tin cậy');
      const before = await readRequireTrusted(db);
      await db.transaction().execute(async (trx) => {
        await writeRequireTrusted(trx, requireTrusted, vietnamIso(clock.now()));
        await appendAudit(trx, clock, { actor: actor.username, action: 'agency.trust-policy', objectType: 'agency', objectId: 'trust', before: { requireTrusted: before }, after: { requireTrusted } });
      });
      return { requireTrusted };
    },
    /** Any signed-in user: the sign dialog may say which level it will produce; the TSA's address is no secret. */
    signingPolicy: async (_input, context) => {
      await actorOf(store, clock, context);
      return readSigningPolicy(db);
    },
    setSigningPolicy: async (change, context) => setSigningPolicy(db, clock, await actorOf(store, clock, context), change),
  };
}
