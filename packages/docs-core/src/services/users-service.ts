import { EOfficeError, isEOfficeError, type CallContext, type ServiceImplementation } from '@eoffice/contract';
import type { Clock } from '../clock/clock.js';
import type { Store } from '../store/store.js';
import { requireRole } from '../users/actor.js';
import {
  changeOwnPassword, countUsers, createUser, loadUserView, login, logout, recordThrottledLogin, toUserView, unlockUser,
} from '../users/user-accounts.js';
import { LoginThrottle, tooManyAttempts } from '../users/login-throttle.js';
import { listOpenWork, reassignOpenWork } from '../users/open-work.js';
import { resetPassword } from '../users/password-reset.js';
import { deactivateUser, reactivateUser } from '../users/user-deactivation.js';
import { setSignatureImage } from '../users/signature-image.js';
import { endDeputy, listDeputies, setDeputy } from '../users/signing-deputies.js';
import { actorOf } from './call-actor.js';
import { localFileOf } from '../workflow/file-intake.js';

export interface UsersServiceOptions {
  readonly store: Store;
  readonly clock: Clock;
  /** Failed sign-ins slow down per name and per source; one per service instance, so every face has it. */
  readonly loginThrottle?: LoginThrottle;
}

/** Accounts: the first admin is created without an actor (first run); every later account by an admin. */
export function createUsersService({ store, clock, loginThrottle }: UsersServiceOptions): ServiceImplementation<'users'> {
  const db = store.db;
  const throttle = loginThrottle ?? new LoginThrottle();

  /** A password check guarded by the throttle: refused at once while a wait runs, counted when it fails. */
  async function throttled<T>(username: string, context: CallContext, attempt: () => Promise<T>): Promise<T> {
    const source = context.source ?? null;
    const refusal = throttle.begin(username, source);
    if (refusal) {
      if (refusal.firstInWait) {
        await recordThrottledLogin(db, clock, username, { source, by: refusal.key, retryAfterSeconds: Math.ceil(refusal.retryAfterMs / 1000) });
      }
      throw tooManyAttempts(refusal);
    }
    try {
      const result = await attempt();
      throttle.succeeded(username, source);
      return result;
    } catch (error) {
      // Only a wrong password stays counted; bad input or a fault in the store is no guess.
      if (!(isEOfficeError(error) && error.code === 'E_UNAUTHORIZED')) throttle.succeeded(username, source);
      throw error;
    }
  }

  return {
    needsSetup: async () => ({ needsSetup: (await countUsers(db)) === 0 }),
    setupFirstAdmin: async (input) => createUser(db, clock, input.username, { ...input, roles: ['admin'] }, { onlyAsFirst: true }),
    login: async ({ username, password }, context) => throttled(username, context, () => login(db, clock, username, password)),
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
      // The one call a session after an admin's reset may make.
      const actor = await actorOf(store, clock, context, { changingPassword: true });
      await throttled(actor.username, context, () =>
        changeOwnPassword(db, clock, actor, { current: currentPassword, next: newPassword, keepSession: context.sessionToken }),
      );
      return { ok: true };
    },
    unlock: async ({ username }, context) => {
      const user = await unlockUser(db, clock, await actorOf(store, clock, context), username);
      throttle.forgetName(username);
      return user;
    },
    resetPassword: async ({ username }, context) => {
      const reset = await resetPassword(db, clock, await actorOf(store, clock, context), username);
      throttle.forgetName(username);
      return reset;
    },
    deactivate: async ({ username }, context) => {
      const actor = await actorOf(store, clock, context);
      const user = await deactivateUser(db, clock, actor, username);
      return { user, openWork: await listOpenWork(db, actor, username) };
    },
    reactivate: async ({ username }, context) => reactivateUser(db, clock, await actorOf(store, clock, context), username),
    openWork: async ({ username }, context) => listOpenWork(db, await actorOf(store, clock, context), username),
    reassign: async ({ from, to }, context) => reassignOpenWork(db, clock, await actorOf(store, clock, context), from, to),
    list: async (_input, context) => {
      await actorOf(store, clock, context);
      const rows = await db.selectFrom('users').select('id').orderBy('username').execute();
      const users = await Promise.all(rows.map(async (r) => (await loadUserView(db, r.id))!));
      return { users };
    },
    setDeputy: async (input, context) => setDeputy(db, clock, await actorOf(store, clock, context), input),
    deputies: async (_input, context) => ({ deputies: await listDeputies(db, clock, await actorOf(store, clock, context)) }),
    endDeputy: async (input, context) => ({ ended: await endDeputy(db, clock, await actorOf(store, clock, context), input) }),
    setSignatureImage: async ({ username, file }, context) => {
      const { sha256, width, height } = await setSignatureImage(store, clock, await actorOf(store, clock, context), username, localFileOf(file).path);
      return { username, sha256, width, height };
    },
  };
}
