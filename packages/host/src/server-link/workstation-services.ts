import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  EOfficeError,
  createDispatcher,
  parseEventEnvelope,
  type CallContext,
  type Dispatch,
  type EventEnvelope,
  type MethodOutput,
  type ServiceImplementations,
  type WireResult,
} from '@eoffice/contract';
import { systemClock } from '@eoffice/docs-core';
import type { Logger } from 'pino';
import { EventHub } from '../events/event-hub.js';
import type { HostedServices } from '../hosted-services.js';
import { configuredModulesFromEnvironment, ModuleRegistry } from '../tokens/module-registry.js';
import { createTokensService } from '../tokens/tokens-service.js';
import { connectToServer, type ServerLink, type ServerLinkOptions } from './server-link.js';

export interface WorkstationOptions {
  /** The agency server and its pinned fingerprint, as `eoffice serve` printed them. */
  readonly server: ServerLinkOptions;
  readonly logger: Logger;
  /** PKCS#11 modules the workstation's admin added; default `EOFFICE_PKCS11_MODULES`. Never from a caller. */
  readonly tokenModules?: readonly string[];
  /** The largest file taken from the server (default the link's, 512 MiB). */
  readonly downloadLimitBytes?: number;
  /** At most this many signed-in browser sessions are kept (the oldest goes first); default 32. */
  readonly maxSessions?: number;
}

/** The services of a workstation connected to its agency server, for the local faces (the web host, a window). */
export interface WorkstationServices extends HostedServices {
  readonly link: ServerLink;
  /** Resolves once the server answered over a connection whose certificate is the pinned one; a typed error if not. */
  check(): Promise<void>;
  close(): Promise<void>;
}

type Session = MethodOutput<'users', 'login'>;

/** The services that stay on the workstation whatever the mode: its tokens (modules, PIN, the signing of the digest). */
const LOCAL_SERVICES = new Set(['tokens']);

/**
 * A workstation connected to its agency server (issue 10, item 3): every contract call, upload, download and the
 * event stream go on to the server; the `tokens` service stays here, so the PKCS#11 modules are this machine's and the
 * PIN never leaves it (ARCHITECTURE.md, invariant 15: the server prepares, the token here signs the data, the server
 * completes).
 *
 * The server's session never reaches the page. `users.login` answers the page with a local handle, a random token
 * that this process maps to the server's session; the page sends the handle back (with the web host's per-launch
 * token, from its own loopback origin), and only this process adds the server's session to the call it passes on.
 * So nothing the page holds, nor anything another site could make a browser send, is worth anything to the server, and
 * a raw server session sent to this host is no session here.
 */
export function connectWorkstation(options: WorkstationOptions): WorkstationServices {
  const link = connectToServer(options.server);
  const events = new EventHub();
  const { logger } = options;
  const maxSessions = options.maxSessions ?? 32;
  /** Local handle → the server's session and its expiry. */
  const sessions = new Map<string, { server: string; expiresAt: number }>();
  /** Local handle → how to end the event streams opened with it (each has its own stream from the server). */
  const streams = new Map<string, Set<() => void>>();

  const serverSession = (handle: string | null): string | null => {
    if (!handle) return null;
    const held = sessions.get(handle);
    if (!held) return null;
    if (held.expiresAt <= Date.now()) {
      forget(handle);
      return null;
    }
    return held.server;
  };

  /**
   * A page's event stream: the workstation's own events (the tokens' progress) and the server's stream opened with
   * that page's own server session, so the server decides what this user may hear. Never another session's stream:
   * the server tells a reader of secrets of secret documents, and another user at this workstation must not hear it.
   */
  function listen(context: CallContext, listener: (event: EventEnvelope) => void, end: () => void): () => void {
    const stopLocal = events.subscribe(listener);
    const handle = context.sessionToken;
    if (!handle || !serverSession(handle)) return stopLocal;
    const stopUpstream = link.transport(() => serverSession(handle)).subscribe((raw) => {
      const event = parseEventEnvelope(raw);
      if (event) listener(event);
      else logger.warn({ event: (raw as { name?: unknown } | null)?.name }, 'malformed event from the agency server dropped');
    });
    const ends = streams.get(handle) ?? new Set<() => void>();
    streams.set(handle, ends);
    ends.add(end);
    return () => {
      stopLocal();
      stopUpstream();
      ends.delete(end);
      if (ends.size === 0) streams.delete(handle);
    };
  }

  /** A handle signed out or ended at the server: its streams end too (a page opens its next one with its new session). */
  function forget(handle: string): void {
    sessions.delete(handle);
    for (const end of [...(streams.get(handle) ?? [])]) end();
  }

  function remember(session: Session): string {
    const handle = randomBytes(32).toString('base64url');
    while (sessions.size >= maxSessions) forget(sessions.keys().next().value!);
    sessions.set(handle, { server: session.token, expiresAt: Date.parse(session.expiresAt) });
    return handle;
  }

  const toServer = (context: CallContext): CallContext => ({ ...context, sessionToken: serverSession(context.sessionToken) });

  const remote: Dispatch = async (path, input, context) => {
    const result = await link.dispatch(path, input, toServer(context));
    if (path === 'users.logout' && context.sessionToken) forget(context.sessionToken);
    // A session the server no longer knows (ended elsewhere: expired, deactivated) is dropped here too, and the
    // streams opened with it end. A mistyped password (users.changePassword, users.login) is E_UNAUTHORIZED too: not that.
    const passwordCheck = path === 'users.changePassword' || path === 'users.login';
    if (!result.ok && result.error.code === 'E_UNAUTHORIZED' && !passwordCheck && context.sessionToken) forget(context.sessionToken);
    // The server says it is the agency server; to this workstation's pages it is the server they are connected to.
    if (path === 'system.info' && result.ok) {
      const info = result.result as MethodOutput<'system', 'info'>;
      return { ok: true, result: { ...info, deployment: { mode: 'connected', server: link.url } } };
    }
    if (path === 'users.login' && result.ok) {
      const session = result.result as Session;
      return { ok: true, result: { ...session, token: remember(session) } };
    }
    return result;
  };

  // The tokens' own calls (who is signing, documents.completeSigning) go through `dispatch` below: to the server, with
  // the server session of the page's handle.
  const local = createDispatcher(
    {
      tokens: createTokensService({
        modules: new ModuleRegistry(options.tokenModules ?? configuredModulesFromEnvironment()),
        clock: systemClock(),
        events,
        dispatch: () => dispatch,
      }),
    } as Partial<ServiceImplementations> as ServiceImplementations,
    { onUnexpectedError: (path, error) => logger.error({ path, err: error }, 'workstation service call failed') },
  );

  const dispatch: Dispatch = (path, input, context): Promise<WireResult> =>
    LOCAL_SERVICES.has(path.split('.')[0] ?? '') ? local(path, input, context) : remote(path, input, context);

  return {
    link,
    events,
    logger,
    dispatch,
    upload: async (source, meta, context, limitBytes) => {
      const limited = withinLimit(source, limitBytes);
      try {
        return await link.upload(limited.stream, meta, toServer(context), limitBytes);
      } catch (error) {
        // However the stream's end reached the request (wrapped or not), a file over the limit says so.
        if (limited.exceeded()) throw tooLarge(limitBytes);
        throw error;
      }
    },
    download: (ref, context) => link.download(ref, toServer(context), options.downloadLimitBytes),
    listen,
    check: async () => {
      const answer = await link.dispatch('users.needsSetup', {}, { sessionToken: null, actingUsername: null, face: 'http' });
      if (!answer.ok && (answer.error.code === 'E_SERVER_CERT_MISMATCH' || answer.error.code === 'E_SERVER_UNREACHABLE')) {
        throw EOfficeError.fromWire(answer.error);
      }
    },
    close: async () => {
      for (const handle of [...sessions.keys()]) forget(handle);
    },
  };
}

/** The page's file as it arrives, passed on to the server chunk by chunk; past the limit it stops with E_TOO_LARGE. */
function withinLimit(source: Readable | AsyncIterable<Uint8Array>, limitBytes: number): { stream: AsyncIterable<Uint8Array>; exceeded: () => boolean } {
  let exceeded = false;
  async function* counted(): AsyncIterable<Uint8Array> {
    let size = 0;
    for await (const chunk of source as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > limitBytes) {
        exceeded = true;
        throw tooLarge(limitBytes);
      }
      yield chunk;
    }
  }
  return { stream: counted(), exceeded: () => exceeded };
}

function tooLarge(limitBytes: number): EOfficeError {
  return new EOfficeError('E_TOO_LARGE', `Tệp vượt quá giới hạn ${Math.floor(limitBytes / 1048576)} MiB / file over the ${limitBytes}-byte limit`);
}
