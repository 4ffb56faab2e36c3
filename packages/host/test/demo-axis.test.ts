import { afterEach, describe, expect, it } from 'vitest';
import type { CallContext } from '@eoffice/contract';
import { createUser, systemClock } from '@eoffice/docs-core';
import { composeServices } from '../src/compose-services.js';
import { faceServices, type FaceServices } from '../src/face-services.js';
import { useTempDir } from './temp-dir.js';

const as = (username: string | null): CallContext => ({ sessionToken: null, actingUsername: username, face: 'test' });

async function call(services: { dispatch: FaceServices['dispatch'] }, path: string, input: unknown, context: CallContext): Promise<unknown> {
  const answer = await services.dispatch(path, input, context);
  if (!answer.ok) throw Object.assign(new Error(answer.error.message), { code: answer.error.code });
  return answer.result;
}

/** A data folder with an agency (or none) and a clerk, as `db init` or `demo seed` leave it. */
async function dataDirWith(dir: string, organId: string | null): Promise<string> {
  const services = await composeServices({ dataDir: dir, exchange: null });
  try {
    if (organId) await call(services, 'registers.initAgency', { organId, name: 'Ủy ban nhân dân tỉnh Demo', abbreviation: 'UBND' }, as(null));
    await createUser(services.store.db, systemClock(), 'setup', { username: 'vanthu', roles: ['clerk'] });
  } finally {
    await services.close();
  }
  return dir;
}

/** README: `pnpm start` on the embedded defaults exchanges through a local demo axis, for a demo agency only. */
describe('the local demo axis of a face on one machine', () => {
  const tempDir = useTempDir();
  const previous = process.env.EOFFICE_DEMO_AXIS;
  const open: FaceServices[] = [];
  afterEach(async () => {
    for (const services of open.splice(0)) await services.close();
    if (previous === undefined) delete process.env.EOFFICE_DEMO_AXIS;
    else process.env.EOFFICE_DEMO_AXIS = previous;
  });
  const face = async (dataDir: string) => {
    const services = await faceServices({ dataDir });
    open.push(services);
    return services;
  };
  const statusOf = async (services: FaceServices) => (await call(services, 'sync.status', {}, as('vanthu'))) as { configured: boolean; axis: { url: string; systemId: string; demo: boolean } | null };

  it('starts for an agency of the demo province, on loopback, as that agency, and stops with the face', async () => {
    delete process.env.EOFFICE_DEMO_AXIS;
    const services = await face(await dataDirWith(await tempDir(), '000.00.01.Z99'));
    const status = await statusOf(services);
    expect(status.configured).toBe(true);
    expect(status.axis).toMatchObject({ systemId: '000.00.01.Z99', demo: true });
    expect(status.axis?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/?$/);
    // The axis answers (a signed request is refused without the per-launch secret, but it answers)…
    expect((await fetch(new URL('getReceivedEdocList', status.axis!.url), { method: 'POST' })).status).toBe(401);
    await services.close();
    open.splice(open.indexOf(services), 1);
    // …and is gone once the face closes.
    await expect(fetch(new URL('getReceivedEdocList', status.axis!.url), { method: 'POST' })).rejects.toThrow();
  });

  it('does not start for a real agency, before any agency exists, or when EOFFICE_DEMO_AXIS=off', async () => {
    delete process.env.EOFFICE_DEMO_AXIS;
    expect(await statusOf(await face(await dataDirWith(await tempDir(), '000.00.01.H51')))).toMatchObject({ configured: false, axis: null });
    expect(await statusOf(await face(await dataDirWith(await tempDir(), null)))).toMatchObject({ configured: false, axis: null });
    process.env.EOFFICE_DEMO_AXIS = 'off';
    expect(await statusOf(await face(await dataDirWith(await tempDir(), '000.00.01.Z99')))).toMatchObject({ configured: false, axis: null });
  });
});
