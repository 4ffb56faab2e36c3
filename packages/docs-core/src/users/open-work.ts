import type { Kysely } from 'kysely';
import { EOfficeError } from '@eoffice/contract';
import { appendAudit } from '../audit/audit-log.js';
import type { Clock } from '../clock/clock.js';
import { isSecret } from '../model/secrecy.js';
import type { Role } from '../model/roles.js';
import { lockDocuments } from '../store/row-locks.js';
import type { Database } from '../store/schema.js';
import { vietnamIso } from '@eoffice/vietnamese';
import { INCOMING_RULES, OUTGOING_RULES } from '../workflow/lifecycle.js';
import { appendProcessingLog } from '../workflow/processing-log.js';
import { requireRole, type Actor } from './actor.js';
import { visibleSecretDocuments } from './secret-access.js';
import { requireAccount } from './user-accounts.js';

/** Who hands a departing colleague's work on: the admin who deactivates them, or a leader who directs the work. */
const REASSIGNERS: readonly Role[] = ['admin', 'leader'];
/** Drafts still in the drafter's hands (or coming back to them): submitted ones may be returned to the drafter. */
const OPEN_DRAFT_STATES = ['draft', 'submitted', 'returned'] as const;
const OPEN_ASSIGNMENT_STATUSES = ['assigned', 'in_progress'] as const;

export interface OpenWork {
  readonly username: string;
  readonly assignments: Array<{
    assignmentId: number; documentId: string; subject: string | null;
    role: 'lead' | 'support' | 'inform'; status: 'assigned' | 'in_progress'; dueDate: string | null;
  }>;
  readonly drafts: Array<{ documentId: string; subject: string | null; state: string }>;
}

/**
 * A user's open assignments and drafts, as far as the caller may see them: a secret document stays out of an
 * admin's sight, even by count (ARCHITECTURE.md, invariant 1); a leader, who reads secrets, sees and moves it.
 */
export async function listOpenWork(db: Kysely<Database>, by: Actor, username: string): Promise<OpenWork> {
  requireRole(by, REASSIGNERS, 'xem việc đang mở của người khác');
  const user = await requireAccount(db, username);
  const visible = await visibleSecretDocuments(db, by);
  const mayShow = (doc: { id: string; secrecy: string | null }) => !isSecret(doc.secrecy) || visible === 'all' || visible.includes(doc.id);
  const assignments = await db
    .selectFrom('assignments')
    .innerJoin('documents', 'documents.id', 'assignments.document_id')
    .select(['assignments.id as assignmentId', 'documents.id as id', 'documents.subject', 'documents.secrecy', 'assignments.role', 'assignments.status', 'assignments.due_date'])
    .where('assignments.user_id', '=', user.id)
    .where('assignments.status', 'in', [...OPEN_ASSIGNMENT_STATUSES])
    .orderBy('assignments.id')
    .execute();
  const drafts = await db
    .selectFrom('documents')
    .select(['id', 'subject', 'secrecy', 'state'])
    .where('drafter_id', '=', user.id)
    .where('state', 'in', [...OPEN_DRAFT_STATES])
    .orderBy('created_at')
    .execute();
  return {
    username,
    assignments: assignments.filter(mayShow).map((a) => ({
      assignmentId: a.assignmentId, documentId: a.id, subject: a.subject, role: a.role,
      status: a.status as 'assigned' | 'in_progress', dueDate: a.due_date,
    })),
    drafts: drafts.filter(mayShow).map((d) => ({ documentId: d.id, subject: d.subject, state: d.state })),
  };
}

/**
 * Hands every open item the caller can see from one user to another active one, in one transaction, with an audit
 * entry and a processing-log line per document: the new holder submits, revises, starts and completes as the old one
 * could. The receiver must hold the roles the work needs.
 */
export async function reassignOpenWork(
  db: Kysely<Database>,
  clock: Clock,
  by: Actor,
  fromUsername: string,
  toUsername: string,
): Promise<{ from: string; to: string; assignments: number; drafts: number }> {
  const work = await listOpenWork(db, by, fromUsername);
  if (fromUsername === toUsername) throw new EOfficeError('E_INVALID_INPUT', 'Người nhận phải khác người giao / the receiver must be someone else');
  const from = await requireAccount(db, fromUsername);
  const to = await requireAccount(db, toUsername);
  if (to.active !== 1) throw new EOfficeError('E_CONFLICT', `Tài khoản "${toUsername}" đã bị khóa / the receiving account is deactivated`);
  const toRoles = new Set((await db.selectFrom('user_roles').select('role').where('user_id', '=', to.id).execute()).map((r) => r.role));
  const needs = (roles: readonly Role[], what: string) => {
    if (!roles.some((role) => toRoles.has(role))) {
      throw new EOfficeError('E_CONFLICT', `"${toUsername}" không có vai trò để nhận ${what} / the receiver lacks the role for ${what}`);
    }
  };
  if (work.drafts.length > 0) needs(OUTGOING_RULES.submit.roles, 'dự thảo');
  if (work.assignments.length > 0) needs(INCOMING_RULES.complete.roles, 'việc được phân công');
  const at = vietnamIso(clock.now());
  const note = `Chuyển từ ${fromUsername} sang ${toUsername}`;
  await db.transaction().execute(async (trx) => {
    // Lock order (ARCHITECTURE.md): the documents' rows first, in id order, then their assignments, and the audit
    // chain last, once every row is written. Appending an entry per item as it moved held the chain while the next
    // document was still to be locked: a leader returning that draft meanwhile (its row, then the chain) deadlocked.
    await lockDocuments(trx, [...work.assignments.map((a) => a.documentId), ...work.drafts.map((d) => d.documentId)]);
    for (const item of work.assignments) {
      // Only while still open and still the departing user's: a concurrent change wins, nothing is half-moved.
      const moved = await trx
        .updateTable('assignments')
        .set({ user_id: to.id })
        .where('id', '=', item.assignmentId)
        .where('user_id', '=', from.id)
        .where('status', 'in', [...OPEN_ASSIGNMENT_STATUSES])
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) throw changedMeanwhile();
    }
    for (const draft of work.drafts) {
      const moved = await trx
        .updateTable('documents')
        .set({ drafter_id: to.id, updated_at: at })
        .where('id', '=', draft.documentId)
        .where('drafter_id', '=', from.id)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) throw changedMeanwhile();
    }
    for (const item of work.assignments) {
      await appendProcessingLog(trx, by, item.documentId, 'reassign', null, null, note, at);
      await appendAudit(trx, clock, {
        actor: by.username, action: 'assignment.reassign', objectType: 'document', objectId: item.documentId,
        before: { user: fromUsername, role: item.role }, after: { user: toUsername, role: item.role },
      });
    }
    for (const draft of work.drafts) {
      await appendProcessingLog(trx, by, draft.documentId, 'reassign-draft', null, null, note, at);
      await appendAudit(trx, clock, {
        actor: by.username, action: 'draft.reassign', objectType: 'document', objectId: draft.documentId,
        before: { drafter: fromUsername }, after: { drafter: toUsername },
      });
    }
  });
  return { from: fromUsername, to: toUsername, assignments: work.assignments.length, drafts: work.drafts.length };
}

function changedMeanwhile(): EOfficeError {
  return new EOfficeError('E_CONFLICT', 'Việc đã thay đổi trong lúc chuyển; hãy thử lại / the work changed meanwhile; try again');
}
