import { expect, it } from 'vitest';
import { appendAudit, verifyAuditChain, type AuditChainReport } from '../src/audit/index.js';
import { verifyStoreAudit } from '../src/services/audit-service.js';
import { FixedClock } from '../src/clock/clock.js';
import { openStore } from '../src/store/store.js';
import { useTempDir } from './helpers.js';
import { describeEachDialect, useStoreDatabase } from './postgres-test-db.js';

describeEachDialect('audit chain under concurrent writers', (dialect) => {
  const tempDir = useTempDir();
  const database = useStoreDatabase(dialect);

  it('four stores appending at once (no numbering to order them) leave one chain with one head', async () => {
    const options = { dataDir: await tempDir(), ...(await database()) };
    const stores = await Promise.all(Array.from({ length: 4 }, () => openStore(options)));
    const clock = new FixedClock('2026-06-15T09:00:00+07:00');
    const EACH = 40;
    try {
      await Promise.all(
        stores.map((store, writer) =>
          Promise.all(
            Array.from({ length: EACH }, (_, i) =>
              store.db.transaction().execute((trx) =>
                appendAudit(trx, clock, { actor: `w${writer}`, action: 'test.append', objectType: 'test', objectId: `${writer}-${i}` }),
              ),
            ),
          ),
        ),
      );
      const report = await verifyAuditChain(stores[0]!.db);
      expect(report).toMatchObject({ ok: true, entries: 4 * EACH, headId: 4 * EACH });
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  }, 120_000);

  if (dialect === 'postgres') {
    it('an auditor verifying while four writers append sees an intact, anchored chain every time (one snapshot per verify)', async () => {
      const options = { dataDir: await tempDir(), ...(await database()) };
      const stores = await Promise.all(Array.from({ length: 5 }, () => openStore(options)));
      const auditor = stores.pop()!;
      const clock = new FixedClock('2026-06-15T09:00:00+07:00');
      const EACH = 60;
      let writing = true;
      try {
        const writers = Promise.all(
          stores.map(async (store, writer) => {
            for (let i = 0; i < EACH; i += 1) {
              await store.db.transaction().execute((trx) =>
                appendAudit(trx, clock, { actor: `w${writer}`, action: 'test.append', objectType: 'test', objectId: `${writer}-${i}` }),
              );
            }
          }),
        ).finally(() => {
          writing = false;
        });
        const reports: AuditChainReport[] = [];
        while (writing) reports.push(await verifyStoreAudit(auditor));
        await writers;
        expect(reports.length).toBeGreaterThan(1);
        expect(reports.filter((r) => !r.ok)).toEqual([]);
        expect(await verifyStoreAudit(auditor)).toMatchObject({ ok: true, entries: 4 * EACH, anchors: { count: 4 * EACH } });
      } finally {
        await Promise.all([...stores, auditor].map((store) => store.close()));
      }
    }, 300_000);
  }
});
