import { expect, it } from 'vitest';
import { migrateTo } from '../src/store/migrator.js';
import { migrations } from '../src/store/migrations/index.js';
import { openStore } from '../src/store/store.js';
import { useTempDir } from './helpers.js';
import { describeEachDialect, useStoreDatabase } from './postgres-test-db.js';
import { versionBefore } from './migration-helpers.js';

describeEachDialect('migration 0021 (calendar)', (dialect) => {
  const tempDir = useTempDir();
  const database = useStoreDatabase(dialect);

  it('adds the calendar tables with the fixed-date holidays, keeping existing data', async () => {
    const store = await openStore({ dataDir: await tempDir(), ...(await database()), migrateToVersion: versionBefore(21) });
    try {
      await store.db.insertInto('app_settings').values({ key: 'k', value: 'v', updated_at: 'x' }).execute();
      await migrateTo(store.db, migrations, 21);
      expect(await store.schemaVersion()).toBe(21);
      expect(await store.db.selectFrom('app_settings').select('value').where('key', '=', 'k').executeTakeFirst()).toEqual({ value: 'v' });
      const holidays = await store.db.selectFrom('calendar_recurring_holidays').select(['month', 'day']).orderBy('month').orderBy('day').execute();
      expect(holidays).toEqual([{ month: 1, day: 1 }, { month: 4, day: 30 }, { month: 5, day: 1 }, { month: 9, day: 2 }]);
      await store.db.insertInto('calendar_days').values({ date: '2026-02-17', kind: 'holiday', name: 'Tết', created_at: 'x', created_by: null }).execute();
      await expect(
        store.db.insertInto('calendar_days').values({ date: '17/02/2026', kind: 'holiday', name: 'Tết', created_at: 'x', created_by: null }).execute(),
      ).rejects.toThrow(/CHECK constraint|violates check constraint/);
      await expect(
        store.db.insertInto('calendar_days').values({ date: '2026-02-18', kind: 'vacation' as 'holiday', name: 'x', created_at: 'x', created_by: null }).execute(),
      ).rejects.toThrow(/CHECK constraint|violates check constraint/);
    } finally {
      await store.close();
    }
  });
});
