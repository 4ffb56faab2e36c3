import type { Readable } from 'node:stream';
import type { CallContext, DownloadRef, ServiceImplementations, UploadMeta, UploadReceipt } from '@eoffice/contract';
import type { Clock } from '../clock/clock.js';
import { resolveActor } from '../users/actor.js';
import type { Store } from '../store/store.js';
import { downloadFile, type FileDownload } from './file-downloads.js';
import { gateFileInputs } from './file-inputs.js';
import { UploadStore } from './upload-store.js';

export interface FileTransfer {
  /** The services with every file input gated (file-inputs.ts): what the dispatcher must call. */
  readonly services: ServiceImplementations;
  upload(source: Readable | AsyncIterable<Uint8Array>, meta: UploadMeta, context: CallContext, limitBytes: number): Promise<UploadReceipt>;
  download(ref: DownloadRef, context: CallContext): Promise<FileDownload>;
}

/** File content in and out for callers that cannot name a path: one mechanism for IPC, HTTP and the agency server. */
export function createFileTransfer(store: Store, clock: Clock, services: ServiceImplementations): FileTransfer {
  const uploads = new UploadStore(store.dataDir);
  const usernameOf = async (context: CallContext) => (await resolveActor(store.db, clock, context)).username;
  const gated = gateFileInputs(services, { uploads, usernameOf });
  return {
    services: gated,
    upload: async (source, meta, context, limitBytes) => uploads.receive(source, meta, await usernameOf(context), limitBytes),
    download: (ref, context) => downloadFile(ref, context, { services: gated, blobs: store.blobs, dataDir: store.dataDir, usernameOf }),
  };
}
