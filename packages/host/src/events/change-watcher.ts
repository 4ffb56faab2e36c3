import { isSecret, type Store } from '@eoffice/docs-core';
import type { Logger } from 'pino';
import type { EventHub } from './event-hub.js';
import {
  distinctRegisters,
  readChangeMarkers,
  readDocumentChanges,
  readRegistersByDocument,
  readRegistersOf,
  readRestrictedDocuments,
  sameOutbox,
  type ChangeMarkers,
} from './change-markers.js';

export interface ChangeWatcherOptions {
  readonly db: Store['db'];
  readonly events: EventHub;
  readonly logger: Logger;
}

/** More document changes than this in one look are announced as "refresh everything" (a bulk import, a demo seed). */
const MAX_LISTED_CHANGES = 500;

/** What a change to documents not announced by id is called (too many to list). */
const UNANNOUNCED_REASON = 'document.changed';

/**
 * Turns changes in the database into events on the hub. It looks at cheap markers (the audit chain's head, the
 * outbox's counts) on a timer, which is how it sees what another process wrote (an `eoffice` command on the same
 * data folder), and right after each service call, so this process's own changes are announced before the call's
 * answer. The audit log is the one source for both, so a change is announced once, the same way, whoever made it.
 */
export class ChangeWatcher {
  readonly #options: ChangeWatcherOptions;
  /** Undefined until started: a one-shot CLI command composes the services but never watches. */
  #markers: ChangeMarkers | undefined;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> = Promise.resolve();
  #queued: Promise<void> | undefined;

  constructor(options: ChangeWatcherOptions) {
    this.#options = options;
  }

  /** Takes the current state as the starting point (history is not replayed) and looks again every `intervalMs`. */
  async start(intervalMs: number): Promise<void> {
    if (this.#markers) return;
    this.#markers = await readChangeMarkers(this.#options.db);
    this.#timer = setInterval(() => void this.checkNow(), intervalMs);
    // The watcher never keeps a process alive on its own: the face decides when to end.
    this.#timer.unref();
  }

  /** Looks now; resolves once anything found is emitted. Never rejects: a failed look is logged and retried next time. */
  checkNow(): Promise<void> {
    if (!this.#markers) return Promise.resolve();
    // Calls that arrive while a look is waiting to run share it: they would all see the same database.
    this.#queued ??= this.#running.then(async () => {
      this.#queued = undefined;
      try {
        await this.#check();
      } catch (error) {
        this.#options.logger.warn({ err: error }, 'looking for database changes failed; will look again');
      }
    });
    this.#running = this.#queued;
    return this.#queued;
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#markers = undefined;
    await this.#running;
  }

  async #check(): Promise<void> {
    const before = this.#markers;
    if (!before) return;
    const now = await readChangeMarkers(this.#options.db);
    if (now.auditId > before.auditId) await this.#announceDocuments(before.auditId, now.auditId);
    if (!sameOutbox(before.outbox, now.outbox)) {
      const { pending, failed, quarantined } = now.outbox;
      this.#options.events.emit('outbox.changed', { pending, failed, quarantined });
    }
    // A look that was under way when the watcher stopped must not restart it.
    if (this.#markers === before) this.#markers = now;
    // Restricted events wait for each listener's visibility check: they too are out before the call answers.
    await this.#options.events.delivered();
  }

  async #announceDocuments(sinceId: number, upToId: number): Promise<void> {
    const { db, events } = this.#options;
    const { entries, truncated } = await readDocumentChanges(db, sinceId, upToId, MAX_LISTED_CHANGES);
    if (truncated) {
      events.emit('documents.changed', { documentIds: [], reason: UNANNOUNCED_REASON });
      events.emit('registers.changed', { registers: [] });
      return;
    }
    const ids = [...new Set(entries.map((e) => e.documentId))];
    const restricted = await readRestrictedDocuments(db, ids, isSecret);
    const hidden = new Set(restricted.map((d) => d.id));
    const shown = ids.filter((id) => !hidden.has(id));
    const reasonOf = (heard: ReadonlySet<string>) => [...new Set(entries.filter((e) => heard.has(e.documentId)).map((e) => e.action))].join(',');
    if (shown.length > 0) {
      events.emit('documents.changed', { documentIds: shown, reason: reasonOf(new Set(shown)) });
      const registers = await readRegistersOf(db, shown);
      if (registers.length > 0) events.emit('registers.changed', { registers });
    }
    if (restricted.length > 0) {
      // A secret document (or a gone one) is told, by id, with its action and registers, only to a listener whose
      // user may see it; anyone else hears nothing at all, not even that something changed.
      const registersOf = await readRegistersByDocument(db, [...hidden]);
      events.emitRestricted({
        documents: restricted,
        eventsFor: (visible) => {
          const documentIds = ids.filter((id) => visible.has(id));
          const registers = distinctRegisters(documentIds.flatMap((id) => registersOf.get(id) ?? []));
          return [
            { name: 'documents.changed', payload: { documentIds, reason: reasonOf(visible) } },
            ...(registers.length > 0 ? [{ name: 'registers.changed' as const, payload: { registers } }] : []),
          ];
        },
      });
    }
  }
}
