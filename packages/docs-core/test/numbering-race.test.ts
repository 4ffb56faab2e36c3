import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/index.js';
import { openStore, type OpenStoreOptions } from '../src/store/store.js';
import { useTempDir } from './helpers.js';
import { describeEachDialect, useStoreDatabase } from './postgres-test-db.js';

const CHILD = fileURLToPath(new URL('./numbering-race-child.ts', import.meta.url));
const TSX_CLI = createRequire(import.meta.url).resolve('tsx/cli');

/** The child opens the same store: the data folder, and the PostgreSQL connection (JSON) when there is one. */
function runChild(options: OpenStoreOptions, count: number, tag: string, env: NodeJS.ProcessEnv): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const args = [TSX_CLI, CHILD, options.dataDir, String(count), tag, JSON.stringify(options.postgres ?? null)];
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as number[]) : reject(new Error(`child ${tag} exited ${code}: ${err}`))));
  });
}

describeEachDialect('numbering across processes', (dialect) => {
  const tempDir = useTempDir();
  const database = useStoreDatabase(dialect);
  const PROCESSES = 4;
  const EACH = 250;

  it(`${PROCESSES} processes × ${EACH} registrations on one database give exactly 1..N and one audit chain; the next year starts at 01`, async () => {
    const options = { dataDir: await tempDir(), ...(await database()) };
    // Create and migrate the database once so the children race on numbering, not on migrations.
    await (await openStore(options)).close();
    const env = { ...process.env, EOFFICE_NOW: '2026-06-15T09:00:00+07:00' };
    const results = await Promise.all(Array.from({ length: PROCESSES }, (_, i) => runChild(options, EACH, `p${i}`, env)));
    const all = results.flat().sort((a, b) => a - b);
    const total = PROCESSES * EACH;
    expect(all).toHaveLength(total);
    expect(all).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    // Each process saw its own numbers in increasing order.
    for (const numbers of results) expect([...numbers].sort((a, b) => a - b)).toEqual(numbers);

    const nextYear = await runChild(options, 3, 'new-year', { ...process.env, EOFFICE_NOW: '2027-01-01T00:00:00+07:00' });
    expect(nextYear).toEqual([1, 2, 3]);

    const store = await openStore(options);
    try {
      const lines = await store.db.selectFrom('register_entries').select(['register_id', 'number']).execute();
      expect(lines).toHaveLength(total + 3);
      expect(new Set(lines.map((l) => `${l.register_id}#${l.number}`)).size).toBe(total + 3);
      // One head: every process's entries are links of one chain, none forked off a head another had moved.
      expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true, entries: total + 3 });
    } finally {
      await store.close();
    }
  }, 600_000);
});
