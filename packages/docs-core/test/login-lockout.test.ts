import { describe, expect, it } from 'vitest';
import type { CallContext } from '@eoffice/contract';
import { FixedClock } from '../src/clock/index.js';
import { createDocsCoreServices } from '../src/services/docs-core-services.js';
import { openStore } from '../src/store/store.js';
import { decoyPasswordHash, passwordDerivations } from '../src/users/password-hash.js';
import { LOCK_AFTER_FAILURES } from '../src/users/user-accounts.js';
import { useTempDir } from './helpers.js';

const nobody: CallContext = { sessionToken: null, actingUsername: null, face: 'http' };
const asUser = (username: string): CallContext => ({ sessionToken: null, actingUsername: username, face: 'cli' });

describe('sign-in: one scrypt for everyone, failures counted and audited, lockout until an admin unlocks', () => {
  const tempDir = useTempDir();

  async function world() {
    const store = await openStore({ dataDir: await tempDir() });
    const clock = new FixedClock('2026-03-02T09:00:00+07:00');
    const { users, audit } = createDocsCoreServices({ store, clock });
    await users.setupFirstAdmin({ username: 'admin', fullName: 'Quản trị', password: 'mat-khau-admin' }, nobody);
    await users.add({ username: 'chuyenvien', roles: ['specialist'], password: 'mat-khau-dung' }, asUser('admin'));
    await users.add({ username: 'khongmatkhau', roles: ['specialist'] }, asUser('admin'));
    const refusal = (username: string, password: string) =>
      users.login({ username, password }, nobody).then(
        () => 'signed in',
        (error: { code: string; message: string }) => `${error.code}: ${error.message}`,
      );
    return { store, users, audit, refusal };
  }

  it('answers an unknown user, a user without a password and a wrong password alike, each after one scrypt', async () => {
    const { store, refusal } = await world();
    try {
      await decoyPasswordHash(); // made once per process, on first need
      const answers: string[] = [];
      for (const [username, password] of [['khongco', 'bat-ky'], ['khongmatkhau', 'bat-ky'], ['chuyenvien', 'sai-mat-khau']] as const) {
        const before = passwordDerivations();
        answers.push(await refusal(username, password));
        // Not a time threshold: the work itself, counted. Today an unknown user skipped scrypt (~100 ms sooner).
        expect({ username, derivations: passwordDerivations() - before }).toEqual({ username, derivations: 1 });
      }
      expect(new Set(answers).size).toBe(1);
      expect(answers[0]).toMatch(/^E_UNAUTHORIZED: /);
    } finally {
      await store.close();
    }
  });

  it(`locks an account after ${LOCK_AFTER_FAILURES} failures in a row (the right password then fails too), audits each, and an admin unlocks it`, async () => {
    const { store, users, audit, refusal } = await world();
    try {
      const wrong = await refusal('chuyenvien', 'sai');
      for (let i = 1; i < LOCK_AFTER_FAILURES; i += 1) await refusal('chuyenvien', 'sai');
      // Locked: the right password gets the same answer as a wrong one, so the lock confirms nothing either.
      expect(await refusal('chuyenvien', 'mat-khau-dung')).toBe(wrong);
      const entries = (await audit.list({ objectId: 'chuyenvien', limit: 100 }, asUser('admin'))).entries.map((e) => e.action);
      expect(entries.filter((a) => a === 'user.login-failed')).toHaveLength(LOCK_AFTER_FAILURES);
      expect(entries.filter((a) => a === 'user.locked')).toHaveLength(1);
      // An unknown name is audited without being written down (it may be a password typed in the wrong field).
      await refusal('mat-khau-go-nham', 'x');
      const unknown = (await audit.list({ objectId: '(không rõ)', limit: 10 }, asUser('admin'))).entries;
      expect(unknown.map((e) => e.action)).toEqual(['user.login-failed']);
      expect(JSON.stringify(unknown)).not.toContain('mat-khau-go-nham');

      await expect(users.unlock({ username: 'chuyenvien' }, asUser('chuyenvien'))).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
      await users.unlock({ username: 'chuyenvien' }, asUser('admin'));
      expect(await refusal('chuyenvien', 'mat-khau-dung')).toBe('signed in');
      // A good sign-in starts the count again: four more failures do not lock.
      for (let i = 1; i < LOCK_AFTER_FAILURES; i += 1) await refusal('chuyenvien', 'sai');
      expect(await refusal('chuyenvien', 'mat-khau-dung')).toBe('signed in');
    } finally {
      await store.close();
    }
  });

  it('sets up one first admin when five calls race', async () => {
    const store = await openStore({ dataDir: await tempDir() });
    const { users } = createDocsCoreServices({ store, clock: new FixedClock('2026-03-02T09:00:00+07:00') });
    try {
      const results = await Promise.allSettled(
        [1, 2, 3, 4, 5].map((n) => users.setupFirstAdmin({ username: `admin${n}`, fullName: `Quản trị ${n}`, password: 'mat-khau-admin' }, nobody)),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(Array(4).fill('E_CONFLICT'));
      expect(await store.db.selectFrom('users').select('username').execute()).toHaveLength(1);
    } finally {
      await store.close();
    }
  });
});

describe('changing one’s own password', () => {
  const tempDir = useTempDir();

  it('needs the current password, ends the user’s other sessions and keeps the one that asked', async () => {
    const store = await openStore({ dataDir: await tempDir() });
    const clock = new FixedClock('2026-03-02T09:00:00+07:00');
    const { users } = createDocsCoreServices({ store, clock });
    try {
      await users.setupFirstAdmin({ username: 'admin', fullName: 'Quản trị', password: 'mat-khau-admin' }, nobody);
      await users.add({ username: 'chuyenvien', roles: ['specialist'], password: 'mat-khau-cu' }, asUser('admin'));
      const here = await users.login({ username: 'chuyenvien', password: 'mat-khau-cu' }, nobody);
      const elsewhere = await users.login({ username: 'chuyenvien', password: 'mat-khau-cu' }, nobody);
      const session = (token: string): CallContext => ({ sessionToken: token, actingUsername: null, face: 'http' });

      await expect(users.changePassword({ currentPassword: 'doan-bua', newPassword: 'mat-khau-moi' }, session(here.token))).rejects.toMatchObject({ code: 'E_UNAUTHORIZED' });
      await expect(users.changePassword({ currentPassword: 'mat-khau-cu', newPassword: 'mat-khau-moi' }, nobody)).rejects.toMatchObject({ code: 'E_UNAUTHORIZED' });
      expect(await users.changePassword({ currentPassword: 'mat-khau-cu', newPassword: 'mat-khau-moi' }, session(here.token))).toEqual({ ok: true });

      expect((await users.me({}, session(here.token))).username).toBe('chuyenvien');
      await expect(users.me({}, session(elsewhere.token))).rejects.toMatchObject({ code: 'E_UNAUTHORIZED' });
      await expect(users.login({ username: 'chuyenvien', password: 'mat-khau-cu' }, nobody)).rejects.toMatchObject({ code: 'E_UNAUTHORIZED' });
      expect((await users.login({ username: 'chuyenvien', password: 'mat-khau-moi' }, nobody)).user.username).toBe('chuyenvien');
    } finally {
      await store.close();
    }
  });
});
