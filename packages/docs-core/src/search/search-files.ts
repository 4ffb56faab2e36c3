import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { SearchDocument } from './search-index.js';

/** The files both search indexes read text from (the same tables on both databases). */
export const PDF = 'application/pdf';
export const IDS_PER_QUERY = 900;

/** Links each document to its PDFs and queues the texts not read yet. */
export async function linkFiles(db: Kysely<Database>, docs: readonly SearchDocument[]): Promise<void> {
  // In key order: a file's text row new to both of two transactions indexing at once is inserted by one and waited
  // for by the other, so they must meet the files in one order (ARCHITECTURE.md, "Lock order").
  const links = docs
    .flatMap((doc) => [...new Set((doc.files ?? []).filter((f) => f.mediaType === PDF).map((f) => f.sha256))].map((sha256) => ({ document_id: doc.id, sha256 })))
    .sort((a, b) => (a.sha256 < b.sha256 ? -1 : a.sha256 > b.sha256 ? 1 : a.document_id < b.document_id ? -1 : a.document_id > b.document_id ? 1 : 0));
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

/** The extracted text of each document's files, as the index holds it. */
export async function bodiesOf(db: Kysely<Database>, documentIds: readonly string[]): Promise<Map<string, string>> {
  const bodies = new Map<string, string>();
  for (const chunk of chunks(documentIds, IDS_PER_QUERY)) {
    const rows = await db
      .selectFrom('search_entry_files as f')
      .innerJoin('search_file_texts as t', 't.sha256', 'f.sha256')
      .select(['f.document_id', 't.text'])
      .where('t.status', '=', 'done')
      .where('f.document_id', 'in', chunk)
      .orderBy('f.document_id')
      .orderBy('f.sha256')
      .execute();
    for (const row of rows) bodies.set(row.document_id, `${bodies.get(row.document_id) ?? ''}\n${row.text ?? ''}`);
  }
  return bodies;
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}
