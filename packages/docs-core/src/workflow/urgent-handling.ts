import type { DocumentView } from '@eoffice/contract';
import { addCalendarDays, vietnamDate } from '@eoffice/vietnamese';
import type { DocumentState } from '../model/document-state.js';
import { isUrgent } from '../model/urgency.js';

export type UrgentLate = NonNullable<DocumentView['urgentLate']>;

/**
 * Decree 30 Điều 18.1, 23.1, 24.2 (rule 8): a Hỏa tốc, Thượng khẩn or Khẩn document is registered and presented on
 * the day it arrives, and issued (phát hành) on the day it is signed: "immediately", where an ordinary one may wait
 * until the next working day. Each step lists the state it reaches and the state whose day starts its clock.
 */
const STEPS = {
  incoming: [
    { step: 'register', reaches: 'registered', startsAt: 'arrival' },
    { step: 'present', reaches: 'presented', startsAt: 'arrival' },
  ],
  outgoing: [{ step: 'dispatch', reaches: 'dispatched', startsAt: 'signed' }],
} as const;

export interface UrgentHandlingFacts {
  readonly direction: string;
  readonly urgency: string | null;
  readonly state: DocumentState;
  /** When it arrived (created_at of an incoming document). */
  readonly createdAt: string;
  /** The first time the document reached each state (processing log). */
  readonly reached: ReadonlyMap<string, string>;
}

/**
 * The first step an urgent document did not take on its day, with how late it was (or is, while still not taken):
 * whole calendar days after that day, the day it was taken (or today) counted. Null when it is not urgent, not yet
 * due, or every step was taken on its day.
 */
export function urgentLateness(facts: UrgentHandlingFacts, now: Date): UrgentLate | null {
  if (!isUrgent(facts.urgency) || facts.state === 'rejected') return null;
  const steps = facts.direction === 'incoming' ? STEPS.incoming : facts.direction === 'outgoing' ? STEPS.outgoing : [];
  const today = vietnamDate(now);
  for (const { step, reaches, startsAt } of steps) {
    const start = startsAt === 'arrival' ? facts.createdAt : facts.reached.get(startsAt);
    if (!start) continue;
    const dueOn = vietnamDate(new Date(start));
    const doneAt = facts.reached.get(reaches);
    // A document recalled before it was dispatched has no dispatch day to miss.
    if (!doneAt && facts.state === 'recalled') continue;
    const doneOn = doneAt ? vietnamDate(new Date(doneAt)) : null;
    const day = doneOn ?? today;
    if (day > dueOn) return { step, dueOn, doneOn, daysLate: calendarDaysBetween(dueOn, day) };
  }
  return null;
}

function calendarDaysBetween(from: string, to: string): number {
  let days = 0;
  for (let current = from; current < to; current = addCalendarDays(current, 1)) days += 1;
  return days;
}
