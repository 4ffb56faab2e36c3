import { sql, type Kysely, type RawBuilder } from 'kysely';
import { EOfficeError } from '@eoffice/contract';
import { foldVietnamese } from '@eoffice/vietnamese';
import { copyRows } from '../store/postgres-copy.js';
import type { Database } from '../store/schema.js';
import { bodiesOf, chunks, IDS_PER_QUERY, linkFiles, PDF } from './search-files.js';
import type { BulkSearchIndex, SearchDocument, SearchPage, SearchQuery } from './search-index.js';
import type { ParsedSearchText } from './search-query-parser.js';
import { searchInWindows, type EntryRow } from './search-windows.js';
import { dayNumber, KEYS_PER_DAY } from './sort-key.js';
import { SqliteSearchIndex, type PreparedSearchBatch } from './sqlite-search-index.js';

const ENTRY_COLUMNS = [
  'sort_key', 'document_id', 'direction', 'doc_date', 'type_code', 'issuer_code', 'issuer_name', 'state', 'urgency',
  'number', 'symbol', 'subject', 'signer_name', 'secret',
] as const satisfies readonly (keyof EntryRow)[];
const TOKEN = /[\p{L}\p{N}]+/gu;
/** tsvector keeps positions up to 16383 and 256 per word; past them PostgreSQL would clamp or refuse. */
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_WORD = 256;
/** Gap between two fields' words, so no phrase reads across a field boundary (FTS5 columns do the same). */
const FIELD_GAP = 8;
/** A file's text past this is not indexed: a tsvector is at most 1 MB, and the first pages name what a document is. */
const MAX_BODY_CHARS = 200_000;
/** Any constant: the namespace of the per-day sort-key locks among the database's advisory locks. */
const SORT_KEY_LOCKS = 0x5e_a2c4;
/** In that namespace, below every day: the gate a bulk import closes (closeSortKeyGate). */
const SORT_KEY_GATE = -1;
const ROWS_PER_INSERT = 2000;
const FILTERS = [
  ['direction', 'direction'],
  ['type', 'type_code'],
  ['issuerCode', 'issuer_code'],
  ['state', 'state'],
  ['urgency', 'urgency'],
] as const;
const FACET_LETTERS = { direction: 'd', type_code: 't', issuer_code: 'i', state: 's', urgency: 'u' } as const;
/** Newest (or oldest) entries of the range read in key order first: a common word's page is in the first few. */
const FIRST_WALK = 1000;

/**
 * {@link SearchIndex} on PostgreSQL over the same folded text as SQLite's FTS5 (ARCHITECTURE.md, invariant 7):
 * words are folded and split in JS exactly as for FTS5, and each entry keeps them as a `tsvector` written as a
 * literal (positions and all, so PostgreSQL's own parser never re-reads them) under a GIN index. A query is a
 * `tsquery` literal of the same words: a phrase is `a <-> b`, phrases are ANDed, and filters are plain columns.
 * Paging is the shared window walk (search-windows.ts) in sort-key order. Each window reads the first 1,000 entries of
 * its range in key order (a common word's page is there), then GIN lookups a stretch of time at a time through the
 * entries' month/year bucket words and the filters' facet words, so no query fetches and sorts every match of a
 * common phrase nor walks the whole table for a rare one (readWindow).
 *
 * Measured beside `tsvector`: pg_trgm matches substrings, not words ("dat" would find "dath"), so it would answer
 * differently from SQLite; this one answers the same (the search tests run on both).
 */
export class PostgresSearchIndex implements BulkSearchIndex<PreparedSearchBatch> {
  readonly #window: number;
  readonly #firstWalk: number;
  readonly #folding = new SqliteSearchIndex();

  /** `firstWalk`: entries read in key order before the GIN lookups by stretch of time (0: none; tests use it). */
  constructor(options: { readonly candidateWindow?: number; readonly firstWalk?: number } = {}) {
    this.#window = options.candidateWindow ?? 40;
    this.#firstWalk = options.firstWalk ?? FIRST_WALK;
  }

  async index(db: Kysely<Database>, docs: readonly SearchDocument[]): Promise<void> {
    const batch = this.prepare(docs);
    await lockFileTexts(db, batch.docs);
    const existing = new Map<string, EntryRow>();
    for (const chunk of chunks(batch.docs.map((d) => d.id), IDS_PER_QUERY)) {
      const rows = await db.selectFrom('search_entries').selectAll().where('document_id', 'in', chunk).execute();
      for (const row of rows) existing.set(row.document_id, row);
    }
    if (existing.size > 0) await removeEntries(db, [...existing.values()]);
    await this.#write(db, batch, existing);
  }

  /** The database-free half: the same checks and folding as SQLite's index. */
  prepare(docs: readonly SearchDocument[]): PreparedSearchBatch {
    return this.#folding.prepare(docs);
  }

  concat(batches: readonly PreparedSearchBatch[]): PreparedSearchBatch {
    return this.#folding.concat(batches);
  }

  /** The bulk path: documents not indexed yet, their entries written by COPY (the same rows index() inserts). */
  async writePrepared(db: Kysely<Database>, batch: PreparedSearchBatch): Promise<unknown> {
    return this.#write(db, batch, new Map(), true);
  }

  async #write(db: Kysely<Database>, batch: PreparedSearchBatch, existing: ReadonlyMap<string, EntryRow>, copy = false): Promise<Map<string, number>> {
    if (batch.docs.length === 0) return new Map();
    const keys = await allocateKeys(db, batch.docs, existing);
    await linkFiles(db, batch.docs);
    const withFiles = batch.docs.filter((d) => (d.files ?? []).some((f) => f.mediaType === PDF)).map((d) => d.id);
    const bodies = withFiles.length > 0 ? await bodiesOf(db, withFiles) : new Map<string, string>();
    const rows = batch.entries.map((entry, i) => {
      const [numberSymbol, subject, people] = batch.texts[i]!;
      return { ...entry, sort_key: keys.get(entry.document_id)!, folded: tsvectorOf([numberSymbol, subject, people, foldBody(bodies.get(entry.document_id))], entry) };
    });
    if (copy) {
      const columns = [...ENTRY_COLUMNS, 'folded'] as const;
      await copyRows(db, 'search_entries', columns, rows.map((row) => columns.map((c) => row[c])));
      return keys;
    }
    for (const chunk of chunks(rows, ROWS_PER_INSERT)) {
      await db
        .insertInto('search_entries')
        .values(chunk.map(({ folded, ...entry }) => ({ ...entry, folded: sql`${folded}::tsvector` }) as EntryRow))
        .execute();
    }
    return keys;
  }

  async remove(db: Kysely<Database>, documentId: string): Promise<boolean> {
    const row = await db.selectFrom('search_entries').selectAll().where('document_id', '=', documentId).executeTakeFirst();
    if (row) await removeEntries(db, [row]);
    await db.deleteFrom('search_entry_files').where('document_id', '=', documentId).execute();
    return row !== undefined;
  }

  async search(db: Kysely<Database>, query: SearchQuery): Promise<SearchPage> {
    return searchInWindows(query, this.#window, (parsed, range, newestFirst, size) => readWindow(db, parsed, range, query, newestFirst, size, this.#firstWalk));
  }

  /** After a bulk load: fresh statistics, so the planner judges common and rare words right. */
  async optimize(db: Kysely<Database>): Promise<void> {
    await sql`analyze search_entries`.execute(db);
  }

  async pendingFiles(db: Kysely<Database>, limit: number): Promise<string[]> {
    const rows = await db.selectFrom('search_file_texts').select('sha256').where('status', '=', 'pending').orderBy('updated_at').limit(limit).execute();
    return rows.map((r) => r.sha256);
  }

  async storeFileText(db: Kysely<Database>, sha256: string, result: { text: string } | { error: string }, now: Date): Promise<void> {
    const updatedAt = now.toISOString();
    await db
      .updateTable('search_file_texts')
      .set('text' in result ? { status: 'done', text: result.text, error: null, updated_at: updatedAt } : { status: 'failed', text: null, error: result.error.slice(0, 1000), updated_at: updatedAt })
      .where('sha256', '=', sha256)
      .execute();
    const holders = await db
      .selectFrom('search_entry_files as f')
      .innerJoin('search_entries as e', 'e.document_id', 'f.document_id')
      .selectAll('e')
      .where('f.sha256', '=', sha256)
      // Entries in key order (ARCHITECTURE.md, "Lock order"): two files' texts stored at once (the extraction and an
      // OCR job) update the entries of the documents holding both in the same order.
      .orderBy('e.sort_key')
      .execute();
    if (holders.length === 0) return;
    const bodies = await bodiesOf(db, holders.map((h) => h.document_id));
    const { texts } = this.prepare(holders.map(searchDocumentOfEntry));
    for (const [i, holder] of holders.entries()) {
      const [numberSymbol, subject, people] = texts[i]!;
      const folded = tsvectorOf([numberSymbol, subject, people, foldBody(bodies.get(holder.document_id))], holder);
      await sql`update search_entries set folded = ${folded}::tsvector where sort_key = ${holder.sort_key}`.execute(db);
    }
  }
}

/**
 * Rebuilds every entry's folded words from its fields and file texts: after rows came from elsewhere (`db copy`
 * from SQLite, whose folded text lives in FTS5), in batches by key.
 */
export async function refoldPostgresSearch(db: Kysely<Database>): Promise<number> {
  const folding = new SqliteSearchIndex();
  let after = -1;
  let count = 0;
  for (;;) {
    const rows = await db.selectFrom('search_entries').selectAll().where('sort_key', '>', after).orderBy('sort_key').limit(1000).execute();
    if (rows.length === 0) return count;
    const bodies = await bodiesOf(db, rows.map((r) => r.document_id));
    const { texts } = folding.prepare(rows.map(searchDocumentOfEntry));
    for (const [i, row] of rows.entries()) {
      const [numberSymbol, subject, people] = texts[i]!;
      const folded = tsvectorOf([numberSymbol, subject, people, foldBody(bodies.get(row.document_id))], row);
      await sql`update search_entries set folded = ${folded}::tsvector where sort_key = ${row.sort_key}`.execute(db);
    }
    count += rows.length;
    after = rows.at(-1)!.sort_key;
  }
}

function foldBody(body: string | undefined): string {
  return body ? foldVietnamese(body.slice(0, MAX_BODY_CHARS)) : '';
}

/** An entry read back as the document it was indexed from (the fields the folded text is made of). */
function searchDocumentOfEntry(row: EntryRow): SearchDocument {
  return {
    id: row.document_id, direction: row.direction, date: row.doc_date, type: row.type_code, number: row.number, symbol: row.symbol,
    subject: row.subject, issuerCode: row.issuer_code, issuerName: row.issuer_name, signerName: row.signer_name, state: row.state,
    urgency: row.urgency, secrecy: row.secret ? 'secret' : 'none',
  };
}

/**
 * The tsvector literal of folded fields: `'word':1,7 'other':2`. Words are letters and digits only (no quote to
 * escape); each field starts FIELD_GAP positions after the previous one ended. Then, without positions, the entry's
 * month and year as bucket words (`'_m202403' '_y2024'`): a search ANDs the buckets of the months it reads, so the
 * GIN index hands back only that stretch of time's matches (searchBuckets); and its filter values as facet words
 * (facetWord: `'_u666c617368'` for urgency "flash"), so a filter narrows inside the index too instead of on every
 * fetched row. A user's words never hold `_`, so no query text can name either.
 */
export function tsvectorOf(fields: readonly string[], entry: Pick<EntryRow, 'doc_date' | (typeof FILTERS)[number][1]>): string {
  const positions = new Map<string, number[]>();
  let position = 0;
  for (const field of fields) {
    const words = field.match(TOKEN) ?? [];
    if (words.length === 0) continue;
    position += position === 0 ? 0 : FIELD_GAP;
    for (const word of words) {
      position = Math.min(position + 1, MAX_POSITION);
      const list = positions.get(word);
      if (list === undefined) positions.set(word, [position]);
      else if (list.length < MAX_POSITIONS_PER_WORD && list.at(-1) !== position) list.push(position);
    }
  }
  const words = [...positions].map(([word, list]) => `'${word}':${list.join(',')}`);
  const facets = FILTERS.map(([, column]) => facetWord(column, entry[column])).filter((w): w is string => w !== null);
  return [...words, `'${monthBucket(entry.doc_date)}'`, `'_y${entry.doc_date.slice(0, 4)}'`, ...facets.map((w) => `'${w}'`)].join(' ');
}

/** Filter values longer than this get no facet word (a tsvector word is at most 2 KB); the column still filters. */
const MAX_FACET_BYTES = 200;

/**
 * The facet word of a filter value: `_`, the column's letter, the value's UTF-8 in hex (any value, no collision, no
 * quoting). Null when there is none.
 */
export function facetWord(column: (typeof FILTERS)[number][1], value: string | null): string | null {
  if (value === null || value === '') return null;
  const hex = Buffer.from(value, 'utf8').toString('hex');
  return hex.length > MAX_FACET_BYTES * 2 ? null : `_${FACET_LETTERS[column]}${hex}`;
}

const DAY_MS = 86_400_000;
const EPOCH = Date.UTC(1900, 0, 1);

function monthBucket(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new EOfficeError('E_INVALID_INPUT', `Ngày không hợp lệ / invalid date: ${date}`);
  return `_m${date.slice(0, 4)}${date.slice(5, 7)}`;
}

/** Months counted from year 0: month index of a sort key, and the first key of a month index. */
function monthOfKey(key: number): number {
  const date = new Date(EPOCH + Math.floor(key / KEYS_PER_DAY) * DAY_MS);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

function firstKeyOfMonth(month: number): number {
  return Math.round((Date.UTC(Math.floor(month / 12), month % 12, 1) - EPOCH) / DAY_MS) * KEYS_PER_DAY;
}

/** The bucket words that cover the months `from`..`to` (month indexes, both included): whole years as one word. */
export function searchBuckets(from: number, to: number): string[] {
  const words: string[] = [];
  let month = from;
  while (month <= to) {
    const year = Math.floor(month / 12);
    if (month % 12 === 0 && month + 11 <= to) {
      words.push(`_y${year}`);
      month += 12;
    } else {
      words.push(`_m${year}${String((month % 12) + 1).padStart(2, '0')}`);
      month += 1;
    }
  }
  return words;
}

/** The tsquery literal of parsed phrases: `'dat' <-> 'dai' & 'ubnd'`. */
export function tsqueryOf(phrases: readonly (readonly string[])[]): string {
  return phrases
    .map((tokens) => tokens.flatMap((token) => token.match(TOKEN) ?? []).map((word) => `'${word}'`).join(' <-> '))
    .filter((phrase) => phrase !== '')
    .map((phrase) => `(${phrase})`)
    .join(' & ');
}


async function readWindow(
  db: Kysely<Database>,
  parsed: ParsedSearchText | null,
  range: { readonly low: number; readonly high: number },
  query: SearchQuery,
  newestFirst: boolean,
  limit: number,
  firstWalk: number,
): Promise<EntryRow[]> {
  if (!parsed) return readRange(db, null, range, query, newestFirst, limit);
  // Only marks, no letter or digit: nothing can match (as `''::tsquery` matches nothing).
  if (tsqueryOf(parsed.folded) === '') return [];
  // Read the matches a stretch of time at a time, newest (or oldest) first: one month, then two, four… Each stretch
  // is a GIN lookup ANDed with its months' bucket words, so PostgreSQL fetches and sorts only that stretch's matches
  // and stops once the page is full, however common the words. (One lookup over all time sorted every match of a
  // common phrase: 2.6 s for "quản lý đất đai" at 1M, the planner having guessed 20 matches for 25,166; walking the
  // key index instead scans everything for a rare word.)
  // The first and last key in the range, and where the first walk will end (one round trip for the three).
  const direction = sql.raw(newestFirst ? 'desc' : 'asc');
  const bounds = await sql<{ low: number | null; high: number | null; walk_edge: number | null }>`select
      (select min(sort_key) from search_entries where sort_key >= ${range.low}) as low,
      (select max(sort_key) from search_entries where sort_key <= ${range.high}) as high,
      (select sort_key from search_entries where sort_key between ${range.low} and ${range.high}
        order by sort_key ${direction} offset ${Math.max(0, firstWalk - 1)} limit 1) as walk_edge`.execute(db);
  const low = Math.max(range.low, bounds.rows[0]?.low ?? Number.POSITIVE_INFINITY);
  const high = Math.min(range.high, bounds.rows[0]?.high ?? Number.NEGATIVE_INFINITY);
  if (low > high) return [];
  // First the FIRST_WALK newest (oldest) entries in key order, checked one by one: cheap, and enough for a common
  // word, whose matches in a month are thousands and would all be fetched and sorted.
  const rows = firstWalk > 0 ? await readRange(db, { parsed, buckets: null }, { low, high }, query, newestFirst, limit, firstWalk) : [];
  if (rows.length >= limit) return rows;
  let rest = { low, high };
  if (firstWalk > 0) {
    const walkEdge = bounds.rows[0]?.walk_edge ?? null;
    // The walk read the whole range.
    if (walkEdge === null) return rows;
    rest = newestFirst ? { low, high: walkEdge - 1 } : { low: walkEdge + 1, high };
  }
  if (rest.low > rest.high) return rows;
  const [first, last] = [monthOfKey(rest.low), monthOfKey(rest.high)];
  let span = 1;
  let covered = 0;
  let edge = newestFirst ? last : first;
  while (rows.length < limit && (newestFirst ? edge >= first : edge <= last)) {
    const [from, to] = newestFirst ? [Math.max(first, edge - span + 1), edge] : [edge, Math.min(last, edge + span - 1)];
    const stretch = { low: Math.max(rest.low, firstKeyOfMonth(from)), high: Math.min(rest.high, firstKeyOfMonth(to + 1) - 1) };
    const found = await readRange(db, { parsed, buckets: searchBuckets(from, to) }, stretch, query, newestFirst, limit - rows.length);
    rows.push(...found);
    covered += to - from + 1;
    edge = newestFirst ? from - 1 : to + 1;
    // The next stretch: as many months as the matches so far say the page still needs (and a quarter more), at least
    // twice this one; four times when none matched yet.
    const needed = limit - rows.length;
    span = rows.length > 0 ? Math.max(span * 2, Math.ceil((covered * needed * 1.25) / rows.length)) : span * 4;
  }
  return rows;
}

/**
 * Matches in `range`, in key order. With bucket words: a GIN lookup of the words, the buckets and the filters' facet
 * words. Without (`buckets: null`): the first `walk` entries of the range by the key index, checked row by row.
 */
async function readRange(
  db: Kysely<Database>,
  text: { readonly parsed: ParsedSearchText; readonly buckets: readonly string[] | null } | null,
  range: { readonly low: number; readonly high: number },
  query: SearchQuery,
  newestFirst: boolean,
  limit: number,
  walk?: number,
): Promise<EntryRow[]> {
  const conditions: RawBuilder<unknown>[] = [sql`e.sort_key between ${range.low} and ${range.high}`];
  if (text) {
    const words = [tsqueryOf(text.parsed.folded)];
    if (text.buckets) {
      words.push(`(${text.buckets.map((word) => `'${word}'`).join(' | ')})`);
      for (const [field, column] of FILTERS) {
        const facet = query[field] === undefined ? null : facetWord(column, query[field]);
        if (facet !== null) words.push(`'${facet}'`);
      }
    }
    conditions.push(sql`e.folded @@ ${words.join(' & ')}::tsquery`);
  }
  for (const [field, column] of FILTERS) {
    if (query[field] !== undefined) conditions.push(sql`${sql.ref(`e.${column}`)} = ${query[field]}`);
  }
  const visible = query.secretsVisible ?? [];
  if (visible !== 'all') {
    conditions.push(visible.length === 0 ? sql`e.secret = 0` : sql`(e.secret = 0 or e.document_id = any(${[...visible]}::text[]))`);
  }
  const columns = sql.join(ENTRY_COLUMNS.map((c) => sql.ref(`e.${c}`)));
  const order = sql.raw(newestFirst ? 'desc' : 'asc');
  const from = walk === undefined
    ? sql`search_entries`
    : sql`(select * from search_entries where sort_key between ${range.low} and ${range.high} order by sort_key ${order} limit ${walk})`;
  const result = await sql<EntryRow>`select ${columns} from ${from} e where ${sql.join(conditions, sql` and `)}
    order by e.sort_key ${order} limit ${limit}`.execute(db);
  return result.rows;
}

async function removeEntries(db: Kysely<Database>, rows: readonly EntryRow[]): Promise<void> {
  for (const chunk of chunks(rows, IDS_PER_QUERY)) {
    await db.deleteFrom('search_entries').where('sort_key', 'in', chunk.map((r) => r.sort_key)).execute();
    await db.deleteFrom('search_entry_files').where('document_id', 'in', chunk.map((r) => r.document_id)).execute();
  }
}

/**
 * Locks the text rows of the files these documents hold and held, in key order, before any of their entries. The
 * text extraction job (storeFileText) locks a file's text row and then the entries of the documents holding it; taking
 * an entry first and its file's row after (linkFiles) deadlocked the two on PostgreSQL (a register racing the
 * extraction of its own scan: E_INTERNAL), and the loser's words could go missing from the entry.
 */
async function lockFileTexts(db: Kysely<Database>, docs: readonly SearchDocument[]): Promise<void> {
  const ids = docs.map((d) => d.id);
  const held = new Set(docs.flatMap((d) => (d.files ?? []).filter((f) => f.mediaType === PDF).map((f) => f.sha256)));
  for (const chunk of chunks(ids, IDS_PER_QUERY)) {
    for (const row of await db.selectFrom('search_entry_files').select('sha256').where('document_id', 'in', chunk).execute()) held.add(row.sha256);
  }
  for (const chunk of chunks([...held].sort(), IDS_PER_QUERY)) {
    await db.selectFrom('search_file_texts').select('sha256').where('sha256', 'in', chunk).orderBy('sha256').forUpdate().execute();
  }
}

/**
 * Closes the sort keys' gate until the transaction ends: a bulk import, which holds the audit chain from its start and
 * takes the day locks of every day it loads, closes it before it takes the chain. Every other index takes the gate
 * shared before its day locks (allocateKeys), so the import first waits for the documents being indexed (each holding
 * a day lock and about to take the chain) to commit, and later ones wait at the gate holding no day lock. Without it
 * an import and a receive of the same day deadlocked: the day, then the chain, against the chain, then the day.
 */
export async function closeSortKeyGate(db: Kysely<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${SORT_KEY_LOCKS}::int, ${SORT_KEY_GATE}::int)`.execute(db);
}

/**
 * Same day as before: keep the key. Otherwise the next free key of its day — under a per-day advisory lock, taken in
 * day order, because PostgreSQL lets two transactions index at once and both would read the same highest key; the
 * gate is taken shared before them (closeSortKeyGate).
 */
async function allocateKeys(db: Kysely<Database>, docs: readonly SearchDocument[], existing: ReadonlyMap<string, EntryRow>): Promise<Map<string, number>> {
  const keys = new Map<string, number>();
  const needed: SearchDocument[] = [];
  for (const doc of docs) {
    const previous = existing.get(doc.id);
    if (previous && previous.doc_date === doc.date) keys.set(doc.id, previous.sort_key);
    else needed.push(doc);
  }
  if (needed.length === 0) return keys;
  const days = [...new Set(needed.map((d) => dayNumber(d.date)))].sort((a, b) => a - b);
  await sql`select pg_advisory_xact_lock_shared(${SORT_KEY_LOCKS}::int, ${SORT_KEY_GATE}::int)`.execute(db);
  await sql`select pg_advisory_xact_lock(${SORT_KEY_LOCKS}::int, d::int) from (select unnest(${days}::int[]) as d order by 1) days`.execute(db);
  const tops = await sql<{ day: number; top: number | null }>`select d as day,
      (select max(sort_key) from search_entries where sort_key between d * ${KEYS_PER_DAY}::bigint and (d + 1) * ${KEYS_PER_DAY}::bigint - 1) as top
    from unnest(${days}::bigint[]) as d`.execute(db);
  const nextByDay = new Map<number, number>(tops.rows.map((r) => [Number(r.day), r.top === null ? Number(r.day) * KEYS_PER_DAY : Number(r.top) + 1]));
  for (const doc of needed) {
    const day = dayNumber(doc.date);
    const next = nextByDay.get(day)!;
    if (next >= (day + 1) * KEYS_PER_DAY) {
      throw new EOfficeError('E_INTERNAL', `Quá nhiều văn bản trong ngày ${doc.date} / too many documents in one day`);
    }
    keys.set(doc.id, next);
    nextByDay.set(day, next + 1);
  }
  return keys;
}
