import type { ServiceImplementation } from '@eoffice/contract';
import { verifyAuditChain } from '../audit/audit-log.js';
import type { Clock } from '../clock/clock.js';
import type { Store } from '../store/store.js';
import { requireRole } from '../users/actor.js';
import { actorOf } from './call-actor.js';

export interface AuditServiceOptions {
  readonly store: Store;
  readonly clock: Clock;
}

/** Reading the audit is deliberate: admins and archivists only (edms-anchors §5.7). */
export function createAuditService({ store, clock }: AuditServiceOptions): ServiceImplementation<'audit'> {
  return {
    verify: async (_input, context) => {
      requireRole(await actorOf(store, clock, context), ['admin', 'archivist', 'clerk'], 'kiểm tra nhật ký');
      return verifyAuditChain(store.db);
    },
    list: async ({ objectId, limit }, context) => {
      requireRole(await actorOf(store, clock, context), ['admin', 'archivist'], 'xem nhật ký');
      let query = store.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit);
      if (objectId) query = query.where('object_id', '=', objectId);
      const rows = await query.execute();
      return {
        entries: rows.map((r) => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, objectType: r.object_type, objectId: r.object_id, before: r.before, after: r.after })),
      };
    },
  };
}
