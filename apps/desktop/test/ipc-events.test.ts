import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WebContents } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createIpcTransport, type CallContext, type EventEnvelope } from '@eoffice/contract';
import { composeServices, type ComposedServices } from '@eoffice/host';
import { writeTextPdf } from '../../../packages/host/test/text-pdf.js';
import { forwardEvents, registerIpcHandlers, type IpcMainLike } from '../src/main/ipc-handlers.js';
import { createIpcBridge, type IpcRendererLike } from '../src/preload/ipc-bridge.js';

type Handler = Parameters<IpcMainLike['handle']>[1];
const PASSWORD = 'mat-khau-cua-so-1';
const as = (username: string): CallContext => ({ sessionToken: null, actingUsername: username, face: 'test' });

/**
 * The window's event feed hears as the user its page is signed in as (ARCHITECTURE.md, invariant 1): the IPC event
 * channel carries no session, so main follows the one the page's calls carry. Electron does not run here: a stand-in
 * `ipcMain`/`ipcRenderer` pair and a window that records what main sends it; the handlers and services are real.
 */
describe('the IPC window’s event feed', () => {
  let dir: string;
  let services: ComposedServices;
  const sent: EventEnvelope[] = [];
  let session: string | null = null;
  let client: ReturnType<typeof createClient>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'eoffice-ipc-events-'));
    services = await composeServices({ dataDir: join(dir, 'data'), exchange: null });
    await services.startBackgroundJobs({ watchIntervalMs: 3_600_000 });
    const setup: CallContext = { sessionToken: null, actingUsername: null, face: 'test' };
    await services.dispatch('registers.initAgency', { organId: '000.00.02.Z99', name: 'Sở Nội vụ tỉnh Demo' }, setup);
    await services.dispatch('users.add', { username: 'admin', roles: ['admin'], password: PASSWORD }, setup);
    for (const [username, role] of [['vanthu', 'clerk'], ['chuyenvien', 'specialist']] as const) {
      await services.dispatch('users.add', { username, roles: [role], password: PASSWORD }, as('admin'));
    }
    const handlers = new Map<string, Handler>();
    const frame = { url: 'app://eoffice/index.html', parent: null };
    const ipcRenderer: IpcRendererLike = {
      invoke: async (channel, ...args) => structuredClone(await handlers.get(channel)!({ senderFrame: frame }, ...structuredClone(args))),
      on: () => undefined,
      removeListener: () => undefined,
    };
    const window = { isDestroyed: () => false, send: (_channel: string, event: EventEnvelope) => sent.push(event), once: () => undefined };
    const feed = forwardEvents(services, window as unknown as WebContents);
    registerIpcHandlers(services, { handle: (channel, listener) => void handlers.set(channel, listener) }, (token) => feed.follow(token));
    client = createClient(createIpcTransport(createIpcBridge(ipcRenderer), { getSession: () => session }));
  }, 120_000);
  afterAll(async () => {
    await services?.close();
    await rm(dir, { recursive: true, force: true });
  });

  let n = 0;
  async function receive(secrecy: 'secret' | 'none'): Promise<string> {
    n += 1;
    const file = await writeTextPdf(join(dir, `in-${n}.pdf`), `cong van ${n}`);
    const reply = await services.dispatch('documents.receive', {
      file: { path: file }, from: '000.00.16.Z99', number: String(n), symbol: 'QĐ-SYT', issuedDate: '2026-03-02', type: 'QĐ',
      subject: `Văn bản ${n}`, source: 'paper', secrecy,
    }, as('vanthu'));
    if (!reply.ok) throw new Error(reply.error.message);
    return (reply.result as { id: string }).id;
  }
  const heard = (id: string) => JSON.stringify(sent).includes(id);

  it('tells the specialist’s window nothing of a secret document, and the clerk’s window, after signing in there, of one', async () => {
    session = (await client.services.users.login({ username: 'chuyenvien', password: PASSWORD })).token;
    await client.services.users.me({});
    const hidden = await receive('secret');
    const open = await receive('none');
    await expect.poll(() => heard(open)).toBe(true);
    expect(heard(hidden)).toBe(false);

    await client.services.users.logout({});
    session = (await client.services.users.login({ username: 'vanthu', password: PASSWORD })).token;
    await client.services.users.me({});
    const told = await receive('secret');
    await expect.poll(() => heard(told)).toBe(true);
    expect(heard(hidden)).toBe(false);
  });
});
