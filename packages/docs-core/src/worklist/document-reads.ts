import type { ExpressionBuilder, Kysely, SelectQueryBuilder } from 'kysely';
import { INCOMING_STATES } from '@eoffice/contract';
import { vietnamDate } from '@eoffice/vietnamese';
import { loadWorkingCalendar } from '../calendar/calendar-repository.js';
import type { Role } from '../model/roles.js';
import type { Database } from '../store/schema.js';
import type { Actor } from '../users/actor.js';
import { visibleSecretDocuments } from '../users/secret-access.js';
import { signersCoveredBy } from '../users/signing-deputies.js';

/** Handled incoming documents leave the badges: nothing is left to do with them. */
const FINISHED_INCOMING: readonly string[] = ['completed', 'filed', 'rejected'];
/** The others, named: an index on (direction, state, …) is then read per state, with the due date as a range. */
const OPEN_INCOMING = INCOMING_STATES.filter((state) => !FINISHED_INCOMING.includes(state));

/** The roles whose work is every incoming document (the others follow their assignments). */
const FOLLOW_ALL_INCOMING: readonly Role[] = ['clerk', 'leader', 'archivist', 'admin'];

type DocumentsQuery = SelectQueryBuilder<Database, 'documents', object>;

/**
 * The incoming documents that are the actor's work and that the actor may see. A specialist's work is what they were
 * assigned; the clerk, leaders, archivists and admins follow every incoming document.
 */
async function incomingOfActor(db: Kysely<Database>, actor: Actor): Promise<DocumentsQuery> {
  let query: DocumentsQuery = db
    .selectFrom('documents')
    .where('direction', '=', 'incoming')
    .where('state', 'in', OPEN_INCOMING);
  const specialistOnly = !FOLLOW_ALL_INCOMING.some((role) => actor.roles.has(role));
  if (specialistOnly) {
    query = query.where('id', 'in', (eb: ExpressionBuilder<Database, 'documents'>) =>
      eb.selectFrom('assignments').select('document_id').where('user_id', '=', actor.id).where('status', '<>', 'cancelled'),
    );
  }
  return whereVisible(db, actor, query);
}

/** Invariant 1: a secret document the actor may not see counts nowhere, as if it did not exist. */
async function whereVisible(db: Kysely<Database>, actor: Actor, query: DocumentsQuery): Promise<DocumentsQuery> {
  const secrets = await visibleSecretDocuments(db, actor);
  if (secrets === 'all') return query;
  return query.where((eb) =>
    eb.or([eb('secrecy', 'is', null), eb('secrecy', '=', 'none'), ...(secrets.length > 0 ? [eb('id', 'in', secrets)] : [])]),
  );
}

export interface Badges {
  readonly unreadIncoming: number;
  readonly awaitingMySignature: number;
  readonly overdue: number;
}

export async function countBadges(db: Kysely<Database>, actor: Actor, now: Date): Promise<Badges> {
  const incoming = await incomingOfActor(db, actor);
  const unread = await incoming
    .where('id', 'not in', (eb) => eb.selectFrom('document_reads').select('document_id').where('user_id', '=', actor.id))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  // Overdue follows the working calendar (holidays, weekends), exactly as the document's own `overdue` flag does.
  const calendar = await loadWorkingCalendar(db);
  // Overdue needs today after the due date (moved later, never earlier, by days off): the rest need not be read.
  const dated = await incoming.where('due_date', 'is not', null).where('due_date', '<', vietnamDate(now)).select('due_date').execute();
  const overdue = dated.filter((row) => calendar.overdue(row.due_date!, now).overdue).length;
  let awaiting = 0;
  if (actor.roles.has('leader')) {
    const signsFor = await signersCoveredBy(db, actor, now);
    const approved = await whereVisible(
      db,
      actor,
      db
        .selectFrom('documents')
        .where('state', '=', 'approved')
        // A draft with no designated signer may be signed by any leader; one that names a leader waits for that one,
        // and for their deputy while the deputy's period runs (ký thay).
        .where((eb) => eb.or([eb('signer_user_id', 'in', signsFor), eb('signer_user_id', 'is', null)])),
    );
    awaiting = Number((await approved.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  }
  return { unreadIncoming: Number(unread.n), awaitingMySignature: awaiting, overdue };
}

/** Records that the actor opened the document; opening it again changes nothing. The caller checked visibility. */
export async function markRead(db: Kysely<Database>, actor: Actor, documentId: string, now: Date): Promise<void> {
  await db
    .insertInto('document_reads')
    .values({ user_id: actor.id, document_id: documentId, read_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['user_id', 'document_id']).doNothing())
    .execute();
}

/** Of the given ids, those the actor may see and has not opened; an id that is missing or hidden is left out. */
export async function unreadAmong(db: Kysely<Database>, actor: Actor, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const query = await whereVisible(db, actor, db.selectFrom('documents').where('id', 'in', unique));
  const rows = await query
    .where('id', 'not in', (eb) => eb.selectFrom('document_reads').select('document_id').where('user_id', '=', actor.id))
    .select('id')
    .execute();
  const unread = new Set(rows.map((r) => r.id));
  return unique.filter((id) => unread.has(id));
}
