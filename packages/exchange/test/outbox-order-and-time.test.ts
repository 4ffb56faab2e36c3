import { createServer } from 'node:net';
import { join } from 'node:path';
import { DocumentWorkflow, systemClock } from '@eoffice/docs-core';
import { describe, expect, it } from 'vitest';
import { signingLibraryVerifier } from '../../host/src/index.js';
import { AxisClient, startAxisServer } from '../src/index.js';
import { drainOutbox } from '../src/sync/outbox-sender.js';
import type { SyncDeps } from '../src/sync/sync-options.js';
import { issueDocument, makeEndpoint, makeIdentity, type Endpoint } from './endpoint.js';
import { useWorkDir } from './work-dir.js';

const work = useWorkDir();
const A = '000.00.01.Z99';
const B = '000.00.02.Z99';

/** A loopback URL where nothing listens: every call fails as an unreachable axis would. */
async function deadAxisUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

function depsOf(endpoint: Endpoint, axisUrl: string, now: () => Date): SyncDeps {
  const store = endpoint.services.store;
  return {
    store,
    workflow: new DocumentWorkflow({ store, clock: systemClock(), verifier: signingLibraryVerifier({ trust: { dataDir: endpoint.dataDir } }) }),
    axis: new AxisClient({ endpoint: axisUrl, systemId: A, secret: `secret-${A}`, timeoutMs: 5_000 }),
    dataDir: endpoint.dataDir,
    now,
    backoffMs: [60_000, 60_000],
  };
}

describe('the outbox sender: one time convention with docs-core, and queue order per recipient and document', () => {
  it('a failed try is due again only after its back-off, written in Vietnam time like the rows docs-core writes; a recall never overtakes the document it recalls', async () => {
    const dir = work();
    const axis = await startAxisServer({
      dataDir: join(dir, 'axis'),
      systems: [{ systemId: A, secret: `secret-${A}`, organIds: [A] }],
      agencies: [
        { code: A, name: 'UBND tỉnh Demo A', parentCode: null },
        { code: B, name: 'UBND tỉnh Demo B', parentCode: null },
      ],
    });
    const a = await makeEndpoint(join(dir, 'a'), A, 'UBND tỉnh Demo A', await makeIdentity(dir, 'Nguyễn Văn An'));
    try {
      const db = a.services.store.db;
      const issued = await issueDocument(a, [B]);
      await a.as('vanthu').services.documents.dispatch({ id: issued.id });
      const [queued] = await db.selectFrom('outbox').selectAll().execute();
      // docs-core's convention: Vietnam time with its offset.
      expect(queued!.next_attempt_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);

      const t0 = new Date();
      const at = (seconds: number) => () => new Date(t0.getTime() + seconds * 1000);
      expect(await drainOutbox(depsOf(a, await deadAxisUrl(), at(0)))).toMatchObject({ sent: 0, retrying: 1 });
      const [failed] = await db.selectFrom('outbox').selectAll().execute();
      expect(failed).toMatchObject({ state: 'pending', attempts: 1 });
      expect(failed!.next_attempt_at).toMatch(/\+07:00$/);
      expect(Date.parse(failed!.next_attempt_at!)).toBe(Math.floor((t0.getTime() + 60_000) / 1000) * 1000);

      // The recall is queued now and due at once, but the dispatch it recalls still waits for its back-off.
      await a.as('vanthu').services.documents.recall({ id: issued.id, reason: 'Ban hành nhầm' });
      const early = await drainOutbox(depsOf(a, axis.url, at(30)));
      expect(early).toEqual({ sent: 0, retrying: 0, failed: 0, quarantined: 0 });
      const waiting = await db.selectFrom('outbox').select(['business_type', 'state', 'attempts']).orderBy('id').execute();
      expect(waiting).toEqual([
        { business_type: 0, state: 'pending', attempts: 1 },
        { business_type: 1, state: 'pending', attempts: 0 },
      ]);

      // Past the back-off both leave (in queue order: the sender goes through the due rows one by one by id).
      expect(await drainOutbox(depsOf(a, axis.url, at(61)))).toMatchObject({ sent: 2 });
      const sent = await db.selectFrom('outbox').select(['business_type', 'state', 'axis_doc_id']).orderBy('id').execute();
      expect(sent.map((r) => [r.business_type, r.state])).toEqual([
        [0, 'sent'],
        [1, 'sent'],
      ]);
      const client = new AxisClient({ endpoint: axis.url, systemId: A, secret: `secret-${A}` });
      for (const row of sent) expect(await client.getSentEdocList(row.axis_doc_id!)).toHaveLength(1);
    } finally {
      await a.close();
      await axis.close();
    }
  }, 60_000);
});
