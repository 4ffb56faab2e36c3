import { sql, type Kysely } from 'kysely';
import { dayNumber, facetToken, KEYS_PER_DAY, tsvectorOf } from '../src/search/index.js';
import { dialectOf } from '../src/store/store-dialect.js';
import { foldVietnamese } from '@eoffice/vietnamese';
import type { Database } from '../src/store/schema.js';

/**
 * A search entry as migration 22 laid it out, written with plain SQL: migration tests start from an older schema,
 * which today's index code (it writes every current column) no longer fits.
 */
export async function insertVersion22Entry(
  db: Kysely<Database>,
  entry: { id: string; date: string; subject: string; direction: string; urgency?: string },
  offset = 0,
): Promise<void> {
  const key = dayNumber(entry.date) * KEYS_PER_DAY + offset;
  const facets = [facetToken('d', entry.direction), ...(entry.urgency ? [facetToken('u', entry.urgency)] : [])].join(' ');
  if (dialectOf(db) === 'postgres') {
    // PostgreSQL's entry holds its folded words itself (migration 22's PostgreSQL branch).
    await sql`insert into search_entries (sort_key, document_id, direction, doc_date, subject, urgency, folded)
      values (${key}, ${entry.id}, ${entry.direction}, ${entry.date}, ${entry.subject}, ${entry.urgency ?? null},
      ${tsvectorOf(['', foldVietnamese(entry.subject)], { doc_date: entry.date, direction: entry.direction, type_code: null, issuer_code: null, state: null, urgency: entry.urgency ?? null })}::tsvector)`.execute(db);
    return;
  }
  await sql`insert into search_entries (sort_key, document_id, direction, doc_date, subject, urgency)
    values (${key}, ${entry.id}, ${entry.direction}, ${entry.date}, ${entry.subject}, ${entry.urgency ?? null})`.execute(db);
  await sql`insert into search_folded (rowid, number_symbol, subject, people, body, facets)
    values (${key}, '', ${foldVietnamese(entry.subject)}, '', '', ${facets})`.execute(db);
}
