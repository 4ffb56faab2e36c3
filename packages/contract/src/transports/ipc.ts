import type { DownloadRef, UploadMeta } from '../files.js';
export type { DownloadRef, UploadMeta } from '../files.js';
import type { Transport, WireResult } from '../wire.js';

/** Every IPC channel we use starts with this prefix; main rejects anything else (VS Code's validateIPC). */
export const IPC_CHANNEL_PREFIX = 'eoffice:';
export const IPC_RPC_CHANNEL = 'eoffice:rpc';
export const IPC_EVENT_CHANNEL = 'eoffice:event';
export const IPC_UPLOAD_CHANNEL = 'eoffice:upload';
export const IPC_DOWNLOAD_CHANNEL = 'eoffice:download';

/** What preload exposes on `window.eoffice`: two functions, nothing of Electron itself. */
export interface IpcBridge {
  /**
   * The session travels beside the input, never inside it, as the session header does over HTTP: the dispatcher
   * validates the body against the contract, and who is calling is the transport's business (contract.ts,
   * `CallContext`).
   */
  invoke(path: string, input: unknown, sessionToken: string | null): Promise<WireResult>;
  /** File content goes as bytes (structured clone), never as a path main would open. */
  upload(bytes: Uint8Array, meta: UploadMeta, sessionToken: string | null): Promise<WireResult>;
  download(ref: DownloadRef, sessionToken: string | null): Promise<WireResult>;
  onEvent(listener: (raw: unknown) => void): () => void;
}

export interface IpcTransportOptions {
  /** The logged-in user's session, as for the HTTP transport; null before login and after logout. */
  readonly getSession?: () => string | null;
}

export function createIpcTransport(bridge: IpcBridge, options: IpcTransportOptions = {}): Transport {
  return {
    call: (path, input) => bridge.invoke(path, input, options.getSession?.() ?? null),
    upload: async (data, meta) =>
      bridge.upload(data instanceof Uint8Array ? data : new Uint8Array(await data.arrayBuffer()), meta, options.getSession?.() ?? null),
    download: (ref) => bridge.download(ref, options.getSession?.() ?? null),
    subscribe: (listener) => bridge.onEvent(listener),
  };
}

/**
 * Main's reading of the session argument of an IPC call. It comes from the page, so anything but a non-empty string
 * is no session (the web host reads its session header the same way); the dispatcher then checks it is live.
 */
export function ipcSessionToken(raw: unknown): string | null {
  return typeof raw === 'string' && raw.length > 0 ? raw : null;
}
export type { WireResult } from '../wire.js';
