import { expect, it } from 'vitest';
import { contract, type CallContext } from '@eoffice/contract';
import { FixedClock } from '../src/clock/index.js';
import { createDocsCoreServices } from '../src/services/docs-core-services.js';
import { openStore } from '../src/store/store.js';
import { useTempDir } from './helpers.js';
import { describeEachDialect, useStoreDatabase } from './postgres-test-db.js';

const nobody: CallContext = { sessionToken: null, actingUsername: null, face: 'http' };
const as = (username: string): CallContext => ({ sessionToken: null, actingUsername: username, face: 'cli' });

/**
 * Ký thay named for a leader who is away (issue 11 item 5): an admin names or ends a leader's deputy, the period and
 * the audit name the admin; nobody else may act for another leader, and the refusal says nothing of that leader.
 */
describeEachDialect('ký thay named by an admin for a leader', (dialect) => {
  const tempDir = useTempDir();
  const database = useStoreDatabase(dialect);

  async function world() {
    const store = await openStore({ dataDir: await tempDir(), ...(await database()) });
    const clock = new FixedClock('2026-03-02T09:00:00+07:00');
    const services = createDocsCoreServices({ store, clock });
    await services.users.setupFirstAdmin({ username: 'admin', fullName: 'Quản trị', password: 'mat-khau-admin' }, nobody);
    for (const [username, roles, fullName] of [
      ['lanhdao', ['leader'], 'Nguyễn Văn An'],
      ['phochutich', ['leader'], 'Trần Thị Bình'],
      ['phochutich2', ['leader'], 'Lê Văn Cường'],
      ['lanhdaoqt', ['leader', 'admin'], 'Phạm Quản Trị'],
      ['chuyenvien', ['specialist'], 'Trần Chuyên Viên'],
    ] as const) {
      await services.users.add({ username, roles: [...roles], fullName, password: `mat-khau-${username}` }, as('admin'));
    }
    return { store, users: services.users, audit: services.audit };
  }

  /** What the contract validates before the service sees it, as every face sends it. */
  const setInput = (input: unknown) => contract.users.setDeputy.input.parse(input);

  it('an admin names and ends a deputy for a leader; the period and the audit name the admin', async () => {
    const { store, users, audit } = await world();
    try {
      const period = await users.setDeputy(setInput({ leader: 'lanhdao', deputy: 'phochutich', from: '2026-03-02', to: '2026-03-06' }), as('admin'));
      expect([period.leader.username, period.deputy.username, period.createdBy, period.activeNow]).toEqual(['lanhdao', 'phochutich', 'admin', true]);
      // The leader and the deputy see it as any period of theirs.
      for (const who of ['lanhdao', 'phochutich']) {
        expect((await users.deputies({}, as(who))).deputies.map((d) => [d.id, d.createdBy])).toEqual([[period.id, 'admin']]);
      }
      // Their own: named by the leader, as before.
      const own = await users.setDeputy(setInput({ deputy: 'phochutich2', from: '2026-03-02', to: '2026-03-03' }), as('phochutich'));
      expect([own.leader.username, own.createdBy]).toEqual(['phochutich', 'phochutich']);

      // The leader's periods still do not overlap, whoever names them.
      await expect(users.setDeputy(setInput({ leader: 'lanhdao', deputy: 'phochutich2', from: '2026-03-05', to: '2026-03-09' }), as('admin')))
        .rejects.toMatchObject({ code: 'E_CONFLICT' });

      const [ended] = (await users.endDeputy({ leader: 'lanhdao', id: period.id }, as('admin'))).ended;
      expect([ended?.id, ended?.endedBy, ended?.activeNow]).toEqual([period.id, 'admin', false]);
      // Nothing of lanhdao's left open; another leader's period is not lanhdao's to end.
      await expect(users.endDeputy({ leader: 'lanhdao' }, as('admin'))).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
      await expect(users.endDeputy({ leader: 'lanhdao', id: own.id }, as('admin'))).rejects.toMatchObject({ code: 'E_NOT_FOUND' });

      const entries = (await audit.list({ actor: 'admin', limit: 50 }, as('admin'))).entries.filter((e) => e.action.startsWith('deputy.'));
      const byAction = Object.fromEntries(entries.map((e) => [e.action, e]));
      const json = (text: string | null | undefined) => JSON.parse(text ?? 'null') as unknown;
      expect(json(byAction['deputy.set']?.after)).toEqual({ leader: 'lanhdao', deputy: 'phochutich', from: '2026-03-02', to: '2026-03-06', byAdmin: 'admin' });
      expect(json(byAction['deputy.end']?.before)).toMatchObject({ leader: 'lanhdao' });
      expect(json(byAction['deputy.end']?.after)).toMatchObject({ byAdmin: 'admin' });
    } finally {
      await store.close();
    }
  });

  it('the deputy must be another active leader, the leader an active leader, the period real and not over', async () => {
    const { store, users } = await world();
    try {
      const refused = async (input: Record<string, unknown>) =>
        users.setDeputy(setInput({ leader: 'lanhdao', from: '2026-03-02', to: '2026-03-06', ...input }), as('admin')).then(
          () => 'accepted',
          (error: { code: string }) => error.code,
        );
      expect(await refused({ deputy: 'chuyenvien' })).toBe('E_INVALID_INPUT');
      expect(await refused({ deputy: 'lanhdao' })).toBe('E_INVALID_INPUT');
      expect(await refused({ deputy: 'khongco' })).toBe('E_INVALID_INPUT');
      expect(await refused({ deputy: 'phochutich', leader: 'chuyenvien' })).toBe('E_INVALID_INPUT');
      expect(await refused({ deputy: 'phochutich', leader: 'khongco' })).toBe('E_INVALID_INPUT');
      expect(await refused({ deputy: 'phochutich', from: '2026-03-06', to: '2026-03-02' })).toBe('E_INVALID_INPUT');
      expect(await refused({ deputy: 'phochutich', from: '2026-02-20', to: '2026-02-27' })).toBe('E_INVALID_INPUT');
      expect(() => setInput({ leader: 'lanhdao', deputy: 'phochutich', from: '2026-02-30', to: '2026-03-06' })).toThrow();
      expect((await users.deputies({}, as('admin'))).deputies).toEqual([]);
      await users.deactivate({ username: 'phochutich2' }, as('admin'));
      expect(await refused({ deputy: 'phochutich2' })).toBe('E_INVALID_INPUT');
      expect(await refused({ deputy: 'phochutich' })).toBe('accepted');
    } finally {
      await store.close();
    }
  });

  it('nobody but an admin acts for another leader: the same refusal whether that leader exists or not, and nothing changes', async () => {
    const { store, users, audit } = await world();
    try {
      const period = await users.setDeputy(setInput({ deputy: 'phochutich', from: '2026-03-02', to: '2026-03-06' }), as('lanhdao'));
      const auditBefore = (await audit.list({ limit: 200 }, as('admin'))).entries.length;
      const refusal = async (call: () => Promise<unknown>) =>
        call().then(
          () => 'accepted',
          (error: { code: string; message: string }) => `${error.code} ${error.message}`,
        );
      for (const caller of ['phochutich', 'chuyenvien']) {
        const answers = await Promise.all(
          ['lanhdao', 'khongco', 'admin'].flatMap((leader) => [
            refusal(() => users.setDeputy(setInput({ leader, deputy: 'phochutich2', from: '2026-03-09', to: '2026-03-10' }), as(caller))),
            refusal(() => users.endDeputy({ leader }, as(caller))),
            refusal(() => users.endDeputy({ leader, id: period.id }, as(caller))),
          ]),
        );
        // One refusal for each kind of call, the same whichever leader is named (a real one, none, not a leader).
        const [setting, endingAll, endingOne] = [answers.filter((_, i) => i % 3 === 0), answers.filter((_, i) => i % 3 === 1), answers.filter((_, i) => i % 3 === 2)];
        for (const kind of [setting, endingAll, endingOne]) {
          expect(new Set(kind).size, kind.join('\n')).toBe(1);
          expect(kind[0]).toMatch(/^E_FORBIDDEN /);
          expect(kind[0]).not.toMatch(/lanhdao|khongco|Nguyễn Văn An/);
        }
      }
      // A leader-admin acts for another leader as an admin.
      const covered = await users.setDeputy(setInput({ leader: 'phochutich', deputy: 'phochutich2', from: '2026-03-09', to: '2026-03-10' }), as('lanhdaoqt'));
      expect(covered.createdBy).toBe('lanhdaoqt');
      const periods = (await users.deputies({}, as('admin'))).deputies;
      expect(periods.map((d) => [d.leader.username, d.endedAt])).toEqual([['phochutich', null], ['lanhdao', null]]);
      expect((await audit.list({ limit: 200 }, as('admin'))).entries.length).toBe(auditBefore + 1);
    } finally {
      await store.close();
    }
  });
});
