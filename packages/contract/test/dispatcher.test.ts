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
    for (const path of ['system.nope', 'nope.info', 'system.toString', '__proto__.x', 'system.info.extra']) {
      const reply = await dispatch(path, {}, context);
      expect(reply).toMatchObject({ ok: false, error: { code: 'E_UNKNOWN_METHOD' } });
    }
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
    const dispatch = createDispatcher(servicesWith(async () => ({ ...goodInfo, schemaVersion: 'four' })));
    expect(await dispatch('system.info', {}, context)).toMatchObject({ ok: false, error: { code: 'E_INTERNAL' } });
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
