import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../store/schema.js';

/**
 * The file that is the record of a document: the one the agency issued, else the signed one, else what arrived or
 * was scanned. It is carried as stored, byte for byte (signatures stay valid). `preferArchival`: the archival copy
 * made when its record file closed (the same bytes, then the long-term validation material) comes first — what goes
 * to the archive in a handover package.
 */
export async function recordOriginalOf(db: Kysely<Database> | Transaction<Database>, documentId: string, options: { preferArchival?: boolean } = {}) {
  const roles = options.preferArchival ? (['archival', 'issued', 'signed', 'main', 'scan'] as const) : (['issued', 'signed', 'main', 'scan'] as const);
  for (const role of roles) {
    const file = await db.selectFrom('document_files').selectAll().where('document_id', '=', documentId).where('role', '=', role).orderBy('id', 'desc').executeTakeFirst();
    if (file) return file;
  }
  return undefined;
}
