import { vietnamDate } from '@eoffice/vietnamese';
import type { WorkingCalendar } from '../calendar/working-calendar.js';

/**
 * How an incoming document's handling stands against its deadline: one rule for the document's own flags
 * (`overdue`, `handled-late`) and for the statistics, so that a report never says "0 late" of documents the list
 * flags late (issue 11 item 9).
 */
export type HandlingOutcome = 'on-time' | 'late' | 'overdue';

export interface HandlingFacts {
  readonly direction: string;
  readonly state: string;
  /** The document's hạn xử lý (set by assign and by an extension, or given on arrival). */
  readonly dueDate: string | null;
  /** The lead (chủ trì) assignment that is not cancelled, if any: its deadline and when it was completed. */
  readonly lead: { readonly dueDate: string | null; readonly completedAt: string | null } | null;
}

const FINISHED = new Set(['completed', 'filed']);

/** The deadline that counts: the lead's (what the assignee was given), else the document's. */
export function effectiveDueDate(facts: HandlingFacts): string | null {
  return facts.lead?.dueDate ?? facts.dueDate;
}

/** When handling finished (Vietnam date), or null while it is still open. */
export function completionDate(facts: HandlingFacts): string | null {
  if (facts.lead?.completedAt) return vietnamDate(new Date(facts.lead.completedAt));
  return null;
}

/**
 * `on-time`/`late`: finished (the lead completed), late when completed after the due date moved to the next working
 * day if it falls on a day off (no due date: on time). `overdue`: still open and that day is before `asOf`. Null:
 * not incoming, rejected, finished without a recorded completion, or open and not yet due.
 */
export function handlingOutcome(facts: HandlingFacts, asOf: string, calendar: WorkingCalendar): HandlingOutcome | null {
  if (facts.direction !== 'incoming' || facts.state === 'rejected') return null;
  const due = effectiveDueDate(facts);
  const done = completionDate(facts);
  if (done !== null) {
    if (!due) return 'on-time';
    return done > calendar.sameOrNextWorkingDay(due.slice(0, 10)) ? 'late' : 'on-time';
  }
  if (FINISHED.has(facts.state) || !due) return null;
  return calendar.sameOrNextWorkingDay(due.slice(0, 10)) < asOf ? 'overdue' : null;
}
