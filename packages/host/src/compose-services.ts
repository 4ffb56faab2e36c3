import { join } from 'node:path';
import { createDispatcher, type Dispatch, type ServiceImplementations } from '@eoffice/contract';
import {
  createCalendarService,
  createDocsCoreServices,
  createSystemService,
  openStore,
  type DocumentSigner,
  type SignatureVerifier,
  type Store,
} from '@eoffice/docs-core';
import { createDirectoryService, createSearchService, createStatisticsService, systemClock } from '@eoffice/docs-core';
import type { Logger } from 'pino';
import { APP_VERSION } from './app-version.js';
import { EventHub } from './event-hub.js';
import { createLogger } from './logger.js';
import { signingLibraryVerifier } from './signing-ports.js';
import { sweepWorkDir } from './work-dir.js';

export interface ComposedServices {
  readonly store: Store;
  readonly events: EventHub;
  readonly logger: Logger;
  readonly dispatch: Dispatch;
  close(): Promise<void>;
}

export interface ComposeOptions {
  /** Holds the database file, `blobs/` and `logs/`; created if missing. */
  readonly dataDir: string;
  readonly logger?: Logger;
  /** docs-core's ports: the verifier defaults to packages/signing's; a signer comes from the face that holds a key. */
  readonly verifier?: SignatureVerifier;
  readonly signer?: DocumentSigner;
}

/**
 * The composition root shared by every face (Electron main, the web host, the CLI): opens the store, builds each
 * service once, and returns the one dispatcher all transports call.
 */
export async function composeServices(options: ComposeOptions): Promise<ComposedServices> {
  const logger = options.logger ?? createLogger({ logDir: join(options.dataDir, 'logs') });
  const store = await openStore({ dataDir: options.dataDir });
  const swept = await sweepWorkDir(options.dataDir);
  if (swept > 0) logger.info({ swept }, 'removed files left in tmp/ by processes that ended without cleaning up');
  const events = new EventHub();
  const services: ServiceImplementations = {
    system: createSystemService({ store, version: APP_VERSION }),
    ...createDocsCoreServices({
      store,
      verifier: options.verifier ?? signingLibraryVerifier(),
      ...(options.signer ? { signer: options.signer } : {}),
    }),
    directory: createDirectoryService({ store, clock: systemClock() }),
    search: createSearchService({ store, clock: systemClock() }),
    statistics: createStatisticsService({ store, clock: systemClock() }),
    calendar: createCalendarService({ store, clock: systemClock() }),
  };
  const dispatch = createDispatcher(services, {
    onUnexpectedError: (path, error) => logger.error({ path, err: error }, 'service call failed'),
  });
  return {
    store,
    events,
    logger,
    dispatch,
    close: async () => {
      await store.close();
      logger.flush();
    },
  };
}
