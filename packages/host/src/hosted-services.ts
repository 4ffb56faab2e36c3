import type { Readable } from 'node:stream';
import type { CallContext, Dispatch, DownloadRef, EventEnvelope, UploadMeta, UploadReceipt } from '@eoffice/contract';
import type { FileDownload } from '@eoffice/docs-core';
import type { Logger } from 'pino';
import type { EventHub } from './events/event-hub.js';

/**
 * What a transport face needs of the services: one dispatcher, files in and out, the events and a log. The services
 * composed over a store (`composeServices`) offer it, and so does a workstation connected to an agency server, whose
 * calls go on to the server.
 */
export interface HostedServices {
  /** Events for code in this process: a listener here hears only what reaches everyone (see `listen`). */
  readonly events: EventHub;
  readonly logger: Logger;
  readonly dispatch: Dispatch;
  /** File content from a caller that may not name a path (files.ts in the contract); the session decides the owner. */
  upload(source: Readable | AsyncIterable<Uint8Array>, meta: UploadMeta, context: CallContext, limitBytes: number): Promise<UploadReceipt>;
  /**
   * A document's file (the caller must be allowed to see the document) or one of the caller's printouts, as a stream:
   * a face passes it on without holding it (`FileDownload`).
   */
  download(ref: DownloadRef, context: CallContext): Promise<FileDownload>;
  /**
   * A caller's event stream (SSE, an IPC window): what reaches everyone, and what concerns a document only if the
   * caller's user may see that document (ARCHITECTURE.md, invariant 1). `end` is called when the stream must close
   * (its session ended); the answer stops listening.
   */
  listen(context: CallContext, listener: (event: EventEnvelope) => void, end: () => void): () => void;
}
