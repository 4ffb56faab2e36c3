import { openStore } from '@eoffice/docs-core';
import { describe, expect, it } from 'vitest';
import { readSyncSettings, writeSyncSetting, writeSyncSettings } from '../src/sync/sync-settings.js';
import { useWorkDir } from './work-dir.js';

const workDir = useWorkDir();

describe('sync settings written together', () => {
  it('writes a pass’s settings in one statement, replacing each value and leaving the ones not named', async () => {
    const store = await openStore({ dataDir: workDir() });
    try {
      await writeSyncSetting(store.db, 'poll_interval_ms', '60000');
      await writeSyncSettings(store.db, { last_sync_at: 'A', last_result: '{"ok":true}', last_ok_at: 'A' });
      expect(await readSyncSettings(store.db)).toEqual({ poll_interval_ms: '60000', last_sync_at: 'A', last_result: '{"ok":true}', last_ok_at: 'A' });
      // A failed pass: its time and result replace the older ones, the last good pass's time stays.
      await writeSyncSettings(store.db, { last_sync_at: 'B', last_result: '{"ok":false}' });
      expect(await readSyncSettings(store.db)).toEqual({ poll_interval_ms: '60000', last_sync_at: 'B', last_result: '{"ok":false}', last_ok_at: 'A' });
      await writeSyncSettings(store.db, {});
      expect((await readSyncSettings(store.db)).last_sync_at).toBe('B');
    } finally {
      await store.close();
    }
  });
});
