import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  EOfficeError,
  HTTP_DOWNLOAD_PATH,
  HTTP_FILE_NAME_HEADER,
  HTTP_RPC_PREFIX,
  HTTP_SESSION_HEADER,
  downloadRefToQuery,
  createHttpTransport,
  isEOfficeError,
  type CallContext,
  type Dispatch,
  type DownloadedFile,
  type DownloadRef,
  type Transport,
  type UploadMeta,
  type UploadReceipt,
  type WireResult,
} from '@eoffice/contract';
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
   * A file from the server, read up to `limitBytes` (default 512 MiB: a server cannot make the workstation hold an
   * endless answer); a document's file must have the SHA-256 its ref names.
   */
  download(ref: DownloadRef, context: CallContext, limitBytes?: number): Promise<DownloadedFile>;
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
      const bytes = await boundedBody(reply, limitBytes);
      if ('sha256' in ref && createHash('sha256').update(bytes).digest('hex') !== ref.sha256) {
        throw new EOfficeError('E_BLOB_CORRUPT', `Tệp máy chủ gửi không khớp mã băm SHA-256 / the server's file does not match its SHA-256 (${ref.sha256})`);
      }
      return {
        name: decodeURIComponent(reply.headers.get(HTTP_FILE_NAME_HEADER) ?? 'tep'),
        mediaType: reply.headers.get('content-type') ?? 'application/octet-stream',
        bytes,
      };
    },
  };
}

/** An answer's body, refused as soon as it is known to pass the limit (announced or as it arrives). */
async function boundedBody(reply: Response, limitBytes: number): Promise<Uint8Array> {
  const tooLarge = () => {
    void reply.body?.cancel().catch(() => undefined);
    return new EOfficeError('E_TOO_LARGE', `Tệp tải về vượt quá giới hạn ${Math.floor(limitBytes / 1048576)} MiB / download over the ${limitBytes}-byte limit`);
  };
  if (Number(reply.headers.get('content-length') ?? 0) > limitBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reply.body) {
    const reader = reply.body.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      size += next.value.length;
      if (size > limitBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(next.value);
    }
  }
  return Buffer.concat(chunks, size);
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
