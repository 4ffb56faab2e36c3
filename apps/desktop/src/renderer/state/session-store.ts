import type { MethodOutput } from '@eoffice/contract';
import { create } from 'zustand';
import { connection, setSession, whenSessionLost } from '../client';

export type SignedInUser = MethodOutput<'users', 'me'>;
export type Role = SignedInUser['roles'][number];

/** `password-change`: signed in with a password an admin reset; the services refuse everything but changing it. */
type SessionStatus = 'checking' | 'setup' | 'signed-out' | 'password-change' | 'signed-in';

interface SessionState {
  readonly status: SessionStatus;
  readonly user: SignedInUser | null;
  /** Why the user is back on the sign-in screen (an expired session), in the services' words. */
  readonly notice: 'expired' | null;
  /** Who must set a new password (status `password-change`): named on the form, not yet a signed-in user. */
  readonly pendingUsername: string | null;
  /** Whether the data folder has any user yet: a fresh one starts with the first admin. */
  checkSetup(): Promise<void>;
  signIn(username: string, password: string): Promise<void>;
  setupFirstAdmin(input: { username: string; fullName: string; password: string }): Promise<void>;
  /**
   * The user's own password (users.changePassword): from the forced form after an admin's reset, which then opens the
   * app, or from the top bar's dialog. The passwords are passed through, never kept.
   */
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
  signOut(): Promise<void>;
  /** A call answered E_UNAUTHORIZED: the session ended elsewhere (expired, signed out by an admin). */
  sessionLost(): void;
}

export const useSession = create<SessionState>((set, get) => ({
  status: 'checking',
  user: null,
  notice: null,
  pendingUsername: null,
  async checkSetup() {
    try {
      const { needsSetup } = await connection.client.services.users.needsSetup({});
      if (get().status === 'checking') set({ status: needsSetup ? 'setup' : 'signed-out' });
    } catch {
      // The status bar says the services cannot be reached; the sign-in form stays, and its answer will say it too.
      if (get().status === 'checking') set({ status: 'signed-out' });
    }
  },
  async signIn(username, password) {
    const session = await connection.client.services.users.login({ username, password });
    setSession(session.token);
    if (session.mustChangePassword) set({ status: 'password-change', user: null, pendingUsername: session.user.username, notice: null });
    else set({ status: 'signed-in', user: session.user, pendingUsername: null, notice: null });
  },
  async changePassword(currentPassword, newPassword) {
    await connection.client.services.users.changePassword({ currentPassword, newPassword });
    if (get().status === 'password-change') {
      // The session is kept by the change and now may do everything its roles allow.
      const user = await connection.client.services.users.me({});
      set({ status: 'signed-in', user, pendingUsername: null, notice: null });
    }
  },
  async setupFirstAdmin(input) {
    await connection.client.services.users.setupFirstAdmin(input);
    await get().signIn(input.username, input.password);
  },
  async signOut() {
    try {
      await connection.client.services.users.logout({});
    } finally {
      // Signed out here whatever the answer: the token is forgotten, so nothing more is sent with it.
      setSession(null);
      set({ status: 'signed-out', user: null, pendingUsername: null, notice: null });
    }
  },
  sessionLost() {
    setSession(null);
    set({ status: 'signed-out', user: null, pendingUsername: null, notice: 'expired' });
  },
}));

export const hasAnyRole = (user: SignedInUser | null, roles: readonly Role[]): boolean =>
  user !== null && roles.some((role) => user.roles.includes(role));

whenSessionLost(() => {
  const { status } = useSession.getState();
  if (status === 'signed-in' || status === 'password-change') useSession.getState().sessionLost();
});
