import {
  isEOfficeError,
  createClient,
  createHttpTransport,
  createIpcTransport,
  type EOfficeClient,
  type IpcBridge,
} from '@eoffice/contract';

export type TransportKind = 'ipc' | 'http';

declare global {
  interface Window {
    /** Present only in the Electron window (preload's bridge). */
    readonly eoffice?: IpcBridge;
  }
}

const TOKEN_KEY = 'eoffice.token';

/**
 * The signed-in user's session (`users.login`'s token), kept in memory only, so no page storage holds it at rest.
 * Both transports send it with every call, so a role-checked call works over IPC as over HTTP.
 */
let session: string | null = null;
export const getSession = (): string | null => session;

/** Set after `users.login`, cleared after `users.logout`. */
export function setSession(token: string | null): void {
  session = token;
}

/**
 * The desktop window talks over Electron IPC; the browser variant over loopback HTTP with the per-launch token from
 * the URL fragment, kept for this tab only and removed from the address bar.
 */
function connect(): { client: EOfficeClient; transport: TransportKind } {
  if (window.eoffice) return { client: createClient(createIpcTransport(window.eoffice, { getSession })), transport: 'ipc' };
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  const token = fromHash ?? sessionStorage.getItem(TOKEN_KEY) ?? '';
  return { client: createClient(createHttpTransport({ baseUrl: '', token, getSession })), transport: 'http' };
}

let onSessionLost: (() => void) | null = null;

/** Called when a call made with a session is answered E_UNAUTHORIZED: the session ended (expired, or signed out). */
export function whenSessionLost(handler: () => void): void {
  onSessionLost = handler;
}

/** Every method, wrapped once, so that a session that ended elsewhere returns the user to the sign-in screen. */
function watchSession(client: EOfficeClient): EOfficeClient {
  const services: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
  for (const [serviceName, methods] of Object.entries(client.services as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>)) {
    services[serviceName] = Object.fromEntries(
      Object.entries(methods).map(([name, call]) => [
        name,
        async (input: unknown) => {
          const sentWith = session;
          try {
            return await call(input);
          } catch (error) {
            // users.changePassword answers E_UNAUTHORIZED for a mistyped current password too: that keeps the session
            // (a session that really ended is noticed at the next call, or said in the form's error).
            const mistypedPassword = serviceName === 'users' && name === 'changePassword';
            if (sentWith !== null && !mistypedPassword && isEOfficeError(error) && error.code === 'E_UNAUTHORIZED') onSessionLost?.();
            throw error;
          }
        },
      ]),
    );
  }
  return { services: services as unknown as EOfficeClient['services'], files: client.files, onEvent: (listener) => client.onEvent(listener) };
}

const connected = connect();
export const connection: { client: EOfficeClient; transport: TransportKind } = { client: watchSession(connected.client), transport: connected.transport };
