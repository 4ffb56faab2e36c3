import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/index.js';
import { backupSqliteStore, restoreSqliteStore } from '../src/store/store-backup.js';
import { openStore } from '../src/store/store.js';
import { useTempDir } from './helpers.js';
import { makeWorld } from './workflow-helpers.js';

describe('the single-machine backup archive', () => {
  const tempDir = useTempDir();

  it('cuts the audit anchors at the snapshot: an anchor written by a commit after it does not travel', async () => {
    const dir = await tempDir();
    const world = await makeWorld(dir);
    const databaseFile = world.store.databasePath;
    const head = await world.store.db.selectFrom('audit_head').select(['last_id']).executeTakeFirstOrThrow();
    // What a transaction of another process leaves between the snapshot and the reading of the anchors: its entry is
    // anchored (before its COMMIT) but not in the snapshot.
    await appendFile(`${databaseFile}.audit-anchors`, `${head.last_id + 1} ${'ab'.repeat(32)}\n`);
    const out = join(dir, 'agency.backup');
    const summary = await backupSqliteStore({ dataDir: world.store.dataDir, databaseFile, out });
    await world.store.close();
    expect(summary).toMatchObject({ auditHead: { id: head.last_id }, anchors: head.last_id });

    const restoredDir = join(dir, 'restored');
    await restoreSqliteStore({ archive: out, dataDir: restoredDir });
    const anchors = await readFile(join(restoredDir, 'eoffice.sqlite.audit-anchors'), 'utf8');
    expect(anchors.trimEnd().split('\n').at(-1)).toMatch(new RegExp(`^${head.last_id} `));
    const restored = await openStore({ dataDir: restoredDir });
    try {
      expect(await verifyAuditChain(restored.db, restored.auditAnchors)).toMatchObject({ ok: true, headId: head.last_id });
    } finally {
      await restored.close();
    }
  }, 120_000);
});
