import { EOfficeError, type CallContext, type ServiceImplementation } from '@eoffice/contract';
import { requireRole, resolveActor, type Clock, type Store } from '@eoffice/docs-core';
import type { SyncEngine } from './sync-engine.js';
import { readDeliveries, readSyncStatus } from './sync-report.js';
import { writeSyncSetting } from './sync-settings.js';

export interface SyncServiceDeps {
  readonly store: Store;
  readonly clock: Clock;
  /** Null on a face that runs no engine: the queues still show, syncNow refuses (E_SYNC_NOT_CONFIGURED). */
  readonly engine: SyncEngine | null;
  /** Where the engine's axis is and this agency's system code there, shown in the settings; never the secret. */
  readonly axis?: { readonly url: string; readonly systemId: string; readonly demo: boolean } | null;
  /**
   * The documents service's own visibility check (documents.show for this caller): a document the caller may not see
   * answers exactly as a missing one (ARCHITECTURE.md, invariant 1).
   */
  readonly showDocument: (id: string, context: CallContext) => Promise<unknown>;
}

/** The `sync` service of the contract: the clerk's and the admin's view of the exchange, and its few controls. */
export function createSyncService(deps: SyncServiceDeps): ServiceImplementation<'sync'> {
  const { db } = deps.store;
  const staff = async (context: CallContext, action: string) => {
    const actor = await resolveActor(db, deps.clock, context);
    requireRole(actor, ['clerk', 'admin'], action);
    return actor;
  };
  const engine = (): SyncEngine => {
    if (!deps.engine) {
      throw new EOfficeError('E_SYNC_NOT_CONFIGURED', 'Chưa cấu hình trục liên thông (địa chỉ, mã hệ thống, khoá) / no axis is configured for this face');
    }
    return deps.engine;
  };
  return {
    async status(_input, context) {
      await staff(context, 'xem tình trạng liên thông');
      return readSyncStatus(db, deps.engine, deps.axis ?? null);
    },
    async syncNow(_input, context) {
      await staff(context, 'đồng bộ liên thông');
      return engine().syncOnce();
    },
    async setPollInterval(input, context) {
      await staff(context, 'đặt chu kỳ đồng bộ');
      const ms = input.seconds * 1000;
      engine().setPollInterval(ms);
      await writeSyncSetting(db, 'poll_interval_ms', String(ms));
      return { pollIntervalMs: ms };
    },
    async retry(input, context) {
      await staff(context, 'gửi lại thông điệp liên thông');
      let outbox = 0;
      if (input.outboxIds.length > 0) {
        const result = await db
          .updateTable('outbox')
          .set({ state: 'pending', attempts: 0, next_attempt_at: null })
          .where('id', 'in', input.outboxIds)
          .where('state', 'in', ['failed', 'quarantined', 'pending'])
          .executeTakeFirst();
        outbox = Number(result.numUpdatedRows);
      }
      let quarantine = 0;
      for (const id of input.axisDocIds) if (await engine().retakeQuarantined(id)) quarantine += 1;
      if (outbox > 0 && deps.engine) void deps.engine.syncOnce().catch(() => undefined);
      return { outbox, quarantine };
    },
    async deliveries(input, context) {
      // Visibility first, by the documents service itself: a hidden document and a missing one answer alike.
      await deps.showDocument(input.id, context);
      return { id: input.id, deliveries: await readDeliveries(db, input.id) };
    },
  };
}
