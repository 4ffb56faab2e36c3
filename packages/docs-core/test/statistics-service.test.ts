import { describe, expect, it } from 'vitest';
import { statisticsInputSchema, type CallContext } from '@eoffice/contract';
import { createStatisticsService } from '../src/services/statistics-service.js';
import { SENDER, makeWorld, writePdf } from './workflow-helpers.js';
import { useTempDir } from './helpers.js';

const as = (username: string): CallContext => ({ sessionToken: null, actingUsername: username, face: 'test' });

describe('statistics service (contract input, role check, real SQLite)', () => {
  const tempDir = useTempDir();

  it('reports a period to leaders, clerks, archivists and admins, and refuses a specialist', async () => {
    const world = await makeWorld(await tempDir());
    try {
      const clerk = await world.as('vanthu');
      for (const [i, type] of (['Công văn', 'Công văn', 'Quyết định'] as const).entries()) {
        const doc = await world.workflow.receive(clerk, {
          file: { path: await writePdf(world.dir, `scan-${i}.pdf`) }, attachments: [], source: 'paper', from: SENDER, fromName: 'Sở Tài chính',
          number: String(10 + i), symbol: 'STC-NS', issuedDate: '2026-02-27', type, subject: `Văn bản ${i}`,
          urgency: 'normal', secrecy: 'none', language: 'Tiếng Việt',
        });
        await world.workflow.verify(clerk, doc.id);
        await world.workflow.register(clerk, doc.id);
      }
      const service = createStatisticsService({ store: world.store, clock: world.clock });
      const report = (input: unknown, user: string) => service.report(statisticsInputSchema.parse(input), as(user));

      const year = await report({ year: 2026 }, 'lanhdao');
      expect(year.period).toEqual({ from: '2026-01-01', to: '2026-12-31' });
      expect(year.total).toMatchObject({ received: 3, issued: 0, fullyElectronic: 0, electronicShare: 0 });
      expect(Object.fromEntries(year.byType.map((r) => [r.type, r.received]))).toEqual({ 'cong-van': 2, 'QĐ': 1 });
      expect((await report({ year: 2026, quarter: 2 }, 'vanthu')).total.received).toBe(0);
      expect((await report({ from: '2026-03-01', to: '2026-03-31' }, 'luutru')).total.received).toBe(3);
      expect((await report({ year: 2026, month: 3 }, 'admin')).period).toEqual({ from: '2026-03-01', to: '2026-03-31' });
      // Only the asked level is kept: no directory here, so no document has a level 1 counterpart.
      expect((await report({ year: 2026, level: 1 }, 'lanhdao')).byLevel).toEqual([]);

      await expect(report({ year: 2026 }, 'chuyenvien')).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
      await expect(report({ from: '2026-04-01', to: '2026-03-01' }, 'lanhdao')).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
      // The contract refuses a period that is neither dates nor a year, or both, before the service runs.
      for (const bad of [{}, { from: '2026-01-01' }, { year: 2026, from: '2026-01-01', to: '2026-02-01' }, { quarter: 1 }, { year: 2026, quarter: 1, month: 2 }]) {
        expect(statisticsInputSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
      }
    } finally {
      await world.store.close();
    }
  });
});
