import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DEFAULT_UPLOAD_LIMIT_BYTES,
  EOfficeError,
  HTTP_DOWNLOAD_PATH,
  HTTP_EVENTS_PATH,
  HTTP_FILE_NAME_HEADER,
  HTTP_FILE_SHA256_HEADER,
  HTTP_UPLOAD_PATH,
  downloadRefFromQuery,
  isEOfficeError,
  uploadMetaSchema,
  type CallContext,
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
  /** The largest file a page may upload (default files.ts's DEFAULT_UPLOAD_LIMIT_BYTES). */
  readonly uploadLimitBytes?: number;
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
    const route = url.split('?')[0];
    const isApi = url.startsWith(HTTP_RPC_PREFIX) || url === HTTP_EVENTS_PATH || route === HTTP_UPLOAD_PATH || route === HTTP_DOWNLOAD_PATH;
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
    if (route === HTTP_DOWNLOAD_PATH) {
      if (request.method !== 'GET') return void response.writeHead(405).end();
      return sendDownload(request, response, url);
    }
    if (request.method !== 'POST') return void response.writeHead(405).end();
    if (route === HTTP_UPLOAD_PATH) return receiveUpload(request, response);
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
    const result = await services.dispatch(path, body, callContextOf(request));
    sendJson(response, result.ok ? 200 : httpStatusOf(result.error.code), result);
  }

  /** The body is the file's bytes, streamed to the services; nothing is kept unless it all arrived within the limit. */
  async function receiveUpload(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const limit = options.uploadLimitBytes ?? DEFAULT_UPLOAD_LIMIT_BYTES;
    const rawName = request.headers[HTTP_FILE_NAME_HEADER];
    const rawSha = request.headers[HTTP_FILE_SHA256_HEADER];
    const meta = uploadMetaSchema.safeParse({
      name: typeof rawName === 'string' ? safeDecode(rawName) : undefined,
      ...(typeof rawSha === 'string' ? { sha256: rawSha.toLowerCase() } : {}),
    });
    try {
      if (!meta.success) throw new EOfficeError('E_INVALID_INPUT', `Thiếu tên tệp hoặc mã băm sai dạng / missing file name or malformed SHA-256 (${HTTP_FILE_NAME_HEADER})`);
      if (Number(request.headers['content-length'] ?? 0) > limit) {
        throw new EOfficeError('E_TOO_LARGE', `Tệp vượt quá giới hạn ${Math.floor(limit / 1048576)} MiB / file over the ${limit}-byte limit`);
      }
      const receipt = await services.upload(request, meta.data, callContextOf(request), limit);
      sendJson(response, 200, { ok: true, result: receipt });
    } catch (error) {
      // The rest of a refused body is not read: the connection closes after the answer.
      response.setHeader('connection', 'close');
      sendError(response, error);
    }
  }

  async function sendDownload(request: IncomingMessage, response: ServerResponse, url: string): Promise<void> {
    const ref = downloadRefFromQuery(new URLSearchParams(url.slice(url.indexOf('?') + 1)));
    try {
      if (!url.includes('?') || !ref) throw new EOfficeError('E_INVALID_INPUT', 'Yêu cầu tải tệp sai dạng / malformed download request');
      const file = await services.download(ref, callContextOf(request));
      response.writeHead(200, {
        'content-type': file.mediaType,
        'content-length': file.bytes.length,
        [HTTP_FILE_NAME_HEADER]: encodeURIComponent(file.name),
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      response.end(file.bytes);
    } catch (error) {
      sendError(response, error);
    }
  }

  function sendError(response: ServerResponse, error: unknown): void {
    if (!isEOfficeError(error)) services.logger.error({ err: error }, 'file transfer failed');
    const typed = isEOfficeError(error) ? error : new EOfficeError('E_INTERNAL', 'Lỗi nội bộ / internal error');
    sendJson(response, httpStatusOf(typed.code), { ok: false, error: typed.toWire() });
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

function callContextOf(request: IncomingMessage): CallContext {
  const session = request.headers[HTTP_SESSION_HEADER];
  return { sessionToken: typeof session === 'string' ? session : null, actingUsername: null, face: 'http' };
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

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
