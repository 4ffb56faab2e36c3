import { EOfficeError, type ServiceImplementation } from '@eoffice/contract';
import { vietnamIso } from '@eoffice/vietnamese';
import { appendAudit } from '../audit/audit-log.js';
import { bindCertificate, listBoundCertificates, unbindCertificate } from '../certificates/certificate-bindings.js';
import { KIND_RULE_KEY, readKindRule } from '../certificates/certificate-kind.js';
import { certificateDer } from '../certificates/certificate-text.js';
import type { Clock } from '../clock/clock.js';
import type { SignatureVerifier } from '../ports/signature-verifier.js';
import type { Store } from '../store/store.js';
import { requireRole, type Actor } from '../users/actor.js';
import { actorOf } from './call-actor.js';

export interface CertificatesServiceOptions {
  readonly store: Store;
  readonly clock: Clock;
  /** Reads the certificates handed in; absent: binding refuses, typed. */
  readonly verifier?: SignatureVerifier;
}

/**
 * Certificates bound to people and to the agency. A person binds only their own (nobody may put a key in another's
 * name); an admin may list and unbind anyone's (a leaver's key). The agency's are bound by its clerk or an admin
 * (Điều 33: the Văn thư keeps the agency's key); everyone may list them.
 */
export function createCertificatesService({ store, clock, verifier }: CertificatesServiceOptions): ServiceImplementation<'certificates'> {
  const db = store.db;
  const userOf = async (actor: Actor, username: string | undefined) => {
    if (username === undefined || username === actor.username) return { id: actor.id, username: actor.username };
    requireRole(actor, ['admin'], 'xem chứng thư số của người khác');
    const user = await db.selectFrom('users').select(['id', 'username']).where('username', '=', username).executeTakeFirst();
    if (!user) throw new EOfficeError('E_NOT_FOUND', `Không có người dùng "${username}" / no such user`);
    return user;
  };
  return {
    list: async ({ owner, username }, context) => {
      const actor = await actorOf(store, clock, context);
      if (owner === 'agency') return { certificates: await listBoundCertificates(db, clock.now(), 'agency') };
      const user = await userOf(actor, username);
      return { certificates: await listBoundCertificates(db, clock.now(), 'person', user.id) };
    },
    add: async ({ owner, certificate }, context) => {
      const actor = await actorOf(store, clock, context);
      if (owner === 'agency') requireRole(actor, ['admin', 'clerk'], 'đăng ký chứng thư số của cơ quan');
      if (!verifier) throw new EOfficeError('E_VERIFIER_UNAVAILABLE', 'Chưa có bộ đọc chứng thư số / no certificate reader configured');
      const facts = verifier.readCertificate(certificateDer(certificate));
      return bindCertificate(db, clock, actor, owner, owner === 'person' ? { id: actor.id, username: actor.username } : null, facts);
    },
    remove: async ({ owner, id }, context) => {
      const actor = await actorOf(store, clock, context);
      if (owner === 'agency') {
        requireRole(actor, ['admin', 'clerk'], 'gỡ chứng thư số của cơ quan');
        return unbindCertificate(db, clock, actor, 'agency', id, null);
      }
      // Another's binding is not found for a non-admin, as if it did not exist.
      return unbindCertificate(db, clock, actor, 'person', id, actor.roles.has('admin') ? null : actor.id);
    },
    setKindRule: async ({ rule }, context) => {
      const actor = await actorOf(store, clock, context);
      requireRole(actor, ['admin'], 'đặt quy tắc phân biệt chứng thư số');
      const before = await readKindRule(db);
      const at = vietnamIso(clock.now());
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('app_settings')
          .values({ key: KIND_RULE_KEY, value: rule, updated_at: at })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: rule, updated_at: at }))
          .execute();
        await appendAudit(trx, clock, { actor: actor.username, action: 'agency.certificate-kind-rule', objectType: 'agency', objectId: KIND_RULE_KEY, before: { rule: before }, after: { rule } });
      });
      return { rule };
    },
  };
}
