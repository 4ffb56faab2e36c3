/**
 * A process of receivers for the exchange benchmark's fan-out (forked by scripts/bench/exchange.ts, not run by hand).
 * Each endpoint in the field is its own workstation; the bench hosts its share of them here, with one verifier thread,
 * so the fan-out uses every core as the province's machines would. Speaks to its parent over the IPC channel:
 * receives `{ start }`, answers `{ ready }` once its stores are open; receives `go`, answers `{ done, registered }`;
 * receives `close`, closes every store and exits.
 */
import { join } from 'node:path';
import { generateDemoProvince } from '../../packages/docs-core/src/directory/demo-province.js';
import { signingLibraryVerifier } from '../../packages/host/src/index.js';
import { makeReceiver, pool, takeInAndRegister, type Receiver } from './exchange-receiver.js';

interface Start {
  readonly dir: string;
  readonly organIds: readonly string[];
  readonly axisUrl: string;
  readonly trustAnchors: readonly string[];
  readonly concurrency: number;
}

const send = (message: unknown) => new Promise<void>((done) => process.send!(message, () => done()));

const start = await new Promise<Start>((resolve) => process.once('message', (message) => resolve((message as { start: Start }).start)));
const directory = generateDemoProvince();
const names = new Map(directory.endpoints.map((e) => [e.code, e.name]));
const verifier = signingLibraryVerifier({ trust: { dataDir: start.dir, trustAnchors: [...start.trustAnchors] } });
const receivers: Receiver[] = [];
await pool(start.organIds, start.concurrency, async (organId) => {
  receivers.push(await makeReceiver(join(start.dir, 'endpoints'), organId, names.get(organId) ?? organId, start.axisUrl, verifier, directory));
});
await send({ ready: receivers.length });

process.on('message', (message) => {
  if (message === 'go') {
    void (async () => {
      let registered = 0;
      await pool(receivers, start.concurrency, async (receiver) => {
        const taken = await takeInAndRegister(receiver); // read before adding: `+= await` would add to a stale total
        registered += taken;
      });
      await send({ done: true, registered });
    })();
  } else if (message === 'close') {
    void (async () => {
      for (const r of receivers) await r.services.close();
      await verifier.close();
      process.exit(0);
    })();
  }
});
