import { contextBridge, ipcRenderer } from 'electron';
import { createIpcBridge } from './ipc-bridge.js';

/**
 * The preload only bridges: two functions on `window.eoffice` (ipc-bridge.ts), and nothing of Electron itself
 * reaches the page. (No getters with side effects here: electron#25516.)
 */
contextBridge.exposeInMainWorld('eoffice', createIpcBridge(ipcRenderer));
