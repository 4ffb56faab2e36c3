import { EOfficeError, type ServiceImplementation } from '@eoffice/contract';
import type { Clock } from '../clock/clock.js';
import type { Store } from '../store/store.js';
import { requireRole } from '../users/actor.js';
import { changeOwnPassword, countUsers, createUser, login, logout, toUserView, unlockUser } from '../users/user-accounts.js';
import { loadActorById } from '../users/actor.js';
import { setSignatureImage } from '../users/signature-image.js';
import { actorOf } from './call-actor.js';
import { localFileOf } from '../workflow/file-intake.js';

export interface UsersServiceOptions {
  readonly store: Store;
  readonly clock: Clock;
}

/** Accounts: the first admin is created without an actor (first run); every later account by an admin. */
export function createUsersService({ store, clock }: UsersServiceOptions): ServiceImplementation<'users'> {
  const db = store.db;
  return {
    needsSetup: async () => ({ needsSetup: (await countUsers(db)) === 0 }),
    setupFirstAdmin: async (input) => createUser(db, clock, input.username, { ...input, roles: ['admin'] }, { onlyAsFirst: true }),
    login: async ({ username, password }) => login(db, clock, username, password),
    logout: async (_input, context) => {
      if (context.sessionToken) await logout(db, context.sessionToken);
      return { ok: true };
    },
    me: async (_input, context) => toUserView(await actorOf(store, clock, context)),
    add: async (input, context) => {
      const firstRun = (await countUsers(db)) === 0 && !context.sessionToken && !context.actingUsername;
      if (firstRun) {
        if (!input.roles.includes('admin')) {
          throw new EOfficeError('E_FORBIDDEN', 'Người dùng đầu tiên phải là quản trị viên (--role admin) / the first user must be an admin');
        }
        return createUser(db, clock, input.username, input, { onlyAsFirst: true });
      }
      const actor = await actorOf(store, clock, context);
      requireRole(actor, ['admin'], 'thêm người dùng');
      return createUser(db, clock, actor.username, input);
    },
    changePassword: async ({ currentPassword, newPassword }, context) => {
      await changeOwnPassword(db, clock, await actorOf(store, clock, context), { current: currentPassword, next: newPassword, keepSession: context.sessionToken });
      return { ok: true };
    },
    unlock: async ({ username }, context) => unlockUser(db, clock, await actorOf(store, clock, context), username),
    list: async (_input, context) => {
      await actorOf(store, clock, context);
      const rows = await db.selectFrom('users').select('id').orderBy('username').execute();
      const users = await Promise.all(rows.map(async (r) => toUserView((await loadActorById(db, r.id))!)));
      return { users };
    },
    setSignatureImage: async ({ username, file }, context) => {
      const { sha256, width, height } = await setSignatureImage(store, clock, await actorOf(store, clock, context), username, localFileOf(file).path);
      return { username, sha256, width, height };
    },
  };
}
