import { IPC_EVENT_CHANNEL, IPC_RPC_CHANNEL, type IpcBridge, type WireResult } from '@eoffice/contract/ipc';

/**
 * The part of Electron's `ipcRenderer` the bridge uses. Named here so the bridge can be built over a stand-in in tests
 * (Electron does not run under Node), and Electron's own object satisfies it.
 */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** Two functions on our two channels; nothing of Electron itself reaches the page. */
export function createIpcBridge(ipcRenderer: IpcRendererLike): IpcBridge {
  return {
    invoke: (path: string, input: unknown, sessionToken: string | null) =>
      ipcRenderer.invoke(IPC_RPC_CHANNEL, path, input, sessionToken) as Promise<WireResult>,
    onEvent: (listener: (raw: unknown) => void) => {
      const handler = (_event: unknown, raw: unknown) => listener(raw);
      ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
      return () => {
        ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
      };
    },
  };
}
