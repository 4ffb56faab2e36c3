import { describe, expect, it } from 'vitest';
import {
  createClient,
  createDispatcher,
  createInProcessTransport,
  EOfficeError,
  listMethodPaths,
  type CallContext,
  type ServiceImplementations,
} from '../src/index.js';

const context: CallContext = { sessionToken: null, actingUsername: null, face: 'test' };
const goodInfo = {
  version: '1.2.3',
  dataDir: '/d',
  databasePath: '/d/eoffice.sqlite',
  schemaVersion: 4,
  documentCounts: { incoming: 1, outgoing: 2, internal: 0, total: 3 },
  deployment: { mode: 'standalone' },
};

function servicesWith(info: () => Promise<unknown>): ServiceImplementations {
  // The real implementations are typed; these doubles return deliberately malformed values too.
  return { system: { info: info as ServiceImplementations['system']['info'] } } as ServiceImplementations;
}

describe('createDispatcher', () => {
  it('calls the implementation and returns its validated result', async () => {
    const dispatch = createDispatcher(servicesWith(async () => goodInfo));
    expect(await dispatch('system.info', {}, context)).toEqual({ ok: true, result: goodInfo });
  });

  it('refuses an unknown method, including prototype names', async () => {
    const dispatch = createDispatcher(servicesWith(async () => goodInfo));
    // Inherited names on the contract and on a service (toString, constructor.name) must not reach a method look-up.
    for (const path of ['system.nope', 'nope.info', 'system.toString', '__proto__.x', '__proto__.toString', 'constructor.name', 'system.info.extra', 'system', '']) {
      const reply = await dispatch(path, {}, context);
      expect(reply, path).toEqual({ ok: false, error: { code: 'E_UNKNOWN_METHOD', message: `Không có phương thức "${path}" / unknown method` } });
    }
  });

  it('answers a contract method no service implements as unknown, naming it, without calling anything', async () => {
    const dispatch = createDispatcher(servicesWith(async () => goodInfo));
    const reply = await dispatch('documents.show', { id: 'b6f4c1e2-0000-4000-8000-000000000001' }, context);
    expect(reply).toEqual({ ok: false, error: { code: 'E_UNKNOWN_METHOD', message: 'Dịch vụ chưa có "documents.show" / not implemented' } });
  });

  it('names each invalid field by its path, the whole input as (input), and at most five of them', async () => {
    const dispatch = createDispatcher(servicesWith(async () => goodInfo));
    const message = async (path: string, input: unknown) => {
      const reply = await dispatch(path, input, context);
      if (reply.ok) throw new Error(`${path} accepted ${JSON.stringify(input)}`);
      expect(reply.error.code).toBe('E_INVALID_INPUT');
      return reply.error.message;
    };
    expect(await message('system.info', { unexpected: 1 })).toMatch(/^Dữ liệu không hợp lệ \/ invalid input: \(input\): \S/);
    expect(await message('system.info', 42)).toMatch(/^Dữ liệu không hợp lệ \/ invalid input: \(input\): \S/);
    const nested = await message('documents.show', { id: 7 });
    expect(nested).toMatch(/^Dữ liệu không hợp lệ \/ invalid input: id: \S/);
    expect(await message('documents.draft', { to: [5] })).toMatch(/ to\.0: \S/);
    // Seven wrong fields of a draft: five are named, joined by '; '.
    const many = await message('documents.draft', { type: 1, subject: 2, file: 3, attachments: 4, to: 5, urgency: 6, secrecy: 7 });
    expect(many.split('; ')).toHaveLength(5);
    for (const part of many.replace(/^[^:]+: /, '').split('; ')) expect(part).toMatch(/^[a-z]+: \S/);
  });

  it('refuses input that does not match the schema before the service sees it', async () => {
    let called = false;
    const dispatch = createDispatcher(servicesWith(async () => ((called = true), goodInfo)));
    const reply = await dispatch('system.info', { unexpected: 1 }, context);
    expect(reply).toMatchObject({ ok: false, error: { code: 'E_INVALID_INPUT' } });
    expect(called).toBe(false);
  });

  it('passes typed errors through and hides unexpected ones', async () => {
    const typed = createDispatcher(servicesWith(async () => {
      throw new EOfficeError('E_FORBIDDEN', 'Không có quyền / forbidden');
    }));
    expect(await typed('system.info', {}, context)).toEqual({
      ok: false,
      error: { code: 'E_FORBIDDEN', message: 'Không có quyền / forbidden' },
    });
    const seen: unknown[] = [];
    const buggy = createDispatcher(servicesWith(async () => {
      throw new Error('secret internals');
    }), { onUnexpectedError: (_path, error) => seen.push(error) });
    const reply = await buggy('system.info', {}, context);
    expect(reply).toMatchObject({ ok: false, error: { code: 'E_INTERNAL' } });
    expect(JSON.stringify(reply)).not.toContain('secret internals');
    expect(seen).toHaveLength(1);
  });

  it('refuses a malformed result instead of sending it', async () => {
    const seen: string[] = [];
    const dispatch = createDispatcher(servicesWith(async () => ({ ...goodInfo, schemaVersion: 'four' })), { onUnexpectedError: (path) => seen.push(path) });
    const malformed = { ok: false, error: { code: 'E_INTERNAL', message: 'Lỗi nội bộ: kết quả sai dạng / internal error: malformed result' } };
    expect(await dispatch('system.info', {}, context)).toEqual(malformed);
    expect(seen).toEqual(['system.info']);
    // Without a listener for bugs, the caller gets the same answer.
    expect(await createDispatcher(servicesWith(async () => ({ ...goodInfo, schemaVersion: 'four' })))('system.info', {}, context)).toEqual(malformed);
  });

  it('answers an error the face knows as its typed error, and leaves every other one a bug', async () => {
    const race = Object.assign(new Error('UNIQUE constraint failed: users.username'), { code: 'SQLITE_CONSTRAINT' });
    const bugs: unknown[] = [];
    const conflict = new EOfficeError('E_CONFLICT', 'Đã có / already there');
    const dispatchThrowing = (error: Error) =>
      createDispatcher(servicesWith(async () => {
        throw error;
      }), {
        onUnexpectedError: (_path, seen) => bugs.push(seen),
        knownErrorOf: (seen) => (seen === race ? conflict : undefined),
      })('system.info', {}, context);
    expect(await dispatchThrowing(race)).toEqual({ ok: false, error: { code: 'E_CONFLICT', message: 'Đã có / already there' } });
    expect(bugs).toEqual([]);
    const other = new Error('secret internals');
    expect(await dispatchThrowing(other)).toEqual({ ok: false, error: { code: 'E_INTERNAL', message: 'Lỗi nội bộ / internal error' } });
    expect(bugs).toEqual([other]);
  });

  it('hides an unexpected error behind E_INTERNAL even with no listener for bugs', async () => {
    const buggy = createDispatcher(servicesWith(async () => {
      throw new Error('secret internals');
    }));
    expect(await buggy('system.info', {}, context)).toEqual({ ok: false, error: { code: 'E_INTERNAL', message: 'Lỗi nội bộ / internal error' } });
  });
});

describe('createClient', () => {
  it('builds one typed function per contract method and throws typed errors', async () => {
    const services = servicesWith(async () => goodInfo);
    const client = createClient(createInProcessTransport(createDispatcher(services), context));
    expect(await client.services.system.info({})).toEqual(goodInfo);
    expect(listMethodPaths()).toContain('system.info');

    const failing = createClient(createInProcessTransport(createDispatcher(servicesWith(async () => {
      throw new EOfficeError('E_NOT_FOUND', 'không thấy');
    })), context));
    await expect(failing.services.system.info({})).rejects.toMatchObject({ code: 'E_NOT_FOUND', message: 'không thấy' });
  });
});
