import { Agent, request as httpsRequest, type AgentOptions, type RequestOptions } from 'node:https';
import type { Duplex } from 'node:stream';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { EOfficeError } from '@eoffice/contract';

/**
 * `fetch` to one agency server whose certificate is pinned by its SHA-256 fingerprint (the one `eoffice serve`
 * printed): the certificate may be self-signed, but a connection to any other certificate is refused after the TLS
 * handshake, before a byte of the request (a session, a password) is written to it. Built on node:https so that the
 * socket reaches the HTTP client only once its certificate has been checked.
 */
export function pinnedFetch(fingerprint: string): typeof fetch {
  const agent = new PinnedAgent(fingerprint, { keepAlive: true, maxSockets: 16 });
  return (async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.protocol !== 'https:') throw new EOfficeError('E_INVALID_INPUT', `Máy chủ phải là https:// / the server must be https://: ${url.origin}`);
    const method = init?.method ?? 'GET';
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, name) => (headers[name] = value));
    const body = await bodyStream(init?.body);
    return new Promise<Response>((resolve, reject) => {
      const outgoing = httpsRequest(url, { method, headers, agent, ...(init?.signal ? { signal: init.signal } : {}) }, (incoming) => {
        const answered = new Headers();
        for (const [name, value] of Object.entries(incoming.headers)) {
          for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) answered.append(name, one);
        }
        const status = incoming.statusCode ?? 502;
        const empty = method === 'HEAD' || status === 204 || status === 304;
        if (empty) incoming.resume();
        resolve(new Response(empty ? null : (Readable.toWeb(incoming) as ReadableStream<Uint8Array>), { status, headers: answered }));
      });
      outgoing.once('error', reject);
      if (body === null) outgoing.end();
      else if (typeof body === 'string' || body instanceof Uint8Array) outgoing.end(body);
      else body.once('error', (error) => outgoing.destroy(error)).pipe(outgoing);
    });
  }) as typeof fetch;
}

/** A request body as bytes, or as a stream for content that may be large (an upload passed on from a page). */
async function bodyStream(body: RequestInit['body']): Promise<string | Uint8Array | Readable | null> {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (body instanceof Blob) return Readable.fromWeb(body.stream() as NodeReadableStream<Uint8Array>);
  if (body instanceof ReadableStream) return Readable.fromWeb(body as NodeReadableStream<Uint8Array>);
  if (typeof (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function') return Readable.from(body as AsyncIterable<Uint8Array>);
  throw new EOfficeError('E_INVALID_INPUT', 'Kiểu nội dung yêu cầu không hỗ trợ / unsupported request body');
}

/** The agent hands the HTTP client a socket only after the peer's certificate matched the pinned fingerprint. */
class PinnedAgent extends Agent {
  constructor(
    private readonly fingerprint: string,
    options: AgentOptions,
  ) {
    super(options);
  }

  override createConnection(options: RequestOptions, callback?: (error: Error | null, socket: Duplex) => void): Duplex | undefined {
    // The chain is not judged by a CA (the certificate is usually self-signed): the fingerprint is the whole check.
    const socket: TLSSocket = tlsConnect({ ...(options as ConnectionOptions), rejectUnauthorized: false });
    // With an error the agent ignores the socket it is handed (already destroyed).
    const failed = (error: Error) => callback?.(error, socket);
    socket.once('error', failed);
    socket.once('secureConnect', () => {
      socket.off('error', failed);
      const seen = socket.getPeerCertificate().fingerprint256;
      if (seen !== this.fingerprint) {
        socket.destroy();
        callback?.(
          new EOfficeError(
            'E_SERVER_CERT_MISMATCH',
            `Chứng thư máy chủ không khớp dấu vân tay đã ghim: không kết nối / the server's certificate does not match the pinned fingerprint (${seen ?? 'none'}): not connecting`,
          ),
          socket,
        );
        return;
      }
      callback?.(null, socket);
    });
    return undefined;
  }
}
