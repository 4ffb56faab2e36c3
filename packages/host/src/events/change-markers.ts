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

/**
 * Of `ids`, the ones not everyone may see, with their secrecy: the secret ones, and the gone ones (a gone document may
 * have been secret, so it is heard as one: by those who read every secret).
 */
export async function readRestrictedDocuments(
  db: Db,
  ids: readonly string[],
  isSecret: (secrecy: string | null) => boolean,
): Promise<{ readonly id: string; readonly secrecy: string }[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('documents').select(['id', 'secrecy']).where('id', 'in', [...ids]).execute();
  const secrecyOf = new Map(rows.map((r) => [r.id, r.secrecy]));
  return ids.flatMap((id) => {
    if (!secrecyOf.has(id)) return [{ id, secrecy: GONE_SECRECY }];
    const secrecy = secrecyOf.get(id) ?? null;
    return isSecret(secrecy) ? [{ id, secrecy: secrecy! }] : [];
  });
}

/** The secrecy a gone document is heard with: the highest, so only the roles that read every secret hear of it. */
const GONE_SECRECY = 'top-secret';

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

/** `readRegistersOf` for each document on its own (a listener hears only the registers of the documents it may see). */
export async function readRegistersByDocument(db: Db, documentIds: readonly string[]): Promise<Map<string, RegisterRef[]>> {
  const byDocument = new Map<string, RegisterRef[]>();
  if (documentIds.length === 0) return byDocument;
  const rows = await db
    .selectFrom('register_entries as e')
    .innerJoin('registers as r', 'r.id', 'e.register_id')
    .select(['e.document_id', 'r.year', 'r.direction', 'r.kind'])
    .distinct()
    .where('e.document_id', 'in', [...documentIds])
    .execute();
  for (const { document_id, ...register } of rows) {
    byDocument.set(document_id, [...(byDocument.get(document_id) ?? []), register]);
  }
  return byDocument;
}

/** Registers once each, in the order `readRegistersOf` gives them. */
export function distinctRegisters(registers: readonly RegisterRef[]): RegisterRef[] {
  const seen = new Map(registers.map((r) => [`${r.year}/${r.direction}/${r.kind}`, r]));
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
}
