import type { Kysely } from 'kysely';
import { vietnamDate } from '@eoffice/vietnamese';
import { loadWorkingCalendar } from '../calendar/calendar-repository.js';
import type { Clock } from '../clock/clock.js';
import type { Database } from '../store/schema.js';
import type { Actor } from '../users/actor.js';
import { maySeeDocument } from '../users/secret-access.js';

/** An open assignment whose due date is close (đôn đốc): who, what, when, and how many working days remain. */
export interface DueSoonEntry {
  readonly documentId: string;
  readonly subject: string | null;
  readonly assignee: string;
  readonly role: 'lead' | 'support' | 'inform';
  readonly dueDate: string;
  /** Working days from today to the due date (0: due today), on the agency's calendar. */
  readonly workingDaysLeft: number;
}

/** Who sees every assignment's reminder; anyone else sees their own. */
const OVERSEERS = new Set(['leader', 'clerk']);

/**
 * Đôn đốc: the open assignments (not completed, not cancelled) due within `withinWorkingDays` working days of today,
 * not yet overdue (the overdue ones are flagged on the document itself). A leader or clerk sees all of those whose
 * documents they may see; anyone else only their own.
 */
export async function listDueSoon(db: Kysely<Database>, clock: Clock, actor: Actor, withinWorkingDays: number): Promise<DueSoonEntry[]> {
  const calendar = await loadWorkingCalendar(db);
  const today = vietnamDate(clock.now());
  const until = calendar.addWorkingDays(calendar.sameOrNextWorkingDay(today), withinWorkingDays);
  let query = db
    .selectFrom('assignments')
    .innerJoin('documents', 'documents.id', 'assignments.document_id')
    .innerJoin('users', 'users.id', 'assignments.user_id')
    .select(['assignments.document_id', 'assignments.role', 'assignments.due_date', 'assignments.user_id', 'users.username', 'documents.subject', 'documents.secrecy', 'documents.id'])
    .where('assignments.status', 'in', ['assigned', 'in_progress'])
    .where('assignments.due_date', 'is not', null)
    .where('assignments.due_date', '>=', today)
    .where('assignments.due_date', '<=', until)
    .orderBy('assignments.due_date')
    .orderBy('assignments.id');
  if (![...actor.roles].some((r) => OVERSEERS.has(r))) query = query.where('assignments.user_id', '=', actor.id);
  const rows = await query.execute();
  const entries: DueSoonEntry[] = [];
  for (const row of rows) {
    if (!(await maySeeDocument(db, actor, { id: row.id, secrecy: row.secrecy }))) continue;
    entries.push({
      documentId: row.document_id,
      subject: row.subject,
      assignee: row.username,
      role: row.role,
      dueDate: row.due_date!,
      workingDaysLeft: row.due_date! <= today ? 0 : calendar.workingDaysBetween(today, row.due_date!),
    });
  }
  return entries;
}
