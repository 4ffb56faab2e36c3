import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTP_SESSION_HEADER, HTTP_TOKEN_HEADER, type CallContext } from '@eoffice/contract';
import type { HostedServices } from '../hosted-services.js';
import { contractRoutes, type AccessPolicy } from './contract-routes.js';
import { isSameLoopbackOrigin, tokensEqual } from './web-security.js';

/** How long an idle keep-alive socket stays open (see the server's set-up). */
export const IDLE_SOCKET_MS = 60_000;

export interface WebHostOptions {
  readonly services: HostedServices;
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

/** The loopback HTTP face: the same services as Electron IPC, for `pnpm start:web` and the browser tests. */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const { services } = options;
  let port = 0;

  /** Only our own page on loopback, with the per-launch token, may call. */
  const access: AccessPolicy = {
    page: (request) => isSameLoopbackOrigin(request, port),
    caller: async (request) => {
      const given = request.headers[HTTP_TOKEN_HEADER];
      if (!isSameLoopbackOrigin(request, port) || !tokensEqual(token, typeof given === 'string' ? given : undefined)) {
        return { refused: 'E_UNAUTHORIZED', message: 'Thiếu hoặc sai mã truy cập / missing or wrong access token' };
      }
      return callContextOf(request);
    },
  };
  const routes = contractRoutes({
    services,
    rendererDir: options.rendererDir,
    access,
    ...(options.uploadLimitBytes === undefined ? {} : { uploadLimitBytes: options.uploadLimitBytes }),
  });

  const server: Server = createServer((request, response) => {
    routes.handle(request, response).catch((error: unknown) => {
      services.logger.error({ err: error, url: request.url }, 'web host request failed');
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  // Idle keep-alive sockets live a minute (Node's default: 5 s). A client reuses an idle socket until about a second
  // before the server's announced timeout; on a loaded machine that second was not enough, and a call sent just as
  // the server closed the socket failed with "other side closed" (the workstation race, CI at load 13). Calls from a
  // page come seconds apart, so a minute keeps the boundary away from them.
  server.keepAliveTimeout = IDLE_SOCKET_MS;
  server.headersTimeout = IDLE_SOCKET_MS + 5_000;

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
      routes.endStreams();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // A browser keeps sockets open (keep-alive, the event stream's retries): close them so shutdown never hangs.
      server.closeAllConnections();
      await closed;
    },
  };
}

function callContextOf(request: IncomingMessage): CallContext {
  const session = request.headers[HTTP_SESSION_HEADER];
  // The peer's address: failed sign-ins are throttled per source too (the agency server sees many machines).
  return { sessionToken: typeof session === 'string' ? session : null, actingUsername: null, face: 'http', source: request.socket.remoteAddress ?? null };
}
