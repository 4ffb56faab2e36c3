import { CompiledQuery, type DatabaseConnection, type Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { AuditAnchor, AuditAnchorStore } from './audit-anchor-store.js';
import { FileAuditAnchorStore } from './file-audit-anchor-store.js';

/** The anchor file beside the SQLite database (named for it, so a copy of the two travels together). */
export const AUDIT_ANCHORS_FILE_SUFFIX = '.audit-anchors';

/**
 * The before-commit step of every transaction: anchors each audit entry the transaction added (every entry above
 * the store's newest anchor: the chain as this transaction leaves it). One read of the anchor store's tail and one
 * statement, whether the transaction wrote an entry or not (the chain head was read first before; each statement is a
 * trip through the thread pool on the writer's main thread).
 */
export async function anchorNewAuditEntries(connection: DatabaseConnection, anchors: AuditAnchorStore): Promise<void> {
  const last = await anchors.last();
  // A chain cut below the newest anchor (or a failed COMMIT) has no entry above it: `audit verify` reports the cut, and
  // entries written again with ids already anchored are not anchored again, so the first anchor of an id is the one
  // that counts.
  const rows = await connection.executeQuery<AuditAnchor>(
    CompiledQuery.raw('select id, hash from audit_log where id > ? order by id', [last?.id ?? 0]),
  );
  if (rows.rows.length > 0) await anchors.append(rows.rows.map((r) => ({ id: r.id, hash: r.hash })));
}

/**
 * The anchor file of a SQLite store, made if missing: empty for a store with no audit entry, else starting at the
 * current head (a store written before anchoring existed; or one whose anchor file was removed, which the caller
 * records in the audit log, so a removed file cannot be quietly recreated).
 */
export async function openFileAnchors(db: Kysely<Database>, databasePath: string): Promise<{ store: FileAuditAnchorStore; startedAt: AuditAnchor | null }> {
  const store = new FileAuditAnchorStore(`${databasePath}${AUDIT_ANCHORS_FILE_SUFFIX}`);
  if (await store.exists()) return { store, startedAt: null };
  const head = await db.selectFrom('audit_head').select(['last_id', 'last_hash']).where('singleton', '=', 1).executeTakeFirst();
  if (!head || head.last_id === 0) {
    await store.create(1, null).catch(async (error: unknown) => {
      // Another process opening the same new store made it first.
      if (!(await store.exists())) throw error;
    });
    return { store, startedAt: null };
  }
  const baseline = { id: head.last_id, hash: head.last_hash };
  try {
    await store.create(head.last_id, baseline);
  } catch (error) {
    if (await store.exists()) return { store, startedAt: null };
    throw error;
  }
  return { store, startedAt: baseline };
}
