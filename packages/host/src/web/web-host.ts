import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  HTTP_EVENTS_PATH,
  HTTP_RPC_PREFIX,
  HTTP_SESSION_HEADER,
  HTTP_TOKEN_HEADER,
  httpStatusOf,
  type WireResult,
} from '@eoffice/contract';
import type { ComposedServices } from '../compose-services.js';
import { decodePath, serveStatic } from './static-files.js';
import { isSameLoopbackOrigin, tokensEqual } from './web-security.js';

export interface WebHostOptions {
  readonly services: ComposedServices;
  /** The built renderer (index.html and assets). */
  readonly rendererDir: string;
  /** 0 or absent: any free port. */
  readonly port?: number;
  /** Tests may fix the token; by default a random one per launch. */
  readonly token?: string;
}

export interface WebHost {
  readonly port: number;
  readonly token: string;
  /** The URL to open: the token travels in the fragment, which browsers never send to a server. */
  readonly url: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** The loopback HTTP face: the same services as Electron IPC, for `pnpm start:web` and the browser tests. */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const { services } = options;
  let port = 0;
  const openStreams = new Set<ServerResponse>();

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      services.logger.error({ err: error, url: request.url }, 'web host request failed');
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = request.url ?? '/';
    const isApi = url.startsWith(HTTP_RPC_PREFIX) || url === HTTP_EVENTS_PATH;
    if (!isApi) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return void response.writeHead(405).end();
      if (!isSameLoopbackOrigin(request, port)) return void response.writeHead(403).end();
      return serveStatic(options.rendererDir, url, response);
    }
    const given = request.headers[HTTP_TOKEN_HEADER];
    if (!isSameLoopbackOrigin(request, port) || !tokensEqual(token, typeof given === 'string' ? given : undefined)) {
      return sendJson(response, httpStatusOf('E_UNAUTHORIZED'), {
        ok: false,
        error: { code: 'E_UNAUTHORIZED', message: 'Thiếu hoặc sai mã truy cập / missing or wrong access token' },
      });
    }
    if (url === HTTP_EVENTS_PATH) return streamEvents(response);
    if (request.method !== 'POST') return void response.writeHead(405).end();
    const path = decodePath(url.slice(HTTP_RPC_PREFIX.length));
    const body = await readJsonBody(request);
    if (path === undefined) {
      return sendJson(response, httpStatusOf('E_INVALID_INPUT'), {
        ok: false,
        error: { code: 'E_INVALID_INPUT', message: 'Địa chỉ yêu cầu hỏng / malformed request path' },
      });
    }
    if (body === INVALID_BODY) {
      return sendJson(response, httpStatusOf('E_INVALID_INPUT'), {
        ok: false,
        error: { code: 'E_INVALID_INPUT', message: 'Nội dung yêu cầu không phải JSON hợp lệ / body is not valid JSON' },
      });
    }
    const session = request.headers[HTTP_SESSION_HEADER];
    const result = await services.dispatch(path, body, {
      sessionToken: typeof session === 'string' ? session : null,
      actingUsername: null,
      face: 'http',
    });
    sendJson(response, result.ok ? 200 : httpStatusOf(result.error.code), result);
  }

  function streamEvents(response: ServerResponse): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    const unsubscribe = services.events.subscribe((event) => response.write(`data: ${JSON.stringify(event)}\n\n`));
    const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), 25_000);
    openStreams.add(response);
    response.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      openStreams.delete(response);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    close: async () => {
      for (const stream of openStreams) stream.end();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // A browser keeps sockets open (keep-alive, the event stream's retries): close them so shutdown never hangs.
      server.closeAllConnections();
      await closed;
    },
  };
}

const INVALID_BODY = Symbol('invalid body');

async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return INVALID_BODY;
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return INVALID_BODY;
  }
}

function sendJson(response: ServerResponse, status: number, body: WireResult): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}
