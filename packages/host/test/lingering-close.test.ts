import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { composeServices, type ComposedServices } from '../src/compose-services.js';
import { contractRoutes } from '../src/web/contract-routes.js';
import { useTempDir } from './temp-dir.js';

/**
 * The lingering close (lingering-close.ts) seen from both ends of one connection: a refused call whose body is still
 * on its way. The server answers, shuts its side, reads and drops the rest, and destroys the socket when the client
 * ends or 2 s after the answer, whichever comes first. The 2 s run on vitest's fake setTimeout (only that is faked:
 * the sockets are real), so the test waits for no clock and sees the timer's edge exactly.
 */
describe('the lingering close after a refused body', () => {
  const tempDir = useTempDir();
  const open: Array<{ server: Server; services: ComposedServices }> = [];
  afterEach(async () => {
    vi.useRealTimers();
    for (const { server, services } of open.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await services.close();
    }
  });

  /** A server that refuses every call, or (`bodyLimitBytes`) admits any with that body limit; lists its sockets. */
  async function start(bodyLimitBytes?: number) {
    const dataDir = await tempDir();
    await mkdir(join(dataDir, 'renderer'));
    const services = await composeServices({ dataDir });
    const routes = contractRoutes({
      services,
      rendererDir: join(dataDir, 'renderer'),
      access: {
        page: () => true,
        caller: async () =>
          bodyLimitBytes === undefined
            ? { refused: 'E_UNAUTHORIZED', message: 'không / no' }
            : { sessionToken: null, actingUsername: null, face: 'http', source: '127.0.0.1' },
      },
      ...(bodyLimitBytes === undefined ? {} : { bodyLimitBytes }),
    });
    const server = createServer((request, response) => void routes.handle(request, response));
    const accepted: Socket[] = [];
    server.on('connection', (socket: Socket) => accepted.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    open.push({ server, services });
    return { port: (server.address() as AddressInfo).port, accepted };
  }

  /**
   * A client that announces a 1000-byte body, sends 10 bytes of it and keeps its side open (allowHalfOpen: it does not
   * answer the server's FIN with its own). Resolves once the answer and the server's FIN have arrived, with the
   * server's side of the connection.
   */
  async function refusedMidBody(port: number, accepted: readonly Socket[], request = `POST /rpc/users.needsSetup HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n${'x'.repeat(10)}`) {
    const client = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    let reply = '';
    client.on('data', (chunk: Buffer) => (reply += chunk.toString('utf8')));
    const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
    client.write(request);
    await ended;
    const server = accepted[0];
    if (!server) throw new Error('no connection accepted');
    return { client, server, serverClosed: new Promise<void>((resolve) => server.once('close', () => resolve())), reply };
  }

  it('answers in full, then keeps reading for exactly 2 s a client that neither sends nor ends, and then cuts it', async () => {
    const { port, accepted } = await start();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { client, server, serverClosed, reply } = await refusedMidBody(port, accepted);
    expect(reply).toMatch(/^HTTP\/1\.1 401 Unauthorized\r\n/);
    expect(reply).toContain('connection: close');
    expect(reply).toContain('"code":"E_UNAUTHORIZED"');
    // Our side is shut (the client saw our FIN), the socket is still read.
    expect([server.writableEnded, server.destroyed]).toEqual([true, false]);
    vi.advanceTimersByTime(1_999);
    expect(server.destroyed).toBe(false);
    vi.advanceTimersByTime(1);
    expect(server.destroyed).toBe(true);
    await serverClosed;
    client.destroy();
  }, 10_000);

  it('reads and drops what the client still sends, closes as soon as it ends, and leaves no timer', async () => {
    const { port, accepted } = await start();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { client, server, serverClosed, reply } = await refusedMidBody(port, accepted);
    expect(vi.getTimerCount()).toBe(1);
    // The rest of the body, and more: read and dropped, never answered (one answer per connection).
    client.end('y'.repeat(64 * 1024));
    await serverClosed;
    expect(server.destroyed).toBe(true);
    expect(reply.match(/HTTP\/1\.1/g)).toHaveLength(1);
    // The 2 s timer was cleared when the socket closed.
    expect(vi.getTimerCount()).toBe(0);
  }, 10_000);

  it('a body read past the limit (paused there) is resumed and drained: the client’s end still closes the socket', async () => {
    const { port, accepted } = await start(16);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    // No length announced: the limit bites while the body streams in, and the body is paused where it bit.
    const { client, serverClosed, reply } = await refusedMidBody(port, accepted,
      `POST /rpc/users.needsSetup HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n11\r\n${'x'.repeat(17)}\r\n`);
    expect(reply).toMatch(/^HTTP\/1\.1 413 Payload Too Large\r\n/);
    // More than a paused request would buffer (its socket would stop being read, and our end never be seen).
    const piece = Buffer.concat([Buffer.from(`${(64 * 1024).toString(16)}\r\n`), Buffer.alloc(64 * 1024, 0x20), Buffer.from('\r\n')]);
    for (let i = 0; i < 8; i += 1) client.write(piece);
    client.end('0\r\n\r\n');
    await serverClosed;
    expect(vi.getTimerCount()).toBe(0);
  }, 10_000);
});
