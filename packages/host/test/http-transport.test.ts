import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EOfficeError, createHttpTransport } from '@eoffice/contract';

/** The browser's transport (contract's, tested here where Node's http exists) against a real loopback server that answers whatever each test scripts. */
describe('HTTP transport', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  async function serve(handler: (request: IncomingMessage, response: ServerResponse, body: string) => void) {
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => handler(request, response, body));
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async function errorOf(call: Promise<unknown>): Promise<EOfficeError> {
    const error: unknown = await call.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(EOfficeError);
    return error as EOfficeError;
  }

  it('sends the token, the session and the input; a typed error in the reply comes back as it is', async () => {
    const seen: Array<{ url?: string; token?: string | string[]; session?: string | string[]; body: string }> = [];
    const baseUrl = await serve((request, response, body) => {
      seen.push({ url: request.url, token: request.headers['x-eoffice-token'], session: request.headers['x-eoffice-session'], body });
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ok: false, error: { code: 'E_NOT_FOUND', message: 'Không tìm thấy / not found' } }));
    });
    let session: string | null = null;
    const transport = createHttpTransport({ baseUrl, token: 'launch-token', getSession: () => session });
    expect(await transport.call('documents.show', { id: 'd 1' })).toEqual({ ok: false, error: { code: 'E_NOT_FOUND', message: 'Không tìm thấy / not found' } });
    session = 'session-1';
    await transport.call('documents.show', { id: 'd2' });
    expect(seen).toEqual([
      { url: '/rpc/documents.show', token: 'launch-token', session: undefined, body: '{"id":"d 1"}' },
      { url: '/rpc/documents.show', token: 'launch-token', session: 'session-1', body: '{"id":"d2"}' },
    ]);
  });

  it('turns an answer that is not ours into a typed error: 401 → E_UNAUTHORIZED, anything else → E_INTERNAL', async () => {
    const baseUrl = await serve((request, response) => {
      if (request.url === '/rpc/a') return void response.writeHead(401).end();
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end('<html>Bad gateway</html>');
    });
    const transport = createHttpTransport({ baseUrl, token: 't' });
    const unauthorized = await errorOf(transport.call('a', {}));
    expect(unauthorized.code).toBe('E_UNAUTHORIZED');
    const gateway = await errorOf(transport.call('b', {}));
    expect(gateway.code).toBe('E_INTERNAL');
    expect(gateway.message).toContain('502');
  });

  it('opens the event stream again after it ends or is refused, and stops for good when unsubscribed', async () => {
    let connections = 0;
    const baseUrl = await serve((request, response) => {
      connections += 1;
      expect(request.headers['x-eoffice-token']).toBe('t');
      if (connections === 2) return void response.writeHead(503).end();
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      // Each stream carries one event naming its connection, then ends, as a restarting host would.
      response.end(`: connected\n\ndata: {"connection":${connections}}\n\n`);
    });
    const transport = createHttpTransport({ baseUrl, token: 't', reconnectDelayMs: 10 });
    const received: unknown[] = [];
    const unsubscribe = transport.subscribe((event) => received.push(event));
    await expect.poll(() => received.length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    unsubscribe();
    expect(received.slice(0, 2)).toEqual([{ connection: 1 }, { connection: 3 }]);
    const after = connections;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(connections).toBeLessThanOrEqual(after + 1);
    const settled = connections;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(connections).toBe(settled);
  });
});
