import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** How long the unread rest of a refused body is still read, and dropped, after the answer. */
const LINGER_MS = 2_000;

/**
 * For a request answered before its body was read (refused, or over the limit): the connection closes after the
 * answer without losing it. A socket closed with unread bytes makes the kernel send RST, and a client still sending
 * its body then loses the answer already on its way (ECONNRESET, or an empty reply: a 413 arrived in CI as status 0).
 * So, as Apache's and nginx's lingering close do, the answer goes out, our side is shut (FIN), and what the client
 * still sends is read and dropped, never kept, until it stops or LINGER_MS pass. Call before the answer is sent.
 */
export function closeAfterAnswer(request: IncomingMessage, response: ServerResponse): void {
  response.setHeader('connection', 'close');
  // Taken now: by the time the answer is out, Node may have detached it from the request. Node's types say Socket, but
  // a request destroyed before the answer (a failed upload) has none.
  const socket = request.socket as Socket | null;
  response.once('finish', () => {
    // Gone already (the client left, or a failed upload destroyed the request): nothing left to read.
    if (!socket || socket.destroyed) return;
    // Node's server has just ended the socket (FIN) and would destroy it once that is written (destroySoon):
    // destroyed with unread bytes is the RST. The timer bounds how long a client can keep us reading.
    socket.removeListener('finish', socket.destroy);
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    socket.once('close', () => clearTimeout(timer));
    socket.once('end', () => socket.destroy());
    request.removeAllListeners('data');
    request.on('data', dropChunk);
    request.resume();
  });
}

function dropChunk(): void {}
