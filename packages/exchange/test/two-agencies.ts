import type { ExchangeConfiguration } from '../../host/src/index.js';
import type { RunningAxis } from '../src/index.js';

/** Two agencies of the demo province, each its own system on the local axis, with the secret tests give it. */
export const A = '000.00.01.Z99';
export const B = '000.00.02.Z99';
export const SYSTEMS = [A, B].map((organId) => ({ systemId: organId, secret: `secret-${organId}`, organIds: [organId] }));
export const AGENCIES = [
  { code: A, name: 'UBND tỉnh Demo A', parentCode: null },
  { code: B, name: 'UBND tỉnh Demo B', parentCode: null },
];

/** How an endpoint of these tests exchanges through `axis`: no waiting between retries unless a test asks. */
export function exchangeOf(axis: RunningAxis, organId: string, backoffMs: readonly number[] = [0, 0, 0]): ExchangeConfiguration {
  return { axisUrl: axis.url, systemId: organId, secret: `secret-${organId}`, backoffMs };
}
