import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CallContext } from '@eoffice/contract';
import { composeServices, type ComposedServices } from '../src/compose-services.js';
import { contractRoutes, type AccessPolicy, type ContractRoutes } from '../src/web/contract-routes.js';
import { useTempDir } from './temp-dir.js';

/**
 * What keeps a connection of the contract's HTTP routes open (issue 15), on raw sockets: a refused request without a
 * body (GET, HEAD) leaves it open for the next one, and an idle event stream says it is alive every 25 s (vitest's
 * fake setInterval, only that faked: the sockets are real).
 */
const anonymous: CallContext = { sessionToken: null, actingUsername: null, face: 'http', source: '127.0.0.1' };

describe('contract routes that keep a connection open', () => {
  const tempDir = useTempDir();
  const open: Array<{ server: Server; services: ComposedServices; routes: ContractRoutes }> = [];
  afterEach(async () => {
    vi.useRealTimers();
    for (const { server, services, routes } of open.splice(0)) {
      routes.endStreams();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await services.close();
    }
  });

  async function start(caller: AccessPolicy['caller']) {
    const dataDir = await tempDir();
    await mkdir(join(dataDir, 'renderer'));
    const services = await composeServices({ dataDir });
    const routes = contractRoutes({ services, rendererDir: join(dataDir, 'renderer'), access: { page: () => true, caller } });
    const server = createServer((request, response) => void routes.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    open.push({ server, services, routes });
    return { port: (server.address() as AddressInfo).port, services };
  }

  /** Sends `text` on a new connection; `until` decides when enough of the reply has come. The socket stays open. */
  function readUntil(port: number, text: string, until: (reply: string) => boolean) {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    const reply = new Promise<string>((resolve, reject) => {
      let received = '';
      socket.on('data', (chunk: Buffer) => {
        received += chunk.toString('utf8');
        if (until(received)) resolve(received);
      });
      socket.on('close', () => reject(new Error(`closed after: ${received}`)));
    });
    return { socket, reply };
  }

  it('a refused GET or HEAD (no body to drop) keeps the connection for the next request', async () => {
    const { port } = await start(async () => ({ refused: 'E_UNAUTHORIZED', message: 'không / no' }));
    for (const method of ['GET', 'HEAD']) {
      const { socket, reply } = readUntil(port, `${method} /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`, (text) => text.includes('\r\n\r\n'));
      const head = await reply;
      expect([method, head.split('\r\n')[0], /\r\nconnection: (\S+)\r\n/i.exec(head)?.[1]]).toEqual([method, 'HTTP/1.1 401 Unauthorized', 'keep-alive']);
      socket.destroy();
    }
  });

  it('an idle event stream sends a keep-alive comment every 25 s, and nothing before', async () => {
    const { port, services } = await start(async () => anonymous);
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let seen = '';
    const { socket, reply } = readUntil(port, 'GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', (text) => ((seen = text), text.includes(': keep-alive\n\n')));
    await expect.poll(() => services.events.listenerCount).toBe(1);
    await expect.poll(() => seen.includes(': connected')).toBe(true);
    vi.advanceTimersByTime(24_999);
    expect(seen).not.toContain('keep-alive\n');
    vi.advanceTimersByTime(1);
    expect(await reply).toContain(': keep-alive\n\n');
    socket.destroy();
    // The stream's close clears its heartbeat.
    await expect.poll(() => services.events.listenerCount).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  }, 10_000);
});
