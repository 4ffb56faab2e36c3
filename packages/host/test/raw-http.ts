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
