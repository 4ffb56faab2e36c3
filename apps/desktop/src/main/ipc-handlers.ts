import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_RPC_CHANNEL, type WireResult } from '@eoffice/contract/ipc';
import type { ComposedServices } from '@eoffice/host';
import { isTrustedSenderFrame } from './trusted-sender.js';

/** Every IPC message is checked for its sender first; the dispatcher then validates the input against the contract. */
function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  return isTrustedSenderFrame(event.senderFrame);
}

export function registerIpcHandlers(services: ComposedServices): void {
  ipcMain.handle(IPC_RPC_CHANNEL, async (event, path: unknown, input: unknown): Promise<WireResult> => {
    if (!isTrustedSender(event) || typeof path !== 'string') {
      services.logger.warn({ url: event.senderFrame?.url }, 'IPC call from an untrusted sender refused');
      return { ok: false, error: { code: 'E_UNAUTHORIZED', message: 'Nguồn gọi không hợp lệ / untrusted sender' } };
    }
    return services.dispatch(path, input, { sessionToken: null, actingUsername: null, face: 'ipc' });
  });
}

/** Forwards service events to a window for as long as it lives. */
export function forwardEvents(services: ComposedServices, contents: WebContents): void {
  const unsubscribe = services.events.subscribe((event) => {
    if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, event);
  });
  contents.once('destroyed', unsubscribe);
}
