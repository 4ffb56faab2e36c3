import { vietnamIso } from '@eoffice/vietnamese';
import { receiveMessages, retakeQuarantined, type Mutable, type ReceiveOutcome } from './inbox-receiver.js';
import { drainOutbox, errorText, type SendOutcome } from './outbox-sender.js';
import { DEFAULT_POLL_INTERVAL_MS, type SyncDeps } from './sync-options.js';
import { writeSyncSettings } from './sync-settings.js';
import { refreshDirectory } from './directory-refresh.js';

export interface SyncPassResult {
  readonly at: string;
  readonly sent: SendOutcome;
  readonly received: ReceiveOutcome;
  /** Why the pass could not finish (the axis unreachable for the list call, …), or null. */
  readonly error: string | null;
  /** True when everything due went through: nothing failed, nothing quarantined, no error. */
  readonly ok: boolean;
}

export type SyncListener = (state: 'syncing' | 'idle' | 'error', result: SyncPassResult | null) => void;

/**
 * The sync engine: one pass sends what the outbox has due, then takes in edocs and statuses; passes never overlap.
 * `start()` runs a pass every poll interval (and on `syncNow()`); `stop()` waits for the running pass to end.
 */
export class SyncEngine {
  readonly #deps: SyncDeps;
  #pollIntervalMs: number;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<SyncPassResult> | null = null;
  #stopped = true;
  readonly #listeners = new Set<SyncListener>();

  constructor(deps: SyncDeps, options: { pollIntervalMs?: number } = {}) {
    this.#deps = deps;
    this.#pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  }

  get pollIntervalMs(): number {
    return this.#pollIntervalMs;
  }

  onChange(listener: SyncListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** One send + receive pass; a call while a pass runs joins that pass. */
  syncOnce(): Promise<SyncPassResult> {
    this.#running ??= this.#pass().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  /** The agency list from the axis merged into the directory. */
  refreshDirectory() {
    return refreshDirectory(this.#deps);
  }

  /** A quarantined message taken in again from its kept file. */
  retakeQuarantined(axisDocId: string): Promise<boolean> {
    return retakeQuarantined(this.#deps, axisDocId);
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#schedule(0);
  }

  setPollInterval(ms: number): void {
    this.#pollIntervalMs = ms;
    if (!this.#stopped) this.#schedule(ms);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running?.catch(() => undefined);
  }

  #schedule(ms: number): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.syncOnce()
        .catch(() => undefined)
        .finally(() => {
          if (!this.#stopped && !this.#timer) this.#schedule(this.#pollIntervalMs);
        });
    }, ms);
    this.#timer.unref?.();
  }

  async #pass(): Promise<SyncPassResult> {
    this.#emit('syncing', null);
    const at = vietnamIso(this.#deps.now());
    const received: Mutable<ReceiveOutcome> = { stored: 0, statuses: 0, duplicates: 0, quarantined: 0, failed: 0 };
    let sent: SendOutcome = { sent: 0, retrying: 0, failed: 0, quarantined: 0 };
    const errors: string[] = [];
    try {
      sent = await drainOutbox(this.#deps);
    } catch (error) {
      errors.push(errorText(error));
    }
    for (const type of ['edoc', 'status'] as const) {
      try {
        await receiveMessages(this.#deps, type, received);
      } catch (error) {
        errors.push(errorText(error));
      }
    }
    const error = errors.length > 0 ? errors.join('; ') : null;
    const ok = error === null && sent.retrying + sent.failed + sent.quarantined === 0 && received.failed + received.quarantined === 0;
    const result: SyncPassResult = { at, sent, received: { ...received }, error, ok };
    await writeSyncSettings(this.#deps.store.db, { last_sync_at: at, last_result: JSON.stringify(result), ...(ok ? { last_ok_at: at } : {}) });
    this.#emit(ok ? 'idle' : 'error', result);
    return result;
  }

  #emit(state: 'syncing' | 'idle' | 'error', result: SyncPassResult | null): void {
    for (const listener of this.#listeners) {
      try {
        listener(state, result);
      } catch {
        // A listener's failure is its own.
      }
    }
  }
}
