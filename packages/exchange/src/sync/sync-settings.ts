import type { Database } from '@eoffice/docs-core';
import type { Kysely } from 'kysely';

export type SyncSettingKey = 'last_sync_at' | 'last_ok_at' | 'last_result' | 'poll_interval_ms';

export async function writeSyncSetting(db: Kysely<Database>, key: SyncSettingKey, value: string): Promise<void> {
  await db.insertInto('exchange_settings').values({ key, value }).onConflict((c) => c.column('key').doUpdateSet({ value })).execute();
}

export async function readSyncSettings(db: Kysely<Database>): Promise<Partial<Record<SyncSettingKey, string>>> {
  const rows = await db.selectFrom('exchange_settings').select(['key', 'value']).execute();
  return Object.fromEntries(rows.map((r) => [r.key, r.value])) as Partial<Record<SyncSettingKey, string>>;
}
