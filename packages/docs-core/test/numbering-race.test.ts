import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/index.js';
import { openStore } from '../src/store/store.js';
import { useTempDir } from './helpers.js';

const CHILD = fileURLToPath(new URL('./numbering-race-child.ts', import.meta.url));
const TSX_CLI = createRequire(import.meta.url).resolve('tsx/cli');

function runChild(dataDir: string, count: number, tag: string, env: NodeJS.ProcessEnv): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX_CLI, CHILD, dataDir, String(count), tag], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as number[]) : reject(new Error(`child ${tag} exited ${code}: ${err}`))));
  });
}

describe('numbering across processes', () => {
  const tempDir = useTempDir();
  const PROCESSES = 4;
  const EACH = 250;

  it(`${PROCESSES} processes × ${EACH} registrations on one file give exactly 1..N; the next year starts at 01`, async () => {
    const dataDir = await tempDir();
    // Create and migrate the file once so the children race on numbering, not on migrations.
    await (await openStore({ dataDir })).close();
    const env = { ...process.env, EOFFICE_NOW: '2026-06-15T09:00:00+07:00' };
    const results = await Promise.all(Array.from({ length: PROCESSES }, (_, i) => runChild(dataDir, EACH, `p${i}`, env)));
    const all = results.flat().sort((a, b) => a - b);
    const total = PROCESSES * EACH;
    expect(all).toHaveLength(total);
    expect(all).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    // Each process saw its own numbers in increasing order.
    for (const numbers of results) expect([...numbers].sort((a, b) => a - b)).toEqual(numbers);

    const nextYear = await runChild(dataDir, 3, 'new-year', { ...process.env, EOFFICE_NOW: '2027-01-01T00:00:00+07:00' });
    expect(nextYear).toEqual([1, 2, 3]);

    const store = await openStore({ dataDir });
    try {
      const lines = await store.db.selectFrom('register_entries').select(['register_id', 'number']).execute();
      expect(lines).toHaveLength(total + 3);
      expect(new Set(lines.map((l) => `${l.register_id}#${l.number}`)).size).toBe(total + 3);
      expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true, entries: total + 3 });
    } finally {
      await store.close();
    }
  }, 300_000);
});
