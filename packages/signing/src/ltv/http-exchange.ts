import { SigningError } from '../signing-error.js';

export interface HttpExchangeOptions {
  readonly method: 'GET' | 'POST';
  readonly body?: Uint8Array;
  readonly contentType?: string;
  readonly accept?: string;
  /** Whole exchange, connect to last byte. */
  readonly timeoutMs: number;
  /** Answers larger than this are refused (a CRL of a big CA is a few MiB). */
  readonly maxBytes: number;
  /** The error code for an unreachable server or an HTTP error: each client names its own. */
  readonly errorCode: string;
  /** Who is being asked, for the message ("TSA", "OCSP", "CRL"). */
  readonly what: string;
}

/**
 * One HTTP request to a TSA, an OCSP responder or a CRL distribution point: http(s) only, a timeout on the whole
 * exchange, a size limit, and every failure a typed error. No retry: the caller decides (and a TSA is never asked
 * twice for the same signature behind the user's back).
 */
export async function httpExchange(url: string, options: HttpExchangeOptions): Promise<Buffer> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SigningError('BAD_ARGUMENT', `Địa chỉ ${options.what} không hợp lệ / invalid ${options.what} URL: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new SigningError('BAD_ARGUMENT', `Địa chỉ ${options.what} phải là http(s) / the ${options.what} URL must be http(s): ${url}`);
  }
  const fail = (detail: string, cause?: unknown): SigningError =>
    new SigningError(options.errorCode, `Không liên lạc được ${options.what} ${url} (${detail}) / ${options.what} unreachable: ${detail}`, { cause });
  let response: Response;
  try {
    response = await fetch(parsed, {
      method: options.method,
      ...(options.body ? { body: options.body } : {}),
      headers: {
        // One exchange per connection: simple responders (openssl ocsp) serve one connection at a time.
        connection: 'close',
        ...(options.contentType ? { 'content-type': options.contentType } : {}),
        ...(options.accept ? { accept: options.accept } : {}),
      },
      signal: AbortSignal.timeout(options.timeoutMs),
      redirect: 'error',
    });
  } catch (cause) {
    const timedOut = cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError');
    throw fail(timedOut ? `quá ${options.timeoutMs} ms / timed out after ${options.timeoutMs} ms` : describe(cause), cause);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw fail(`HTTP ${response.status}`);
  }
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > options.maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw fail(`câu trả lời quá lớn / answer too large: ${declared} bytes`);
  }
  try {
    const body = Buffer.from(await response.arrayBuffer());
    if (body.length > options.maxBytes) throw fail(`câu trả lời quá lớn / answer too large: ${body.length} bytes`);
    return body;
  } catch (cause) {
    if (cause instanceof SigningError) throw cause;
    throw fail(describe(cause), cause);
  }
}

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as Error & { cause?: unknown }).cause;
    return inner instanceof Error ? `${cause.message}: ${inner.message}` : cause.message;
  }
  return String(cause);
}
