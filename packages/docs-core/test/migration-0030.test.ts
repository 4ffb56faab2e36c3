import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { FixedClock } from '../src/clock/index.js';
import { migrateTo } from '../src/store/migrator.js';
import { migrations } from '../src/store/migrations/index.js';
import { openStore } from '../src/store/store.js';
import { loadActorByUsername } from '../src/users/actor.js';
import { readSignatureImage, setSignatureImage } from '../src/users/signature-image.js';
import { useTempDir } from './helpers.js';
import { describeEachDialect, useStoreDatabase } from './postgres-test-db.js';
import { versionBefore } from './migration-helpers.js';
import { flatPng } from './png-bytes.js';

describeEachDialect('migration 0030 (signature image on the user row)', (dialect) => {
  const tempDir = useTempDir();
  const database = useStoreDatabase(dialect);

  it('keeps the users made before it, without an image, and lets an image be set on them afterwards', async () => {
    const dir = await tempDir();
    const store = await openStore({ dataDir: dir, ...(await database()), migrateToVersion: versionBefore(30) });
    try {
      await store.db
        .insertInto('users')
        .values({ id: 'u1', username: 'lanhdao', full_name: 'Nguyễn Văn An', position: 'Chủ tịch', unit: null, password_hash: null, created_at: 'x' } as never) // the row as version 24 knew it
        .execute();
      await migrateTo(store.db, migrations, 30);
      expect(await store.schemaVersion()).toBe(30);
      const row = await store.db.selectFrom('users').select(['username', 'signature_image_sha256']).executeTakeFirstOrThrow();
      expect(row).toEqual({ username: 'lanhdao', signature_image_sha256: null });
      expect(await readSignatureImage(store.db, store.blobs, 'u1')).toBeNull();

      const png = join(dir, 'chu-ky.png');
      const bytes = flatPng(120, 40, 6);
      await writeFile(png, bytes);
      const actor = (await loadActorByUsername(store.db, 'lanhdao'))!;
      const set = await setSignatureImage(store, new FixedClock('2026-03-02T09:00:00+07:00'), actor, 'lanhdao', png);
      expect(set).toMatchObject({ username: 'lanhdao', width: 120, height: 40 });
      expect(Buffer.from((await readSignatureImage(store.db, store.blobs, 'u1'))!)).toEqual(bytes);
    } finally {
      await store.close();
    }
  });
});
