import type { IncomingMessage } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { HTTP_SESSION_HEADER, type CallContext, type MethodOutput } from '@eoffice/contract';
import type { HostedServices } from '../hosted-services.js';
import { contractRoutes, type AccessPolicy, type ApiRoute, type Refusal } from '../web/contract-routes.js';
import { IDLE_SOCKET_MS } from '../web/web-host.js';
import { clearedSessionCookie, sessionCookie, sessionFromCookie } from './session-cookie.js';

export interface AgencyServerOptions {
  readonly services: HostedServices;
  /** The built renderer, served at `/`. */
  readonly rendererDir: string;
  /** The address to listen on (`0.0.0.0` for the whole LAN); port 0: any free port. */
  readonly host: string;
  readonly port: number;
  /** PEM certificate and key: never plain HTTP. */
  readonly tls: { readonly cert: string; readonly key: string };
  /** The largest upload (default the contract's) and the largest JSON body of a call (default 16 MiB). */
  readonly uploadLimitBytes?: number;
  readonly bodyLimitBytes?: number;
  /** How long a stop waits for calls in flight before it cuts their connections (default 30 s). */
  readonly stopGraceMs?: number;
}

export interface AgencyServer {
  readonly port: number;
  /** `https://HOST:PORT/`. */
  readonly url: string;
  /** Stops taking connections, lets the calls in flight finish (up to the grace), then closes. */
  close(): Promise<void>;
}

/** The only calls answered without a signed-in session: signing in, and whether there is anyone to sign in as. */
const OPEN_METHODS = new Set(['users.login', 'users.needsSetup']);
/** An open event stream re-checks its session this often, so one ended elsewhere (a password change) stops too. */
const STREAM_RECHECK_MS = 60_000;

type Session = MethodOutput<'users', 'login'>;

/**
 * The agency server (issue 10): the contract, its event stream, uploads and downloads and the renderer over HTTPS to
 * the agency's LAN, for browsers and for workstations connected to it. Every API request needs a live session, held in
 * an HttpOnly cookie (or, for a workstation's own HTTPS client, the session header); the services then authorise each
 * call by that session's user exactly as in-process. No simple request has a side effect: a call must be JSON, an
 * upload octet-stream (a cross-site form or image can send neither without a CORS preflight, which is never granted),
 * and any Origin must be this server's.
 */
export async function startAgencyServer(options: AgencyServerOptions): Promise<AgencyServer> {
  const { services } = options;
  const streamsBySession = new Map<string, Set<() => void>>();
  let stopping = false;
  let inFlight = 0;
  let drained: (() => void) | null = null;

  const unauthorised: Refusal = { refused: 'E_UNAUTHORIZED', message: 'Cần đăng nhập / sign-in required' };

  async function sessionIsLive(context: CallContext): Promise<boolean> {
    if (!context.sessionToken) return false;
    const me = await services.dispatch('users.me', {}, context);
    // A session whose password an admin reset is live: the services let it change the password and nothing else.
    return me.ok || me.error.code !== 'E_UNAUTHORIZED';
  }

  const access: AccessPolicy = {
    page: () => true,
    caller: async (request, route) => {
      const crossSite = crossSiteRefusal(request, route);
      if (crossSite) return crossSite;
      const context = callContextOf(request);
      if (route.kind === 'rpc' && OPEN_METHODS.has(route.path)) return context;
      return (await sessionIsLive(context)) ? context : unauthorised;
    },
    answer: (path, result, context, response) => {
      if (path === 'users.login' && result.ok) {
        const session = result.result as Session;
        response.setHeader('set-cookie', sessionCookie(session.token, session.expiresAt));
        // The token lives in the HttpOnly cookie only: a script on the page (an injected one too) never holds it.
        return { ok: true, result: { ...session, token: '' } };
      }
      if (path === 'users.logout') {
        response.setHeader('set-cookie', clearedSessionCookie());
        if (context.sessionToken) for (const end of [...(streamsBySession.get(context.sessionToken) ?? [])]) end();
      }
      return result;
    },
    stream: (context, end) => {
      const token = context.sessionToken ?? '';
      const ends = streamsBySession.get(token) ?? new Set<() => void>();
      streamsBySession.set(token, ends);
      ends.add(end);
      const recheck = setInterval(() => {
        void sessionIsLive(context).then((live) => (live ? undefined : end()), () => undefined);
      }, STREAM_RECHECK_MS);
      recheck.unref();
      return () => {
        clearInterval(recheck);
        ends.delete(end);
        if (ends.size === 0) streamsBySession.delete(token);
      };
    },
  };
  const routes = contractRoutes({
    services,
    rendererDir: options.rendererDir,
    access,
    ...(options.uploadLimitBytes === undefined ? {} : { uploadLimitBytes: options.uploadLimitBytes }),
    ...(options.bodyLimitBytes === undefined ? {} : { bodyLimitBytes: options.bodyLimitBytes }),
  });

  const server: Server = createServer({ cert: options.tls.cert, key: options.tls.key, minVersion: 'TLSv1.2' }, (request, response) => {
    inFlight += 1;
    response.once('close', () => {
      inFlight -= 1;
      if (inFlight === 0) drained?.();
    });
    // While stopping, a kept-alive connection closes after the answer it is giving.
    if (stopping) response.setHeader('connection', 'close');
    routes.handle(request, response).catch((error: unknown) => {
      services.logger.error({ err: error, url: request.url }, 'agency server request failed');
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  // A client that never finishes its headers must not hold a socket (slowloris); bodies have their own size limits
  // and the default request timeout.
  server.headersTimeout = 20_000;
  // As the web host's (web-host.ts): a workstation's call must not meet a socket closing under it.
  server.keepAliveTimeout = IDLE_SOCKET_MS;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    port,
    url: `https://${shownHost}:${port}/`,
    close: async () => {
      stopping = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Event streams never end by themselves; idle kept-alive sockets have nothing to finish.
      routes.endStreams();
      server.closeIdleConnections();
      if (inFlight > 0) {
        await new Promise<void>((resolve) => {
          drained = resolve;
          setTimeout(resolve, options.stopGraceMs ?? 30_000).unref();
        });
      }
      server.closeAllConnections();
      await closed;
    },
  };
}

function callContextOf(request: IncomingMessage): CallContext {
  const header = request.headers[HTTP_SESSION_HEADER];
  const session = sessionFromCookie(request) ?? (typeof header === 'string' && header.length > 0 ? header : null);
  return { sessionToken: session, actingUsername: null, face: 'http', source: request.socket.remoteAddress ?? null };
}

/**
 * Refuses what another site's page could make a browser send with the user's cookie: a request from a foreign Origin
 * (or one the browser marks cross-site), a call that is not JSON, an upload that is not octet-stream. The cookie is
 * SameSite=Strict as well; this holds for browsers that ignore that.
 */
function crossSiteRefusal(request: IncomingMessage, route: ApiRoute): Refusal | null {
  const refused = (why: string): Refusal => ({ refused: 'E_FORBIDDEN', message: `Từ chối yêu cầu từ trang khác / cross-site request refused: ${why}` });
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `https://${request.headers.host ?? ''}`) return refused('origin');
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return refused('sec-fetch-site');
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (route.kind === 'rpc' && type !== 'application/json') return refused('content-type');
  if (route.kind === 'upload' && type !== 'application/octet-stream') return refused('content-type');
  return null;
}
