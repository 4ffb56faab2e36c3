import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import {
  DEFAULT_UPLOAD_LIMIT_BYTES,
  EOfficeError,
  HTTP_DOWNLOAD_PATH,
  HTTP_EVENTS_PATH,
  HTTP_FILE_NAME_HEADER,
  HTTP_FILE_SHA256_HEADER,
  HTTP_RPC_PREFIX,
  HTTP_UPLOAD_PATH,
  downloadRefFromQuery,
  httpStatusOf,
  isEOfficeError,
  uploadMetaSchema,
  type CallContext,
  type ErrorCode,
  type WireResult,
} from '@eoffice/contract';
import type { FileDownload } from '@eoffice/docs-core';
import type { HostedServices } from '../hosted-services.js';
import { closeAfterAnswer } from './lingering-close.js';
import { decodePath, serveStatic } from './static-files.js';

/** One request of the contract's HTTP protocol, as the access policy sees it before anything is read. */
export type ApiRoute =
  | { readonly kind: 'rpc'; readonly path: string }
  | { readonly kind: 'events' }
  | { readonly kind: 'upload' }
  | { readonly kind: 'download' };

/** A request the policy refuses: answered with this code's status and a typed error, the body never read. */
export interface Refusal {
  readonly refused: ErrorCode;
  readonly message: string;
}

/**
 * Who may call, and how: the loopback web host (a per-launch token, loopback Host and Origin) and the agency server
 * (a signed-in user's session cookie over HTTPS) are the same protocol under two policies.
 */
export interface AccessPolicy {
  /** May this request load the renderer's files (GET/HEAD only reach here)? */
  page(request: IncomingMessage): boolean;
  /** The caller's context for an API request, or why it is refused. */
  caller(request: IncomingMessage, route: ApiRoute): Promise<CallContext | Refusal>;
  /** Adjusts an answer before it leaves (the agency server turns a session into a cookie). */
  answer?(path: string, result: WireResult, context: CallContext, response: ServerResponse): WireResult;
  /** An event stream opened for this caller: `end` closes it (the agency server ends a signed-out session's streams). */
  stream?(context: CallContext, end: () => void): () => void;
}

export interface ContractRoutesOptions {
  readonly services: HostedServices;
  readonly rendererDir: string;
  readonly access: AccessPolicy;
  /** The largest file a page may upload (default files.ts's DEFAULT_UPLOAD_LIMIT_BYTES). */
  readonly uploadLimitBytes?: number;
  /** The largest JSON body of a call (default 16 MiB). */
  readonly bodyLimitBytes?: number;
}

export interface ContractRoutes {
  handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
  /** Ends every open event stream (before the server closes). */
  endStreams(): void;
}

export const DEFAULT_BODY_LIMIT_BYTES = 16 * 1024 * 1024;

export function isRefusal(value: CallContext | Refusal): value is Refusal {
  return 'refused' in value;
}

/** The contract over HTTP: calls, the event stream, uploads, downloads and the renderer's files. */
export function contractRoutes(options: ContractRoutesOptions): ContractRoutes {
  const { services, access } = options;
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const openStreams = new Set<ServerResponse>();

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = request.url ?? '/';
    const route = routeOf(url);
    if (!route) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return void response.writeHead(405).end();
      if (!access.page(request)) return void response.writeHead(403).end();
      return serveStatic(options.rendererDir, url, response);
    }
    const context = await access.caller(request, route);
    if (isRefusal(context)) {
      // A refused body is not read: the connection closes after the answer.
      if (request.method !== 'GET' && request.method !== 'HEAD') closeAfterAnswer(request, response);
      return sendJson(response, httpStatusOf(context.refused), { ok: false, error: { code: context.refused, message: context.message } });
    }
    const expected = route.kind === 'events' || route.kind === 'download' ? 'GET' : 'POST';
    if (request.method !== expected) return void response.writeHead(405).end();
    if (route.kind === 'events') return streamEvents(response, context);
    if (route.kind === 'download') return sendDownload(response, url, context);
    if (route.kind === 'upload') return receiveUpload(request, response, context);
    if (route.path === '') {
      return sendJson(response, httpStatusOf('E_INVALID_INPUT'), {
        ok: false,
        error: { code: 'E_INVALID_INPUT', message: 'Địa chỉ yêu cầu hỏng / malformed request path' },
      });
    }
    const body = await readJsonBody(request, bodyLimit);
    if (body === BODY_TOO_LARGE) {
      closeAfterAnswer(request, response);
      return sendJson(response, httpStatusOf('E_TOO_LARGE'), {
        ok: false,
        error: { code: 'E_TOO_LARGE', message: `Yêu cầu vượt quá ${bodyLimit / 1048576} MiB / request body over the limit` },
      });
    }
    if (body === INVALID_BODY) {
      return sendJson(response, httpStatusOf('E_INVALID_INPUT'), {
        ok: false,
        error: { code: 'E_INVALID_INPUT', message: 'Nội dung yêu cầu không phải JSON hợp lệ / body is not valid JSON' },
      });
    }
    const result = await services.dispatch(route.path, body, context);
    const answered = access.answer ? access.answer(route.path, result, context, response) : result;
    sendJson(response, answered.ok ? 200 : httpStatusOf(answered.error.code), answered);
  }

  /** The body is the file's bytes, streamed to the services; nothing is kept unless it all arrived within the limit. */
  async function receiveUpload(request: IncomingMessage, response: ServerResponse, context: CallContext): Promise<void> {
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
      // Read through an iterator that leaves the request alone when the services stop early (past the limit): a
      // destroyed request destroys its socket with the rest of the body unread (RST), and a client still sending then
      // loses the answer; the lingering close below reads and drops the rest instead.
      const receipt = await services.upload(request.iterator({ destroyOnReturn: false }), meta.data, context, limit);
      sendJson(response, 200, { ok: true, result: receipt });
    } catch (error) {
      // The rest of a refused body is not kept: the connection closes after the answer.
      closeAfterAnswer(request, response);
      sendError(response, error);
    }
  }

  /**
   * The file is piped as it is read, with its length and (a document's file) the SHA-256 it is stored under, so a
   * client can check what arrived. Once the headers are out an error can only cut the connection: the client sees
   * fewer bytes than announced, never a complete-looking file (the source holds its last chunk until it is checked).
   */
  async function sendDownload(response: ServerResponse, url: string, context: CallContext): Promise<void> {
    const ref = downloadRefFromQuery(new URLSearchParams(url.slice(url.indexOf('?') + 1)));
    let file: FileDownload;
    try {
      if (!url.includes('?') || !ref) throw new EOfficeError('E_INVALID_INPUT', 'Yêu cầu tải tệp sai dạng / malformed download request');
      file = await services.download(ref, context);
    } catch (error) {
      return sendError(response, error);
    }
    response.writeHead(200, {
      'content-type': file.mediaType,
      'content-length': file.size,
      [HTTP_FILE_NAME_HEADER]: encodeURIComponent(file.name),
      ...(file.sha256 ? { [HTTP_FILE_SHA256_HEADER]: file.sha256 } : {}),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    try {
      await pipeline(file.content, response);
    } catch (error) {
      // The client went away (nothing to tell), or the file failed mid-way: pipeline has destroyed the response.
      if (!isClientGone(error)) services.logger.warn({ err: error, name: file.name }, 'download cut');
    }
  }

  function sendError(response: ServerResponse, error: unknown): void {
    if (!isEOfficeError(error)) services.logger.error({ err: error }, 'file transfer failed');
    const typed = isEOfficeError(error) ? error : new EOfficeError('E_INTERNAL', 'Lỗi nội bộ / internal error');
    sendJson(response, httpStatusOf(typed.code), { ok: false, error: typed.toWire() });
  }

  function streamEvents(response: ServerResponse, context: CallContext): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    // The caller's own stream: an event about a document its user may not see never reaches it.
    const unsubscribe = services.listen(context, (event) => response.write(`data: ${JSON.stringify(event)}\n\n`), () => response.end());
    const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), 25_000);
    const unwatch = access.stream?.(context, () => response.end()) ?? (() => {});
    openStreams.add(response);
    response.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      unwatch();
      openStreams.delete(response);
    });
  }

  return {
    handle,
    endStreams: () => {
      for (const stream of openStreams) stream.end();
    },
  };
}

/** The API route a URL names, or null for the renderer's files. */
function routeOf(url: string): ApiRoute | null {
  const route = url.split('?')[0] ?? '/';
  if (url.startsWith(HTTP_RPC_PREFIX)) return { kind: 'rpc', path: decodePath(url.slice(HTTP_RPC_PREFIX.length)) ?? '' };
  if (url === HTTP_EVENTS_PATH) return { kind: 'events' };
  if (route === HTTP_UPLOAD_PATH) return { kind: 'upload' };
  if (route === HTTP_DOWNLOAD_PATH) return { kind: 'download' };
  return null;
}

/** The peer closed the connection: a download it stopped reading is not an error of ours. */
function isClientGone(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNRESET' || code === 'EPIPE';
}

const INVALID_BODY = Symbol('invalid body');
const BODY_TOO_LARGE = Symbol('body too large');

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/**
 * A body over the limit is refused from its announced length, or as soon as it grows past it: the rest is never read
 * (the answer closes the connection), so a client cannot make us buffer or drain an endless body.
 */
function readJsonBody(request: IncomingMessage, limit: number): Promise<unknown> {
  if (Number(request.headers['content-length'] ?? 0) > limit) return Promise.resolve(BODY_TOO_LARGE);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      request.off('data', onData);
      request.pause();
      resolve(BODY_TOO_LARGE);
    };
    request.on('data', onData);
    request.once('error', reject);
    request.once('end', () => {
      if (size === 0) return resolve({});
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown);
      } catch {
        resolve(INVALID_BODY);
      }
    });
  });
}

export function sendJson(response: ServerResponse, status: number, body: WireResult): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}
