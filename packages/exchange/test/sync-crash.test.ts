import { spawn } from 'node:child_process';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { openStore, type Store } from '@eoffice/docs-core';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { startAxisServer } from '../src/index.js';
import { issueDocument, makeEndpoint, makeIdentity, openEndpoint, sealIdentityOf } from './endpoint.js';
import { CLI_BUNDLE, runEoffice } from './run-cli.js';
import { useWorkDir } from './work-dir.js';

/**
 * The sync process killed with SIGKILL at random points, again and again, then left to finish: every document
 * arrives exactly once, no status is lost, both databases pass `PRAGMA integrity_check`.
 * CI runs a handful of kills; by hand: EOFFICE_CRASH_TRIALS=50 (and EOFFICE_CRASH_DOCS, EOFFICE_CRASH_SEED).
 */
const TRIALS = Number(process.env.EOFFICE_CRASH_TRIALS ?? '3');
const DOCS = Number(process.env.EOFFICE_CRASH_DOCS ?? '2');
const SEED = Number(process.env.EOFFICE_CRASH_SEED ?? String(Date.now() % 100_000));

const work = useWorkDir();
const A = '000.00.01.Z99';
const B = '000.00.02.Z99';
const SECRETS: Readonly<Record<string, string>> = { [A]: 'bi-mat-A', [B]: 'bi-mat-B' };

interface Side {
  readonly organId: typeof A | typeof B;
  readonly dataDir: string;
}

function syncArgs(side: Side, url: string): string[] {
  return ['sync', '--json', '--data-dir', side.dataDir, '--axis', url, '--system-id', side.organId, '--secret-env', 'EOFFICE_CRASH_SECRET', '--backoff-ms', '0,0,0,0,0,0,0,0,0,0'];
}

/**
 * A long-running `eoffice sync` (a pass every 0.2 s) killed with SIGKILL after `afterMs`; resolves, when it is gone,
 * with the number of passes it finished (each prints one JSON line): 0 means it died starting up or in its first pass.
 */
function killedSync(side: Side, url: string, env: NodeJS.ProcessEnv, afterMs: number): Promise<number> {
  const child = spawn(process.execPath, [CLI_BUNDLE, ...syncArgs(side, url), '--interval', '0.2'], {
    env: { ...process.env, ...env, EOFFICE_CRASH_SECRET: SECRETS[side.organId] },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let passes = 0;
  child.stdout!.on('data', (chunk: Buffer) => (passes += chunk.toString('utf8').split('\n').length - 1));
  const timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(passes);
    });
  });
}

async function withStore<T>(dataDir: string, use: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ dataDir });
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

async function unsentOf(store: Store): Promise<number> {
  return (await store.db.selectFrom('outbox').select('id').where('state', '!=', 'sent').execute()).length;
}

async function statusesOf(store: Store): Promise<number> {
  return (await store.db.selectFrom('exchange_statuses').select('id').execute()).length;
}

async function unregisteredOf(store: Store): Promise<number> {
  return (await store.db.selectFrom('documents').select('id').where('direction', '=', 'incoming').where('state', '!=', 'registered').execute()).length;
}

describe('sync crash safety', () => {
  it(`the sync process SIGKILLed at random points (${TRIALS} kills): every document once, every status once, integrity ok`, async () => {
    const dir = work();
    let seed = SEED;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const axis = await startAxisServer({
      dataDir: join(dir, 'axis'),
      systems: [A, B].map((organId) => ({ systemId: organId, secret: SECRETS[organId]!, organIds: [organId] })),
      agencies: [
        { code: A, name: 'UBND tỉnh Demo A', parentCode: null },
        { code: B, name: 'UBND tỉnh Demo B', parentCode: null },
      ],
    });
    try {
      const leaderA = await makeIdentity(dir, 'Nguyễn Văn An', 'pki-a');
      const leaderB = await makeIdentity(dir, 'Trần Văn Bình', 'pki-b');
      const a = await makeEndpoint(join(dir, 'a'), A, 'UBND tỉnh Demo A', leaderA);
      const b = await makeEndpoint(join(dir, 'b'), B, 'UBND tỉnh Demo B', leaderB);
      const sent: string[] = [];
      try {
        for (let i = 0; i < DOCS; i += 1) {
          const d = await issueDocument(a, [B], { subject: `V/v thử tắt đột ngột ${i + 1}` });
          await a.as('vanthu').services.documents.dispatch({ id: d.id });
          sent.push(d.id);
        }
      } finally {
        await a.close();
        await b.close();
      }
      const trust = join(dir, 'trust-b');
      await mkdir(trust);
      await copyFile(leaderA.rootPem, join(trust, 'leader-root.pem'));
      await copyFile((await sealIdentityOf(a.dataDir)).rootPem, join(trust, 'seal-root.pem'));
      const env = { EOFFICE_TRUST_DIR: trust };
      const sides: Side[] = [
        { organId: A, dataDir: a.dataDir },
        { organId: B, dataDir: b.dataDir },
      ];
      /** B's clerk registers what has arrived and is verified: each registration queues a 03. */
      const registerArrived = async () => {
        const clerkSide = await openEndpoint(b.dataDir, leaderB, null);
        try {
          const arrived = await clerkSide.services.store.db.selectFrom('documents').select(['id', 'state']).where('direction', '=', 'incoming').execute();
          for (const d of arrived.filter((x) => x.state === 'verified')) await clerkSide.as('vanthu').services.documents.register({ id: d.id });
        } finally {
          await clerkSide.close();
        }
      };

      // How long a sync process takes to start here and now: kills are spread over start-up and the passes after it.
      const started = Date.now();
      expect((await runEoffice(['sync', 'status', '--json', '--data-dir', a.dataDir])).code).toBe(0);
      const startUpMs = Date.now() - started;
      const kills: number[] = [];
      const passesBeforeKill: number[] = [];
      for (let trial = 0; trial < TRIALS; trial += 1) {
        if (trial === Math.floor(TRIALS / 2)) await registerArrived();
        const afterMs = Math.round(startUpMs * 0.5 + random() * (startUpMs + 3000));
        kills.push(afterMs);
        passesBeforeKill.push(await killedSync(sides[trial % 2]!, axis.url, env, afterMs));
      }

      // Then each side is left to finish, one pass at a time, until nothing moves.
      const once = (side: Side) => runEoffice([...syncArgs(side, axis.url), '--once'], { ...env, EOFFICE_CRASH_SECRET: SECRETS[side.organId] });
      // Settled: nothing left to send on either side, all registered, and A holds two statuses per document (a lost
      // status never arrives, so the loop ends at its bound and the checks below fail).
      const settled = async () =>
        (await withStore(a.dataDir, async (store) => (await unsentOf(store)) + Math.abs((await statusesOf(store)) - 2 * DOCS))) === 0 &&
        (await withStore(b.dataDir, async (store) => (await unsentOf(store)) + (await unregisteredOf(store)))) === 0;
      let rounds = 0;
      do {
        rounds += 1;
        await registerArrived();
        for (const side of [sides[0]!, sides[1]!, sides[0]!]) await once(side);
      } while (rounds < 5 && !(await settled()));

      const outcome =
        `seed ${SEED}, start-up ${startUpMs} ms, kills after ${kills.join(', ')} ms, passes finished before each kill ` +
        `${passesBeforeKill.join(', ')}, ${rounds} rounds to settle`;
      if (process.env.EOFFICE_CRASH_TRIALS) console.log(outcome);
      await withStore(b.dataDir, async (store) => {
        const arrived = await store.db.selectFrom('documents').select(['exchange_document_id', 'state']).where('direction', '=', 'incoming').execute();
        expect(arrived, outcome).toHaveLength(DOCS);
        expect(new Set(arrived.map((d) => d.exchange_document_id)).size, outcome).toBe(DOCS);
        expect(arrived.every((d) => d.state === 'registered'), outcome).toBe(true);
        expect(await store.db.selectFrom('outbox').select(['status_code', 'state']).where('state', '!=', 'sent').execute(), outcome).toEqual([]);
        expect((await sql<{ integrity_check: string }>`pragma integrity_check`.execute(store.db)).rows, outcome).toEqual([{ integrity_check: 'ok' }]);
      });
      await withStore(a.dataDir, async (store) => {
        for (const id of sent) {
          const codes = await store.db.selectFrom('exchange_statuses').select('status_code').where('document_id', '=', id).where('organ_id', '=', B).orderBy('status_time').orderBy('id').execute();
          expect(codes.map((c) => c.status_code), outcome).toEqual(['01', '03']);
        }
        expect(await store.db.selectFrom('outbox').select('state').where('state', '!=', 'sent').execute(), outcome).toEqual([]);
        expect((await sql<{ integrity_check: string }>`pragma integrity_check`.execute(store.db)).rows, outcome).toEqual([{ integrity_check: 'ok' }]);
      });
    } finally {
      await axis.close();
    }
  }, 600_000 + TRIALS * 30_000);
});
