import type { CallContext } from '@eoffice/contract';
import { maySeeDocument, maySeeFile, resolveActor, type Clock, type Store } from '@eoffice/docs-core';
import type { EventAudience } from './event-hub.js';

/** A listener that is no one: it hears only what reaches everyone (an event stream opened before signing in). */
export const NO_ONE: EventAudience = { maySee: async () => new Set() };

/**
 * The audience of an event stream opened by a caller: the user its session names, asked again for each event, with
 * the services' own rule (docs-core's `maySeeDocument`, which lists and `documents.show` apply too). A session that
 * ended, a user deactivated or one who must change a reset password sees nothing.
 */
export function sessionAudience(db: Store['db'], clock: Clock, context: CallContext): EventAudience {
  if (!context.sessionToken && !context.actingUsername) return NO_ONE;
  return {
    maySee: async (documents) => {
      const actor = await resolveActor(db, clock, context).catch(() => null);
      if (!actor) return new Set();
      const visible = new Set<string>();
      for (const doc of documents) {
        const may = doc.kind === 'record-file' ? maySeeFile(actor, doc.secrecy ?? 'none') : await maySeeDocument(db, actor, doc);
        if (may) visible.add(doc.id);
      }
      return visible;
    },
  };
}
