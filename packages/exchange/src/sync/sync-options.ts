import type { DocumentWorkflow, Store } from '@eoffice/docs-core';
import type { AxisClient } from '../axis/axis-client.js';

/** The default wait after the 1st, 2nd and 3rd failed try; after the last one the message stops as `failed`. */
export const DEFAULT_BACKOFF_MS: readonly number[] = [30_000, 120_000, 1_200_000];
export const DEFAULT_POLL_INTERVAL_MS = 60_000;

/** What the sync engine works with: docs-core's store and workflow (its receive path), and one axis client. */
export interface SyncDeps {
  readonly store: Store;
  readonly workflow: DocumentWorkflow;
  readonly axis: AxisClient;
  /** The data folder: received messages are downloaded into its `tmp/`, quarantined ones kept in `exchange/quarantine/`. */
  readonly dataDir: string;
  readonly now: () => Date;
  /** Finite back-off, milliseconds per failed try (DEFAULT_BACKOFF_MS). */
  readonly backoffMs?: readonly number[];
  /** Verify every received PDF signature through docs-core's verify step right after storing (default true). */
  readonly verifyOnReceipt?: boolean;
  /** Called for what the clerk should see in the log (never a secret). */
  readonly log?: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
}
