import { recordHandoverReminders, systemClock, type Store } from '@eoffice/docs-core';
import type { Logger } from 'pino';
import type { EventHub } from './events/event-hub.js';

export interface HandoverReminders {
  /** Looks now; resolves once any reminder found is recorded and announced. Never rejects: a failure is logged. */
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The handover reminder (Phụ lục VI: the System notifies the files due 30 calendar days ahead): on start and then
 * every `intervalMs`, records each file's reminder once (docs-core, audited) and announces it on the hub. A day is
 * the unit, so an hourly look is plenty; the timer never keeps the process alive.
 */
export function startHandoverReminders(options: { store: Store; events: EventHub; logger: Logger }, intervalMs: number): HandoverReminders {
  let running: Promise<void> = Promise.resolve();
  const look = async () => {
    try {
      const { ids, secret } = await recordHandoverReminders(options.store.db, systemClock());
      if (ids.length > 0) options.events.emit('records.handoverDue', { fileIds: ids });
      // A secret file is named only to a listener who may see it; anyone else hears nothing, not even "refresh".
      options.events.emitRestricted({
        documents: secret.map((file) => ({ ...file, kind: 'record-file' as const })),
        eventsFor: (visible) => [{ name: 'records.handoverDue', payload: { fileIds: secret.map((f) => f.id).filter((id) => visible.has(id)) } }],
      });
    } catch (error) {
      options.logger.warn({ err: error }, 'recording handover reminders failed; will look again');
    }
  };
  const runNow = () => (running = running.then(look));
  const timer = setInterval(() => void runNow(), intervalMs);
  timer.unref();
  void runNow();
  return {
    runNow,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
