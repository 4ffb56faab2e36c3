import { CompiledQuery, sql, type Kysely, type RawBuilder } from 'kysely';
import { EOfficeError } from '@eoffice/contract';
import { insertRows } from '../bulk/insert-rows.js';
import type { Database } from '../store/schema.js';
import { isSecret } from '../model/secrecy.js';
import { foldVietnamese } from '@eoffice/vietnamese';
import type { BulkSearchIndex, SearchDocument, SearchPage, SearchQuery } from './search-index.js';
import { parseSearchText, toFtsMatch, type ParsedSearchText } from './search-query-parser.js';
import { bodiesOf, chunks, IDS_PER_QUERY, linkFiles, PDF } from './search-files.js';
import { keyBounds, searchInWindows, type EntryRow } from './search-windows.js';
import { dayNumber, KEYS_PER_DAY } from './sort-key.js';

const TEXT_COLUMNS = '{number_symbol subject people body}';

const ENTRY_COLUMNS = [
  'sort_key', 'document_id', 'direction', 'doc_date', 'type_code', 'issuer_code', 'issuer_name', 'state', 'urgency',
  'number', 'symbol', 'subject', 'signer_name', 'secret',
] as const satisfies readonly (keyof EntryRow)[];
const FTS_COLUMNS = ['rowid', 'number_symbol', 'subject', 'people', 'body', 'facets'];

type FtsTexts = readonly [numberSymbol: string, subject: string, people: string, facets: string];

/** A batch of new documents checked and folded, ready for {@link SqliteSearchIndex.writePrepared}. */
export interface PreparedSearchBatch {
  readonly docs: readonly SearchDocument[];
  readonly entries: readonly Omit<EntryRow, 'sort_key'>[];
  readonly texts: readonly FtsTexts[];
}

export interface SqliteSearchIndexOptions {
  /** How many newest matches form one window in which exact-diacritic matches are ranked first. */
  readonly candidateWindow?: number;
}

/**
 * FTS5 implementation of {@link SearchIndex}. Matches are read in sort-key order (newest first) straight off the
 * FTS5 doclists, a window of candidates at a time, and reading stops once a page is full: no match is ever ranked
 * against all the others, so a common term costs what a rare one does. Within each window of candidates, matches
 * that carry the user's diacritics exactly (in the number, symbol, subject, issuer or signer) come first. Filters
 * are FTS5 tokens in a `facets` column (a doclist intersection), checked again against the entry.
 */
export class SqliteSearchIndex implements BulkSearchIndex<PreparedSearchBatch> {
  readonly #window: number;

  constructor(options: SqliteSearchIndexOptions = {}) {
    this.#window = options.candidateWindow ?? 40;
  }

  async index(db: Kysely<Database>, docs: readonly SearchDocument[]): Promise<void> {
    await this.indexReturningKeys(db, docs);
  }

  /**
   * {@link index}, telling which sort key each document got (the bulk seeding path needs it). `newDocuments`
   * skips looking for earlier entries of the same ids (a bulk load of new documents; a duplicate id still fails
   * on the unique constraint and rolls the transaction back).
   */
  async indexReturningKeys(
    db: Kysely<Database>,
    docs: readonly SearchDocument[],
    options: { readonly newDocuments?: boolean } = {},
  ): Promise<Map<string, number>> {
    const batch = this.prepare(docs);
    const existing = new Map<string, EntryRow>();
    for (const chunk of options.newDocuments ? [] : chunks(batch.docs.map((d) => d.id), IDS_PER_QUERY)) {
      const rows = await db.selectFrom('search_entries').selectAll().where('document_id', 'in', chunk).execute();
      for (const row of rows) existing.set(row.document_id, row);
    }
    // A document whose PDFs are the ones already linked (a state change, an edited subject) keeps its links and its
    // body as read for the delete: four statements fewer per change (the links' delete and re-insert, the texts'
    // insert, the second read of the bodies).
    const kept = existing.size > 0 ? await removeEntries(db, [...existing.values()], batch.docs) : new Map<string, string>();
    return this.writePrepared(db, batch, existing, kept);
  }

  /**
   * The database-free half of indexing: checks ids and dates and folds the text. The bulk loader runs it for the
   * next batch while SQLite is still writing this one (the sqlite3 driver works on its own thread).
   */
  prepare(docs: readonly SearchDocument[]): PreparedSearchBatch {
    const byId = new Map<string, SearchDocument>();
    for (const doc of docs) {
      if (!doc.id) throw new EOfficeError('E_INVALID_INPUT', 'Thiếu mã văn bản / document id missing');
      dayNumber(doc.date);
      byId.set(doc.id, doc);
    }
    const unique = [...byId.values()];
    const facets = new FacetTokens();
    const entries = unique.map((doc): Omit<EntryRow, 'sort_key'> => ({
      document_id: doc.id,
      direction: doc.direction,
      doc_date: doc.date,
      type_code: doc.type ?? null,
      issuer_code: doc.issuerCode ?? null,
      issuer_name: doc.issuerName ?? null,
      state: doc.state ?? null,
      urgency: doc.urgency ?? null,
      number: doc.number ?? null,
      symbol: doc.symbol ?? null,
      subject: doc.subject ?? null,
      signer_name: doc.signerName ?? null,
      secret: isSecret(doc.secrecy) ? 1 : 0,
    }));
    return { docs: unique, entries, texts: entries.map((e) => ftsTextsOf(e, facets)) };
  }

  concat(batches: readonly PreparedSearchBatch[]): PreparedSearchBatch {
    return { docs: batches.flatMap((b) => b.docs), entries: batches.flatMap((b) => b.entries), texts: batches.flatMap((b) => b.texts) };
  }

  /**
   * The database half: sort keys, file links, the entries and their FTS rows. The ids must not be indexed yet; those
   * in `kept` still have their file links, and their bodies are the ones given.
   */
  async writePrepared(
    db: Kysely<Database>,
    batch: PreparedSearchBatch,
    existing: ReadonlyMap<string, EntryRow> = new Map(),
    kept: ReadonlyMap<string, string> = new Map(),
  ): Promise<Map<string, number>> {
    if (batch.docs.length === 0) return new Map();
    const keys = await allocateKeys(db, batch.docs, existing);
    await linkFiles(db, kept.size === 0 ? batch.docs : batch.docs.filter((d) => !kept.has(d.id)));
    const withFiles = batch.docs.filter((d) => !kept.has(d.id) && (d.files ?? []).some((f) => f.mediaType === PDF)).map((d) => d.id);
    const bodies = withFiles.length > 0 ? await bodiesOf(db, withFiles) : new Map<string, string>();
    for (const [id, body] of kept) if (body !== '') bodies.set(id, body);
    const entryRows = batch.entries.map((e) => [keys.get(e.document_id)!, ...ENTRY_COLUMNS.slice(1).map((c) => e[c as keyof typeof e])]);
    await insertRows(db, 'search_entries', ENTRY_COLUMNS, entryRows);
    const ftsRows = batch.entries.map((e, i) => {
      const [numberSymbol, subject, people, facets] = batch.texts[i]!;
      return [keys.get(e.document_id)!, numberSymbol, subject, people, foldVietnamese(bodies.get(e.document_id) ?? ''), facets];
    });
    await insertRows(db, 'search_folded', FTS_COLUMNS, ftsRows);
    return keys;
  }

  async remove(db: Kysely<Database>, documentId: string): Promise<boolean> {
    const row = await db.selectFrom('search_entries').selectAll().where('document_id', '=', documentId).executeTakeFirst();
    if (row) await removeEntries(db, [row]);
    await db.deleteFrom('search_entry_files').where('document_id', '=', documentId).execute();
    return row !== undefined;
  }

  async search(db: Kysely<Database>, query: SearchQuery): Promise<SearchPage> {
    return searchInWindows(query, this.#window, (parsed, range, newestFirst, size) =>
      readWindow(db, candidateQuery(parsed, range, query, newestFirst, size), newestFirst),
    );
  }

  /** SQLite's plan for a query's candidate read: lets tests check that no sort over all matches happens. */
  async explain(db: Kysely<Database>, query: SearchQuery): Promise<string[]> {
    const parsed = query.text ? parseSearchText(query.text) : null;
    const built = candidateQuery(parsed, keyBounds(query), query, (query.order ?? 'newest') === 'newest', this.#window);
    const compiled = built.compile(db);
    const plan = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]));
    return plan.rows.map((r) => r.detail);
  }

  async optimize(db: Kysely<Database>): Promise<void> {
    // FTS5 merges segments gradually on its own (automerge); after a bulk load one full merge makes reads cheaper.
    await sql`insert into search_folded (search_folded) values ('optimize')`.execute(db);
  }

  async pendingFiles(db: Kysely<Database>, limit: number): Promise<string[]> {
    const rows = await db.selectFrom('search_file_texts').select('sha256').where('status', '=', 'pending').orderBy('updated_at').limit(limit).execute();
    return rows.map((r) => r.sha256);
  }

  async storeFileText(db: Kysely<Database>, sha256: string, result: { text: string } | { error: string }, now: Date): Promise<void> {
    const holders = await db
      .selectFrom('search_entry_files as f')
      .innerJoin('search_entries as e', 'e.document_id', 'f.document_id')
      .selectAll('e')
      .where('f.sha256', '=', sha256)
      .execute();
    // Out with the rows as indexed (old text), then in with the new text: contentless FTS5 forgets a row only when
    // told exactly what it held.
    if (holders.length > 0) await writeFtsRows(db, holders, await bodiesOf(db, holders.map((h) => h.document_id)), 'delete');
    const updatedAt = now.toISOString();
    await db
      .updateTable('search_file_texts')
      .set('text' in result ? { status: 'done', text: result.text, error: null, updated_at: updatedAt } : { status: 'failed', text: null, error: result.error.slice(0, 1000), updated_at: updatedAt })
      .where('sha256', '=', sha256)
      .execute();
    if (holders.length > 0) await writeFtsRows(db, holders, await bodiesOf(db, holders.map((h) => h.document_id)), 'insert');
  }
}

/**
 * Removes entries and their FTS rows (with the values they were indexed with) and their file links. A document of
 * `next` (about to be indexed again) whose PDFs are exactly the ones linked keeps its links: its body (as bodiesOf
 * gives it, '' for none) is returned by id.
 */
async function removeEntries(db: Kysely<Database>, rows: readonly EntryRow[], next: readonly SearchDocument[] = []): Promise<Map<string, string>> {
  const linked = await linksOf(db, rows.map((r) => r.document_id));
  const bodies = new Map<string, string>();
  for (const [id, links] of linked) {
    const body = links.filter((l) => l.status === 'done').map((l) => `\n${l.text ?? ''}`).join('');
    if (body !== '') bodies.set(id, body);
  }
  await writeFtsRows(db, rows, bodies, 'delete');
  const kept = new Map<string, string>();
  const removed = new Set(rows.map((r) => r.document_id));
  for (const doc of next) {
    if (!removed.has(doc.id)) continue;
    const links = linked.get(doc.id) ?? [];
    // Every link with its text row (linkFiles writes both); a link without one is linked again, as before.
    if (links.some((l) => l.status === null)) continue;
    const wanted = [...new Set((doc.files ?? []).filter((f) => f.mediaType === PDF).map((f) => f.sha256))].sort();
    if (wanted.length === links.length && wanted.every((sha256, i) => sha256 === links[i]!.sha256)) kept.set(doc.id, bodies.get(doc.id) ?? '');
  }
  for (const chunk of chunks(rows, IDS_PER_QUERY)) {
    await db.deleteFrom('search_entries').where('sort_key', 'in', chunk.map((r) => r.sort_key)).execute();
    const unlink = chunk.map((r) => r.document_id).filter((id) => !kept.has(id));
    if (unlink.length > 0) await db.deleteFrom('search_entry_files').where('document_id', 'in', unlink).execute();
  }
  return kept;
}

interface FileLink {
  readonly sha256: string;
  /** Null when the file has no text row. */
  readonly status: string | null;
  readonly text: string | null;
}

/** Each document's linked files in sha256 order, with their text: the links and, from them, the body bodiesOf gives. */
async function linksOf(db: Kysely<Database>, documentIds: readonly string[]): Promise<Map<string, FileLink[]>> {
  const links = new Map<string, FileLink[]>();
  for (const chunk of chunks(documentIds, IDS_PER_QUERY)) {
    const rows = await db
      .selectFrom('search_entry_files as f')
      .leftJoin('search_file_texts as t', 't.sha256', 'f.sha256')
      .select(['f.document_id', 'f.sha256', 't.status', 't.text'])
      .where('f.document_id', 'in', chunk)
      .orderBy('f.document_id')
      .orderBy('f.sha256')
      .execute();
    for (const row of rows) {
      const list = links.get(row.document_id) ?? [];
      list.push({ sha256: row.sha256, status: row.status, text: row.text });
      links.set(row.document_id, list);
    }
  }
  return links;
}

/** Same day as before: keep the key (the document keeps its place). Otherwise the next free key of its day. */
async function allocateKeys(
  db: Kysely<Database>,
  docs: readonly SearchDocument[],
  existing: ReadonlyMap<string, EntryRow>,
): Promise<Map<string, number>> {
  const keys = new Map<string, number>();
  const needed: SearchDocument[] = [];
  for (const doc of docs) {
    const previous = existing.get(doc.id);
    if (previous && previous.doc_date === doc.date) keys.set(doc.id, previous.sort_key);
    else needed.push(doc);
  }
  if (needed.length === 0) return keys;
  // The highest key of every day concerned, in one round trip (a bulk batch spans hundreds of days).
  const days = [...new Set(needed.map((d) => dayNumber(d.date)))];
  const tops = await sql<{ day: number; top: number | null }>`select value as day,
      (select max(sort_key) from search_entries where sort_key between value * ${KEYS_PER_DAY} and (value + 1) * ${KEYS_PER_DAY} - 1) as top
    from json_each(${JSON.stringify(days)})`.execute(db);
  const nextByDay = new Map<number, number>(tops.rows.map((r) => [r.day, r.top === null ? r.day * KEYS_PER_DAY : r.top + 1]));
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

/** One token per filter value, in the `facets` column: letters and digits only, so the tokenizer keeps it whole. */
export function facetToken(kind: 'd' | 't' | 'i' | 's' | 'u', value: string): string {
  return `zz${kind}${foldVietnamese(value).replace(/[^a-z0-9]/g, '')}`;
}

/** Facet tokens of the few distinct filter values, folded once per batch instead of once per document. */
class FacetTokens {
  readonly #cache = new Map<string, Map<string, string>>();

  of(kind: 'd' | 't' | 'i' | 's' | 'u', value: string | null): string | null {
    if (value === null || value === '') return null;
    let byValue = this.#cache.get(kind);
    if (byValue === undefined) {
      byValue = new Map();
      this.#cache.set(kind, byValue);
    }
    let token = byValue.get(value);
    if (token === undefined) {
      token = facetToken(kind, value);
      byValue.set(value, token);
    }
    return token;
  }
}

/** The folded number/symbol, subject, people and facets of an entry: what its FTS row holds besides the body. */
function ftsTextsOf(e: Omit<EntryRow, 'sort_key'>, facets: FacetTokens): FtsTexts {
  const tokens = [
    facets.of('d', e.direction), facets.of('t', e.type_code), facets.of('i', e.issuer_code), facets.of('s', e.state), facets.of('u', e.urgency),
  ];
  return [
    foldVietnamese([e.number, e.symbol].filter(Boolean).join('/')),
    foldVietnamese(e.subject ?? ''),
    foldVietnamese([e.issuer_name, e.signer_name].filter(Boolean).join('\n')),
    tokens.filter((t) => t !== null).join(' '),
  ];
}

async function writeFtsRows(
  db: Kysely<Database>,
  entries: readonly EntryRow[],
  bodies: ReadonlyMap<string, string>,
  mode: 'insert' | 'delete',
): Promise<void> {
  const facets = new FacetTokens();
  const rows = entries.map((e) => {
    const [numberSymbol, subject, people, facetText] = ftsTextsOf(e, facets);
    return [e.sort_key, numberSymbol, subject, people, foldVietnamese(bodies.get(e.document_id) ?? ''), facetText];
  });
  // A contentless table forgets a row through its 'delete' command, given the values the row was indexed with.
  await insertRows(db, 'search_folded', mode === 'insert' ? FTS_COLUMNS : ['search_folded', ...FTS_COLUMNS], rows, mode === 'insert' ? [] : ['delete']);
}

const FILTERS = [
  ['direction', 'd', 'direction'],
  ['type', 't', 'type_code'],
  ['issuerCode', 'i', 'issuer_code'],
  ['state', 's', 'state'],
  ['urgency', 'u', 'urgency'],
] as const;

/**
 * The sqlite3 package binds JavaScript numbers above 2^31 as REAL; FTS5 then cannot seek on a rowid bound and
 * filters row by row (70× slower on a million documents). The cast gives it the integer it needs.
 */
function int(value: number): RawBuilder<number> {
  return sql<number>`cast(${value} as integer)`;
}

function candidateQuery(
  parsed: ParsedSearchText | null,
  bounds: { low: number; high: number },
  query: SearchQuery,
  newestFirst: boolean,
  limit: number,
): RawBuilder<EntryRow> {
  const direction = sql.raw(newestFirst ? 'desc' : 'asc');
  const active = FILTERS.filter(([field]) => query[field] !== undefined);
  const equalities = active.map(([field, , column]) => sql` and ${sql.ref(`e.${column}`)} = ${query[field]!}`);
  const facetMatch = active.map(([field, kind]) => `facets : "${facetToken(kind, query[field]!)}"`);
  const match = [...(parsed ? [`${TEXT_COLUMNS} : (${toFtsMatch(parsed.folded)})`] : []), ...facetMatch].join(' AND ');
  const secrets = secretFilter(query.secretsVisible);
  if (match === '') {
    return sql<EntryRow>`select e.* from search_entries e where e.sort_key between ${int(bounds.low)} and ${int(bounds.high)}${secrets}
      order by e.sort_key ${direction} limit ${limit}`;
  }
  // CROSS JOIN keeps the FTS table outside: its rowid order is the result order, and it stops at the limit.
  return sql<EntryRow>`select e.* from search_folded f cross join search_entries e on e.sort_key = f.rowid
    where f.search_folded match ${match} and f.rowid between ${int(bounds.low)} and ${int(bounds.high)}${sql.join(equalities, sql``)}${secrets}
    order by f.rowid ${direction} limit ${limit}`;
}

/**
 * Secret entries the caller may not see never reach the LIMIT: they are dropped in the candidate query itself, so a
 * page is as full as it would be without them and no count betrays them. Secret documents are rare, so the few
 * rows rejected cost little; the ids a restricted actor may see travel as one JSON parameter, however many.
 */
function secretFilter(visible: SearchQuery['secretsVisible']): RawBuilder<unknown> {
  const allowed = visible ?? [];
  if (allowed === 'all') return sql``;
  if (allowed.length === 0) return sql` and e.secret = 0`;
  return sql` and (e.secret = 0 or e.document_id in (select value from json_each(${JSON.stringify(allowed)})))`;
}

/**
 * Runs a candidate query and returns its rows. SQLite hands the whole window back as one JSON text: building a
 * JavaScript object per row and column through the driver costs more than the FTS5 read itself. The rows come
 * back in key order (sorted again here, as an aggregate's order is not a promise SQLite makes).
 */
async function readWindow(db: Kysely<Database>, candidates: RawBuilder<EntryRow>, newestFirst: boolean): Promise<EntryRow[]> {
  const columns = sql.join(ENTRY_COLUMNS.map((c) => sql.ref(c)));
  const result = await sql<{ page: string }>`select json_group_array(json_array(${columns})) as page from (${candidates})`.execute(db);
  const rows = (JSON.parse(result.rows[0]?.page ?? '[]') as unknown[][]).map((cells) => {
    const row: Record<string, unknown> = {};
    ENTRY_COLUMNS.forEach((column, i) => {
      row[column] = cells[i];
    });
    return row as unknown as EntryRow;
  });
  return rows.sort((a, b) => (newestFirst ? b.sort_key - a.sort_key : a.sort_key - b.sort_key));
}
