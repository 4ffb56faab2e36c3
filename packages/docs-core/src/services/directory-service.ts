import type { ServiceImplementation } from '@eoffice/contract';
import type { Clock } from '../clock/clock.js';
import { exportDirectory, importDirectory, searchDirectory } from '../directory/directory-repository.js';
import type { Store } from '../store/store.js';
import { requireRole } from '../users/actor.js';
import { actorOf } from './call-actor.js';

export interface DirectoryServiceOptions {
  readonly store: Store;
  readonly clock: Clock;
}

/** Danh bạ: everyone signed in may look up and export; only an admin replaces or merges the catalogue. */
export function createDirectoryService({ store, clock }: DirectoryServiceOptions): ServiceImplementation<'directory'> {
  return {
    import: async ({ file, replace }, context) => {
      requireRole(await actorOf(store, clock, context), ['admin'], 'nhập danh bạ');
      return importDirectory(store.db, file, { replace, now: clock.now() });
    },
    export: async (_input, context) => {
      await actorOf(store, clock, context);
      return exportDirectory(store.db);
    },
    search: async ({ text, limit }, context) => {
      await actorOf(store, clock, context);
      return { matches: await searchDirectory(store.db, text, limit) };
    },
  };
}
