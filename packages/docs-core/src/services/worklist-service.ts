import { EOfficeError, type ServiceImplementation } from '@eoffice/contract';
import type { Clock } from '../clock/clock.js';
import type { Store } from '../store/store.js';
import { requireDocumentVisible } from '../users/secret-access.js';
import { countBadges, markRead, unreadAmong } from '../worklist/document-reads.js';
import { actorOf } from './call-actor.js';

export interface WorklistServiceOptions {
  readonly store: Store;
  readonly clock: Clock;
}

/** Việc của tôi: every signed-in user has badges and read marks of their own; no role is needed. */
export function createWorklistService({ store, clock }: WorklistServiceOptions): ServiceImplementation<'worklist'> {
  const db = store.db;
  return {
    badges: async (_input, context) => countBadges(db, await actorOf(store, clock, context), clock.now()),
    markRead: async ({ id }, context) => {
      const actor = await actorOf(store, clock, context);
      await requireDocumentVisible(db, actor, id);
      const exists = await db.selectFrom('documents').select('id').where('id', '=', id).executeTakeFirst();
      if (!exists) throw new EOfficeError('E_NOT_FOUND', `Không tìm thấy văn bản ${id} / document not found`);
      await markRead(db, actor, id, clock.now());
      return { id, read: true as const };
    },
    unread: async ({ ids }, context) => ({ unread: await unreadAmong(db, await actorOf(store, clock, context), ids) }),
  };
}
