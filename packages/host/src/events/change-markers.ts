import type { Store } from '@eoffice/docs-core';

type Db = Store['db'];

/**
 * What the watcher compares between two looks at the database. Every change to a document is written with its audit
 * entry in one transaction (docs-core's audit log), so the audit chain's head moves exactly when something changed,
 * whichever process wrote it. The outbox is watched on its own: the sync engine will move messages (sent, failed)
 * without an audit entry. Both are read through indexes, so a look costs a few microseconds however big the data.
 */
export interface ChangeMarkers {
  readonly auditId: number;
  readonly outbox: OutboxMarker;
}

export interface OutboxMarker {
  readonly lastId: number;
  readonly pending: number;
  readonly failed: number;
  readonly quarantined: number;
}

export async function readChangeMarkers(db: Db): Promise<ChangeMarkers> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('audit_head').select('last_id').where('singleton', '=', 1).as('audit_id'),
      eb.selectFrom('outbox').select((o) => o.fn.max('id').as('m')).as('outbox_id'),
      eb.selectFrom('outbox').select((o) => o.fn.countAll().as('c')).where('state', 'in', ['pending', 'sending']).as('pending'),
      eb.selectFrom('outbox').select((o) => o.fn.countAll().as('c')).where('state', '=', 'failed').as('failed'),
      eb.selectFrom('outbox').select((o) => o.fn.countAll().as('c')).where('state', '=', 'quarantined').as('quarantined'),
    ])
    .executeTakeFirstOrThrow();
  return {
    auditId: Number(row.audit_id ?? 0),
    outbox: {
      lastId: Number(row.outbox_id ?? 0),
      pending: Number(row.pending ?? 0),
      failed: Number(row.failed ?? 0),
      quarantined: Number(row.quarantined ?? 0),
    },
  };
}

export function sameOutbox(a: OutboxMarker, b: OutboxMarker): boolean {
  return a.lastId === b.lastId && a.pending === b.pending && a.failed === b.failed && a.quarantined === b.quarantined;
}

/**
 * The documents whose audit entries came after `sinceId` up to `upToId` (entries written meanwhile wait for the next
 * look), in order; `truncated` when there were more than `limit`.
 */
export async function readDocumentChanges(
  db: Db,
  sinceId: number,
  upToId: number,
  limit: number,
): Promise<{ readonly entries: readonly { documentId: string; action: string }[]; readonly truncated: boolean }> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['object_id', 'action'])
    .where('id', '>', sinceId)
    .where('id', '<=', upToId)
    .where('object_type', '=', 'document')
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  return {
    entries: rows.slice(0, limit).map((r) => ({ documentId: r.object_id, action: r.action })),
    truncated: rows.length > limit,
  };
}

/** Which of `ids` are secret, or gone (a gone document may have been secret, so it is treated as one). */
export async function readSecretOrGone(db: Db, ids: readonly string[], isSecret: (secrecy: string | null) => boolean): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('documents').select(['id', 'secrecy']).where('id', 'in', [...ids]).execute();
  const open = new Set(rows.filter((r) => !isSecret(r.secrecy)).map((r) => r.id));
  return new Set(ids.filter((id) => !open.has(id)));
}

export interface RegisterRef {
  readonly year: number;
  readonly direction: 'incoming' | 'outgoing';
  readonly kind: 'normal' | 'secret' | 'copy';
}

/** The registers holding a line for any of the documents (a line shows the document's subject, so edits count too). */
export async function readRegistersOf(db: Db, documentIds: readonly string[]): Promise<RegisterRef[]> {
  if (documentIds.length === 0) return [];
  return db
    .selectFrom('register_entries as e')
    .innerJoin('registers as r', 'r.id', 'e.register_id')
    .select(['r.year', 'r.direction', 'r.kind'])
    .distinct()
    .where('e.document_id', 'in', [...documentIds])
    .orderBy('r.year')
    .orderBy('r.direction')
    .orderBy('r.kind')
    .execute();
}
