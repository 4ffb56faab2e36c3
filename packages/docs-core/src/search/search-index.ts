import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';

/** What a document contributes to search. The services build it from the document row; search owns no rules. */
export interface SearchDocument {
  readonly id: string;
  readonly direction: string;
  /** The date that orders results, `YYYY-MM-DD`: arrival date (incoming), issue date (outgoing), else creation. */
  readonly date: string;
  readonly type?: string | null;
  readonly number?: string | null;
  readonly symbol?: string | null;
  readonly subject?: string | null;
  readonly issuerCode?: string | null;
  readonly issuerName?: string | null;
  readonly signerName?: string | null;
  readonly state?: string | null;
  readonly urgency?: string | null;
  /** Độ mật code (`none`, `confidential`, `secret`, `top-secret`): anything but `none` is hidden from most actors. */
  readonly secrecy?: string | null;
  /** Files whose text is extracted in the background (PDF only); by content hash. */
  readonly files?: readonly { readonly sha256: string; readonly mediaType: string }[];
}

export interface SearchQuery {
  readonly text?: string;
  readonly direction?: string;
  /** Year of the document's date (the register year for registered documents). */
  readonly year?: number;
  readonly type?: string;
  readonly dateFrom?: string;
  readonly dateTo?: string;
  readonly issuerCode?: string;
  readonly state?: string;
  readonly urgency?: string;
  readonly order?: 'newest' | 'oldest';
  readonly limit?: number;
  /** From the previous page's `nextCursor`. */
  readonly cursor?: string;
  /**
   * Which secret documents the caller may see: `'all'`, or only these ids. Absent means none: the index hides
   * secrets unless the service that knows the actor says otherwise.
   */
  readonly secretsVisible?: 'all' | readonly string[];
}

export interface SearchHit {
  readonly id: string;
  readonly direction: string;
  readonly date: string;
  readonly type: string | null;
  readonly number: string | null;
  readonly symbol: string | null;
  readonly subject: string | null;
  readonly issuerCode: string | null;
  readonly issuerName: string | null;
  readonly state: string | null;
  readonly urgency: string | null;
  /** The text matched with the user's diacritics, not only folded. */
  readonly exact: boolean;
}

export interface SearchPage {
  readonly hits: readonly SearchHit[];
  readonly nextCursor: string | null;
}

/**
 * The search store behind the services. SQLite uses FTS5 (sqlite-search-index.ts); the PostgreSQL store that
 * follows implements the same interface, so no service changes with it. `db` may be a transaction: indexing runs
 * in the same transaction as the change it reflects.
 */
export interface SearchIndex {
  index(db: Kysely<Database>, docs: readonly SearchDocument[]): Promise<void>;
  remove(db: Kysely<Database>, documentId: string): Promise<boolean>;
  search(db: Kysely<Database>, query: SearchQuery): Promise<SearchPage>;
  /** Maintenance after a bulk load: merges the index into its most compact form (seconds per million rows). */
  optimize(db: Kysely<Database>): Promise<void>;
  /** Files waiting for text extraction. */
  pendingFiles(db: Kysely<Database>, limit: number): Promise<string[]>;
  /** Stores a file's extracted text (or failure) and refreshes the documents that hold it. */
  storeFileText(db: Kysely<Database>, sha256: string, result: { text: string } | { error: string }, now: Date): Promise<void>;
}

/**
 * A search index the bulk import can feed fast: `prepare` is the database-free half (checks and folding, run in JS
 * while the database writes the previous batch), `concat` joins prepared chunks, `writePrepared` the database half
 * for documents not indexed yet.
 */
export interface BulkSearchIndex<Prepared> extends SearchIndex {
  prepare(docs: readonly SearchDocument[]): Prepared;
  concat(batches: readonly Prepared[]): Prepared;
  writePrepared(db: Kysely<Database>, batch: Prepared): Promise<unknown>;
}
