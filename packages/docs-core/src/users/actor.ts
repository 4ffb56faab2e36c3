import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { EOfficeError, type CallContext } from '@eoffice/contract';
import type { Clock } from '../clock/clock.js';
import type { Role } from '../model/roles.js';
import type { Database } from '../store/schema.js';

/** The user a service call acts for, with the roles the database grants them (never what the caller claims). */
export interface Actor {
  readonly id: string;
  readonly username: string;
  readonly fullName: string;
  readonly position: string | null;
  readonly unit: string | null;
  readonly roles: ReadonlySet<Role>;
  /** An admin reset the password: the actor may only change it (E_PASSWORD_CHANGE_REQUIRED for anything else). */
  readonly mustChangePassword: boolean;
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export async function loadActorByUsername(db: Kysely<Database>, username: string): Promise<Actor | undefined> {
  const user = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  if (!user || user.active !== 1) return undefined;
  return loadActorRoles(db, user);
}

export async function loadActorById(db: Kysely<Database>, id: string): Promise<Actor | undefined> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!user || user.active !== 1) return undefined;
  return loadActorRoles(db, user);
}

async function loadActorRoles(
  db: Kysely<Database>,
  user: { id: string; username: string; full_name: string; position: string | null; unit: string | null; must_change_password: number },
): Promise<Actor> {
  const roles = await db.selectFrom('user_roles').select('role').where('user_id', '=', user.id).execute();
  return {
    id: user.id,
    username: user.username,
    fullName: user.full_name,
    position: user.position,
    unit: user.unit,
    roles: new Set(roles.map((r) => r.role)),
    mustChangePassword: user.must_change_password === 1,
  };
}

/**
 * Who is calling. The CLI and tests name a user (`--as`): an operator on the machine that holds the database acts
 * without a password but only with that user's roles. The UI faces must present a live session token.
 */
export async function resolveActor(
  db: Kysely<Database>,
  clock: Clock,
  context: CallContext,
  options: ActorOptions = {},
): Promise<Actor> {
  const actor = await resolveAnyActor(db, clock, context);
  if (actor.mustChangePassword && !options.changingPassword) throw passwordChangeRequired();
  return actor;
}

export interface ActorOptions {
  /** The one call an account whose password an admin reset may make: changing it. */
  readonly changingPassword?: boolean;
}

export function passwordChangeRequired(): EOfficeError {
  return new EOfficeError(
    'E_PASSWORD_CHANGE_REQUIRED',
    'Mật khẩu đã được quản trị viên đặt lại: hãy đổi mật khẩu trước khi làm việc / the password was reset by an admin: change it before anything else',
  );
}

async function resolveAnyActor(db: Kysely<Database>, clock: Clock, context: CallContext): Promise<Actor> {
  if (context.actingUsername && (context.face === 'cli' || context.face === 'test')) {
    const actor = await loadActorByUsername(db, context.actingUsername);
    if (!actor) {
      throw new EOfficeError(
        'E_UNAUTHORIZED',
        `Không có người dùng "${context.actingUsername}" / no such active user`,
      );
    }
    return actor;
  }
  if (context.sessionToken) {
    const session = await db
      .selectFrom('sessions')
      .selectAll()
      .where('token_hash', '=', hashSessionToken(context.sessionToken))
      .executeTakeFirst();
    if (session && session.expires_at > clock.now().toISOString()) {
      const actor = await loadActorById(db, session.user_id);
      if (actor) return actor;
    }
    throw new EOfficeError('E_UNAUTHORIZED', 'Phiên đăng nhập đã hết hạn / session expired or unknown');
  }
  throw new EOfficeError('E_UNAUTHORIZED', 'Cần đăng nhập (dòng lệnh: --as <tên đăng nhập>) / sign-in required (CLI: --as <username>)');
}

const ROLE_LABELS: Record<Role, string> = {
  clerk: 'văn thư',
  leader: 'lãnh đạo',
  specialist: 'chuyên viên',
  archivist: 'lưu trữ',
  admin: 'quản trị',
};

/** Refuses unless the actor holds at least one of the roles. */
export function requireRole(actor: Actor, allowed: readonly Role[], action: string): void {
  if (allowed.some((role) => actor.roles.has(role))) return;
  throw new EOfficeError(
    'E_FORBIDDEN',
    `Người dùng ${actor.username} không có quyền ${action} (cần vai trò ${allowed.map((r) => ROLE_LABELS[r]).join(' hoặc ')}) / ` +
      `user lacks the role for ${action}`,
  );
}
