import { describe, expect, it } from 'vitest';
import type { CallContext } from '@eoffice/contract';
import { verifyAuditChain } from '../src/audit/index.js';
import { FixedClock } from '../src/clock/index.js';
import { createDocsCoreServices } from '../src/services/docs-core-services.js';
import { openStore } from '../src/store/store.js';
import { hashPassword, verifyPassword } from '../src/users/password-hash.js';
import { useTempDir } from './helpers.js';

const nobody: CallContext = { sessionToken: null, actingUsername: null, face: 'ipc' };
const asUser = (username: string, face: CallContext['face'] = 'cli'): CallContext => ({ sessionToken: null, actingUsername: username, face });
const withToken = (token: string): CallContext => ({ sessionToken: token, actingUsername: null, face: 'http' });

describe('users, sessions and role checks', () => {
  const tempDir = useTempDir();

  it('hashes passwords with scrypt and a salt, and verifies them', async () => {
    const a = await hashPassword('mật khẩu đủ dài');
    const b = await hashPassword('mật khẩu đủ dài');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('mật khẩu đủ dài', a)).toBe(true);
    expect(await verifyPassword('mat khau du dai', a)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });

  it('first run: an admin is set up without an actor; afterwards only an admin adds users', async () => {
    const store = await openStore({ dataDir: await tempDir() });
    const clock = new FixedClock('2026-03-02T09:00:00+07:00');
    const { users } = createDocsCoreServices({ store, clock });
    try {
      expect(await users.needsSetup({}, nobody)).toEqual({ needsSetup: true });
      await expect(users.add({ username: 'vanthu', roles: ['clerk'] }, nobody)).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
      const admin = await users.setupFirstAdmin({ username: 'admin', fullName: 'Quản trị', password: 'correct horse' }, nobody);
      expect(admin.roles).toEqual(['admin']);
      await expect(users.setupFirstAdmin({ username: 'x', fullName: 'X', password: 'another one' }, nobody)).rejects.toMatchObject({ code: 'E_CONFLICT' });
      await expect(users.add({ username: 'vanthu', roles: ['clerk'] }, nobody)).rejects.toMatchObject({ code: 'E_UNAUTHORIZED' });
      const clerk = await users.add({ username: 'vanthu', roles: ['clerk', 'archivist'], unit: 'VP', password: 'van thu 2026' }, asUser('admin'));
      expect(clerk).toMatchObject({ username: 'vanthu', roles: ['archivist', 'clerk'], unit: 'VP' });
      await expect(users.add({ username: 'cv', roles: ['specialist'] }, asUser('vanthu'))).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
      await expect(users.add({ username: 'vanthu', roles: ['clerk'] }, asUser('admin'))).rejects.toMatchObject({ code: 'E_CONFLICT' });
      // --as is the CLI's and the tests' operator mode; the UI faces must present a session.
      await expect(users.me({}, asUser('admin', 'http'))).rejects.toMatchObject({ code: 'E_UNAUTHORIZED' });
      await expect(users.me({}, asUser('nobody-here'))).rejects.toMatchObject({ code: 'E_UNAUTHORIZED' });
      expect((await verifyAuditChain(store.db)).entries).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('a login session carries the user until it expires or is closed; only its hash is stored', async () => {
    const store = await openStore({ dataDir: await tempDir() });
    const clock = new FixedClock('2026-03-02T09:00:00+07:00');
    const { users } = createDocsCoreServices({ store, clock });
    try {
      await users.setupFirstAdmin({ username: 'admin', fullName: 'Quản trị', password: 'correct horse' }, nobody);
      await expect(users.login({ username: 'admin', password: 'wrong horse' }, nobody)).rejects.toMatchObject({ code: 'E_UNAUTHORIZED' });
      await expect(users.login({ username: 'ghost', password: 'correct horse' }, nobody)).rejects.toMatchObject({ code: 'E_UNAUTHORIZED' });
      const session = await users.login({ username: 'admin', password: 'correct horse' }, nobody);
      expect(session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const stored = await store.db.selectFrom('sessions').selectAll().execute();
      expect(stored).toHaveLength(1);
      expect(JSON.stringify(stored)).not.toContain(session.token);
      expect((await users.me({}, withToken(session.token))).username).toBe('admin');
      clock.advance(13 * 3_600_000);
      await expect(users.me({}, withToken(session.token))).rejects.toMatchObject({ code: 'E_UNAUTHORIZED' });
      clock.set('2026-03-02T10:00:00+07:00');
      const second = await users.login({ username: 'admin', password: 'correct horse' }, nobody);
      await users.logout({}, withToken(second.token));
      await expect(users.me({}, withToken(second.token))).rejects.toMatchObject({ code: 'E_UNAUTHORIZED' });
    } finally {
      await store.close();
    }
  });
});
