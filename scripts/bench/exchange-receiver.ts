/** A receiving endpoint of the exchange benchmark (scripts/bench/exchange.ts), shared by its processes. */
import { join } from 'node:path';
import { createClient, createInProcessTransport, type EOfficeClient } from '../../packages/contract/src/index.js';
import { importDirectory } from '../../packages/docs-core/src/index.js';
import type { SignatureVerifier } from '../../packages/docs-core/src/ports/signature-verifier.js';
import { composeServices, type ComposedServices } from '../../packages/host/src/index.js';

export const secretOf = (organId: string) => `bench-secret-${organId}`;

/** A receiving endpoint: its own data folder, directory, admin and clerk; no signing key (it only receives). */
export interface Receiver {
  readonly organId: string;
  readonly services: ComposedServices;
  readonly clerk: EOfficeClient;
}

export async function makeReceiver(dir: string, organId: string, name: string, axisUrl: string, verifier: SignatureVerifier, directory: unknown): Promise<Receiver> {
  const dataDir = join(dir, organId);
  const services = await composeServices({
    dataDir,
    verifier,
    exchange: { axisUrl, systemId: organId, secret: secretOf(organId), backoffMs: [0, 0, 0] },
  });
  const as = (username: string | null) => createClient(createInProcessTransport(services.dispatch, { sessionToken: null, actingUsername: username, face: 'test' }));
  await as(null).services.registers.initAgency({ organId, name, abbreviation: 'UB' });
  await as(null).services.users.add({ username: 'admin', roles: ['admin'] });
  await as('admin').services.users.add({ username: 'vanthu', roles: ['clerk'], fullName: 'Văn Thư', unit: 'VP' });
  await importDirectory(services.store.db, directory, { now: new Date() });
  return { organId, services, clerk: as('vanthu') };
}

/** A receiver's whole turn in the fan-out: take the edoc in (01), register it (03), send both statuses. */
export async function takeInAndRegister(receiver: Receiver): Promise<number> {
  let registered = 0;
  await receiver.services.sync!.syncOnce();
  const arrived = await receiver.services.store.db.selectFrom('documents').select(['id', 'state']).where('direction', '=', 'incoming').execute();
  for (const doc of arrived) {
    await receiver.clerk.services.documents.register(doc.state === 'needs_checking' ? { id: doc.id, confirm: true, reason: 'Đo hiệu năng' } : { id: doc.id });
    registered += 1;
  }
  await receiver.services.sync!.syncOnce();
  return registered;
}

/** Runs `work` over `items` with at most `limit` at a time. */
export async function pool<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
}

/** The peak RSS of a process by its /proc status (Linux), in bytes; 0 when it is gone. */
export function peakRssOfPid(pid: number, readFile: (path: string) => string): number {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFile(`/proc/${pid}/status`));
    return hwm ? Number(hwm[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** A process's CPU time so far (user + system) by its /proc stat (Linux), in ms. */
export function cpuMsOfPid(pid: number, readFile: (path: string) => string): number {
  try {
    const stat = readFile(`/proc/${pid}/stat`);
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat (11 and 12 after the command name), in clock ticks (100 Hz).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}
