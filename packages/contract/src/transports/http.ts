import { EOfficeError, httpStatusOf } from '../errors.js';
import {
  HTTP_DOWNLOAD_PATH,
  HTTP_FILE_NAME_HEADER,
  HTTP_FILE_SHA256_HEADER,
  HTTP_UPLOAD_PATH,
  downloadRefToQuery,
} from '../files.js';
import type { Transport, WireResult } from '../wire.js';

/** The loopback HTTP protocol, shared by the web host (server) and the browser (client). */
export const HTTP_TOKEN_HEADER = 'x-eoffice-token';
export const HTTP_SESSION_HEADER = 'x-eoffice-session';
export const HTTP_RPC_PREFIX = '/rpc/';
export const HTTP_EVENTS_PATH = '/events';

export interface HttpTransportOptions {
  /** e.g. `http://127.0.0.1:4312`; empty for same-origin. */
  readonly baseUrl: string;
  /** The per-launch secret printed by the web host (`#token=` in the URL). */
  readonly token: string;
  /** The logged-in user's session, once logins exist. */
  readonly getSession?: () => string | null;
  readonly fetch?: typeof fetch;
  /** How long to wait before opening the event stream again after it ended or failed (default 2 s). */
  readonly reconnectDelayMs?: number;
}

function headers(options: HttpTransportOptions): Record<string, string> {
  const result: Record<string, string> = { [HTTP_TOKEN_HEADER]: options.token };
  const session = options.getSession?.();
  if (session) result[HTTP_SESSION_HEADER] = session;
  return result;
}

export function createHttpTransport(options: HttpTransportOptions): Transport {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  return {
    async call(path, input): Promise<WireResult> {
      const response = await doFetch(`${options.baseUrl}${HTTP_RPC_PREFIX}${encodeURIComponent(path)}`, {
        method: 'POST',
        headers: { ...headers(options), 'content-type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
      return wireResultOf(response);
    },
    async upload(data, meta): Promise<WireResult> {
      const fileHeaders: Record<string, string> = {
        ...headers(options),
        'content-type': 'application/octet-stream',
        [HTTP_FILE_NAME_HEADER]: encodeURIComponent(meta.name),
      };
      if (meta.sha256) fileHeaders[HTTP_FILE_SHA256_HEADER] = meta.sha256;
      // A Blob goes as it is (the browser streams it from disk); bytes are copied into one.
      const body = data instanceof Uint8Array ? new Blob([data.slice()]) : data;
      return wireResultOf(await doFetch(`${options.baseUrl}${HTTP_UPLOAD_PATH}`, { method: 'POST', headers: fileHeaders, body }));
    },
    async download(ref): Promise<WireResult> {
      const response = await doFetch(`${options.baseUrl}${HTTP_DOWNLOAD_PATH}?${downloadRefToQuery(ref)}`, { headers: headers(options) });
      if (!response.ok) return wireResultOf(response);
      const name = decodeURIComponent(response.headers.get(HTTP_FILE_NAME_HEADER) ?? 'tep');
      const mediaType = response.headers.get('content-type') ?? 'application/octet-stream';
      return { ok: true, result: { name, mediaType, bytes: new Uint8Array(await response.arrayBuffer()) } };
    },
    subscribe(listener) {
      // EventSource cannot send our token header, so read the SSE stream through fetch.
      const abort = new AbortController();
      void (async () => {
        while (!abort.signal.aborted) {
          try {
            const response = await doFetch(`${options.baseUrl}${HTTP_EVENTS_PATH}`, {
              headers: headers(options),
              signal: abort.signal,
            });
            if (!response.ok || !response.body) throw new Error(`events: ${response.status}`);
            await readServerSentEvents(response.body, listener);
          } catch {
            if (abort.signal.aborted) return;
          }
          await new Promise((resolve) => setTimeout(resolve, options.reconnectDelayMs ?? 2000));
        }
      })();
      return () => abort.abort();
    },
  };
}

/** A JSON reply of ours, or a typed error naming the status when the server answered something else. */
async function wireResultOf(response: Response): Promise<WireResult> {
  const body: unknown = await response.json().catch(() => null);
  if (body && typeof body === 'object' && 'ok' in body) return body as WireResult;
  throw new EOfficeError(
    response.status === httpStatusOf('E_UNAUTHORIZED') ? 'E_UNAUTHORIZED' : 'E_INTERNAL',
    `Máy chủ trả lời ${response.status} / server answered ${response.status}`,
  );
}

/** Parses `data:` lines of a text/event-stream; each event's data is one JSON value. */
export async function readServerSentEvents(
  body: ReadableStream<Uint8Array>,
  listener: (raw: unknown) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let boundary = buffer.indexOf('\n\n');
    while (boundary >= 0) {
      const block = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trimStart())
        .join('\n');
      if (data) {
        try {
          listener(JSON.parse(data));
        } catch {
          // A malformed event is dropped; the stream goes on.
        }
      }
      boundary = buffer.indexOf('\n\n');
    }
  }
}
