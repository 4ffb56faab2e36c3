import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_RPC_CHANNEL, type IpcBridge, type WireResult } from '@eoffice/contract/ipc';

/**
 * The preload only bridges: two functions on `window.eoffice`, on our two channels, and nothing of Electron itself
 * reaches the page. (No getters with side effects here: electron#25516.)
 */
const bridge: IpcBridge = {
  invoke: (path: string, input: unknown) => ipcRenderer.invoke(IPC_RPC_CHANNEL, path, input) as Promise<WireResult>,
  onEvent: (listener: (raw: unknown) => void) => {
    const handler = (_event: IpcRendererEvent, raw: unknown) => listener(raw);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
    };
  },
};

contextBridge.exposeInMainWorld('eoffice', bridge);
