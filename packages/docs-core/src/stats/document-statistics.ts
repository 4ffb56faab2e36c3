import { sql, type Kysely } from 'kysely';
import { vietnamDate } from '@eoffice/vietnamese';
import { loadWorkingCalendar } from '../calendar/calendar-repository.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import type { OutgoingState } from '../model/document-state.js';
import { DOCUMENT_TYPES } from '../model/document-types.js';
import type { Database } from '../store/schema.js';
import { completionDate, handlingOutcome, type HandlingOutcome } from './handling-outcome.js';
import { assertPeriod, type StatisticsPeriod } from './statistics-period.js';

/**
 * Báo cáo thống kê văn bản: what the province asks of every agency — documents received and issued, incoming
 * documents handled on time and late, and the share exchanged fully electronically.
 *
 * Mapping onto the document tables (migrations 1–5):
 * - received: incoming documents whose arrival date (ngày đến) is in the period, except those rejected;
 * - issued: outgoing documents whose issue date is in the period and that reached `issued` or later; a copy (SY,
 *   TrS, SL) is numbered in the copy register and is never an issued document;
 * - handled on time / late and `pendingOverdue`: incoming documents by `handlingOutcome` — the rule that sets
 *   their `handled-late` and `overdue` flags — on time or late when the lead (chủ trì) completed in the period,
 *   overdue when still open past due at the period's end (or now, if sooner): the report counts exactly the
 *   documents the list flags, never a figure of its own;
 * - fully electronic: received through the axis (`source = 'axis'`) with a valid signature on receipt, or issued
 *   with a valid agency signature and dispatched electronically (`paper_dispatch = 0`); no paper copy either way.
 */
export interface StatisticsRow {
  readonly received: number;
  readonly issued: number;
  readonly handledOnTime: number;
  readonly handledLate: number;
  readonly pendingOverdue: number;
  /** handledLate / (handledOnTime + handledLate); null when nothing was handled. */
  readonly lateRate: number | null;
  readonly fullyElectronic: number;
  /** fullyElectronic / (received + issued); null when there is no document. */
  readonly electronicShare: number | null;
}

export interface StatisticsReport {
  readonly period: StatisticsPeriod;
  readonly total: StatisticsRow;
  /**
   * By document type: the Decree 30 code (e.g. QĐ, cong-van) as the key and its Vietnamese name (Quyết định,
   * Công văn) to show; `null` for documents without a type.
   */
  readonly byType: readonly (StatisticsRow & { readonly type: string | null; readonly typeName: string | null })[];
  /**
   * By directory level of the counterpart: the issuer of a received document, the agency itself for an issued
   * one (its code from the agency settings). `null`: the code is not in the directory.
   */
  readonly byLevel: readonly (StatisticsRow & { readonly level: number | null })[];
  /** The directory the agency exchanges with: its endpoints (đầu mối), in all and per level. */
  readonly directory: { readonly endpoints: number; readonly byLevel: readonly { readonly level: number; readonly endpoints: number }[] };
}

interface Fact {
  readonly type: string | null;
  readonly organ: string | null;
  readonly received: boolean;
  readonly issued: boolean;
  readonly fullyElectronic: boolean;
  readonly handled: HandlingOutcome | null;
}

const ISSUED_STATES: readonly OutgoingState[] = ['issued', 'dispatched', 'archived', 'recalled'];

export async function documentStatistics(
  db: Kysely<Database>,
  period: StatisticsPeriod,
  now: Date,
  calendar?: WorkingCalendar,
): Promise<StatisticsReport> {
  assertPeriod(period);
  const workingCalendar = calendar ?? (await loadWorkingCalendar(db));
  const validSignature = (kind: 'received' | 'agency') =>
    sql<number>`exists (select 1 from document_signatures s where s.document_id = d.id and s.kind = ${kind} and s.valid = 1)`;
  const received = await db
    .selectFrom('documents as d')
    .select(['d.id', 'd.type_code', 'd.organ_id', 'd.source', validSignature('received').as('signed')])
    .where('d.direction', '=', 'incoming')
    .where('d.state', '!=', 'rejected')
    .where(sql`substr(d.arrival_date, 1, 10)`, '>=', period.from)
    .where(sql`substr(d.arrival_date, 1, 10)`, '<=', period.to)
    .execute();
  const issued = await db
    .selectFrom('documents as d')
    .select(['d.id', 'd.type_code', 'd.paper_dispatch', validSignature('agency').as('signed')])
    .where('d.direction', '=', 'outgoing')
    .where('d.state', 'in', ISSUED_STATES)
    // A copy (SY, TrS, SL) is numbered in the copy register, not issued: counting it would count a document twice.
    .where(sql<boolean>`coalesce(d.source, '') <> 'copy'`)
    .where('d.copy_form', 'is', null)
    .where(sql`substr(d.issued_date, 1, 10)`, '>=', period.from)
    .where(sql`substr(d.issued_date, 1, 10)`, '<=', period.to)
    .execute();
  // Every incoming document that has a deadline or a lead, with its first lead that is not cancelled (the one the
  // document view reads its flags from).
  const handlingRows = await db
    .selectFrom('documents as d')
    .leftJoin('assignments as a', (join) => join.onRef('a.document_id', '=', 'd.id').on('a.role', '=', 'lead').on('a.status', '!=', 'cancelled'))
    .select(['d.id', 'd.state', 'd.due_date', 'd.type_code', 'd.organ_id', 'a.id as lead_id', 'a.due_date as lead_due_date', 'a.completed_at'])
    .where('d.direction', '=', 'incoming')
    .where('d.state', '!=', 'rejected')
    .where((eb) => eb.or([eb('d.due_date', 'is not', null), eb('a.id', 'is not', null)]))
    .orderBy('d.id')
    .orderBy('a.id')
    .execute();
  const agencyCode = (await db.selectFrom('app_settings').select('value').where('key', '=', 'agency.organ_id').executeTakeFirst())?.value ?? null;

  const facts: Fact[] = [];
  for (const r of received) {
    facts.push({ type: r.type_code, organ: r.organ_id, received: true, issued: false, fullyElectronic: r.source === 'axis' && Number(r.signed) === 1, handled: null });
  }
  for (const r of issued) {
    facts.push({ type: r.type_code, organ: agencyCode, received: false, issued: true, fullyElectronic: r.paper_dispatch === 0 && Number(r.signed) === 1, handled: null });
  }
  const periodEnd = [period.to, vietnamDate(now)].sort()[0]!;
  let previous: string | null = null;
  for (const row of handlingRows) {
    if (row.id === previous) continue;
    previous = row.id;
    const handling = {
      direction: 'incoming',
      state: row.state,
      dueDate: row.due_date,
      lead: row.lead_id === null ? null : { dueDate: row.lead_due_date, completedAt: row.completed_at },
    };
    const handled = handlingOutcome(handling, periodEnd, workingCalendar);
    if (handled === null) continue;
    // Handled counts in the period it was finished in; overdue is as of the period's end.
    const done = completionDate(handling);
    if (handled !== 'overdue' && (done === null || done < period.from || done > period.to)) continue;
    facts.push({ type: row.type_code, organ: row.organ_id, received: false, issued: false, fullyElectronic: false, handled });
  }

  const levels = await levelsOf(db, facts.map((f) => f.organ));
  return {
    period,
    total: summarise(facts),
    byType: groupRows(facts, (f) => f.type).map(([type, row]) => ({ type, typeName: typeNameOf(type), ...row })),
    byLevel: groupRows(facts, (f) => (f.organ === null ? null : (levels.get(f.organ) ?? null))).map(([level, row]) => ({ level, ...row })),
    directory: await directoryCounts(db),
  };
}

/** The Vietnamese name of a Decree 30 type code (QĐ → Quyết định); a code the list does not know is shown as is. */
function typeNameOf(code: string | null): string | null {
  if (code === null) return null;
  return DOCUMENT_TYPES.find((t) => t.code === code)?.name ?? code;
}

async function directoryCounts(db: Kysely<Database>): Promise<StatisticsReport['directory']> {
  const rows = await db
    .selectFrom('directory_endpoints')
    .select('level')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy('level')
    .orderBy('level')
    .execute();
  const byLevel = rows.map((r) => ({ level: Number(r.level), endpoints: Number(r.n) }));
  return { endpoints: byLevel.reduce((sum, r) => sum + r.endpoints, 0), byLevel };
}

async function levelsOf(db: Kysely<Database>, codes: readonly (string | null)[]): Promise<Map<string, number>> {
  const unique = [...new Set(codes.filter((c): c is string => c !== null))];
  const levels = new Map<string, number>();
  for (let i = 0; i < unique.length; i += 900) {
    const rows = await db.selectFrom('directory_endpoints').select(['code', 'level']).where('code', 'in', unique.slice(i, i + 900)).execute();
    for (const row of rows) levels.set(row.code, row.level);
  }
  return levels;
}

function summarise(facts: readonly Fact[]): StatisticsRow {
  const count = (test: (f: Fact) => boolean) => facts.filter(test).length;
  const received = count((f) => f.received);
  const issued = count((f) => f.issued);
  const handledOnTime = count((f) => f.handled === 'on-time');
  const handledLate = count((f) => f.handled === 'late');
  const fullyElectronic = count((f) => f.fullyElectronic);
  return {
    received,
    issued,
    handledOnTime,
    handledLate,
    pendingOverdue: count((f) => f.handled === 'overdue'),
    lateRate: handledOnTime + handledLate === 0 ? null : handledLate / (handledOnTime + handledLate),
    fullyElectronic,
    electronicShare: received + issued === 0 ? null : fullyElectronic / (received + issued),
  };
}

function groupRows<K extends string | number | null>(facts: readonly Fact[], keyOf: (f: Fact) => K): [K, StatisticsRow][] {
  const groups = new Map<K, Fact[]>();
  for (const fact of facts) {
    const key = keyOf(fact);
    groups.set(key, [...(groups.get(key) ?? []), fact]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0))
    .map(([key, group]) => [key, summarise(group)]);
}
