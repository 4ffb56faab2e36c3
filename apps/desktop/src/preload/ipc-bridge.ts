import {
  IPC_DOWNLOAD_CHANNEL,
  IPC_EVENT_CHANNEL,
  IPC_RPC_CHANNEL,
  IPC_UPLOAD_CHANNEL,
  type DownloadRef,
  type IpcBridge,
  type UploadMeta,
  type WireResult,
} from '@eoffice/contract/ipc';

/**
 * The part of Electron's `ipcRenderer` the bridge uses. Named here so the bridge can be built over a stand-in in tests
 * (Electron does not run under Node), and Electron's own object satisfies it.
 */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** Four functions on our channels; nothing of Electron itself reaches the page. */
export function createIpcBridge(ipcRenderer: IpcRendererLike): IpcBridge {
  return {
    invoke: (path: string, input: unknown, sessionToken: string | null) =>
      ipcRenderer.invoke(IPC_RPC_CHANNEL, path, input, sessionToken) as Promise<WireResult>,
    upload: (bytes: Uint8Array, meta: UploadMeta, sessionToken: string | null) =>
      ipcRenderer.invoke(IPC_UPLOAD_CHANNEL, bytes, meta, sessionToken) as Promise<WireResult>,
    download: (ref: DownloadRef, sessionToken: string | null) =>
      ipcRenderer.invoke(IPC_DOWNLOAD_CHANNEL, ref, sessionToken) as Promise<WireResult>,
    onEvent: (listener: (raw: unknown) => void) => {
      const handler = (_event: unknown, raw: unknown) => listener(raw);
      ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
      return () => {
        ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
      };
    },
  };
}
