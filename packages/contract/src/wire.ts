import type { WireError } from './errors.js';

/** What every transport carries back for one call. Errors are values on the wire, exceptions at both ends. */
export type WireResult = { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly error: WireError };

/** The minimal thing a face must supply to reach the services: one call, one event stream. */
export interface Transport {
  call(path: string, input: unknown): Promise<WireResult>;
  /** Returns an unsubscribe function. */
  subscribe(listener: (raw: unknown) => void): () => void;
}
