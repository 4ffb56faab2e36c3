import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { hashAuditEntry, verifyAuditChain } from '../src/audit/index.js';
import { verifyStoreAudit } from '../src/services/audit-service.js';
import { defaultSearchIndex } from '../src/search/index.js';
import { copyStore, countRows } from '../src/store/copy-store.js';
import { openStore, type Store } from '../src/store/store.js';
import { useTempDir } from './helpers.js';
import { POSTGRES_TEST_URL, useFreshPostgresDatabases } from './postgres-test-db.js';
import { makeWorld, SENDER, writePdf, type World } from './workflow-helpers.js';

const run = promisify(execFile);

/** A single-machine agency with registered documents (numbers 1..3), users, certificates and an audit chain. */
async function smallAgency(dir: string): Promise<World> {
  const world = await makeWorld(dir);
  const clerk = await world.as('vanthu');
  for (const number of ['11', '12', '13']) {
    const doc = await world.workflow.receive(clerk, {
      file: { path: await writePdf(world.dir, `scan-${number}.pdf`) }, attachments: [], source: 'paper', from: SENDER, fromName: 'Sở Tài chính',
      number, symbol: 'STC-NS', issuedDate: '2026-02-27', type: 'Công văn', subject: `Về việc quyết toán đất đai số ${number}`,
      urgency: 'normal', secrecy: 'none', language: 'Tiếng Việt',
    });
    await world.workflow.verify(clerk, doc.id);
    await world.workflow.register(clerk, doc.id);
  }
  return world;
}

async function snapshot(store: Store) {
  const numbers = await store.db.selectFrom('register_entries').select(['register_id', 'number', 'document_id']).orderBy('id').execute();
  const documents = await store.db.selectFrom('documents').select(['id', 'state', 'arrival_number']).orderBy('id').execute();
  const audit = await verifyStoreAudit(store);
  const found = (await defaultSearchIndex.search(store.db, { text: 'dat dai', secretsVisible: 'all' })).hits.map((h) => h.id);
  return { numbers, documents, audit: { ok: audit.ok, entries: audit.entries, headId: audit.headId, anchors: audit.anchors && { anchoredFrom: audit.anchors.anchoredFrom, count: audit.anchors.count, lastId: audit.anchors.lastId } }, found };
}

describe.skipIf(POSTGRES_TEST_URL === '' && !process.env.CI)('moving a single-machine agency onto PostgreSQL', () => {
  const tempDir = useTempDir();
  const freshDatabase = useFreshPostgresDatabases();

  it('db copy keeps every document, number and audit entry; a pg_dump restored into an empty database verifies too', async () => {
    const dir = await tempDir();
    const world = await smallAgency(dir);
    const before = await snapshot(world.store);
    expect(before.numbers.map((n) => n.number)).toEqual([1, 2, 3]);
    expect(before.found).toHaveLength(3);
    const dataDir = join(dir, 'data');
    const postgres = await freshDatabase();
    const target = await openStore({ dataDir, postgres });
    try {
      const copied = await copyStore(world.store, target);
      expect(await countRows(target.db, copied.map((c) => c.table))).toEqual(copied);
      expect(await snapshot(target)).toEqual(before);
      await expect(copyStore(world.store, target)).rejects.toMatchObject({ code: 'E_CONFLICT' });
    } finally {
      await target.close();
      await world.store.close();
    }

    // Backup and restore of the server: pg_dump's custom format into a fresh, empty database.
    const dump = join(dir, 'agency.dump');
    const env = { ...process.env, PGHOST: postgres.host, PGPORT: String(postgres.port), PGUSER: postgres.user };
    await run('pg_dump', ['--format=custom', `--file=${dump}`, postgres.database], { env });
    const restoredDb = await freshDatabase();
    await run('pg_restore', ['--no-owner', `--dbname=${restoredDb.database}`, dump], { env });
    const restored = await openStore({ dataDir, postgres: restoredDb });
    try {
      expect(await snapshot(restored)).toEqual(before);
    } finally {
      await restored.close();
    }
  }, 300_000);

  it('the anchors travel with the copy: a source chain rewritten after it was anchored is still named on the server', async () => {
    const dir = await tempDir();
    const world = await smallAgency(dir);
    const postgres = await freshDatabase();
    const target = await openStore({ dataDir: join(dir, 'data'), postgres });
    try {
      // A forger with the SQLite file rewrites entry 2 and recomputes every later link and the head.
      const source = world.store.db;
      await sql`drop trigger audit_log_no_update`.execute(source);
      const rows = await source.selectFrom('audit_log').selectAll().where('id', '>=', 2).orderBy('id').execute();
      let prevHash = (await source.selectFrom('audit_log').select('hash').where('id', '=', 1).executeTakeFirstOrThrow()).hash;
      for (const row of rows) {
        const actor = row.id === 2 ? 'ke-gian' : row.actor;
        const hash = hashAuditEntry({
          id: row.id, at: row.at, actor, action: row.action, objectType: row.object_type, objectId: row.object_id,
          before: row.before, after: row.after, prevHash,
        });
        await sql`update audit_log set actor = ${actor}, prev_hash = ${prevHash}, hash = ${hash} where id = ${row.id}`.execute(source);
        prevHash = hash;
      }
      await sql`update audit_head set last_hash = ${prevHash}`.execute(source);
      expect((await verifyAuditChain(source)).ok).toBe(true);
      await copyStore(world.store, target);
      expect((await verifyAuditChain(target.db)).ok).toBe(true);
      expect((await verifyStoreAudit(target)).firstBroken).toEqual({ id: 2, reason: expect.stringMatching(/entry 2 was altered/) });
    } finally {
      await target.close();
      await world.store.close();
    }
  }, 300_000);
});
