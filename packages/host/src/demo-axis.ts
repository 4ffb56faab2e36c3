import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DEMO_PROVINCE_LEVEL1, generateDemoProvince, openStore, readAgency } from '@eoffice/docs-core';
import { startAxisServer, startDemoPeers, type DemoPeers, type RunningAxis } from '@eoffice/exchange';
import type { Logger } from 'pino';
import { exchangeFromEnvironment, type ExchangeConfiguration } from './exchange-configuration.js';
import { workDirOf } from './work-dir.js';

/** The system id the demo peers act through on the demo axis: a gateway for every organ no one else claims. */
const PEERS_SYSTEM_ID = 'demo-peers';

export interface DemoAxis {
  /** What the face's sync engine exchanges through: this agency's system on the demo axis. */
  readonly exchange: ExchangeConfiguration;
  readonly url: string;
  close(): Promise<void>;
}

/** An organ code of the demo province (`000.00.01.Z99`): its level-1 part is Z99, which no real agency has. */
export function isDemoOrganId(organId: string): boolean {
  return organId.split('.').at(-1) === DEMO_PROVINCE_LEVEL1;
}

/**
 * Whether a long-running face on one machine starts the local demo axis: only when no axis is configured, the agency
 * is one of the demo province's (so a real agency never "sends" into it and believes its documents left), and
 * EOFFICE_DEMO_AXIS is not `off`. The agency's code, or null.
 */
export async function demoAxisAgency(dataDir: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  if (env.EOFFICE_DEMO_AXIS === 'off' || exchangeFromEnvironment(env) !== null) return null;
  const store = await openStore({ dataDir });
  try {
    const agency = await readAgency(store.db);
    return agency && isDemoOrganId(agency.organId) ? agency.organId : null;
  } finally {
    await store.close();
  }
}

/**
 * The local demo axis of the embedded defaults (README: `pnpm start`): an axis on loopback with its messages in the
 * data folder's `demo-axis/`, this agency's system, and the other demo endpoints played by `startDemoPeers`, which
 * answer each dispatched document with 01 and 03. The secrets are made per launch and live only in this process.
 */
export async function startDemoAxis(options: { dataDir: string; organId: string; logger: Logger; peersIntervalMs?: number }): Promise<DemoAxis> {
  const secret = randomBytes(32).toString('hex');
  const peersSecret = randomBytes(32).toString('hex');
  const province = generateDemoProvince();
  const names = new Map(province.endpoints.map((e) => [e.code, e.name]));
  const axis: RunningAxis = await startAxisServer({
    dataDir: join(options.dataDir, 'demo-axis'),
    systems: [
      { systemId: options.organId, secret, organIds: [options.organId] },
      { systemId: PEERS_SYSTEM_ID, secret: peersSecret, organIds: ['*'] },
    ],
    agencies: province.endpoints.map((e) => ({ code: e.code, name: e.name, parentCode: e.parentCode })),
  });
  const peers: DemoPeers = startDemoPeers({
    axisUrl: axis.url,
    systemId: PEERS_SYSTEM_ID,
    secret: peersSecret,
    workDir: join(workDirOf(options.dataDir), 'demo-peers'),
    nameOf: (organId) => names.get(organId),
    ...(options.peersIntervalMs === undefined ? {} : { intervalMs: options.peersIntervalMs }),
    onError: (error) => options.logger.warn({ err: error }, 'demo peers: a pass failed; will try again'),
  });
  options.logger.info({ axis: axis.url, organId: options.organId }, 'local demo axis started (demo province agency, no axis configured)');
  return {
    exchange: { axisUrl: axis.url, systemId: options.organId, secret, pollIntervalMs: 5_000, demo: true },
    url: axis.url,
    async close() {
      await peers.stop();
      await axis.close();
    },
  };
}
