import type { Kysely } from 'kysely';
import { EOfficeError } from '@eoffice/contract';
import { appendAudit } from '../audit/audit-log.js';
import type { Clock } from '../clock/clock.js';
import { lockedForWrite } from '../store/row-locks.js';
import type { Database } from '../store/schema.js';
import { requireRole, type Actor } from './actor.js';
import { loadUserView, requireAccount, type UserView } from './user-accounts.js';

/**
 * An admin deactivates a departing user: the account stays (the audit log, the processing log and documents name
 * it) but it cannot sign in, the CLI cannot act as it, and every session of it ends in the same transaction, so an
 * open or stolen session gets E_UNAUTHORIZED on its next call.
 */
export async function deactivateUser(db: Kysely<Database>, clock: Clock, by: Actor, username: string): Promise<UserView> {
  requireRole(by, ['admin'], 'khóa tài khoản người dùng');
  const user = await requireAccount(db, username);
  if (user.id === by.id) {
    throw new EOfficeError('E_CONFLICT', 'Không thể tự khóa tài khoản của mình / you cannot deactivate your own account');
  }
  await db.transaction().execute(async (trx) => {
    if (user.active === 1 && (await isLastActiveAdmin(trx, user.id))) {
      throw new EOfficeError('E_CONFLICT', 'Đây là quản trị viên cuối cùng đang hoạt động / this is the last active admin');
    }
    await trx.updateTable('users').set({ active: 0 }).where('id', '=', user.id).execute();
    const ended = await trx.deleteFrom('sessions').where('user_id', '=', user.id).executeTakeFirst();
    await appendAudit(trx, clock, {
      actor: by.username, action: 'user.deactivate', objectType: 'user', objectId: username,
      before: { active: user.active === 1 }, after: { active: false, sessionsEnded: Number(ended.numDeletedRows) },
    });
  });
  return (await loadUserView(db, user.id))!;
}

/** Brings a deactivated account back; its password is the one it had (an admin may reset it as well). */
export async function reactivateUser(db: Kysely<Database>, clock: Clock, by: Actor, username: string): Promise<UserView> {
  requireRole(by, ['admin'], 'mở lại tài khoản người dùng');
  const user = await requireAccount(db, username);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ active: 1, failed_logins: 0, locked_at: null }).where('id', '=', user.id).execute();
    await appendAudit(trx, clock, {
      actor: by.username, action: 'user.reactivate', objectType: 'user', objectId: username,
      before: { active: user.active === 1 }, after: { active: true },
    });
  });
  return (await loadUserView(db, user.id))!;
}

/**
 * Reads the active admins' rows under their locks, in id order (PostgreSQL): two admins deactivating each other at
 * once each counted the other still active on a plain read, and both went. The second now waits and counts again.
 */
async function isLastActiveAdmin(db: Kysely<Database>, userId: string): Promise<boolean> {
  const admins = await lockedForWrite(
    db,
    db
      .selectFrom('users')
      .select('users.id')
      .where('users.id', 'in', db.selectFrom('user_roles').select('user_roles.user_id').where('user_roles.role', '=', 'admin'))
      .where('users.active', '=', 1)
      .orderBy('users.id'),
  ).execute();
  return admins.length === 1 && admins[0]?.id === userId;
}
