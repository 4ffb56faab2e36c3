import { afterEach, describe, expect, it } from 'vitest';
import type { CallContext } from '@eoffice/contract';
import { createUser, systemClock } from '@eoffice/docs-core';
import { composeServices, type ComposedServices } from '../src/compose-services.js';
import { useTempDir } from './temp-dir.js';

const as = (username: string): CallContext => ({ sessionToken: null, actingUsername: username, face: 'test' });

async function call(services: ComposedServices, path: string, input: unknown, context: CallContext): Promise<unknown> {
  const answer = await services.dispatch(path, input, context);
  if (!answer.ok) throw Object.assign(new Error(answer.error.message), { code: answer.error.code });
  return answer.result;
}

describe('sync.status names the axis for the settings screen, never its secret', () => {
  const tempDir = useTempDir();
  const open: ComposedServices[] = [];
  afterEach(async () => {
    for (const services of open.splice(0)) await services.close();
  });

  it('shows the address without the credentials written into it and the system code; a specialist is refused', async () => {
    const secret = 'bi-mat-truc-khong-duoc-lo-ra';
    const configured = await composeServices({
      dataDir: await tempDir(),
      exchange: { axisUrl: 'https://nguoi-dung:mat-khau-url@truc.example.vn:8443/vdxp', systemId: '000.00.02.Z99', secret },
    });
    open.push(configured);
    await createUser(configured.store.db, systemClock(), 'setup', { username: 'vanthu', roles: ['clerk'] });
    await createUser(configured.store.db, systemClock(), 'setup', { username: 'chuyenvien', roles: ['specialist'] });
    const status = (await call(configured, 'sync.status', {}, as('vanthu'))) as { axis: unknown; configured: boolean };
    expect(status.configured).toBe(true);
    expect(status.axis).toEqual({ url: 'https://truc.example.vn:8443/vdxp', systemId: '000.00.02.Z99', demo: false });
    const text = JSON.stringify(status);
    for (const hidden of [secret, 'mat-khau-url', 'nguoi-dung']) expect(text).not.toContain(hidden);
    await expect(call(configured, 'sync.status', {}, as('chuyenvien'))).rejects.toMatchObject({ code: 'E_FORBIDDEN' });

    const none = await composeServices({ dataDir: await tempDir(), exchange: null });
    open.push(none);
    await createUser(none.store.db, systemClock(), 'setup', { username: 'vanthu', roles: ['clerk'] });
    expect(await call(none, 'sync.status', {}, as('vanthu'))).toMatchObject({ configured: false, axis: null });
  });
});
