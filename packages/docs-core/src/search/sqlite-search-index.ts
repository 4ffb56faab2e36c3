import { CompiledQuery, sql, type Kysely, type RawBuilder } from 'kysely';
import { EOfficeError } from '@eoffice/contract';
import type { Database } from '../store/schema.js';
import { exactLowercase, foldVietnamese } from './fold-vietnamese.js';
import type { SearchDocument, SearchHit, SearchIndex, SearchPage, SearchQuery } from './search-index.js';
import { parseSearchText, toFtsMatch } from './search-query-parser.js';
import { dayNumber, keyRange, KEYS_PER_DAY } from './sort-key.js';

const PDF = 'application/pdf';
// SQLite allows 32,766 bound variables per statement.
const ENTRY_ROWS_PER_INSERT = 2000; // 13 columns
const FTS_ROWS_PER_INSERT = 5000; // 5 columns
const IDS_PER_QUERY = 900;
const MAX_LIMIT = 100;
const CURSOR = /^([01n])\.(\d{1,16})$/;

type Tier = '0' | '1' | 'n';

interface EntryRow {
  sort_key: number;
  document_id: string;
  direction: string;
  doc_date: string;
  type_code: string | null;
  issuer_code: string | null;
  issuer_name: string | null;
  state: string | null;
  urgency: string | null;
  number: string | null;
  symbol: string | null;
  subject: string | null;
  signer_name: string | null;
}

/**
 * FTS5 implementation of {@link SearchIndex}. Results are read in sort-key order (newest first) straight off the
 * FTS5 doclists and stop at the page size: no match is ever ranked, so a common term costs the same as a rare one.
 * With diacritics in the query, exact-diacritic matches come first (tier 0), then the other folded matches
 * (tier 1); each tier is itself newest first, and the cursor says which tier and key a page ended at.
 */
export class SqliteSearchIndex implements SearchIndex {
  async index(db: Kysely<Database>, docs: readonly SearchDocument[]): Promise<void> {
    if (docs.length === 0) return;
    const byId = new Map<string, SearchDocument>();
    for (const doc of docs) {
      if (!doc.id) throw new EOfficeError('E_INVALID_INPUT', 'Thiếu mã văn bản / document id missing');
      dayNumber(doc.date);
      byId.set(doc.id, doc);
    }
    const unique = [...byId.values()];
    const ids = unique.map((d) => d.id);
    const existing = new Map<string, { sort_key: number; doc_date: string }>();
    for (const chunk of chunks(ids, IDS_PER_QUERY)) {
      const rows = await db.selectFrom('search_entries').select(['document_id', 'sort_key', 'doc_date']).where('document_id', 'in', chunk).execute();
      for (const row of rows) existing.set(row.document_id, row);
    }
    const oldKeys = [...existing.values()].map((e) => e.sort_key);
    for (const chunk of chunks(oldKeys, IDS_PER_QUERY)) {
      await sql`delete from search_folded where rowid in (${sql.join(chunk)})`.execute(db);
      await sql`delete from search_exact where rowid in (${sql.join(chunk)})`.execute(db);
      await db.deleteFrom('search_entries').where('sort_key', 'in', chunk).execute();
    }
    const keys = await this.#allocateKeys(db, unique, existing);
    await this.#linkFiles(db, unique, existing.size > 0);
    const bodies = await this.#bodies(db, unique);
    const entries: EntryRow[] = unique.map((doc) => ({
      sort_key: keys.get(doc.id)!,
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
    }));
    for (const chunk of chunks(entries, ENTRY_ROWS_PER_INSERT)) {
      await db.insertInto('search_entries').values(chunk).execute();
    }
    await writeFtsRows(db, entries, bodies);
  }

  async remove(db: Kysely<Database>, documentId: string): Promise<boolean> {
    const row = await db.selectFrom('search_entries').select('sort_key').where('document_id', '=', documentId).executeTakeFirst();
    await db.deleteFrom('search_entry_files').where('document_id', '=', documentId).execute();
    if (!row) return false;
    await sql`delete from search_folded where rowid = ${row.sort_key}`.execute(db);
    await sql`delete from search_exact where rowid = ${row.sort_key}`.execute(db);
    await db.deleteFrom('search_entries').where('sort_key', '=', row.sort_key).execute();
    return true;
  }

  async search(db: Kysely<Database>, query: SearchQuery): Promise<SearchPage> {
    const limit = query.limit ?? 20;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw new EOfficeError('E_INVALID_INPUT', `Số kết quả phải từ 1 đến ${MAX_LIMIT} / limit must be 1–${MAX_LIMIT}`);
    }
    const newestFirst = (query.order ?? 'newest') === 'newest';
    let { low, high } = keyBounds(query);
    const text = query.text?.trim() ?? '';
    const parsed = text === '' ? null : parseSearchText(text);
    if (parsed && parsed.folded.length === 0) return { hits: [], nextCursor: null };
    const tiers: Tier[] = !parsed ? ['n'] : parsed.hasDiacritics ? ['0', '1'] : ['1'];
    let startTier = 0;
    if (query.cursor !== undefined) {
      const match = CURSOR.exec(query.cursor);
      const tierIndex = match ? tiers.indexOf(match[1] as Tier) : -1;
      if (!match || tierIndex === -1) throw new EOfficeError('E_INVALID_INPUT', 'Con trỏ trang không hợp lệ / invalid cursor');
      startTier = tierIndex;
      const key = Number(match[2]);
      if (newestFirst) high = Math.min(high, key - 1);
      else low = Math.max(low, key + 1);
    }
    const filters = filterConditions(query);
    const rows: { row: EntryRow; tier: Tier }[] = [];
    for (let t = startTier; t < tiers.length && rows.length <= limit; t += 1) {
      const tier = tiers[t]!;
      // The cursor's key bound applies only within its own tier; a later tier starts from the top of the range.
      const bounds = t === startTier ? { low, high } : keyBounds(query);
      const wanted = limit + 1 - rows.length;
      const found = await tierQuery(tier, parsed, bounds, filters, newestFirst, wanted).execute(db);
      for (const row of found.rows) rows.push({ row, tier });
    }
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      hits: page.map(({ row, tier }) => toHit(row, tier === '0')),
      nextCursor: rows.length > limit && last ? `${last.tier}.${last.row.sort_key}` : null,
    };
  }

  /** SQLite's plan for the first tier of a query: lets tests check that no sort over all matches happens. */
  async explain(db: Kysely<Database>, query: SearchQuery): Promise<string[]> {
    const parsed = query.text ? parseSearchText(query.text) : null;
    const tier: Tier = !parsed ? 'n' : parsed.hasDiacritics ? '0' : '1';
    const built = tierQuery(tier, parsed, keyBounds(query), filterConditions(query), (query.order ?? 'newest') === 'newest', 21);
    const compiled = built.compile(db);
    const plan = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]));
    return plan.rows.map((r) => r.detail);
  }

  async pendingFiles(db: Kysely<Database>, limit: number): Promise<string[]> {
    const rows = await db.selectFrom('search_file_texts').select('sha256').where('status', '=', 'pending').orderBy('updated_at').limit(limit).execute();
    return rows.map((r) => r.sha256);
  }

  async storeFileText(db: Kysely<Database>, sha256: string, result: { text: string } | { error: string }, now: Date): Promise<void> {
    await db
      .updateTable('search_file_texts')
      .set('text' in result ? { status: 'done', text: result.text, error: null, updated_at: now.toISOString() } : { status: 'failed', text: null, error: result.error.slice(0, 1000), updated_at: now.toISOString() })
      .where('sha256', '=', sha256)
      .execute();
    const holders = await db
      .selectFrom('search_entry_files as f')
      .innerJoin('search_entries as e', 'e.document_id', 'f.document_id')
      .selectAll('e')
      .where('f.sha256', '=', sha256)
      .execute();
    if (holders.length === 0) return;
    const files = await db.selectFrom('search_entry_files').select(['document_id', 'sha256']).where('document_id', 'in', holders.map((h) => h.document_id)).execute();
    await this.index(
      db,
      holders.map((row) => ({
        ...toDocument(row),
        files: files.filter((f) => f.document_id === row.document_id).map((f) => ({ sha256: f.sha256, mediaType: PDF })),
      })),
    );
  }

  /** Same day as before: keep the key (the document keeps its place). Otherwise the next free key of its day. */
  async #allocateKeys(
    db: Kysely<Database>,
    docs: readonly SearchDocument[],
    existing: ReadonlyMap<string, { sort_key: number; doc_date: string }>,
  ): Promise<Map<string, number>> {
    const keys = new Map<string, number>();
    const nextByDay = new Map<number, number>();
    for (const doc of docs) {
      const previous = existing.get(doc.id);
      if (previous && previous.doc_date === doc.date) {
        keys.set(doc.id, previous.sort_key);
        continue;
      }
      const day = dayNumber(doc.date);
      let next = nextByDay.get(day);
      if (next === undefined) {
        const row = await db
          .selectFrom('search_entries')
          .select((eb) => eb.fn.max('sort_key').as('top'))
          .where('sort_key', '>=', day * KEYS_PER_DAY)
          .where('sort_key', '<', (day + 1) * KEYS_PER_DAY)
          .executeTakeFirst();
        const top = row?.top;
        next = top === null || top === undefined ? day * KEYS_PER_DAY : Number(top) + 1;
      }
      if (next >= (day + 1) * KEYS_PER_DAY) throw new EOfficeError('E_INTERNAL', `Quá nhiều văn bản trong ngày ${doc.date} / too many documents in one day`);
      keys.set(doc.id, next);
      nextByDay.set(day, next + 1);
    }
    return keys;
  }

  async #linkFiles(db: Kysely<Database>, docs: readonly SearchDocument[], mayHaveOld: boolean): Promise<void> {
    if (mayHaveOld) {
      for (const chunk of chunks(docs.map((d) => d.id), IDS_PER_QUERY)) {
        await db.deleteFrom('search_entry_files').where('document_id', 'in', chunk).execute();
      }
    }
    const links = docs.flatMap((doc) =>
      (doc.files ?? []).filter((f) => f.mediaType === PDF).map((f) => ({ document_id: doc.id, sha256: f.sha256 })),
    );
    if (links.length === 0) return;
    const now = new Date().toISOString();
    for (const chunk of chunks(links, 5000)) {
      await db.insertInto('search_entry_files').values(chunk).onConflict((oc) => oc.doNothing()).execute();
      await db
        .insertInto('search_file_texts')
        .values([...new Set(chunk.map((l) => l.sha256))].map((sha256) => ({ sha256, status: 'pending' as const, text: null, error: null, updated_at: now })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  }

  async #bodies(db: Kysely<Database>, docs: readonly SearchDocument[]): Promise<Map<string, string>> {
    const bodies = new Map<string, string>();
    const withFiles = docs.filter((d) => (d.files ?? []).some((f) => f.mediaType === PDF)).map((d) => d.id);
    for (const chunk of chunks(withFiles, IDS_PER_QUERY)) {
      const rows = await db
        .selectFrom('search_entry_files as f')
        .innerJoin('search_file_texts as t', 't.sha256', 'f.sha256')
        .select(['f.document_id', 't.text'])
        .where('t.status', '=', 'done')
        .where('f.document_id', 'in', chunk)
        .execute();
      for (const row of rows) bodies.set(row.document_id, `${bodies.get(row.document_id) ?? ''}\n${row.text ?? ''}`);
    }
    return bodies;
  }
}

async function writeFtsRows(db: Kysely<Database>, entries: readonly EntryRow[], bodies: ReadonlyMap<string, string>): Promise<void> {
  for (const [table, transform] of [
    ['search_folded', foldVietnamese],
    ['search_exact', exactLowercase],
  ] as const) {
    for (const chunk of chunks(entries, FTS_ROWS_PER_INSERT)) {
      const values = chunk.map((e) => {
        const numberSymbol = [e.number, e.symbol].filter(Boolean).join('/');
        const people = [e.issuer_name, e.signer_name].filter(Boolean).join('\n');
        return sql`(${e.sort_key}, ${transform(numberSymbol)}, ${transform(e.subject ?? '')}, ${transform(people)}, ${transform(bodies.get(e.document_id) ?? '')})`;
      });
      await sql`insert into ${sql.table(table)} (rowid, number_symbol, subject, people, body) values ${sql.join(values)}`.execute(db);
    }
  }
}

function keyBounds(query: SearchQuery): { low: number; high: number } {
  let low = 0;
  let high = Number.MAX_SAFE_INTEGER;
  const narrow = (from: string, to: string) => {
    const range = keyRange(from, to);
    low = Math.max(low, range.low);
    high = Math.min(high, range.high);
  };
  if (query.year !== undefined) {
    if (!Number.isInteger(query.year) || query.year < 1900 || query.year > 9999) {
      throw new EOfficeError('E_INVALID_INPUT', `Năm không hợp lệ / invalid year: ${query.year}`);
    }
    narrow(`${query.year}-01-01`, `${query.year}-12-31`);
  }
  if (query.dateFrom !== undefined) narrow(query.dateFrom, '9999-12-31');
  if (query.dateTo !== undefined) narrow('1900-01-01', query.dateTo);
  return { low, high };
}

function filterConditions(query: SearchQuery): RawBuilder<unknown>[] {
  const conditions: RawBuilder<unknown>[] = [];
  const equal = (column: string, value: string | undefined) => {
    if (value !== undefined) conditions.push(sql`${sql.ref(`e.${column}`)} = ${value}`);
  };
  equal('direction', query.direction);
  equal('type_code', query.type);
  equal('issuer_code', query.issuerCode);
  equal('state', query.state);
  equal('urgency', query.urgency);
  return conditions;
}

function tierQuery(
  tier: Tier,
  parsed: ReturnType<typeof parseSearchText> | null,
  bounds: { low: number; high: number },
  filters: readonly RawBuilder<unknown>[],
  newestFirst: boolean,
  limit: number,
): RawBuilder<EntryRow> {
  const direction = sql.raw(newestFirst ? 'desc' : 'asc');
  const extra = filters.length > 0 ? sql` and ${sql.join(filters, sql` and `)}` : sql``;
  if (tier === 'n' || !parsed) {
    return sql<EntryRow>`select e.* from search_entries e
      where e.sort_key between ${bounds.low} and ${bounds.high}${extra}
      order by e.sort_key ${direction} limit ${limit}`;
  }
  if (tier === '0') {
    // CROSS JOIN keeps the FTS table outside: its rowid order is the result order, and it stops at the limit.
    return sql<EntryRow>`select e.* from search_exact x cross join search_entries e on e.sort_key = x.rowid
      where x.search_exact match ${toFtsMatch(parsed.exact)} and x.rowid between ${bounds.low} and ${bounds.high}${extra}
      order by x.rowid ${direction} limit ${limit}`;
  }
  const notExact = parsed.hasDiacritics
    ? sql` and not exists (select 1 from search_exact x where x.search_exact match ${toFtsMatch(parsed.exact)} and x.rowid = f.rowid)`
    : sql``;
  return sql<EntryRow>`select e.* from search_folded f cross join search_entries e on e.sort_key = f.rowid
    where f.search_folded match ${toFtsMatch(parsed.folded)} and f.rowid between ${bounds.low} and ${bounds.high}${extra}${notExact}
    order by f.rowid ${direction} limit ${limit}`;
}

function toHit(row: EntryRow, exact: boolean): SearchHit {
  return {
    id: row.document_id,
    direction: row.direction,
    date: row.doc_date,
    type: row.type_code,
    number: row.number,
    symbol: row.symbol,
    subject: row.subject,
    issuerCode: row.issuer_code,
    issuerName: row.issuer_name,
    state: row.state,
    urgency: row.urgency,
    exact,
  };
}

function toDocument(row: EntryRow): SearchDocument {
  return {
    id: row.document_id,
    direction: row.direction,
    date: row.doc_date,
    type: row.type_code,
    number: row.number,
    symbol: row.symbol,
    subject: row.subject,
    issuerCode: row.issuer_code,
    issuerName: row.issuer_name,
    signerName: row.signer_name,
    state: row.state,
    urgency: row.urgency,
  };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}
