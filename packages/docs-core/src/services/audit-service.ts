import type { ServiceImplementation } from '@eoffice/contract';
import { addCalendarDays } from '@eoffice/vietnamese';
import type { Kysely } from 'kysely';
import { verifyAuditChain } from '../audit/audit-log.js';
import { PostgresAuditAnchors } from '../audit/postgres-audit-anchors.js';
import type { Clock } from '../clock/clock.js';
import { isSecret } from '../model/secrecy.js';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { requireRole, type Actor } from '../users/actor.js';
import { visibleSecretDocuments } from '../users/secret-access.js';
import { actorOf } from './call-actor.js';

export interface AuditServiceOptions {
  readonly store: Store;
  readonly clock: Clock;
}

/**
 * The chain against its anchors. On PostgreSQL the head, the anchors and the entries are read in one REPEATABLE READ
 * snapshot: clerks keep committing while an auditor verifies, and an entry committed between two of the reads would
 * otherwise look unanchored or past the head.
 */
export async function verifyStoreAudit(store: Pick<Store, 'db' | 'auditAnchors'>): ReturnType<typeof verifyAuditChain> {
  const anchors = store.auditAnchors;
  if (!(anchors instanceof PostgresAuditAnchors)) return verifyAuditChain(store.db, anchors);
  return store.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute((trx) => verifyAuditChain(trx, anchors.within(trx)));
}

/** Reading the audit is deliberate: admins and archivists only. */
export function createAuditService({ store, clock }: AuditServiceOptions): ServiceImplementation<'audit'> {
  return {
    verify: async (_input, context) => {
      requireRole(await actorOf(store, clock, context), ['admin', 'archivist', 'clerk'], 'kiểm tra nhật ký');
      return verifyStoreAudit(store);
    },
    list: async ({ objectId, actor: actedBy, from, to, beforeId, limit }, context) => {
      const actor = await actorOf(store, clock, context);
      requireRole(actor, ['admin', 'archivist'], 'xem nhật ký');
      let query = store.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit);
      if (objectId) query = query.where('object_id', '=', objectId);
      if (actedBy) query = query.where('actor', '=', actedBy);
      // `at` is written in Vietnam time with its offset (appendAudit: vietnamIso), so a day is a prefix and the text
      // order is the time order: from its first instant, to before the next day's.
      if (from) query = query.where('at', '>=', from);
      if (to) query = query.where('at', '<', addCalendarDays(to, 1));
      if (beforeId) query = query.where('id', '<', beforeId);
      const rows = await query.execute();
      const hidden = await hiddenSecretDocuments(store.db, actor, rows.filter((r) => r.object_type === 'document').map((r) => r.object_id));
      return {
        entries: rows.map((r) => {
          const redacted = r.object_type === 'document' && hidden.has(r.object_id);
          return {
            id: r.id,
            at: r.at,
            actor: r.actor,
            action: r.action,
            objectType: r.object_type,
            objectId: r.object_id,
            before: redacted ? null : r.before,
            after: redacted ? null : r.after,
            redacted,
          };
        }),
      };
    },
  };
}

/**
 * The documents among `ids` whose summaries this reader may not see: who did what and when stays readable to every
 * auditor, what the summary says only to those who may see the document (an admin sees no secret). A document that
 * is gone (an accepted recall removes it) can no longer say whether it was secret, so its summaries are withheld
 * from anyone who does not read all secrets.
 */
async function hiddenSecretDocuments(db: Kysely<Database>, actor: Actor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const visible = await visibleSecretDocuments(db, actor);
  if (visible === 'all') return new Set();
  const unique = [...new Set(ids)];
  const rows = await db.selectFrom('documents').select(['id', 'secrecy']).where('id', 'in', unique).execute();
  const present = new Map(rows.map((r) => [r.id, r.secrecy]));
  return new Set(unique.filter((id) => (present.has(id) ? isSecret(present.get(id) ?? null) && !visible.includes(id) : true)));
}
