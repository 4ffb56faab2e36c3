import type { CallContext, ServiceImplementation } from '@eoffice/contract';
import type { Clock } from '../clock/clock.js';
import type { Store } from '../store/store.js';
import { resolveActor, type Actor } from '../users/actor.js';
import { visibleSecretDocuments } from '../users/secret-access.js';

export interface SystemServiceOptions {
  readonly store: Store;
  readonly clock: Clock;
  /** The app's own version, given by the face that composes the services. */
  readonly version: string;
  /** What composes these services: one machine (the default) or the agency server (`eoffice serve`). */
  readonly deployment?: 'standalone' | 'agency-server';
}

/** The faces that run on the machine holding the data: only they are told where it lives, and may ask signed out. */
function isLocalOperator(context: CallContext): boolean {
  return context.face === 'cli' || context.face === 'test';
}

export function createSystemService({ store, clock, version, deployment = 'standalone' }: SystemServiceOptions): ServiceImplementation<'system'> {
  return {
    async info(_input, context) {
      // Over HTTP and IPC a session is required (E_UNAUTHORIZED → 401); the CLI counts only for a named user.
      const signedIn = !isLocalOperator(context) || context.actingUsername !== null || context.sessionToken !== null;
      const actor = signedIn ? await resolveActor(store.db, clock, context) : null;
      return {
        version,
        dataDir: context.face === 'http' ? null : store.dataDir,
        databasePath: context.face === 'http' ? null : store.databasePath,
        schemaVersion: await store.schemaVersion(),
        documentCounts: actor ? await visibleCounts(store, actor) : null,
        deployment: { mode: deployment },
      };
    },
  };
}

/** Counts what the actor may see: a secret document they may not see is not even a number to them. */
async function visibleCounts(store: Store, actor: Actor) {
  const secrets = await visibleSecretDocuments(store.db, actor);
  let query = store.db.selectFrom('documents').select(['direction', (eb) => eb.fn.countAll<number>().as('count')]);
  if (secrets !== 'all') {
    query = query.where((eb) =>
      eb.or([eb('secrecy', 'is', null), eb('secrecy', '=', 'none'), ...(secrets.length > 0 ? [eb('id', 'in', secrets)] : [])]),
    );
  }
  const rows = await query.groupBy('direction').execute();
  const counts = { incoming: 0, outgoing: 0, internal: 0 };
  for (const row of rows) counts[row.direction] = Number(row.count);
  return { ...counts, total: counts.incoming + counts.outgoing + counts.internal };
}
