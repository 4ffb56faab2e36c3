import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EOfficeError, createClient, createIpcTransport } from '@eoffice/contract';
import { faceServices, serverConnectionFromEnvironment, type FaceServices } from '@eoffice/host';
import { fakeRenderer, linkTo, PASSWORD, seedAgency, startServe, type ServeProcess } from '../../../packages/host/test/agency-server/agency-fixture.js';
import { textPdf } from '../../../packages/host/test/text-pdf.js';
import { registerIpcHandlers, type IpcMainLike } from '../src/main/ipc-handlers.js';
import { createIpcBridge, type IpcRendererLike } from '../src/preload/ipc-bridge.js';

type Handler = Parameters<IpcMainLike['handle']>[1];

/** Electron does not run here: `handle`/`invoke` over a map, through structuredClone as Electron serialises. */
function fakeIpcPair(): { ipcMain: IpcMainLike; ipcRenderer: IpcRendererLike } {
  const handlers = new Map<string, Handler>();
  const frame = { url: 'app://eoffice/index.html', parent: null };
  return {
    ipcMain: { handle: (channel, listener) => void handlers.set(channel, listener) },
    ipcRenderer: {
      invoke: async (channel, ...args) => structuredClone(await handlers.get(channel)!({ senderFrame: frame }, ...structuredClone(args))),
      on: () => undefined,
      removeListener: () => undefined,
    },
  };
}

async function codeOf(call: Promise<unknown>): Promise<string> {
  const error: unknown = await call.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(EOfficeError);
  return (error as EOfficeError).code;
}

/** The desktop window's IPC face on a workstation connected to the agency server (EOFFICE_SERVER_URL/_FINGERPRINT). */
describe('the desktop window connected to the agency server', () => {
  let dir: string;
  let server: ServeProcess;
  let services: FaceServices;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'eoffice-ipc-server-'));
    await seedAgency(join(dir, 'server-data'));
    server = await startServe(join(dir, 'server-data'), await fakeRenderer(dir));
    const connection = serverConnectionFromEnvironment({ EOFFICE_SERVER_URL: server.url, EOFFICE_SERVER_FINGERPRINT: server.fingerprint.replace(/:/g, '').toLowerCase() });
    services = await faceServices({ dataDir: join(dir, 'window-data'), server: connection });
  }, 120_000);
  afterAll(async () => {
    await services?.close();
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('signs in and receives a document through IPC: the window holds a local handle, the server keeps the document', async () => {
    expect(services.server).toBe(new URL(server.url).origin);
    const { ipcMain, ipcRenderer } = fakeIpcPair();
    registerIpcHandlers(services, ipcMain);
    let session: string | null = null;
    const client = createClient(createIpcTransport(createIpcBridge(ipcRenderer), { getSession: () => session }));
    session = (await client.services.users.login({ username: 'vanthu', password: PASSWORD })).token;
    expect((await client.services.users.me({})).username).toBe('vanthu');
    // The handle is the window's alone: the server does not know it.
    const handle = session;
    expect(await codeOf(createClient(linkTo(server).transport(() => handle)).services.users.me({}))).toBe('E_UNAUTHORIZED');

    const receipt = await client.files.upload(textPdf('cong van qua cua so'), { name: 'cua-so.pdf' });
    const received = await client.services.documents.receive({
      file: { uploadId: receipt.uploadId, name: 'cua-so.pdf' }, source: 'paper', from: '000.00.16.Z99', number: '7', symbol: 'QĐ-SYT',
      issuedDate: '2026-03-02', type: 'QĐ', subject: 'Về việc tiếp nhận trên cửa sổ ứng dụng',
    });
    expect(received.state).toBe('received');
    await client.services.users.logout({});
    expect(await codeOf(client.services.users.me({}))).toBe('E_UNAUTHORIZED');
  });

  it('refuses to start with half a setting, or against a certificate that is not the pinned one', async () => {
    expect(() => serverConnectionFromEnvironment({ EOFFICE_SERVER_URL: server.url })).toThrow(expect.objectContaining({ code: 'E_USAGE' }));
    expect(serverConnectionFromEnvironment({})).toBeUndefined();
    const wrong = server.fingerprint.replace(/^../, server.fingerprint.startsWith('00') ? '01' : '00');
    expect(await codeOf(faceServices({ dataDir: join(dir, 'wrong-data'), server: { url: server.url, fingerprint: wrong } }))).toBe('E_SERVER_CERT_MISMATCH');
  });
});
