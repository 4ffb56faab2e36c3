import type { Kysely } from 'kysely';
import { EOfficeError, type RecordFileView } from '@eoffice/contract';
import { addCalendarDays, vietnamDate, vietnamIso } from '@eoffice/vietnamese';
import { appendAudit } from '../audit/audit-log.js';
import type { Clock } from '../clock/clock.js';
import { isSecret } from '../model/secrecy.js';
import { addCalendarMonths } from '../records/calendar-months.js';
import { maySeeFile } from '../records/file-visibility.js';
import { recordFileView } from '../records/record-file-view.js';
import { handoverDueDate, requireVisibleFile } from '../records/record-files.js';
import { lockedForWrite } from '../store/row-locks.js';
import type { Database } from '../store/schema.js';
import { requireRole, type Actor } from '../users/actor.js';

/** Phụ lục VI: the System notifies the files due for handover 30 calendar days ahead. */
export const REMINDER_DAYS = 30;
/** Điều 30: keeping a due file needs an approval, for at most 2 years. */
const MAX_KEEP_MONTHS = 24;

export interface DueHandover {
  readonly file: RecordFileView;
  readonly dueDate: string;
  readonly remindOn: string;
  readonly overdue: boolean;
}

/** Closed files not yet taken by the archive whose due date falls within `withinDays` of today (or has passed). */
export async function listDueHandovers(db: Kysely<Database>, clock: Clock, actor: Actor, withinDays: number): Promise<DueHandover[]> {
  requireRole(actor, ['archivist', 'clerk', 'leader'], 'xem hồ sơ đến hạn nộp lưu');
  const today = vietnamDate(clock.now());
  const horizon = addCalendarDays(today, withinDays);
  const rows = await db.selectFrom('record_files').selectAll().where('state', '=', 'closed').where('due_date', 'is not', null).where('due_date', '<=', horizon).orderBy('due_date').orderBy('id').execute();
  return rows
    .filter((r) => maySeeFile(actor, r.secrecy))
    .map((r) => ({ file: recordFileView(r), dueDate: r.due_date!, remindOn: addCalendarDays(r.due_date!, -REMINDER_DAYS), overdue: r.due_date! < today }));
}

/**
 * Records a reminder for every file whose reminder day has come and that was not reminded yet: one audit entry per
 * file (`record-file.handover-reminder`), in the transaction that marks it, so a reminder fires once. Long-running
 * faces call it on a timer and announce the result as the `records.handoverDue` event.
 */
export async function recordHandoverReminders(db: Kysely<Database>, clock: Clock): Promise<{ ids: string[]; secret: Array<{ id: string; secrecy: string }> }> {
  const today = vietnamDate(clock.now());
  const horizon = addCalendarDays(today, REMINDER_DAYS);
  const at = vietnamIso(clock.now());
  return db.transaction().execute(async (trx) => {
    // Lock order (ARCHITECTURE.md): the files' rows, in id order, all before the audit chain (see acceptHandover).
    const rows = await lockedForWrite(
      trx,
      trx.selectFrom('record_files').select(['id', 'secrecy', 'due_date']).where('state', '=', 'closed').where('reminded_at', 'is', null).where('due_date', 'is not', null).where('due_date', '<=', horizon).orderBy('id'),
    ).execute();
    for (const row of rows) await trx.updateTable('record_files').set({ reminded_at: at }).where('id', '=', row.id).execute();
    for (const row of rows) {
      await appendAudit(trx, clock, { actor: 'system', action: 'record-file.handover-reminder', objectType: 'record-file', objectId: row.id, after: { dueDate: row.due_date } });
    }
    // Secret files apart: only those who may see a secret file may hear that it is due (maySeeFile).
    const open = rows.filter((r) => !isSecret(r.secrecy));
    return { ids: open.map((r) => r.id), secret: rows.filter((r) => isSecret(r.secrecy)).map((r) => ({ id: r.id, secrecy: r.secrecy })) };
  });
}

/** Điều 30: a due file kept by the unit needs the head's approval with a reason, for at most 2 years. */
export async function keepRecordFile(db: Kysely<Database>, clock: Clock, actor: Actor, id: string, until: string, reason: string): Promise<RecordFileView> {
  requireRole(actor, ['leader'], 'duyệt giữ lại hồ sơ');
  await db.transaction().execute(async (trx) => {
    const row = await requireVisibleFile(trx, actor, id);
    if (row.state !== 'closed') throw new EOfficeError('E_FILE_NOT_CLOSED', `Hồ sơ ${id} chưa kết thúc hoặc đã nộp lưu / the file is not closed or already handed over`);
    const baseDue = handoverDueDate({ ...row, kept_until: null });
    if (baseDue === null) throw new EOfficeError('E_INVALID_STATE', 'Hồ sơ này không phải nộp lưu (thời hạn dưới 5 năm) / this file is not handed over (retention under 5 years)');
    const latest = addCalendarMonths(baseDue, MAX_KEEP_MONTHS);
    if (until <= baseDue || until > latest) {
      throw new EOfficeError('E_INVALID_INPUT', `Giữ lại đến sau ${baseDue} và không quá ${latest} (2 năm) / keep until after ${baseDue} and at most ${latest}`);
    }
    await trx.updateTable('record_files').set({ kept_until: until, keep_reason: reason, due_date: until, reminded_at: null }).where('id', '=', id).execute();
    await appendAudit(trx, clock, { actor: actor.username, action: 'record-file.keep', objectType: 'record-file', objectId: id, before: { dueDate: row.due_date }, after: { keptUntil: until, reason } });
  });
  return recordFileView(await db.selectFrom('record_files').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
}

/** The archive takes the files (nộp lưu): from now on they are read-only; the receipt is in the audit log. */
export async function acceptHandover(db: Kysely<Database>, clock: Clock, actor: Actor, ids: readonly string[], note: string | undefined): Promise<RecordFileView[]> {
  requireRole(actor, ['archivist'], 'nhận hồ sơ nộp lưu');
  const at = vietnamIso(clock.now());
  await db.transaction().execute(async (trx) => {
    // Lock order (ARCHITECTURE.md): every file's row, in id order, before the audit chain. Taken one by one with an
    // entry each, this held the chain while the next file was still to be locked: a leader keeping that file back at
    // the same moment (the file, then the chain) deadlocked with it.
    for (const id of [...new Set(ids)].sort()) {
      const row = await requireVisibleFile(trx, actor, id);
      if (row.state === 'archived') throw new EOfficeError('E_FILE_CLOSED', `Hồ sơ ${id} đã được nhận / already accepted`);
      if (row.state !== 'closed') throw new EOfficeError('E_FILE_NOT_CLOSED', `Hồ sơ ${id} chưa kết thúc / the file is not closed`);
    }
    const twice = ids.find((id, i) => ids.indexOf(id) !== i);
    if (twice !== undefined) throw new EOfficeError('E_FILE_CLOSED', `Hồ sơ ${twice} đã được nhận / already accepted`);
    for (const id of ids) {
      await trx.updateTable('record_files').set({ state: 'archived', accepted_at: at, accepted_by: actor.username }).where('id', '=', id).execute();
    }
    for (const id of ids) {
      await appendAudit(trx, clock, { actor: actor.username, action: 'record-file.accept', objectType: 'record-file', objectId: id, before: { state: 'closed' }, after: { state: 'archived', note: note ?? null } });
    }
  });
  const rows = await db.selectFrom('record_files').selectAll().where('id', 'in', [...ids]).execute();
  return ids.map((id) => recordFileView(rows.find((r) => r.id === id)!));
}
