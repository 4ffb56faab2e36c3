import type { ServiceImplementation } from '@eoffice/contract';
import type { Store } from '../store/store.js';

export interface SystemServiceOptions {
  readonly store: Store;
  /** The app's own version, given by the face that composes the services. */
  readonly version: string;
}

export function createSystemService({ store, version }: SystemServiceOptions): ServiceImplementation<'system'> {
  return {
    async info() {
      const rows = await store.db
        .selectFrom('documents')
        .select(['direction', (eb) => eb.fn.countAll<number>().as('count')])
        .groupBy('direction')
        .execute();
      const counts = { incoming: 0, outgoing: 0, internal: 0 };
      for (const row of rows) counts[row.direction] = Number(row.count);
      return {
        version,
        dataDir: store.dataDir,
        databasePath: store.databasePath,
        schemaVersion: await store.schemaVersion(),
        documentCounts: { ...counts, total: counts.incoming + counts.outgoing + counts.internal },
      };
    },
  };
}
