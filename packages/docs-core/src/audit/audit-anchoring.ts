import { CompiledQuery, type DatabaseConnection, type Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { AuditAnchor, AuditAnchorStore } from './audit-anchor-store.js';
import { FileAuditAnchorStore } from './file-audit-anchor-store.js';

/** The anchor file beside the SQLite database (named for it, so a copy of the two travels together). */
export const AUDIT_ANCHORS_FILE_SUFFIX = '.audit-anchors';

/**
 * The before-commit step of every transaction: anchors each audit entry the transaction added (every entry above
 * the store's newest anchor, up to the chain head as this transaction leaves it). A transaction that wrote no entry
 * costs one small read of the head and of the anchor store's tail.
 */
export async function anchorNewAuditEntries(connection: DatabaseConnection, anchors: AuditAnchorStore): Promise<void> {
  const head = await connection.executeQuery<{ last_id: number }>(CompiledQuery.raw('select last_id from audit_head where singleton = 1'));
  const headId = head.rows[0]?.last_id;
  if (headId === undefined) return;
  const last = await anchors.last();
  const from = last?.id ?? 0;
  // A head below the newest anchor is a cut-off chain (or a failed COMMIT): `audit verify` reports it; new entries
  // with ids already anchored are not anchored again, so the first anchor of an id is the one that counts.
  if (headId <= from) return;
  const rows = await connection.executeQuery<AuditAnchor>(
    CompiledQuery.raw('select id, hash from audit_log where id > ? order by id', [from]),
  );
  await anchors.append(rows.rows.map((r) => ({ id: r.id, hash: r.hash })));
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
