import type { Kysely } from 'kysely';
import { EOfficeError } from '@eoffice/contract';
import { vietnamDate, vietnamIso } from '@eoffice/vietnamese';
import { appendAudit } from '../audit/audit-log.js';
import type { Clock } from '../clock/clock.js';
import { lockedForWrite } from '../store/row-locks.js';
import type { Database } from '../store/schema.js';
import { loadActorByUsername, requireRole, type Actor } from './actor.js';

/** One ký thay period as the faces show it: who covers for whom, from–to (Vietnam dates, both included). */
export interface DeputyPeriodView {
  readonly id: number;
  readonly leader: { readonly username: string; readonly fullName: string; readonly position: string | null };
  readonly deputy: { readonly username: string; readonly fullName: string; readonly position: string | null };
  readonly from: string;
  readonly to: string;
  /** Today (Vietnam time) is inside the period and it was not ended. */
  readonly activeNow: boolean;
  readonly endedAt: string | null;
  readonly endedBy: string | null;
  /** Who named the deputy: the leader, or an admin acting for them. */
  readonly createdBy: string;
  readonly createdAt: string;
}

type Reader = Kysely<Database>;

const PERIOD_COLUMNS = [
  'signing_deputies.id',
  'signing_deputies.from_date',
  'signing_deputies.to_date',
  'signing_deputies.ended_at',
  'signing_deputies.created_at',
  'leader.username as leader_username',
  'leader.full_name as leader_full_name',
  'leader.position as leader_position',
  'deputy.username as deputy_username',
  'deputy.full_name as deputy_full_name',
  'deputy.position as deputy_position',
  'ender.username as ended_by_username',
  'creator.username as created_by_username',
] as const;

function periods(db: Reader) {
  return db
    .selectFrom('signing_deputies')
    .innerJoin('users as leader', 'leader.id', 'signing_deputies.leader_user_id')
    .innerJoin('users as deputy', 'deputy.id', 'signing_deputies.deputy_user_id')
    .leftJoin('users as ender', 'ender.id', 'signing_deputies.ended_by')
    .innerJoin('users as creator', 'creator.id', 'signing_deputies.created_by')
    .select(PERIOD_COLUMNS);
}

type PeriodRow = Awaited<ReturnType<ReturnType<typeof periods>['execute']>>[number];

function toView(row: PeriodRow, today: string): DeputyPeriodView {
  return {
    id: Number(row.id),
    leader: { username: row.leader_username, fullName: row.leader_full_name, position: row.leader_position },
    deputy: { username: row.deputy_username, fullName: row.deputy_full_name, position: row.deputy_position },
    from: row.from_date,
    to: row.to_date,
    activeNow: row.ended_at === null && row.from_date <= today && today <= row.to_date,
    endedAt: row.ended_at,
    endedBy: row.ended_by_username,
    createdBy: row.created_by_username,
    createdAt: row.created_at,
  };
}

/**
 * Whose deputies the call manages: the actor's own (a leader), or — `leader` naming someone else — that leader's, which
 * only an admin may do (the leader is away and named nobody). Anyone else asking for another leader gets the same
 * E_FORBIDDEN whether or not that leader exists: the refusal comes before the name is looked up. Every user of the
 * store is of its one agency, so "the same agency" is "an active user here".
 */
async function leaderManaged(db: Reader, actor: Actor, leader: string | undefined, action: string): Promise<Actor> {
  if (leader === undefined || leader === actor.username) {
    requireRole(actor, ['leader'], action);
    return actor;
  }
  requireRole(actor, ['admin'], `${action} thay cho lãnh đạo khác`);
  const found = await loadActorByUsername(db, leader);
  if (!found || !found.roles.has('leader')) {
    throw new EOfficeError('E_INVALID_INPUT', `"${leader}" không phải lãnh đạo đang hoạt động / "${leader}" is not an active leader`);
  }
  return found;
}

/**
 * Ký thay: a leader names a deputy (another leader: only leaders sign) for a period of Vietnam dates; an admin may do
 * it for a named leader (`leader`), and the period then records the admin as the one who named it. Periods of one
 * leader do not overlap, so a document awaiting that leader has one deputy at a time. Audited.
 */
export async function setDeputy(
  db: Reader,
  clock: Clock,
  actor: Actor,
  input: { readonly deputy: string; readonly from: string; readonly to: string; readonly leader?: string | undefined },
): Promise<DeputyPeriodView> {
  const leader = await leaderManaged(db, actor, input.leader, 'giao ký thay');
  const today = vietnamDate(clock.now());
  if (input.from > input.to) throw new EOfficeError('E_INVALID_INPUT', 'Ngày bắt đầu sau ngày kết thúc / the period starts after it ends');
  if (input.to < today) throw new EOfficeError('E_INVALID_INPUT', 'Thời gian ký thay đã qua / the period is already over');
  const deputy = await loadActorByUsername(db, input.deputy);
  if (!deputy) throw new EOfficeError('E_INVALID_INPUT', `Không có người dùng "${input.deputy}" đang hoạt động / no active user "${input.deputy}"`);
  if (deputy.id === leader.id) throw new EOfficeError('E_INVALID_INPUT', 'Người ký thay phải là người khác, không phải chính lãnh đạo / a leader cannot be their own deputy');
  if (!deputy.roles.has('leader')) {
    throw new EOfficeError('E_INVALID_INPUT', `Người ký thay phải là lãnh đạo / the deputy must be a leader: ${deputy.username}`);
  }
  const id = await db.transaction().execute(async (trx) => {
    // The leader's row is locked before the overlap is looked for (PostgreSQL): two periods set at once each found no
    // overlap in the other's uncommitted row, and both went in.
    await lockedForWrite(trx, trx.selectFrom('users').select('id').where('id', '=', leader.id)).execute();
    const overlapping = await trx
      .selectFrom('signing_deputies')
      .select(['id', 'from_date', 'to_date'])
      .where('leader_user_id', '=', leader.id)
      .where('ended_at', 'is', null)
      .where('from_date', '<=', input.to)
      .where('to_date', '>=', input.from)
      .executeTakeFirst();
    if (overlapping) {
      throw new EOfficeError(
        'E_CONFLICT',
        `Đã có người ký thay từ ${overlapping.from_date} đến ${overlapping.to_date}: kết thúc trước (user deputy end) / a deputy period overlaps: end it first`,
        { id: Number(overlapping.id), from: overlapping.from_date, to: overlapping.to_date },
      );
    }
    const at = vietnamIso(clock.now());
    const inserted = await trx
      .insertInto('signing_deputies')
      .values({ leader_user_id: leader.id, deputy_user_id: deputy.id, from_date: input.from, to_date: input.to, created_by: actor.id, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, clock, {
      actor: actor.username,
      action: 'deputy.set',
      objectType: 'signing-deputy',
      objectId: String(inserted.id),
      after: { leader: leader.username, deputy: deputy.username, from: input.from, to: input.to, ...onBehalf(actor, leader) },
    });
    return Number(inserted.id);
  });
  return toView((await periods(db).where('signing_deputies.id', '=', id).executeTakeFirstOrThrow()), today);
}

/** In an audit entry an admin wrote for a leader: who acted, beside the leader it was done for. */
function onBehalf(actor: Actor, leader: Actor): { byAdmin?: string } {
  return actor.id === leader.id ? {} : { byAdmin: actor.username };
}

/** The periods the actor is on either side of; an admin sees every leader's. Newest first. */
export async function listDeputies(db: Reader, clock: Clock, actor: Actor): Promise<DeputyPeriodView[]> {
  const today = vietnamDate(clock.now());
  let query = periods(db);
  if (!actor.roles.has('admin')) {
    query = query.where((eb) => eb.or([eb('signing_deputies.leader_user_id', '=', actor.id), eb('signing_deputies.deputy_user_id', '=', actor.id)]));
  }
  const rows = await query.orderBy('signing_deputies.from_date', 'desc').orderBy('signing_deputies.id', 'desc').execute();
  return rows.map((row) => toView(row, today));
}

/**
 * Ends a leader's periods early — the actor's own, or (an admin) the named leader's: the one given by id, or every one
 * not yet over (current and future). The rows stay, marked ended by whoever ended them, so the audit trail and the
 * documents signed meanwhile still read. Audited, one entry a period.
 */
export async function endDeputy(
  db: Reader,
  clock: Clock,
  actor: Actor,
  input: { readonly id?: number | undefined; readonly leader?: string | undefined } = {},
): Promise<DeputyPeriodView[]> {
  const leader = await leaderManaged(db, actor, input.leader, 'kết thúc ký thay');
  const { id } = input;
  const today = vietnamDate(clock.now());
  const ended = await db.transaction().execute(async (trx) => {
    let query = trx.selectFrom('signing_deputies').select(['id', 'deputy_user_id', 'from_date', 'to_date']).where('leader_user_id', '=', leader.id).where('ended_at', 'is', null);
    query = id === undefined ? query.where('to_date', '>=', today) : query.where('id', '=', id);
    // Lock order (ARCHITECTURE.md): the periods' rows, in id order, all before the audit chain. Ended one by one with
    // an entry each, this held the chain while the next period was still to be locked: the leader ending that period
    // at the same moment deadlocked with it. Locked, a period another call is ending is waited for and read again.
    const open = await lockedForWrite(trx, query.orderBy('id')).execute();
    if (open.length === 0) {
      throw new EOfficeError('E_NOT_FOUND', 'Không có thời gian ký thay nào đang mở / no open deputy period');
    }
    const at = vietnamIso(clock.now());
    for (const period of open) {
      await trx.updateTable('signing_deputies').set({ ended_at: at, ended_by: actor.id }).where('id', '=', period.id).execute();
    }
    for (const period of open) {
      await appendAudit(trx, clock, {
        actor: actor.username,
        action: 'deputy.end',
        objectType: 'signing-deputy',
        objectId: String(period.id),
        before: { leader: leader.username, from: period.from_date, to: period.to_date },
        after: { endedAt: at, ...onBehalf(actor, leader) },
      });
    }
    return open.map((p) => Number(p.id));
  });
  const rows = await periods(db).where('signing_deputies.id', 'in', ended).orderBy('signing_deputies.id').execute();
  return rows.map((row) => toView(row, today));
}

/** The leaders whose signature the user may give today as their deputy (ký thay). */
export async function leadersCoveredBy(db: Reader, userId: string, today: string): Promise<string[]> {
  const rows = await db
    .selectFrom('signing_deputies')
    .select('leader_user_id')
    .where('deputy_user_id', '=', userId)
    .where('ended_at', 'is', null)
    .where('from_date', '<=', today)
    .where('to_date', '>=', today)
    .execute();
  return rows.map((r) => r.leader_user_id);
}

/** Whose drafts the actor signs today: their own and, as a deputy, the leaders they cover; nobody's unless a leader. */
export async function signersCoveredBy(db: Reader, actor: Actor, now: Date): Promise<string[]> {
  if (!actor.roles.has('leader')) return [];
  return [actor.id, ...(await leadersCoveredBy(db, actor.id, vietnamDate(now)))];
}

/**
 * Whether `deputyId` may sign for `leaderId` today: the covering period's id; null when the user was never named
 * the leader's deputy (the caller answers as for any other leader's document); E_DEPUTY_NOT_IN_PERIOD when they
 * were, but not for today (before, after, or ended early).
 */
export async function deputyPeriodFor(db: Reader, leaderId: string, deputyId: string, today: string): Promise<number | null> {
  const rows = await db
    .selectFrom('signing_deputies')
    .select(['id', 'from_date', 'to_date', 'ended_at'])
    .where('leader_user_id', '=', leaderId)
    .where('deputy_user_id', '=', deputyId)
    .orderBy('from_date')
    .execute();
  if (rows.length === 0) return null;
  const current = rows.find((r) => r.ended_at === null && r.from_date <= today && today <= r.to_date);
  if (current) return Number(current.id);
  const periodsText = rows.map((r) => `${r.from_date} → ${r.to_date}${r.ended_at ? ' (đã kết thúc / ended)' : ''}`).join('; ');
  throw new EOfficeError(
    'E_DEPUTY_NOT_IN_PERIOD',
    `Hôm nay (${today}) không trong thời gian được ký thay: ${periodsText} / today is outside the period you may sign for this leader`,
    { today, periods: rows.map((r) => ({ from: r.from_date, to: r.to_date, ended: r.ended_at !== null })) },
  );
}
