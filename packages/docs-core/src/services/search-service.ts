import type { ServiceImplementation } from '@eoffice/contract';
import type { Clock } from '../clock/clock.js';
import { defaultSearchIndex } from '../search/index.js';
import type { SearchIndex } from '../search/search-index.js';
import type { Store } from '../store/store.js';
import { actorOf } from './call-actor.js';

export interface SearchServiceOptions {
  readonly store: Store;
  readonly clock: Clock;
  /** The store's index; SQLite FTS5 unless a PostgreSQL store supplies its own. */
  readonly index?: SearchIndex;
}

/** Tìm kiếm văn bản for any signed-in user. */
export function createSearchService({ store, clock, index = defaultSearchIndex }: SearchServiceOptions): ServiceImplementation<'search'> {
  return {
    query: async (query, context) => {
      await actorOf(store, clock, context);
      // The contract fills defaults; drop absent keys so the index sees only what the caller asked for.
      const defined = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined));
      const page = await index.search(store.db, defined);
      return { hits: [...page.hits], nextCursor: page.nextCursor };
    },
  };
}
