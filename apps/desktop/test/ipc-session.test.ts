import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EOfficeError, createClient, createIpcTransport, type EOfficeClient } from '@eoffice/contract';
import { composeServices, type ComposedServices } from '@eoffice/host';
import { registerIpcHandlers, type IpcMainLike } from '../src/main/ipc-handlers.js';
import { createIpcBridge, type IpcRendererLike } from '../src/preload/ipc-bridge.js';
import type { SenderFrame } from '../src/main/trusted-sender.js';

type Handler = Parameters<IpcMainLike['handle']>[1];

/**
 * Electron does not run here, so a stand-in pair: `handle`/`invoke` over a map of channels. Arguments and answers go
 * through structuredClone, as Electron serialises them between processes. The main handlers, the preload bridge, the
 * transport, the dispatcher and the services are the real ones.
 */
function fakeIpcPair(frame: SenderFrame): { ipcMain: IpcMainLike; ipcRenderer: IpcRendererLike } {
  const handlers = new Map<string, Handler>();
  return {
    ipcMain: { handle: (channel, listener) => void handlers.set(channel, listener) },
    ipcRenderer: {
      invoke: async (channel, ...args) => {
        const handler = handlers.get(channel);
        if (!handler) throw new Error(`No handler registered for '${channel}'`);
        return structuredClone(await handler({ senderFrame: frame }, ...structuredClone(args)));
      },
      on: () => undefined,
      removeListener: () => undefined,
    },
  };
}

describe('the IPC face carries the session', () => {
  const made: Array<{ dir: string; services: ComposedServices }> = [];
  afterEach(async () => {
    for (const { dir, services } of made.splice(0)) {
      await services.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  async function desktop(frame: SenderFrame = { url: 'app://eoffice/index.html', parent: null }) {
    const dir = await mkdtemp(join(tmpdir(), 'eoffice-ipc-'));
    const services = await composeServices({ dataDir: join(dir, 'data') });
    made.push({ dir, services });
    const { ipcMain, ipcRenderer } = fakeIpcPair(frame);
    registerIpcHandlers(services, ipcMain);
    let session: string | null = null;
    const client = createClient(createIpcTransport(createIpcBridge(ipcRenderer), { getSession: () => session }));
    await client.services.users.setupFirstAdmin({ username: 'quantri', fullName: 'Quản trị', password: 'mat-khau-dai' });
    return { client, setSession: (token: string | null) => (session = token) };
  }

  async function errorCodeOf(call: Promise<unknown>): Promise<string> {
    const error: unknown = await call.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(EOfficeError);
    return (error as EOfficeError).code;
  }

  const addSpecialist = (client: EOfficeClient) =>
    client.services.users.add({ username: 'chuyenvien', fullName: 'Chuyên viên', roles: ['specialist'], password: 'mat-khau-dai' });

  it('after login a role-checked call succeeds', async () => {
    const { client, setSession } = await desktop();
    const signedIn = await client.services.users.login({ username: 'quantri', password: 'mat-khau-dai' });
    setSession(signedIn.token);
    expect((await client.services.users.me({})).username).toBe('quantri');
    expect((await addSpecialist(client)).roles).toEqual(['specialist']);
  });

  it('without login, or after logout, the same call is E_UNAUTHORIZED', async () => {
    const { client, setSession } = await desktop();
    expect(await errorCodeOf(addSpecialist(client))).toBe('E_UNAUTHORIZED');
    const signedIn = await client.services.users.login({ username: 'quantri', password: 'mat-khau-dai' });
    setSession(signedIn.token);
    await client.services.users.logout({});
    expect(await errorCodeOf(addSpecialist(client))).toBe('E_UNAUTHORIZED');
    setSession('not-a-session');
    expect(await errorCodeOf(client.services.users.me({}))).toBe('E_UNAUTHORIZED');
  });

  it('a session from a frame that is not ours is refused before it reaches the services', async () => {
    const ours = await desktop();
    const signedIn = await ours.client.services.users.login({ username: 'quantri', password: 'mat-khau-dai' });
    const { ipcMain, ipcRenderer } = fakeIpcPair({ url: 'https://evil.example/', parent: null });
    registerIpcHandlers(made[0]!.services, ipcMain);
    const theirs = createClient(createIpcTransport(createIpcBridge(ipcRenderer), { getSession: () => signedIn.token }));
    expect(await errorCodeOf(theirs.services.users.me({}))).toBe('E_UNAUTHORIZED');
    expect(await errorCodeOf(theirs.files.upload(new Uint8Array([37, 80, 68, 70]), { name: 'x.pdf' }))).toBe('E_UNAUTHORIZED');
    expect(await errorCodeOf(theirs.files.download({ export: 'so-den.pdf' }))).toBe('E_UNAUTHORIZED');
  });

  it('carries file content as bytes, in and out, with the session; a path from the page is refused', async () => {
    const { client, setSession } = await desktop();
    expect(await errorCodeOf(client.files.upload(new Uint8Array([1, 2, 3]), { name: 'a.bin' }))).toBe('E_UNAUTHORIZED');
    setSession((await client.services.users.login({ username: 'quantri', password: 'mat-khau-dai' })).token);
    const image = await client.files.upload(new Uint8Array([1, 2, 3]), { name: 'chu-ky.png' });
    expect(image).toMatchObject({ name: 'chu-ky.png', size: 3 });
    // The admin's own image: the bytes are not a PNG, so the service reads them and refuses — proof they arrived.
    expect(await errorCodeOf(client.services.users.setSignatureImage({ username: 'quantri', file: { uploadId: image.uploadId, name: image.name } }))).toBe('E_IMAGE_INVALID');
    expect(await errorCodeOf(client.services.users.setSignatureImage({ username: 'quantri', file: { path: '/etc/hostname' } }))).toBe('E_PATH_NOT_ALLOWED');
    await client.services.registers.initAgency({ organId: '000.00.01.Z99', name: 'Ủy ban nhân dân tỉnh Demo', abbreviation: 'UBND' });
    await client.services.users.add({ username: 'vanthu', fullName: 'Văn thư', roles: ['clerk'], password: 'mat-khau-dai' });
    setSession((await client.services.users.login({ username: 'vanthu', password: 'mat-khau-dai' })).token);
    expect(await errorCodeOf(client.files.download({ export: 'so-van-ban-den-2026.pdf' }))).toBe('E_NOT_FOUND');
    const printed = await client.services.registers.print({ year: 2026, direction: 'incoming' });
    const file = await client.files.download({ export: printed.path });
    expect(new TextDecoder().decode(file.bytes.subarray(0, 5))).toBe('%PDF-');
    expect(file.bytes.length).toBe(printed.bytes);
  });
});
