import type { WireError } from './errors.js';
import type { DownloadRef, UploadMeta } from './files.js';

/** What every transport carries back for one call. Errors are values on the wire, exceptions at both ends. */
export type WireResult = { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly error: WireError };

/** The minimal thing a face must supply to reach the services: one call, one event stream. */
export interface Transport {
  call(path: string, input: unknown): Promise<WireResult>;
  /** Returns an unsubscribe function. */
  subscribe(listener: (raw: unknown) => void): () => void;
  /** Streams file content to the services (files.ts); the result is an upload receipt. */
  upload?(data: Blob | Uint8Array, meta: UploadMeta): Promise<WireResult>;
  /** Fetches a file the caller may see; the result is `{ name, mediaType, bytes }`. */
  download?(ref: DownloadRef): Promise<WireResult>;
}
