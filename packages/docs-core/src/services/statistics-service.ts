import type { ServiceImplementation } from '@eoffice/contract';
import type { Clock } from '../clock/clock.js';
import { documentStatistics } from '../stats/document-statistics.js';
import { periodOf, type StatisticsPeriod } from '../stats/statistics-period.js';
import type { Store } from '../store/store.js';
import { requireRole } from '../users/actor.js';
import { actorOf } from './call-actor.js';

export interface StatisticsServiceOptions {
  readonly store: Store;
  readonly clock: Clock;
}

/**
 * Thống kê văn bản: the figures the agency reports upward. Leaders, clerks, archivists and admins only: the counts
 * include secret documents, which a specialist must not be able to infer.
 */
export function createStatisticsService({ store, clock }: StatisticsServiceOptions): ServiceImplementation<'statistics'> {
  return {
    report: async (input, context) => {
      requireRole(await actorOf(store, clock, context), ['leader', 'clerk', 'archivist', 'admin'], 'xem thống kê');
      // The contract guarantees either from+to or a year.
      const period: StatisticsPeriod =
        input.year !== undefined
          ? periodOf(input.year, { ...(input.quarter !== undefined ? { quarter: input.quarter } : {}), ...(input.month !== undefined ? { month: input.month } : {}) })
          : { from: input.from!, to: input.to! };
      const report = await documentStatistics(store.db, period, clock.now());
      return {
        period: report.period,
        total: report.total,
        byType: [...report.byType],
        byLevel: report.byLevel.filter((row) => input.level === undefined || row.level === input.level),
        directory: { endpoints: report.directory.endpoints, byLevel: [...report.directory.byLevel] },
      };
    },
  };
}
