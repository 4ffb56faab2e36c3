import type { WebContents } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_RPC_CHANNEL, ipcSessionToken, type WireResult } from '@eoffice/contract/ipc';
import type { ComposedServices } from '@eoffice/host';
import { isTrustedSenderFrame, type SenderFrame } from './trusted-sender.js';

/**
 * The part of Electron's `ipcMain` the handlers use. main.ts passes Electron's own; tests pass a stand-in, since
 * Electron does not run under Node.
 */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: { readonly senderFrame: SenderFrame | null }, ...args: unknown[]) => Promise<unknown>,
  ): void;
}

/**
 * Every IPC message is checked for its sender first; the dispatcher then validates the input against the contract.
 * The session comes beside the input (contract's IPC transport), as the session header does over HTTP.
 */
export function registerIpcHandlers(services: ComposedServices, ipcMain: IpcMainLike): void {
  ipcMain.handle(IPC_RPC_CHANNEL, async (event, path: unknown, input: unknown, session: unknown): Promise<WireResult> => {
    if (!isTrustedSenderFrame(event.senderFrame) || typeof path !== 'string') {
      services.logger.warn({ url: event.senderFrame?.url }, 'IPC call from an untrusted sender refused');
      return { ok: false, error: { code: 'E_UNAUTHORIZED', message: 'Nguồn gọi không hợp lệ / untrusted sender' } };
    }
    return services.dispatch(path, input, { sessionToken: ipcSessionToken(session), actingUsername: null, face: 'ipc' });
  });
}

/** Forwards service events to a window for as long as it lives. */
export function forwardEvents(services: ComposedServices, contents: WebContents): void {
  const unsubscribe = services.events.subscribe((event) => {
    if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, event);
  });
  contents.once('destroyed', unsubscribe);
}
