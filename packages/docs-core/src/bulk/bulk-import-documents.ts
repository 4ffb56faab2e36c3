import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Insertable, Kysely, Transaction } from 'kysely';
import { EOfficeError } from '@eoffice/contract';
import { GENESIS_HASH } from '../audit/audit-entry-hash.js';
import { lockAuditChain } from '../audit/audit-log.js';
import type { Clock } from '../clock/clock.js';
import { vietnamIso } from '@eoffice/vietnamese';
import { searchDocumentOfRow } from '../search/search-document-of-row.js';
import type { BulkSearchIndex } from '../search/search-index.js';
import { closeSortKeyGate } from '../search/postgres-search-index.js';
import { searchIndexFor } from '../search/index.js';
import type { BulkLoadTuning } from '../store/bulk-load-tuning.js';
import { sqliteBulkLoadTuning } from '../store/sqlite-bulk-load-tuning.js';
import { postgresBulkLoadTuning } from '../store/postgres-bulk-load-tuning.js';
import { copyRows } from '../store/postgres-copy.js';
import { dialectOf } from '../store/store-dialect.js';
import type { Database, DocumentsTable } from '../store/schema.js';
import { AuditChainLinks } from './audit-chain-links.js';
import { insertRows } from './insert-rows.js';

/** A documents row as the app stores it (the caller maps its legacy records onto the Decree 30 fields). */
export type ImportedDocumentRow = Insertable<DocumentsTable>;

export interface BulkImportOptions {
  readonly clock: Clock;
  /** Who the audit entries name: a username, or `system`. */
  readonly actor: string;
  /** Documents prepared and written at a time (multi-row inserts of up to 32,000 values each). */
  readonly batchSize?: number;
  /**
   * Build the secondary indexes of `documents` and `audit_log` once at the end instead of row by row: worth it
   * when loading into an empty or small store (they are rebuilt over the whole table).
   */
  readonly deferIndexes?: boolean;
  /**
   * SQLite: load with the rollback journal instead of the WAL, back to WAL after (sqlite-bulk-load-tuning.ts). Used
   * when `tuning` is not given.
   */
  readonly rollbackJournal?: boolean;
  /** What the store does around the load (journal, indexes); by default the store's own (SQLite's or PostgreSQL's). */
  readonly tuning?: BulkLoadTuning;
  /**
   * Merge the FTS5 index into one b-tree at the end (seconds per million documents; faster reads after); on
   * PostgreSQL, fresh planner statistics for the search entries.
   */
  readonly optimizeSearch?: boolean;
  /** Any index that can prepare batches ahead of writing them; the store's own (FTS5 or tsvector) by default. */
  readonly searchIndex?: BulkSearchIndex<unknown>;
  readonly onProgress?: (imported: number) => void;
  /** Adds up milliseconds per step (benchmarks): preparing in JS, and each kind of statement. */
  readonly timings?: Map<string, number>;
}

export interface BulkImportReport {
  readonly imported: number;
  /** The audit entries written, one `document.import` per document; null when nothing was imported. */
  readonly auditIds: { readonly first: number; readonly last: number } | null;
}

const AUDIT_COLUMNS = ['id', 'at', 'actor', 'action', 'object_type', 'object_id', 'before', 'after', 'prev_hash', 'hash'] as const;
const DIRECTIONS = new Set(['incoming', 'outgoing', 'internal']);
/** Documents prepared between two yields to the event loop, so the next statement is sent without delay. */
const YIELD_EVERY = 100;

interface PreparedBatch {
  readonly count: number;
  readonly documentColumns: readonly string[];
  readonly documentRows: readonly unknown[][];
  readonly auditRows: readonly unknown[][];
  readonly search: unknown;
}

/**
 * Imports many documents at once (a legacy archive, a seeded test store) with everything the app writes for a new
 * document: the documents row, one hash-chained audit entry (`document.import`) and the search entry. All of it
 * is one transaction: the store has all of them or none, and the audit chain verifies either way.
 *
 * Fast because the database and JavaScript work at the same time: the sqlite3 driver runs each statement on a thread
 * of its own (PostgreSQL is another process), and while it writes one batch, this thread validates, hashes and folds
 * the next. On PostgreSQL every table's rows go in by `COPY … FROM STDIN` (postgres-copy.ts), the same rows the
 * multi-row INSERTs make on SQLite.
 */
export async function bulkImportDocuments(
  db: Kysely<Database>,
  rows: Iterable<ImportedDocumentRow>,
  options: BulkImportOptions,
): Promise<BulkImportReport> {
  const batchSize = options.batchSize ?? 25_000;
  const index: BulkSearchIndex<unknown> = options.searchIndex ?? searchIndexFor(db);
  const postgres = dialectOf(db) === 'postgres';
  const tuning =
    options.tuning ?? (postgres ? postgresBulkLoadTuning() : sqliteBulkLoadTuning({ rollbackJournal: options.rollbackJournal ?? false }));
  const timings = options.timings;
  const timed = async <T>(name: string, step: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await step();
    } finally {
      timings?.set(name, (timings.get(name) ?? 0) + performance.now() - start);
    }
  };
  const restore = await tuning.beforeLoad(db);
  try {
    return await db.transaction().execute(async (trx) => {
      // The sort keys' gate before the chain (ARCHITECTURE.md, "Lock order"): the import takes day locks while it
      // holds the chain, the other way round from every other transaction.
      if (postgres) await closeSortKeyGate(trx);
      await lockAuditChain(trx);
      const head = await trx.selectFrom('audit_head').selectAll().where('singleton', '=', 1).executeTakeFirst();
      const chain = new AuditChainLinks({ id: head?.last_id ?? 0, hash: head?.last_hash ?? GENESIS_HASH });
      const firstAuditId = chain.head.id + 1;
      const dropped = options.deferIndexes ? await timed('drop indexes', () => tuning.dropSecondaryIndexes(trx, ['documents', 'audit_log', 'search_entries'])) : [];
      const source = rows[Symbol.iterator]();
      let imported = 0;
      const prepareNext = () => timed('prepare (JS)', () => prepareBatch(source, batchSize, chain, index, options));
      let batch = await prepareNext();
      while (batch) {
        const writing = writeBatch(trx, batch, index, timed, postgres);
        // Keep a failed write from counting as unhandled while the next batch is being prepared.
        writing.catch(() => undefined);
        let next: PreparedBatch | null;
        try {
          next = await prepareNext();
        } finally {
          await Promise.allSettled([writing]);
        }
        await writing;
        imported += batch.count;
        options.onProgress?.(imported);
        batch = next;
      }
      if (imported > 0) {
        const last = chain.head;
        await trx
          .insertInto('audit_head')
          .values({ singleton: 1, last_id: last.id, last_hash: last.hash })
          .onConflict((oc) => oc.column('singleton').doUpdateSet({ last_id: last.id, last_hash: last.hash }))
          .execute();
      }
      await timed('rebuild indexes', () => tuning.recreateIndexes(trx, dropped));
      if (options.optimizeSearch && imported > 0) await timed('optimize search', () => index.optimize(trx));
      return { imported, auditIds: imported > 0 ? { first: firstAuditId, last: chain.head.id } : null };
    });
  } catch (error) {
    const unique =
      error instanceof Error && 'code' in error && ((error.code === 'SQLITE_CONSTRAINT' && /UNIQUE|PRIMARY/.test(error.message)) || error.code === '23505');
    if (unique) {
      // A repeated id, in the store already or twice in the input: the primary key catches both.
      throw new EOfficeError('E_CONFLICT', `Mã văn bản bị trùng, không nhập gì / a document id is repeated or exists already, nothing imported: ${error.message}`);
    }
    throw error;
  } finally {
    await restore();
  }
}

async function writeBatch(
  trx: Transaction<Database>,
  batch: PreparedBatch,
  index: BulkSearchIndex<unknown>,
  timed: <T>(name: string, step: () => Promise<T>) => Promise<T>,
  postgres: boolean,
): Promise<void> {
  const write = postgres ? copyRows<Database> : insertRows<Database>;
  await timed('documents rows', () => write(trx, 'documents', batch.documentColumns, batch.documentRows));
  await timed('audit rows', () => write(trx, 'audit_log', AUDIT_COLUMNS, batch.auditRows));
  await timed('search index', () => index.writePrepared(trx, batch.search));
}

/** Reads up to `size` rows, checks them, and builds the batch's documents, audit and search rows. */
async function prepareBatch(
  source: Iterator<ImportedDocumentRow>,
  size: number,
  chain: AuditChainLinks,
  index: BulkSearchIndex<unknown>,
  options: BulkImportOptions,
): Promise<PreparedBatch | null> {
  const at = vietnamIso(options.clock.now());
  const documents: ImportedDocumentRow[] = [];
  const auditRows: unknown[][] = [];
  const search: unknown[] = [];
  const columns = new Set<string>();
  while (documents.length < size) {
    const chunk: ImportedDocumentRow[] = [];
    for (let next = source.next(); ; next = source.next()) {
      if (next.done) break;
      const row = checked(next.value);
      chunk.push(row);
      if (chunk.length === YIELD_EVERY || documents.length + chunk.length === size) break;
    }
    if (chunk.length === 0) break;
    for (const row of chunk) {
      for (const column in row) columns.add(column);
      const entry = chain.append(
        {
          actor: options.actor,
          action: 'document.import',
          objectType: 'document',
          objectId: row.id,
          after: { state: row.state, source: row.source ?? null, code: row.code_number ? `${row.code_number}/${row.code_notation ?? ''}` : null, from: row.organ_id ?? null },
        },
        at,
      );
      auditRows.push(AUDIT_COLUMNS.map((c) => entry[c]));
    }
    search.push(index.prepare(chunk.map((row) => searchDocumentOfRow(withNulls(row)))));
    documents.push(...chunk);
    if (chunk.length < YIELD_EVERY && documents.length < size) break;
    await yieldToEventLoop();
  }
  if (documents.length === 0) return null;
  const documentColumns = [...columns];
  const documentRows = documents.map((row) => documentColumns.map((c) => (row as Record<string, unknown>)[c] ?? null));
  return { count: documents.length, documentColumns, documentRows, auditRows, search: index.concat(search) };
}

function checked(row: ImportedDocumentRow): ImportedDocumentRow {
  const id = row.id;
  if (typeof id !== 'string' || id === '') throw new EOfficeError('E_INVALID_INPUT', 'Thiếu mã văn bản / document id missing');
  if (!DIRECTIONS.has(row.direction)) {
    throw new EOfficeError('E_INVALID_INPUT', `Chiều văn bản không hợp lệ / invalid direction for ${id}: ${String(row.direction)}`);
  }
  for (const field of ['state', 'created_at', 'updated_at'] as const) {
    if (typeof row[field] !== 'string' || row[field] === '') {
      throw new EOfficeError('E_INVALID_INPUT', `Thiếu trường ${field} / ${field} missing for ${id}`);
    }
  }
  return row;
}

/** The row with every field the search mapping reads, absent ones as null (as SQLite would return them). */
function withNulls(row: ImportedDocumentRow): Parameters<typeof searchDocumentOfRow>[0] {
  return {
    id: row.id, direction: row.direction, created_at: row.created_at, arrival_date: row.arrival_date ?? null,
    issued_date: row.issued_date ?? null, type_code: row.type_code ?? null, code_number: row.code_number ?? null,
    code_notation: row.code_notation ?? null, subject: row.subject ?? null, organ_id: row.organ_id ?? null,
    organ_name: row.organ_name ?? null, signer_full_name: row.signer_full_name ?? null, state: row.state,
    urgency: row.urgency ?? null, secrecy: row.secrecy ?? null,
  };
}
