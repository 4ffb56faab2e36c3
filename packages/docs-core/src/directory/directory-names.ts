import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';

/**
 * The directory's names of the given organ codes (mã định danh), for the codes it holds. A document received with only
 * its sender's code (the CLI's --from, a paper document) stores no name; the faces show the directory's instead of a
 * bare code (issue 12). Read at view time, so an imported or refreshed directory names documents already stored.
 */
export async function directoryNames(db: Kysely<Database>, codes: Iterable<string | null | undefined>): Promise<ReadonlyMap<string, string>> {
  const wanted = [...new Set([...codes].filter((code): code is string => typeof code === 'string' && code !== ''))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('directory_endpoints').select(['code', 'name']).where('code', 'in', wanted).execute();
  return new Map(rows.map((row) => [row.code, row.name]));
}
