import type { ServiceImplementation } from '@eoffice/contract';
import type { Clock } from '../clock/clock.js';
import { directoryNames } from '../directory/directory-names.js';
import { defaultSearchIndex } from '../search/index.js';
import type { SearchIndex } from '../search/search-index.js';
import type { Store } from '../store/store.js';
import { visibleSecretDocuments } from '../users/secret-access.js';
import { actorOf } from './call-actor.js';

export interface SearchServiceOptions {
  readonly store: Store;
  readonly clock: Clock;
  /** The store's index; SQLite FTS5 unless a PostgreSQL store supplies its own. */
  readonly index?: SearchIndex;
}

/** Tìm kiếm văn bản for any signed-in user; secret documents only for those allowed to see them. */
export function createSearchService({ store, clock, index = defaultSearchIndex }: SearchServiceOptions): ServiceImplementation<'search'> {
  return {
    query: async (query, context) => {
      const actor = await actorOf(store, clock, context);
      // The contract fills defaults; drop absent keys so the index sees only what the caller asked for.
      const defined = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined));
      // Secret documents are filtered inside the index query, never after a page was cut (users/secret-access.ts).
      const secretsVisible = await visibleSecretDocuments(store.db, actor);
      const page = await index.search(store.db, { ...defined, secretsVisible });
      // A document stored with only its issuer's code is named from the directory, as its view is (document-view.ts).
      const named = await directoryNames(store.db, page.hits.filter((hit) => !hit.issuerName).map((hit) => hit.issuerCode));
      const hits = page.hits.map((hit) => (hit.issuerName || !hit.issuerCode ? hit : { ...hit, issuerName: named.get(hit.issuerCode) ?? null }));
      return { hits, nextCursor: page.nextCursor };
    },
  };
}
