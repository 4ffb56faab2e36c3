import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallContext } from '@eoffice/contract';
import { composeServices, type ComposedServices } from '../src/compose-services.js';
import { contractRoutes, type AccessPolicy, type ContractRoutes } from '../src/web/contract-routes.js';
import { rawRequest } from './raw-http.js';
import { useTempDir } from './temp-dir.js';

/**
 * The contract's HTTP routes at their edges (issue 15), over raw sockets so every byte is ours: the body limit at
 * exactly its size and one byte over (announced and chunked), an empty body, broken JSON, an empty method path,
 * a refusal (with and without a body), the event stream's first bytes and the headers every JSON answer carries.
 * The access policy is the routes' own interface, here one that admits every caller as an anonymous HTTP client.
 */
const tempDir = useTempDir();
const anonymous: CallContext = { sessionToken: null, actingUsername: null, face: 'http', source: '127.0.0.1' };

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** Sends exactly `text` and reads one answer (raw-http.ts), its body as text. */
async function raw(port: number, text: string): Promise<Answer> {
  const answer = await rawRequest(port, text);
  return { ...answer, body: answer.body.toString('utf8') };
}

describe('contract routes at their edges', () => {
  const open: Array<{ server: Server; services: ComposedServices; routes: ContractRoutes }> = [];
  afterEach(async () => {
    for (const { server, services, routes } of open.splice(0)) {
      routes.endStreams();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await services.close();
    }
  });

  async function start(policy: Partial<AccessPolicy> = {}, bodyLimitBytes?: number) {
    const dataDir = await tempDir();
    const rendererDir = join(dataDir, 'renderer');
    await mkdir(rendererDir);
    await writeFile(join(rendererDir, 'index.html'), '<title>E-Office</title>');
    const services = await composeServices({ dataDir });
    const access: AccessPolicy = { page: () => true, caller: async () => anonymous, ...policy };
    const routes = contractRoutes({ services, rendererDir, access, ...(bodyLimitBytes === undefined ? {} : { bodyLimitBytes }), uploadLimitBytes: 10 });
    const server = createServer((request, response) => void routes.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    open.push({ server, services, routes });
    const port = (server.address() as AddressInfo).port;
    const post = (path: string, body: string, extra = '') =>
      raw(port, `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${extra}Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    const chunked = (path: string, body: string) =>
      raw(port, `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${Buffer.byteLength(body).toString(16)}\r\n${body}\r\n0\r\n\r\n`);
    const send = (method: string, path: string, extra = '') => raw(port, `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${extra}Connection: close\r\n\r\n`);
    return { port, services, routes, post, chunked, send };
  }

  const needsSetup = '{"ok":true,"result":{"needsSetup":true}}';
  const padded = (size: number) => `{}${' '.repeat(size - 2)}`;

  it('a JSON answer is application/json, no-store; an empty body is the empty input', async () => {
    const { post } = await start();
    const answer = await post('/rpc/users.needsSetup', '');
    expect([answer.status, answer.headers['content-type'], answer.headers['cache-control'], answer.body]).toEqual([
      200,
      'application/json; charset=utf-8',
      'no-store',
      needsSetup,
    ]);
  });

  it('the body limit: exactly the limit is read, one byte over is 413 whether announced or streamed, and the connection closes', async () => {
    const { post, chunked } = await start({}, 32);
    expect((await post('/rpc/users.needsSetup', padded(32))).body).toBe(needsSetup);
    expect((await chunked('/rpc/users.needsSetup', padded(32))).body).toBe(needsSetup);
    const announced = await post('/rpc/users.needsSetup', padded(33));
    expect([announced.status, announced.headers.connection, JSON.parse(announced.body).error.code]).toEqual([413, 'close', 'E_TOO_LARGE']);
    const streamed = await chunked('/rpc/users.needsSetup', padded(33));
    expect([streamed.status, streamed.headers.connection]).toEqual([413, 'close']);
    expect(JSON.parse(streamed.body).error.code).toBe('E_TOO_LARGE');
  });

  it('the default limit is 16 MiB, and the refusal says so', async () => {
    const { port } = await start();
    const over = await raw(port, `POST /rpc/users.needsSetup HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${16 * 1024 * 1024 + 1}\r\nConnection: close\r\n\r\n{`);
    expect([over.status, JSON.parse(over.body)]).toEqual([
      413,
      { ok: false, error: { code: 'E_TOO_LARGE', message: 'Yêu cầu vượt quá 16 MiB / request body over the limit' } },
    ]);
  });

  it('broken JSON is 400 E_INVALID_INPUT; an empty or undecodable method path too, before any body is read', async () => {
    const { post } = await start();
    const broken = await post('/rpc/users.needsSetup', '{"a":');
    expect([broken.status, JSON.parse(broken.body)]).toEqual([
      400,
      { ok: false, error: { code: 'E_INVALID_INPUT', message: 'Nội dung yêu cầu không phải JSON hợp lệ / body is not valid JSON' } },
    ]);
    for (const path of ['/rpc/', '/rpc/%']) {
      const answer = await post(path, '{}');
      expect([path, answer.status, JSON.parse(answer.body)]).toEqual([
        path,
        400,
        { ok: false, error: { code: 'E_INVALID_INPUT', message: 'Địa chỉ yêu cầu hỏng / malformed request path' } },
      ]);
    }
  });

  it('a refused caller gets the code\'s status and message; a refused body closes the connection, a refused GET does not', async () => {
    const { post, send } = await start({ caller: async () => ({ refused: 'E_UNAUTHORIZED', message: 'không / no' }) });
    const call = await post('/rpc/users.needsSetup', '{}');
    expect([call.status, call.headers.connection, JSON.parse(call.body)]).toEqual([
      401,
      'close',
      { ok: false, error: { code: 'E_UNAUTHORIZED', message: 'không / no' } },
    ]);
    const events = await raw((await start({ caller: async () => ({ refused: 'E_UNAUTHORIZED', message: 'không / no' }) })).port,
      'GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    expect(events.status).toBe(401);
    expect(events.headers.connection).toBe('keep-alive');
    expect((await send('GET', '/download?export=a.pdf')).status).toBe(401);
  });

  it('pages: GET and HEAD only, the page policy asked first', async () => {
    const { send } = await start();
    expect((await send('GET', '/')).status).toBe(200);
    const head = await send('HEAD', '/');
    expect([head.status, head.headers['content-type'], head.body]).toEqual([200, 'text/html; charset=utf-8', '']);
    for (const method of ['POST', 'PUT', 'OPTIONS']) expect([method, (await send(method, '/')).status]).toEqual([method, 405]);
    const closed = await start({ page: () => false });
    expect((await closed.send('GET', '/')).status).toBe(403);
  });

  it('routes by exact path: /events with a query, /uploads or /downloads are pages, /upload?x and /download?… are API', async () => {
    const { send } = await start();
    for (const path of ['/events?x=1', '/uploads', '/downloads', '/rpcx']) {
      const answer = await send('GET', path);
      expect([path, answer.status, answer.body]).toEqual([path, 200, '<title>E-Office</title>']);
    }
    expect((await send('POST', '/download?export=a.pdf')).status).toBe(405);
    expect((await send('GET', '/upload?x=1')).status).toBe(405);
    expect((await send('GET', '/rpc/users.needsSetup')).status).toBe(405);
  });

  it('downloads: no query or a malformed one is 400 with the same message', async () => {
    const { send } = await start();
    for (const path of ['/download', '/download?', '/download?documentId=x&sha256=zz', '/download?export=..%2Fa']) {
      const answer = await send('GET', path);
      expect([path, answer.status, JSON.parse(answer.body)]).toEqual([
        path,
        400,
        { ok: false, error: { code: 'E_INVALID_INPUT', message: 'Yêu cầu tải tệp sai dạng / malformed download request' } },
      ]);
    }
  });

  it('uploads: no file name, or a length over the limit, are refused before the body is read, and the connection closes', async () => {
    const { post } = await start();
    const nameless = await post('/upload', 'abc');
    expect([nameless.status, nameless.headers.connection, JSON.parse(nameless.body).error]).toEqual([
      400,
      'close',
      { code: 'E_INVALID_INPUT', message: 'Thiếu tên tệp hoặc mã băm sai dạng / missing file name or malformed SHA-256 (x-eoffice-file-name)' },
    ]);
    const badSha = await post('/upload', 'abc', 'x-eoffice-file-name: a.pdf\r\nx-eoffice-sha256: 1234\r\n');
    expect(badSha.status).toBe(400);
    const tooLarge = await post('/upload', '01234567890', 'x-eoffice-file-name: a.pdf\r\n');
    expect([tooLarge.status, tooLarge.headers.connection, JSON.parse(tooLarge.body).error]).toEqual([
      413,
      'close',
      { code: 'E_TOO_LARGE', message: 'Tệp vượt quá giới hạn 0 MiB / file over the 10-byte limit' },
    ]);
  });

  it('the event stream: its headers, ": connected" first, an event as a data line, and endStreams ends it', async () => {
    const { port, services, routes } = await start();
    const reply = rawRequest(port, 'GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await expect.poll(() => services.events.listenerCount).toBe(1);
    routes.endStreams();
    const answer = await reply;
    expect(answer.status).toBe(200);
    expect(answer.headers).toMatchObject({ 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
    // Nothing but the comment line came before the stream was ended.
    expect(answer.body.toString('utf8')).toBe(': connected\n\n');
    await expect.poll(() => services.events.listenerCount).toBe(0);
  });

  it('the answer hook sees the call and may change its answer; the stream hook may end a stream', async () => {
    const seen: string[] = [];
    const { post, port, services } = await start({
      answer: (path, result) => {
        seen.push(path);
        return result.ok ? { ok: true, result: { wrapped: result.result } } : result;
      },
      stream: (_context, end) => {
        setTimeout(end, 10);
        return () => seen.push('unwatched');
      },
    });
    expect((await post('/rpc/users.needsSetup', '{}')).body).toBe('{"ok":true,"result":{"wrapped":{"needsSetup":true}}}');
    const events = await raw(port, 'GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    expect(events.status).toBe(200);
    await expect.poll(() => services.events.listenerCount).toBe(0);
    expect(seen).toEqual(['users.needsSetup', 'unwatched']);
  });
});
