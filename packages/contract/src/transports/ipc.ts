import type { Transport, WireResult } from '../wire.js';

/** Every IPC channel we use starts with this prefix; main rejects anything else (VS Code's validateIPC). */
export const IPC_CHANNEL_PREFIX = 'eoffice:';
export const IPC_RPC_CHANNEL = 'eoffice:rpc';
export const IPC_EVENT_CHANNEL = 'eoffice:event';

/** What preload exposes on `window.eoffice`: two functions, nothing of Electron itself. */
export interface IpcBridge {
  invoke(path: string, input: unknown): Promise<WireResult>;
  onEvent(listener: (raw: unknown) => void): () => void;
}

export function createIpcTransport(bridge: IpcBridge): Transport {
  return {
    call: (path, input) => bridge.invoke(path, input),
    subscribe: (listener) => bridge.onEvent(listener),
  };
}
export type { WireResult } from '../wire.js';
