import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import {
  EOfficeError,
  HTTP_DOWNLOAD_PATH,
  HTTP_FILE_NAME_HEADER,
  HTTP_FILE_SHA256_HEADER,
  HTTP_RPC_PREFIX,
  HTTP_SESSION_HEADER,
  downloadRefToQuery,
  createHttpTransport,
  isEOfficeError,
  type CallContext,
  type Dispatch,
  type DownloadRef,
  type Transport,
  type UploadMeta,
  type UploadReceipt,
  type WireResult,
} from '@eoffice/contract';
import { checkedStream, type FileDownload } from '@eoffice/docs-core';
import { normaliseFingerprint } from '../agency-server/server-certificate.js';
import { SESSION_COOKIE } from '../agency-server/session-cookie.js';
import { pinnedFetch } from './pinned-fetch.js';

export interface ServerLinkOptions {
  /** `https://HOST:PORT`, as `eoffice serve` printed it. */
  readonly url: string;
  /** The SHA-256 fingerprint `eoffice serve` printed (with or without colons). */
  readonly fingerprint: string;
}

/** A workstation's connection to its agency server: the contract's HTTP transport over a pinned HTTPS `fetch`. */
export interface ServerLink {
  readonly url: string;
  /** The contract over HTTPS, calling as whatever session `session()` names at the time of each call. */
  transport(session: () => string | null): Transport;
  /** Every call goes to the server with the caller's own session; a failed connection is a typed error. */
  readonly dispatch: Dispatch;
  upload(source: Readable | AsyncIterable<Uint8Array>, meta: UploadMeta, context: CallContext, limitBytes: number): Promise<UploadReceipt>;
  /**
   * A file from the server, streamed as it arrives and read no further than `limitBytes` (default 512 MiB: a server
   * cannot make the workstation pass on an endless answer); a document's file must have the SHA-256 its ref names.
   */
  download(ref: DownloadRef, context: CallContext, limitBytes?: number): Promise<FileDownload>;
}

export const DEFAULT_DOWNLOAD_LIMIT_BYTES = 512 * 1024 * 1024;

export function connectToServer(options: ServerLinkOptions): ServerLink {
  const fingerprint = normaliseFingerprint(options.fingerprint);
  if (!fingerprint) throw new EOfficeError('E_USAGE', 'Dấu vân tay SHA-256 phải là 64 chữ số hex / the SHA-256 fingerprint must be 64 hex digits');
  let base: URL;
  try {
    base = new URL(options.url);
  } catch {
    throw new EOfficeError('E_USAGE', `Địa chỉ máy chủ không hợp lệ / invalid server URL: ${options.url}`);
  }
  // Never plain HTTP: the session and every password would cross the LAN readable.
  if (base.protocol !== 'https:') throw new EOfficeError('E_USAGE', `Máy chủ phải là https:// / the server must be https://: ${options.url}`);
  const baseUrl = base.origin;
  const doFetch = sessionFromLogin(pinnedFetch(fingerprint));
  const transport = (session: () => string | null): Transport =>
    createHttpTransport({ baseUrl, token: '', getSession: session, fetch: doFetch });

  const unwrap = (reply: WireResult): unknown => {
    if (!reply.ok) throw EOfficeError.fromWire(reply.error);
    return reply.result;
  };

  return {
    url: baseUrl,
    transport,
    dispatch: async (path, input, context) => {
      try {
        return await transport(() => context.sessionToken).call(path, input);
      } catch (error) {
        return { ok: false, error: linkError(error, baseUrl).toWire() };
      }
    },
    upload: async (source, meta, context) => {
      try {
        // Passed on as it arrives: the workstation keeps no copy of a file it hands to the server.
        const body = new Response(Readable.toWeb(Readable.from(source)) as ReadableStream<Uint8Array>);
        const reply = await doFetch(`${baseUrl}/upload`, uploadInit(meta, context, body.body!));
        return unwrap((await reply.json()) as WireResult) as UploadReceipt;
      } catch (error) {
        throw linkError(error, baseUrl);
      }
    },
    download: async (ref, context, limitBytes = DEFAULT_DOWNLOAD_LIMIT_BYTES) => {
      let reply: Response;
      try {
        reply = await doFetch(`${baseUrl}${HTTP_DOWNLOAD_PATH}?${downloadRefToQuery(ref)}`, {
          headers: context.sessionToken ? { [HTTP_SESSION_HEADER]: context.sessionToken } : {},
        });
      } catch (error) {
        throw linkError(error, baseUrl);
      }
      if (!reply.ok) {
        const body = (await reply.json().catch(() => null)) as WireResult | null;
        if (body && typeof body === 'object' && 'ok' in body) unwrap(body);
        throw new EOfficeError('E_SERVER_UNREACHABLE', `Máy chủ trả lời ${reply.status} / the agency server answered ${reply.status}: ${baseUrl}`);
      }
      return streamedAnswer(reply, ref, limitBytes, baseUrl);
    },
  };
}

/**
 * The server's answer passed on as it arrives, checked on the way (checked-stream.ts): no further than the limit,
 * exactly the announced length, and the SHA-256 the ref names (or, for a printout, the one the server sent); a cut
 * connection or a mismatch fails the stream with a typed error before its last chunk, so nothing reads as complete.
 */
function streamedAnswer(reply: Response, ref: DownloadRef, limitBytes: number, baseUrl: string): FileDownload {
  const refuse = (error: EOfficeError) => {
    void reply.body?.cancel().catch(() => undefined);
    return error;
  };
  const tooLarge = () =>
    new EOfficeError('E_TOO_LARGE', `Tệp tải về vượt quá giới hạn ${Math.floor(limitBytes / 1048576)} MiB / download over the ${limitBytes}-byte limit`);
  const size = Number(reply.headers.get('content-length') ?? Number.NaN);
  if (!Number.isSafeInteger(size) || size < 0 || !reply.body) {
    throw refuse(new EOfficeError('E_SERVER_UNREACHABLE', `Máy chủ không báo độ dài tệp / the agency server did not announce the file's length: ${baseUrl}`));
  }
  if (size > limitBytes) throw refuse(tooLarge());
  const announced = reply.headers.get(HTTP_FILE_SHA256_HEADER)?.toLowerCase() ?? null;
  const sha256 = 'sha256' in ref ? ref.sha256 : announced !== null && /^[0-9a-f]{64}$/.test(announced) ? announced : null;
  const corrupt = () =>
    new EOfficeError('E_BLOB_CORRUPT', `Tệp máy chủ gửi không khớp mã băm SHA-256 / the server's file does not match its SHA-256 (${sha256 ?? 'length'})`);
  if (announced !== null && sha256 !== null && announced !== sha256) throw refuse(corrupt());
  const content = checkedStream(Readable.fromWeb(reply.body as NodeReadableStream<Uint8Array>), {
    sha256,
    size,
    limitBytes,
    corrupt,
    cut: (cause) =>
      new EOfficeError('E_SERVER_UNREACHABLE', `Kết nối máy chủ bị ngắt khi đang tải tệp / the agency server's connection was cut mid-download: ${baseUrl} (${(cause as Error).message})`),
    tooLarge,
  });
  return {
    name: decodeURIComponent(reply.headers.get(HTTP_FILE_NAME_HEADER) ?? 'tep'),
    mediaType: reply.headers.get('content-type') ?? 'application/octet-stream',
    size,
    sha256,
    content,
  };
}

/** The upload request the HTTP transport makes, but with a streamed body (the transport takes bytes or a Blob). */
function uploadInit(meta: UploadMeta, context: CallContext, body: ReadableStream<Uint8Array>): RequestInit {
  const headers: Record<string, string> = {
    'content-type': 'application/octet-stream',
    'x-eoffice-file-name': encodeURIComponent(meta.name),
  };
  if (meta.sha256) headers['x-eoffice-sha256'] = meta.sha256;
  if (context.sessionToken) headers['x-eoffice-session'] = context.sessionToken;
  return { method: 'POST', headers, body, duplex: 'half' } as RequestInit;
}

function linkError(error: unknown, baseUrl: string): EOfficeError {
  if (isEOfficeError(error)) return error;
  return new EOfficeError('E_SERVER_UNREACHABLE', `Không kết nối được máy chủ cơ quan / the agency server did not answer: ${baseUrl} (${(error as Error).message})`);
}

/**
 * The server keeps a browser's session in an HttpOnly cookie and leaves the token out of `users.login`'s answer. A
 * workstation is the browser's stand-in: it takes the token from the cookie and gives it back as the answer's token,
 * which its own face keeps and sends with each call (the session header), as it does in-process.
 */
function sessionFromLogin(inner: typeof fetch): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const response = await inner(input, init);
    const url = input instanceof Request ? input.url : String(input);
    if (!url.endsWith(`${HTTP_RPC_PREFIX}users.login`) || !response.ok) return response;
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith(`${SESSION_COOKIE}=`));
    const token = cookie?.slice(SESSION_COOKIE.length + 1).split(';')[0];
    const body = (await response.json()) as WireResult;
    if (!body.ok || !token) return Response.json(body, { status: response.status });
    return Response.json({ ok: true, result: { ...(body.result as object), token } }, { status: response.status });
  }) as typeof fetch;
}
