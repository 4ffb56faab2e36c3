import { describe, expect, it } from 'vitest';
import { contract, type CallContext } from '@eoffice/contract';
import { FixedClock } from '../src/clock/index.js';
import { createDocsCoreServices } from '../src/services/docs-core-services.js';
import { openStore } from '../src/store/store.js';
import { LoginThrottle, DEFAULT_LOGIN_THROTTLE } from '../src/users/login-throttle.js';
import { useTempDir } from './helpers.js';
import { writePdf } from './workflow-helpers.js';

const nobody: CallContext = { sessionToken: null, actingUsername: null, face: 'http' };
const asUser = (username: string): CallContext => ({ sessionToken: null, actingUsername: username, face: 'cli' });
const session = (token: string): CallContext => ({ sessionToken: token, actingUsername: null, face: 'http' });

describe('accounts an admin manages: reset, deactivate, reassign; failed sign-ins throttled', () => {
  const tempDir = useTempDir();

  async function world(loginThrottle?: LoginThrottle) {
    const dir = await tempDir();
    const store = await openStore({ dataDir: dir });
    const clock = new FixedClock('2026-03-02T09:00:00+07:00');
    const services = createDocsCoreServices({ store, clock, ...(loginThrottle ? { loginThrottle } : {}) });
    const { users } = services;
    await users.setupFirstAdmin({ username: 'admin', fullName: 'Quản trị', password: 'mat-khau-admin' }, nobody);
    for (const [username, roles] of [['chuyenvien', ['specialist']], ['chuyenvien2', ['specialist']], ['lanhdao', ['leader']], ['vanthu', ['clerk']]] as const) {
      await users.add({ username, roles: [...roles], password: `mat-khau-${username}` }, asUser('admin'));
    }
    return { dir, store, services, users };
  }

  it('a reset password must be changed at the next sign-in; until then every other call is refused', async () => {
    const { store, users, services } = await world();
    try {
      const old = await users.login({ username: 'chuyenvien', password: 'mat-khau-chuyenvien' }, nobody);
      await expect(users.resetPassword({ username: 'chuyenvien' }, asUser('chuyenvien'))).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
      const { temporaryPassword } = await users.resetPassword({ username: 'chuyenvien' }, asUser('admin'));
      expect(temporaryPassword).toMatch(/^[a-zA-Z2-9]{14}$/);
      // The session opened before the reset ends with it; the old password is gone.
      await expect(users.me({}, session(old.token))).rejects.toMatchObject({ code: 'E_UNAUTHORIZED' });
      await expect(users.login({ username: 'chuyenvien', password: 'mat-khau-chuyenvien' }, nobody)).rejects.toMatchObject({ code: 'E_UNAUTHORIZED' });

      const temp = await users.login({ username: 'chuyenvien', password: temporaryPassword }, nobody);
      expect(temp.mustChangePassword).toBe(true);
      await expect(users.me({}, session(temp.token))).rejects.toMatchObject({ code: 'E_PASSWORD_CHANGE_REQUIRED' });
      await expect(services.documents.list({ limit: 50, offset: 0 }, session(temp.token))).rejects.toMatchObject({ code: 'E_PASSWORD_CHANGE_REQUIRED' });
      await expect(users.changePassword({ currentPassword: temporaryPassword, newPassword: temporaryPassword }, session(temp.token)))
        .rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
      expect(await users.changePassword({ currentPassword: temporaryPassword, newPassword: 'mat-khau-rieng' }, session(temp.token))).toEqual({ ok: true });
      expect((await users.me({}, session(temp.token))).username).toBe('chuyenvien');
      const fresh = await users.login({ username: 'chuyenvien', password: 'mat-khau-rieng' }, nobody);
      expect(fresh.mustChangePassword).toBe(false);
      const actions = (await services.audit.list({ objectId: 'chuyenvien', limit: 50 }, asUser('admin'))).entries.map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['user.password-reset', 'user.password-changed']));
    } finally {
      await store.close();
    }
  });

  it('a deactivated user’s open session fails at its next call, they cannot sign in, and their open work moves to a colleague', async () => {
    const { dir, store, users, services } = await world();
    try {
      await services.registers.initAgency({ organId: '000.00.01.H99', name: 'Ủy ban nhân dân tỉnh Thử Nghiệm', abbreviation: 'UBND', numberingScheme: 'single' }, asUser('admin'));
      const pdf = await writePdf(dir, 'draft.pdf', 'dự thảo');
      const draft = await services.documents.draft(contract.documents.draft.input.parse({ type: 'QĐ', subject: 'Dự thảo kế hoạch', file: { path: pdf } }), asUser('chuyenvien'));
      const open = await users.login({ username: 'chuyenvien', password: 'mat-khau-chuyenvien' }, nobody);

      await expect(users.deactivate({ username: 'chuyenvien' }, asUser('lanhdao'))).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
      await expect(users.deactivate({ username: 'admin' }, asUser('admin'))).rejects.toMatchObject({ code: 'E_CONFLICT' });
      const { user, openWork } = await users.deactivate({ username: 'chuyenvien' }, asUser('admin'));
      expect(user.active).toBe(false);
      expect(openWork.drafts.map((d) => d.documentId)).toEqual([draft.id]);

      await expect(users.me({}, session(open.token))).rejects.toMatchObject({ code: 'E_UNAUTHORIZED' });
      await expect(users.login({ username: 'chuyenvien', password: 'mat-khau-chuyenvien' }, nobody)).rejects.toMatchObject({ code: 'E_UNAUTHORIZED' });
      await expect(services.documents.list({ limit: 50, offset: 0 }, asUser('chuyenvien'))).rejects.toMatchObject({ code: 'E_UNAUTHORIZED' });
      expect((await users.list({}, asUser('admin'))).users.find((u) => u.username === 'chuyenvien')?.active).toBe(false);

      await expect(users.reassign({ from: 'chuyenvien', to: 'admin' }, asUser('admin'))).rejects.toMatchObject({ code: 'E_CONFLICT' });
      expect(await users.reassign({ from: 'chuyenvien', to: 'chuyenvien2' }, asUser('admin'))).toEqual({ from: 'chuyenvien', to: 'chuyenvien2', assignments: 0, drafts: 1 });
      expect((await users.openWork({ username: 'chuyenvien' }, asUser('admin'))).drafts).toEqual([]);
      // The new drafter may now do what only the drafter may: submit.
      await services.documents.submit(contract.documents.submit.input.parse({ id: draft.id }), asUser('chuyenvien2'));
      const audit = (await services.audit.list({ objectId: draft.id, limit: 50 }, asUser('admin'))).entries.map((e) => e.action);
      expect(audit).toContain('draft.reassign');

      expect((await users.reactivate({ username: 'chuyenvien' }, asUser('admin'))).active).toBe(true);
      expect((await users.login({ username: 'chuyenvien', password: 'mat-khau-chuyenvien' }, nobody)).user.username).toBe('chuyenvien');
    } finally {
      await store.close();
    }
  });

  it('throttles failed sign-ins per name and per source with a growing wait, refusing at once and auditing once per wait', async () => {
    let now = 1_000_000;
    // The default policy's counts made small (each attempt costs a real scrypt); its shape is what is under test.
    const policy = { ...DEFAULT_LOGIN_THROTTLE, nameFreeFailures: 2, sourceFreeFailures: 4 };
    const throttle = new LoginThrottle(policy, () => now);
    const { store, users, services } = await world(throttle);
    const from = (source: string): CallContext => ({ ...nobody, source });
    const attempt = (username: string, password: string, source = '10.0.0.5') =>
      users.login({ username, password }, from(source)).then(() => 'signed in', (e: { code: string }) => e.code);
    try {
      const free = policy.nameFreeFailures;
      for (let i = 0; i < free; i += 1) expect(await attempt('khongco', 'doan')).toBe('E_UNAUTHORIZED');
      expect(await attempt('khongco', 'doan')).toBe('E_TOO_MANY_ATTEMPTS');
      expect(await attempt('khongco', 'doan')).toBe('E_TOO_MANY_ATTEMPTS');
      // Another user's sign-in is not held up by it.
      expect(await attempt('chuyenvien', 'mat-khau-chuyenvien', '10.0.0.6')).toBe('signed in');
      now += policy.firstDelayMs;
      expect(await attempt('khongco', 'doan')).toBe('E_UNAUTHORIZED');
      // The next wait is twice as long.
      now += policy.firstDelayMs;
      expect(await attempt('khongco', 'doan')).toBe('E_TOO_MANY_ATTEMPTS');
      now += policy.firstDelayMs;
      expect(await attempt('khongco', 'doan')).toBe('E_UNAUTHORIZED');

      // A source spraying many names is slowed whatever the names.
      const sprayer = '10.9.9.9';
      for (let i = 0; i < policy.sourceFreeFailures; i += 1) expect(await attempt(`ten${i}`, 'doan', sprayer)).toBe('E_UNAUTHORIZED');
      expect(await attempt('vanthu', 'mat-khau-vanthu', sprayer)).toBe('E_TOO_MANY_ATTEMPTS');
      expect(await attempt('vanthu', 'mat-khau-vanthu', '10.0.0.7')).toBe('signed in');

      const throttled = (await services.audit.list({ limit: 500 }, asUser('admin'))).entries.filter((e) => e.action === 'user.login-throttled');
      expect(throttled).toHaveLength(3);
    } finally {
      await store.close();
    }
  });
});
