import { Readable } from 'node:stream';
import type { WebContents } from 'electron';
import {
  IPC_DOWNLOAD_CHANNEL,
  IPC_EVENT_CHANNEL,
  IPC_RPC_CHANNEL,
  IPC_UPLOAD_CHANNEL,
  ipcSessionToken,
  type WireResult,
} from '@eoffice/contract/ipc';
import { DEFAULT_UPLOAD_LIMIT_BYTES, EOfficeError, downloadRefSchema, isEOfficeError, uploadMetaSchema } from '@eoffice/contract';
import { readWhole, type HostedServices } from '@eoffice/host';
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
 * The session comes beside the input (contract's IPC transport), as the session header does over HTTP; `onSession`
 * hears the session of each call, so the window's event feed listens as the user now signed in (`forwardEvents`).
 */
export function registerIpcHandlers(services: HostedServices, ipcMain: IpcMainLike, onSession: (session: string | null) => void = () => undefined): void {
  ipcMain.handle(IPC_RPC_CHANNEL, async (event, path: unknown, input: unknown, session: unknown): Promise<WireResult> => {
    if (!isTrustedSenderFrame(event.senderFrame) || typeof path !== 'string') {
      services.logger.warn({ url: event.senderFrame?.url }, 'IPC call from an untrusted sender refused');
      return { ok: false, error: { code: 'E_UNAUTHORIZED', message: 'Nguồn gọi không hợp lệ / untrusted sender' } };
    }
    onSession(ipcSessionToken(session));
    return services.dispatch(path, input, { sessionToken: ipcSessionToken(session), actingUsername: null, face: 'ipc' });
  });
  // File content comes as bytes and goes back as bytes: main never opens a path the page names.
  ipcMain.handle(IPC_UPLOAD_CHANNEL, async (event, bytes: unknown, meta: unknown, session: unknown): Promise<WireResult> => {
    if (!isTrustedSenderFrame(event.senderFrame)) return untrusted(services, event.senderFrame?.url);
    const parsedMeta = uploadMetaSchema.safeParse(meta);
    if (!(bytes instanceof Uint8Array) || !parsedMeta.success) return invalid('Tệp tải lên sai dạng / malformed upload');
    return settle(() =>
      services.upload(Readable.from([bytes]), parsedMeta.data, { sessionToken: ipcSessionToken(session), actingUsername: null, face: 'ipc' }, DEFAULT_UPLOAD_LIMIT_BYTES),
    );
  });
  ipcMain.handle(IPC_DOWNLOAD_CHANNEL, async (event, ref: unknown, session: unknown): Promise<WireResult> => {
    if (!isTrustedSenderFrame(event.senderFrame)) return untrusted(services, event.senderFrame?.url);
    const parsedRef = downloadRefSchema.safeParse(ref);
    if (!parsedRef.success) return invalid('Yêu cầu tải tệp sai dạng / malformed download request');
    return settle(async () => {
      // IPC hands the window one structured-clone message, so here, and only here, the file is read whole: within the
      // limits the services already keep (a workstation link's download limit), and only once fully checked.
      const file = await services.download(parsedRef.data, { sessionToken: ipcSessionToken(session), actingUsername: null, face: 'ipc' });
      return { name: file.name, mediaType: file.mediaType, bytes: await readWhole(file.content) };
    });
  });
}

function untrusted(services: HostedServices, url: string | undefined): WireResult {
  services.logger.warn({ url }, 'IPC call from an untrusted sender refused');
  return { ok: false, error: { code: 'E_UNAUTHORIZED', message: 'Nguồn gọi không hợp lệ / untrusted sender' } };
}

function invalid(message: string): WireResult {
  return { ok: false, error: { code: 'E_INVALID_INPUT', message } };
}

async function settle(work: () => Promise<unknown>): Promise<WireResult> {
  try {
    return { ok: true, result: await work() };
  } catch (error) {
    return { ok: false, error: (isEOfficeError(error) ? error : new EOfficeError('E_INTERNAL', 'Lỗi nội bộ / internal error')).toWire() };
  }
}

/** The window's event feed: `follow` names the session its page now calls with. */
export interface EventFeed {
  follow(session: string | null): void;
}

/**
 * Forwards service events to a window for as long as it lives, as its page's signed-in user may hear them: an event
 * about a document that user may not see never reaches the window (ARCHITECTURE.md, invariant 1). The IPC event
 * channel carries no session, so the feed follows the one the page's calls carry.
 */
export function forwardEvents(services: HostedServices, contents: WebContents): EventFeed {
  let session: string | null = null;
  const listenAs = (token: string | null): (() => void) =>
    services.listen(
      { sessionToken: token, actingUsername: null, face: 'ipc' },
      (event) => {
        if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, event);
      },
      // The session ended: hear what reaches everyone until the page calls with a live one.
      () => queueMicrotask(() => (session === token ? follow(null) : undefined)),
    );
  let stop = listenAs(null);
  const follow = (token: string | null): void => {
    if (token === session || contents.isDestroyed()) return;
    stop();
    session = token;
    stop = listenAs(token);
  };
  contents.once('destroyed', () => stop());
  return { follow };
}
