import type { Selectable } from 'kysely';
import { EOfficeError } from '@eoffice/contract';
import { exactLowercase } from '@eoffice/vietnamese';
import type { SearchEntriesTable } from '../store/schema-directory-calendar-search.js';
import type { SearchHit, SearchPage, SearchQuery } from './search-index.js';
import { parseSearchText, phraseMatcher, type ParsedSearchText } from './search-query-parser.js';
import { keyRange } from './sort-key.js';

/** A row of search_entries exactly as the schema declares it. */
export type EntryRow = Selectable<SearchEntriesTable>;

const MAX_LIMIT = 100;
const CURSOR = /^(\d{1,16})\.([01])\.(\d{1,16})$/;

interface Candidate {
  readonly row: EntryRow;
  /** 0: matched with the user's diacritics; 1: matched only once folded. */
  readonly tier: 0 | 1;
  /** The key bound the candidate's window was read from: the cursor carries it. */
  readonly windowStart: number;
}

/**
 * Reads up to `windowSize` candidates whose sort key is in `range`, matching `parsed` (null: any) and the query's
 * filters, in key order (newest first or oldest first). Each database answers it its own way.
 */
export type ReadWindow = (
  parsed: ParsedSearchText | null,
  range: { readonly low: number; readonly high: number },
  newestFirst: boolean,
  windowSize: number,
) => Promise<EntryRow[]>;

/**
 * The paging both search indexes share: matches are read in sort-key order a window at a time and reading stops once
 * a page is full; within each window, matches that carry the user's diacritics exactly come first. The cursor names
 * the window and the last hit, so the next page continues where this one ended.
 */
export async function searchInWindows(query: SearchQuery, candidateWindow: number, read: ReadWindow): Promise<SearchPage> {
  const limit = query.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new EOfficeError('E_INVALID_INPUT', `Số kết quả phải từ 1 đến ${MAX_LIMIT} / limit must be 1–${MAX_LIMIT}`);
  }
  const newestFirst = (query.order ?? 'newest') === 'newest';
  const bounds = keyBounds(query);
  const text = query.text?.trim() ?? '';
  const parsed = text === '' ? null : parseSearchText(text);
  if (parsed && parsed.folded.length === 0) return { hits: [], nextCursor: null };
  let windowStart = newestFirst ? bounds.high : bounds.low;
  let after: { tier: number; key: number } | null = null;
  if (query.cursor !== undefined) {
    const match = CURSOR.exec(query.cursor);
    if (!match) throw new EOfficeError('E_INVALID_INPUT', 'Con trỏ trang không hợp lệ / invalid cursor');
    windowStart = Number(match[1]);
    after = { tier: Number(match[2]), key: Number(match[3]) };
  }
  const exact = parsed?.hasDiacritics ? exactMatcher(parsed) : null;
  const picked: Candidate[] = [];
  const before = (a: { tier: number; key: number }, b: { tier: number; key: number }) =>
    a.tier !== b.tier ? a.tier < b.tier : newestFirst ? a.key > b.key : a.key < b.key;
  for (;;) {
    const range = newestFirst ? { low: bounds.low, high: windowStart } : { low: windowStart, high: bounds.high };
    if (range.low > range.high) break;
    // Without diacritics in the query there is nothing to rank: read just what the page needs.
    const windowSize = parsed?.hasDiacritics ? Math.max(candidateWindow, limit + 1) : limit + 1;
    const rows = await read(parsed, range, newestFirst, windowSize);
    const window = rows.map((row): Candidate => ({ row, tier: exact?.(row) ? 0 : 1, windowStart }));
    const ordered = [...window.filter((c) => c.tier === 0), ...window.filter((c) => c.tier === 1)];
    for (const candidate of ordered) {
      if (after && !before(after, { tier: candidate.tier, key: candidate.row.sort_key })) continue;
      picked.push(candidate);
      if (picked.length > limit) break;
    }
    if (picked.length > limit || rows.length < windowSize) break;
    const edge = rows.at(-1)!.sort_key;
    windowStart = newestFirst ? edge - 1 : edge + 1;
    after = null;
  }
  const page = picked.slice(0, limit);
  const last = page.at(-1);
  return {
    hits: page.map((c) => toHit(c.row, c.tier === 0)),
    nextCursor: picked.length > limit && last ? cursorAfter(last, parsed?.hasDiacritics ?? false, newestFirst) : null,
  };
}

/** Where the next page starts: inside the same window when tiers are ranked, else right after the last key. */
function cursorAfter(last: Candidate, ranked: boolean, newestFirst: boolean): string {
  const key = last.row.sort_key;
  const windowStart = ranked ? last.windowStart : newestFirst ? key - 1 : key + 1;
  return `${windowStart}.${last.tier}.${key}`;
}

export function keyBounds(query: SearchQuery): { low: number; high: number } {
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

/**
 * Tells whether the user's phrases, diacritics included, all appear in an entry's own fields. The patterns are
 * built once per search, not per candidate.
 */
function exactMatcher(parsed: ParsedSearchText): (row: EntryRow) => boolean {
  const patterns = parsed.exact.map((phrase) => phraseMatcher(phrase));
  return (row) => {
    const fields = [[row.number, row.symbol].filter(Boolean).join('/'), row.subject, row.issuer_name, row.signer_name]
      .filter((f): f is string => Boolean(f))
      .map((f) => exactLowercase(f));
    return patterns.every((pattern) => fields.some((field) => pattern.test(field)));
  };
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

