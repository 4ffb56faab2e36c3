import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit-log.js';
import type { Clock } from '../clock/clock.js';
import type { Database } from '../store/schema.js';
import { requireRole, type Actor } from './actor.js';
import { hashPassword } from './password-hash.js';
import { loadUserView, requireAccount, type UserView } from './user-accounts.js';

// No 0/O, 1/l/I: the admin reads it out or writes it down for the user.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const LENGTH = 14;

/** A temporary password from the system's CSPRNG (~81 bits); shown once to the admin, stored only as its hash. */
export function temporaryPassword(): string {
  let text = '';
  for (let i = 0; i < LENGTH; i += 1) text += ALPHABET[randomInt(ALPHABET.length)];
  return text;
}

/**
 * An admin resets a user's password: a temporary one replaces it, the account's sessions end, a lock from failed
 * sign-ins is lifted, and the next sign-in may do nothing but set a new password (`must_change_password`).
 */
export async function resetPassword(
  db: Kysely<Database>,
  clock: Clock,
  by: Actor,
  username: string,
): Promise<{ user: UserView; temporaryPassword: string }> {
  requireRole(by, ['admin'], 'đặt lại mật khẩu');
  const user = await requireAccount(db, username);
  const password = temporaryPassword();
  const hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: hash, must_change_password: 1, failed_logins: 0, locked_at: null })
      .where('id', '=', user.id)
      .execute();
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    await appendAudit(trx, clock, {
      actor: by.username, action: 'user.password-reset', objectType: 'user', objectId: username,
      before: { lockedAt: user.locked_at }, after: { mustChangePassword: true },
    });
  });
  return { user: (await loadUserView(db, user.id))!, temporaryPassword: password };
}
