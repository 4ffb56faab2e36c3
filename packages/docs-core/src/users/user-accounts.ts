import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { EOfficeError } from '@eoffice/contract';
import { appendAudit } from '../audit/audit-log.js';
import type { Clock } from '../clock/clock.js';
import { vietnamIso } from '@eoffice/vietnamese';
import type { Role } from '../model/roles.js';
import { ADVISORY_LOCKS, advisoryLock, lockedForWrite } from '../store/row-locks.js';
import type { Database } from '../store/schema.js';
import { hashSessionToken, loadActorById, requireRole, type Actor } from './actor.js';
import { decoyPasswordHash, hashPassword, verifyPassword } from './password-hash.js';

export const SESSION_HOURS = 12;

export interface NewUser {
  readonly username: string;
  readonly fullName?: string | undefined;
  readonly position?: string | undefined;
  readonly unit?: string | undefined;
  readonly roles: readonly Role[];
  readonly password?: string | undefined;
}

export interface UserView {
  readonly id: string;
  readonly username: string;
  readonly fullName: string;
  readonly position: string | null;
  readonly unit: string | null;
  readonly roles: Role[];
  readonly active: boolean;
}

export function toUserView(actor: Actor, active = true): UserView {
  return {
    id: actor.id,
    username: actor.username,
    fullName: actor.fullName,
    position: actor.position,
    unit: actor.unit,
    roles: [...actor.roles].sort(),
    active,
  };
}

/** Any account's view, active or not (an admin lists and reactivates deactivated ones too). */
export async function loadUserView(db: Kysely<Database>, id: string): Promise<UserView | undefined> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!user) return undefined;
  const roles = await db.selectFrom('user_roles').select('role').where('user_id', '=', id).execute();
  return {
    id: user.id,
    username: user.username,
    fullName: user.full_name,
    position: user.position,
    unit: user.unit,
    roles: roles.map((r) => r.role).sort(),
    active: user.active === 1,
  };
}

/** The account an admin acts on, active or not; a missing one is E_NOT_FOUND. */
export async function requireAccount(db: Kysely<Database>, username: string) {
  const user = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  if (!user) throw new EOfficeError('E_NOT_FOUND', `Không có người dùng "${username}" / no such user`);
  return user;
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Creates a user with roles; the password hash (scrypt) is computed before the transaction opens. */
export async function createUser(
  db: Kysely<Database>,
  clock: Clock,
  by: string,
  user: NewUser,
  options: { readonly onlyAsFirst?: boolean } = {},
): Promise<UserView> {
  const passwordHash = user.password ? await hashPassword(user.password) : null;
  const id = randomUUID();
  const at = vietnamIso(clock.now());
  await db.transaction().execute(async (trx) => {
    // Counted inside the (immediate) transaction: parallel first-run calls, from any process, make one account. On
    // PostgreSQL the count is taken under the first account's lock: no row lock covers a row not made yet, and two
    // setups both counting none made two admins.
    if (options.onlyAsFirst) await advisoryLock(trx, ADVISORY_LOCKS.firstAccount);
    if (options.onlyAsFirst && (await countUsers(trx)) > 0) {
      throw new EOfficeError('E_CONFLICT', 'Đã có người dùng; không thể khởi tạo lại / setup is already done');
    }
    const existing = await trx.selectFrom('users').select('id').where('username', '=', user.username).executeTakeFirst();
    if (existing) throw new EOfficeError('E_CONFLICT', `Tên đăng nhập "${user.username}" đã có / username already taken`);
    await trx
      .insertInto('users')
      .values({
        id,
        username: user.username,
        full_name: user.fullName ?? user.username,
        position: user.position ?? null,
        unit: user.unit ?? null,
        password_hash: passwordHash,
        created_at: at,
      })
      .execute();
    for (const role of new Set(user.roles)) await trx.insertInto('user_roles').values({ user_id: id, role }).execute();
    await appendAudit(trx, clock, {
      actor: by,
      action: 'user.add',
      objectType: 'user',
      objectId: user.username,
      after: { roles: [...new Set(user.roles)].sort(), unit: user.unit ?? null, password: passwordHash ? 'set' : 'none' },
    });
  });
  const actor = await loadActorById(db, id);
  return toUserView(actor!);
}

/** Consecutive failed sign-ins that lock an account until an admin unlocks it. */
export const LOCK_AFTER_FAILURES = 5;

// One answer for an unknown user, a wrong password and a locked account: none of them may confirm a username.
const WRONG_LOGIN =
  'Sai tên đăng nhập hoặc mật khẩu, hoặc tài khoản đã bị khóa sau nhiều lần sai (nhờ quản trị viên mở khóa) / ' +
  'wrong username or password, or the account is locked after repeated failures (ask an admin to unlock it)';

/**
 * Verifies the password and opens a session; the database keeps only the token's hash. Always one scrypt, whoever
 * asks; a failure is counted and audited in one transaction, and the fifth in a row locks the account.
 */
export async function login(db: Kysely<Database>, clock: Clock, username: string, password: string) {
  const user = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  const usable = user?.password_hash && user.active === 1 && user.locked_at === null ? user.password_hash : null;
  const matches = await verifyPassword(password, usable ?? (await decoyPasswordHash()));
  if (!user || !usable || !matches) {
    await recordFailedLogin(db, clock, username, user?.id);
    throw new EOfficeError('E_UNAUTHORIZED', WRONG_LOGIN);
  }
  const token = randomBytes(32).toString('base64url');
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString();
  await db.transaction().execute(async (trx: Transaction<Database>) => {
    // Lock order (ARCHITECTURE.md): the account's row before any session. Clearing expired sessions first, a sign-in
    // held one of this account's and then waited for the account's row, which a deactivation (or a password change
    // or reset) held while it waited to end that session: a deadlock on PostgreSQL. Read again under the lock, an
    // account deactivated, locked or given a new password since the password was checked opens no session.
    const current = await lockedForWrite(trx, trx.selectFrom('users').select(['active', 'locked_at', 'password_hash']).where('id', '=', user.id)).executeTakeFirst();
    if (!current || current.active !== 1 || current.locked_at !== null || current.password_hash !== usable) {
      throw new EOfficeError('E_UNAUTHORIZED', WRONG_LOGIN);
    }
    await trx.updateTable('users').set({ failed_logins: 0 }).where('id', '=', user.id).execute();
    await trx.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).execute();
    await trx.insertInto('sessions').values({ token_hash: hashSessionToken(token), user_id: user.id, created_at: now.toISOString(), expires_at: expiresAt }).execute();
    await appendAudit(trx, clock, { actor: username, action: 'user.login', objectType: 'user', objectId: username });
  });
  return { token, expiresAt, user: toUserView((await loadActorById(db, user.id))!), mustChangePassword: user.must_change_password === 1 };
}

/**
 * Counts the failure against a known account (locking it at the limit) and audits every attempt. A name that is no
 * account is not written down: it may be a password typed into the wrong field.
 */
export async function recordFailedLogin(db: Kysely<Database>, clock: Clock, username: string, userId: string | undefined): Promise<void> {
  await db.transaction().execute(async (trx) => {
    let lockedNow = false;
    if (userId) {
      // The count is read under the row's lock: two failures at once must count two (read plainly on PostgreSQL,
      // both read the same count and wrote the same number, so parallel guesses outran the lockout).
      const row = await lockedForWrite(trx, trx.selectFrom('users').select(['failed_logins', 'locked_at']).where('id', '=', userId)).executeTakeFirstOrThrow();
      const failures = row.failed_logins + 1;
      lockedNow = row.locked_at === null && failures >= LOCK_AFTER_FAILURES;
      await trx
        .updateTable('users')
        .set({ failed_logins: failures, ...(lockedNow ? { locked_at: vietnamIso(clock.now()) } : {}) })
        .where('id', '=', userId)
        .execute();
    }
    await appendAudit(trx, clock, {
      actor: userId ? username : '(không rõ)',
      action: lockedNow ? 'user.locked' : 'user.login-failed',
      objectType: 'user',
      objectId: userId ? username : '(không rõ)',
    });
  });
}

/** A sign-in refused by the throttle, audited once per wait; a name that is no account is not written down. */
export async function recordThrottledLogin(
  db: Kysely<Database>,
  clock: Clock,
  username: string,
  details: { readonly source: string | null; readonly by: 'name' | 'source'; readonly retryAfterSeconds: number },
): Promise<void> {
  const known = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  await db.transaction().execute(async (trx) => {
    await appendAudit(trx, clock, {
      actor: known ? username : '(không rõ)',
      action: 'user.login-throttled',
      objectType: 'user',
      objectId: known ? username : '(không rõ)',
      after: details,
    });
  });
}

/** An admin opens an account that repeated failures locked; the count starts again. */
export async function unlockUser(db: Kysely<Database>, clock: Clock, by: Actor, username: string): Promise<UserView> {
  requireRole(by, ['admin'], 'mở khóa tài khoản');
  const user = await db.selectFrom('users').select(['id', 'locked_at', 'failed_logins']).where('username', '=', username).executeTakeFirst();
  if (!user) throw new EOfficeError('E_NOT_FOUND', `Không có người dùng "${username}" / no such user`);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ failed_logins: 0, locked_at: null }).where('id', '=', user.id).execute();
    await appendAudit(trx, clock, {
      actor: by.username, action: 'user.unlock', objectType: 'user', objectId: username,
      before: { lockedAt: user.locked_at, failedLogins: user.failed_logins }, after: { lockedAt: null, failedLogins: 0 },
    });
  });
  return toUserView((await loadActorById(db, user.id))!);
}

export async function logout(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hashSessionToken(token)).execute();
}

/**
 * The signed-in user changes their own password: the current one is checked (one scrypt, counted like a failed
 * sign-in when wrong), and every other session of theirs ends, so a stolen session does not outlive the change.
 */
export async function changeOwnPassword(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  passwords: { readonly current: string; readonly next: string; readonly keepSession: string | null },
): Promise<void> {
  const row = await db.selectFrom('users').select(['password_hash']).where('id', '=', actor.id).executeTakeFirstOrThrow();
  const matches = await verifyPassword(passwords.current, row.password_hash ?? (await decoyPasswordHash()));
  if (!row.password_hash || !matches) {
    await recordFailedLogin(db, clock, actor.username, actor.id);
    throw new EOfficeError('E_UNAUTHORIZED', 'Mật khẩu hiện tại không đúng / the current password is wrong');
  }
  if (passwords.next === passwords.current) {
    throw new EOfficeError('E_INVALID_INPUT', 'Mật khẩu mới phải khác mật khẩu hiện tại / the new password must differ from the current one');
  }
  const hash = await hashPassword(passwords.next);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: hash, failed_logins: 0, must_change_password: 0 }).where('id', '=', actor.id).execute();
    let ending = trx.deleteFrom('sessions').where('user_id', '=', actor.id);
    if (passwords.keepSession) ending = ending.where('token_hash', '<>', hashSessionToken(passwords.keepSession));
    await ending.execute();
    await appendAudit(trx, clock, {
      actor: actor.username, action: 'user.password-changed', objectType: 'user', objectId: actor.username,
      ...(actor.mustChangePassword ? { after: { afterReset: true } } : {}),
    });
  });
}
