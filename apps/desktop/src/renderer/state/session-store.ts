import type { MethodOutput } from '@eoffice/contract';
import { create } from 'zustand';
import { connection, setSession, whenSessionLost } from '../client';

export type SignedInUser = MethodOutput<'users', 'me'>;
export type Role = SignedInUser['roles'][number];

type SessionStatus = 'checking' | 'setup' | 'signed-out' | 'signed-in';

interface SessionState {
  readonly status: SessionStatus;
  readonly user: SignedInUser | null;
  /** Why the user is back on the sign-in screen (an expired session), in the services' words. */
  readonly notice: 'expired' | null;
  /** Whether the data folder has any user yet: a fresh one starts with the first admin. */
  checkSetup(): Promise<void>;
  signIn(username: string, password: string): Promise<void>;
  setupFirstAdmin(input: { username: string; fullName: string; password: string }): Promise<void>;
  signOut(): Promise<void>;
  /** A call answered E_UNAUTHORIZED: the session ended elsewhere (expired, signed out by an admin). */
  sessionLost(): void;
}

export const useSession = create<SessionState>((set, get) => ({
  status: 'checking',
  user: null,
  notice: null,
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
    set({ status: 'signed-in', user: session.user, notice: null });
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
      set({ status: 'signed-out', user: null, notice: null });
    }
  },
  sessionLost() {
    setSession(null);
    set({ status: 'signed-out', user: null, notice: 'expired' });
  },
}));

export const hasAnyRole = (user: SignedInUser | null, roles: readonly Role[]): boolean =>
  user !== null && roles.some((role) => user.roles.includes(role));

whenSessionLost(() => {
  if (useSession.getState().status === 'signed-in') useSession.getState().sessionLost();
});
