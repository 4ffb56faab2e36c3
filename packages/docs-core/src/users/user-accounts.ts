import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { EOfficeError } from '@eoffice/contract';
import { appendAudit } from '../audit/audit-log.js';
import type { Clock } from '../clock/clock.js';
import { vietnamIso } from '@eoffice/vietnamese';
import type { Role } from '../model/roles.js';
import type { Database } from '../store/schema.js';
import { hashSessionToken, loadActorById, type Actor } from './actor.js';
import { hashPassword, verifyPassword } from './password-hash.js';

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

export function toUserView(actor: Actor): UserView {
  return {
    id: actor.id,
    username: actor.username,
    fullName: actor.fullName,
    position: actor.position,
    unit: actor.unit,
    roles: [...actor.roles].sort(),
    active: true,
  };
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Creates a user with roles; the password hash (scrypt) is computed before the transaction opens. */
export async function createUser(db: Kysely<Database>, clock: Clock, by: string, user: NewUser): Promise<UserView> {
  const passwordHash = user.password ? await hashPassword(user.password) : null;
  const id = randomUUID();
  const at = vietnamIso(clock.now());
  await db.transaction().execute(async (trx) => {
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

/** Verifies the password and opens a session; the database keeps only the token's hash. */
export async function login(db: Kysely<Database>, clock: Clock, username: string, password: string) {
  const user = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  const ok = user?.password_hash && user.active === 1 ? await verifyPassword(password, user.password_hash) : false;
  if (!user || !ok) throw new EOfficeError('E_UNAUTHORIZED', 'Sai tên đăng nhập hoặc mật khẩu / wrong username or password');
  const token = randomBytes(32).toString('base64url');
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString();
  await db.transaction().execute(async (trx: Transaction<Database>) => {
    await trx.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).execute();
    await trx.insertInto('sessions').values({ token_hash: hashSessionToken(token), user_id: user.id, created_at: now.toISOString(), expires_at: expiresAt }).execute();
    await appendAudit(trx, clock, { actor: username, action: 'user.login', objectType: 'user', objectId: username });
  });
  return { token, expiresAt, user: toUserView((await loadActorById(db, user.id))!) };
}

export async function logout(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hashSessionToken(token)).execute();
}
