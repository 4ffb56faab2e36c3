import type { Database } from '@eoffice/docs-core';
import type { Kysely } from 'kysely';

export type SyncSettingKey = 'last_sync_at' | 'last_ok_at' | 'last_result' | 'poll_interval_ms';

export async function writeSyncSetting(db: Kysely<Database>, key: SyncSettingKey, value: string): Promise<void> {
  await writeSyncSettings(db, { [key]: value });
}

/**
 * Several settings in one statement: a pass ends with two or three of them, and one statement both costs one trip
 * instead of three (a process hosting hundreds of endpoints pays it for each) and leaves no crash between them
 * (a `last_sync_at` that a `last_result` of an older pass contradicts).
 */
export async function writeSyncSettings(db: Kysely<Database>, settings: Partial<Record<SyncSettingKey, string>>): Promise<void> {
  const rows = Object.entries(settings).map(([key, value]) => ({ key, value: value! }));
  if (rows.length === 0) return;
  await db
    .insertInto('exchange_settings')
    .values(rows)
    .onConflict((c) => c.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })))
    .execute();
}

export async function readSyncSettings(db: Kysely<Database>): Promise<Partial<Record<SyncSettingKey, string>>> {
  const rows = await db.selectFrom('exchange_settings').select(['key', 'value']).execute();
  return Object.fromEntries(rows.map((r) => [r.key, r.value])) as Partial<Record<SyncSettingKey, string>>;
}
