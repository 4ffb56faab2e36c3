import { connect } from 'node:net';

/** HTTP/1.1 chunked framing undone: size line (hex), data, CRLF, until the 0 chunk. */
export function unchunk(bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = bytes.indexOf('\r\n', at);
    if (lineEnd < 0) break;
    const size = parseInt(bytes.subarray(at, lineEnd).toString('latin1'), 16);
    if (!(size > 0)) break;
    parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

export interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** The body as sent, a chunked one unframed. */
  readonly body: Buffer;
}

/**
 * Sends exactly `request` and reads one answer: until the server closes, or, on a connection it keeps alive, until the
 * answer is complete by its own framing (Content-Length, the last chunk, or no body to a HEAD), then closes its side.
 * Waiting for the server's keep-alive timeout instead cost five idle seconds an answer.
 */
export function rawRequest(port: number, request: Buffer | string): Promise<RawAnswer> {
  const isHead = (typeof request === 'string' ? request : request.toString('latin1', 0, 5)).startsWith('HEAD ');
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    const chunks: Buffer[] = [];
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(parseAnswer(Buffer.concat(chunks)));
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (answerComplete(Buffer.concat(chunks), isHead)) settle();
    });
    socket.on('close', settle);
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
  });
}

function splitAnswer(reply: Buffer): { headers: Record<string, string>; statusLine: string; body: Buffer | null } {
  const split = reply.indexOf('\r\n\r\n');
  const [statusLine = '', ...lines] = reply.subarray(0, split < 0 ? reply.length : split).toString('latin1').split('\r\n');
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  return { headers, statusLine, body: split < 0 ? null : reply.subarray(split + 4) };
}

function parseAnswer(reply: Buffer): RawAnswer {
  const { headers, statusLine, body } = splitAnswer(reply);
  const bytes = body ?? Buffer.alloc(0);
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1] ?? 0), headers, body: headers['transfer-encoding'] === 'chunked' ? unchunk(bytes) : bytes };
}

/** Whether `reply` holds a whole answer by its own framing; without Content-Length or chunks only the close ends it. */
function answerComplete(reply: Buffer, isHead: boolean): boolean {
  const { headers, body } = splitAnswer(reply);
  if (body === null) return false;
  if (isHead) return true;
  if (headers['transfer-encoding'] === 'chunked') return lastChunkAt(body) >= 0;
  const length = headers['content-length'];
  return length !== undefined && body.length >= Number(length);
}

/** Where the 0-size chunk ends, walking the chunks by their sizes (-1 while it has not come). */
function lastChunkAt(body: Buffer): number {
  let at = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', at);
    if (lineEnd < 0) return -1;
    const size = parseInt(body.subarray(at, lineEnd).toString('latin1'), 16);
    if (Number.isNaN(size)) return -1;
    if (size === 0) return body.length >= lineEnd + 4 ? lineEnd + 4 : -1;
    at = lineEnd + 2 + size + 2;
    if (at > body.length) return -1;
  }
}

/**
 * Sends a head, then the body in pieces as fast as the socket takes them, then ends its side; resolves when the
 * connection closes, with the answer and the socket's error code (EPIPE or ECONNRESET: the server closed on unread bytes).
 */
export function rawStreaming(port: number, head: string, pieces: readonly Buffer[]): Promise<{ status: number; reply: string; error: string | null }> {
  return new Promise((resolve) => {
    let reply = '';
    let error: string | null = null;
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(head);
      let next = 0;
      const pump = () => {
        while (next < pieces.length) {
          if (!socket.write(pieces[next++] ?? Buffer.alloc(0))) return void socket.once('drain', pump);
        }
        socket.end();
      };
      pump();
    });
    socket.on('data', (chunk: Buffer) => (reply += chunk.toString('utf8')));
    socket.on('error', (e: NodeJS.ErrnoException) => (error ??= e.code ?? e.message));
    socket.on('close', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1] ?? 0), reply, error }));
  });
}
