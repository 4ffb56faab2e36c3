import { join } from 'node:path';
import { EOfficeError } from '@eoffice/contract';
import { composeServices } from './compose-services.js';
import { demoAxisAgency, startDemoAxis } from './demo-axis.js';
import type { HostedServices } from './hosted-services.js';
import { createLogger } from './logger.js';
import type { ServerLinkOptions } from './server-link/server-link.js';
import { connectWorkstation } from './server-link/workstation-services.js';

/** What a workstation's face (the Electron window, `start:web`) serves: local services, or its agency server's. */
export interface FaceServices extends HostedServices {
  /** The agency server this face works against, or null on one machine. */
  readonly server: string | null;
  close(): Promise<void>;
}

/**
 * The workstation's connection to its agency server from the environment: EOFFICE_SERVER_URL and
 * EOFFICE_SERVER_FINGERPRINT together (one without the other is a usage error), or none: one machine.
 */
export function serverConnectionFromEnvironment(env: NodeJS.ProcessEnv): ServerLinkOptions | undefined {
  const url = env.EOFFICE_SERVER_URL || undefined;
  const fingerprint = env.EOFFICE_SERVER_FINGERPRINT || undefined;
  if (url === undefined && fingerprint === undefined) return undefined;
  if (url === undefined || fingerprint === undefined) {
    throw new EOfficeError('E_USAGE', 'EOFFICE_SERVER_URL và EOFFICE_SERVER_FINGERPRINT đi cùng nhau / EOFFICE_SERVER_URL and EOFFICE_SERVER_FINGERPRINT go together');
  }
  return { url, fingerprint };
}

/**
 * One machine: the services composed over the data folder's store, with their background jobs (and, for an agency of
 * the demo province with no axis configured, the local demo axis: demo-axis.ts). Connected (issue 10):
 * every call goes to the agency server, which must answer with the pinned certificate before the face starts
 * (E_SERVER_CERT_MISMATCH, E_SERVER_UNREACHABLE); the tokens stay here; the data folder holds the face's logs only.
 */
export async function faceServices(options: { dataDir: string; server?: ServerLinkOptions | undefined }): Promise<FaceServices> {
  if (!options.server) {
    // The embedded defaults of a demo agency: a local demo axis, so dispatching and statuses work on one machine.
    const demoAgency = await demoAxisAgency(options.dataDir, process.env);
    if (demoAgency === null) {
      const services = await composeServices({ dataDir: options.dataDir });
      await services.startBackgroundJobs();
      return Object.assign(services, { server: null });
    }
    const logger = createLogger({ logDir: join(options.dataDir, 'logs') });
    const demo = await startDemoAxis({ dataDir: options.dataDir, organId: demoAgency, logger });
    const services = await composeServices({ dataDir: options.dataDir, logger, exchange: demo.exchange }).catch(async (error: unknown) => {
      await demo.close();
      throw error;
    });
    await services.startBackgroundJobs();
    const closeServices = services.close.bind(services);
    return Object.assign(services, {
      server: null,
      close: async () => {
        await closeServices();
        await demo.close();
      },
    });
  }
  const logger = createLogger({ logDir: join(options.dataDir, 'logs') });
  const services = connectWorkstation({ server: options.server, logger });
  await services.check();
  logger.info({ server: services.link.url }, 'connected to the agency server');
  return Object.assign(services, { server: services.link.url });
}
