import { join } from 'node:path';
import {
  createDispatcher,
  type CallContext,
  type Dispatch,
  type DownloadRef,
  type ServiceImplementations,
  type UploadMeta,
  type UploadReceipt,
} from '@eoffice/contract';
import type { Readable } from 'node:stream';
import {
  createCalendarService,
  createDocsCoreServices,
  createFileTransfer,
  createSystemService,
  openStore,
  type DocumentSigner,
  type FileDownload,
  type SignatureVerifier,
  type Store,
} from '@eoffice/docs-core';
import { createDirectoryService, createSearchService, createStatisticsService, DocumentWorkflow, storeConflictOf, systemClock } from '@eoffice/docs-core';
import { AxisClient, SyncEngine, createSyncService } from '@eoffice/exchange';
import { exchangeFromEnvironment, type ExchangeConfiguration } from './exchange-configuration.js';
import type { Logger } from 'pino';
import { APP_VERSION } from './app-version.js';
import { extractAllPendingTexts, runAllOcr, startBackgroundJobs, type BackgroundJobOptions, type BackgroundJobs } from './background-jobs.js';
import { ensureDataDir } from './data-dir-check.js';
import { makeDataDirPrivate } from './data-dir-modes.js';
import { ChangeWatcher } from './events/change-watcher.js';
import type { HostedServices } from './hosted-services.js';
import { EventHub } from './events/event-hub.js';
import { sessionAudience } from './events/session-audience.js';
import { createLogger } from './logger.js';
import { signingLibraryLtvExtender } from './ltv-extender.js';
import { signingLibraryPreparer, signingLibraryVerifier } from './signing-ports.js';
import { configuredModulesFromEnvironment, ModuleRegistry } from './tokens/module-registry.js';
import { createTokensService } from './tokens/tokens-service.js';
import type { StoreDatabase } from './store-database.js';
import { sweepWorkDir, workDirOf } from './work-dir.js';

export interface ComposedServices extends HostedServices {
  readonly store: Store;
  readonly events: EventHub;
  readonly logger: Logger;
  /**
   * Every transport calls this one. After each call (even a failed one: issuing keeps its number when sealing
   * fails) the change watcher looks at the database, so the call's own changes are announced before its answer.
   */
  readonly dispatch: Dispatch;
  /** File content from a caller that may not name a path (files.ts in the contract); the session decides the owner. */
  upload(source: Readable | AsyncIterable<Uint8Array>, meta: UploadMeta, context: CallContext, limitBytes: number): Promise<UploadReceipt>;
  /** A document's file (the caller must be allowed to see the document) or one of the caller's printouts. */
  download(ref: DownloadRef, context: CallContext): Promise<FileDownload>;
  /**
   * For long-running faces: announce changes made by any process on the data folder and extract PDF text for search.
   * Stopped by `close()`.
   */
  startBackgroundJobs(options?: BackgroundJobOptions): Promise<void>;
  /** The sync engine with the axis, when one is configured (it runs with the background jobs). */
  readonly sync: SyncEngine | null;
  /** For one-shot commands about to search: extract every pending PDF text now. */
  extractPendingTexts(): Promise<{ done: number; failed: number }>;
  /** For `eoffice ocr run`: extract pending texts, then read every scan queued for OCR. */
  runOcrQueue(): Promise<{ done: number; failed: number; unavailable?: string }>;
  close(): Promise<void>;
}

export interface ComposeOptions {
  /** The agency server (`eoffice serve`) says so in system.info; every other face runs on one machine (the default). */
  readonly deployment?: 'standalone' | 'agency-server';
  /** Holds the database file, `blobs/` and `logs/`; created if missing. */
  readonly dataDir: string;
  readonly logger?: Logger;
  /** docs-core's ports: the verifier defaults to packages/signing's; a signer comes from the face that holds a key. */
  readonly verifier?: SignatureVerifier;
  readonly signer?: DocumentSigner;
  /** Trust anchor files or folders replacing the shipped ones; the data folder's `trust/` counts too (trust-anchor-paths.ts). */
  readonly trustAnchors?: readonly string[];
  /**
   * PKCS#11 modules the workstation's admin added (beside the known vendors' modules found at their install paths);
   * default: `EOFFICE_PKCS11_MODULES`. Never from a caller.
   */
  readonly tokenModules?: readonly string[];
  /**
   * The axis this agency exchanges through; default: the environment (EOFFICE_AXIS_URL, EOFFICE_AXIS_SYSTEM_ID and the
   * secret in EOFFICE_AXIS_SECRET or the owner-only file EOFFICE_AXIS_SECRET_FILE); null: no sync engine.
   */
  readonly exchange?: ExchangeConfiguration | null;
  /**
   * Which database holds the store (`storeDatabaseFrom`: `--db` / EOFFICE_DB_URL); default: the SQLite file of the
   * data folder. The data folder keeps the blobs and logs either way.
   */
  readonly database?: StoreDatabase;
}

/**
 * The composition root shared by every face (Electron main, the web host, the CLI): opens the store, builds each
 * service once, and returns the one dispatcher all transports call.
 */
export async function composeServices(options: ComposeOptions): Promise<ComposedServices> {
  // First: makeDataDirPrivate's recursive mkdir never returns for a path under /proc, and a file is not a folder.
  await ensureDataDir(options.dataDir);
  // Before the logger or the store creates a file in it, so a folder left open to other users is closed first.
  const repaired = await makeDataDirPrivate(options.dataDir);
  const logger = options.logger ?? createLogger({ logDir: join(options.dataDir, 'logs') });
  if (repaired.length > 0) {
    logger.warn(
      { repaired: repaired.length, first: repaired.slice(0, 20) },
      'other OS users could read the data folder: narrowed its modes to the owner only',
    );
  }
  const store = await openStore({ dataDir: options.dataDir, ...options.database });
  const swept = await sweepWorkDir(options.dataDir);
  if (swept > 0) logger.info({ swept }, 'removed files left in tmp/ by processes that ended without cleaning up');
  const events = new EventHub();
  const verifier = options.verifier ?? signingLibraryVerifier({ trust: { dataDir: options.dataDir, ...(options.trustAnchors ? { trustAnchors: options.trustAnchors } : {}) } });
  const exchange = options.exchange === undefined ? exchangeFromEnvironment(process.env) : options.exchange;
  const syncEngine = exchange ? makeSyncEngine(exchange, store, verifier, options.dataDir, events, logger) : null;
  const services: ServiceImplementations = {
    system: createSystemService({ store, clock: systemClock(), version: APP_VERSION, ...(options.deployment ? { deployment: options.deployment } : {}) }),
    ...createDocsCoreServices({
      store,
      verifier,
      ...(options.signer ? { signer: options.signer } : {}),
      preparer: signingLibraryPreparer({ workDir: workDirOf(options.dataDir) }),
      ltvExtender: signingLibraryLtvExtender({ workDir: workDirOf(options.dataDir), trust: { dataDir: options.dataDir, ...(options.trustAnchors ? { trustAnchors: options.trustAnchors } : {}) } }),
    }),
    directory: createDirectoryService({ store, clock: systemClock() }),
    search: createSearchService({ store, clock: systemClock() }),
    statistics: createStatisticsService({ store, clock: systemClock() }),
    calendar: createCalendarService({ store, clock: systemClock() }),
    tokens: createTokensService({
      modules: new ModuleRegistry(options.tokenModules ?? configuredModulesFromEnvironment()),
      clock: systemClock(),
      events,
      // The composed dispatcher, defined below: the tokens hand each signature to documents.completeSigning.
      dispatch: () => dispatch,
    }),
    sync: createSyncService({
      store,
      clock: systemClock(),
      engine: syncEngine,
      axis: exchange ? { url: withoutCredentials(exchange.axisUrl), systemId: exchange.systemId, demo: exchange.demo ?? false } : null,
      // The documents service decides who may see the document: a hidden one answers as a missing one.
      showDocument: (id, context) => services.documents.show({ id }, context),
    }),
  };
  const files = createFileTransfer(store, systemClock(), services);
  const dispatchToServices = createDispatcher(files.services, {
    onUnexpectedError: (path, error) => logger.error({ path, err: error }, 'service call failed'),
    knownErrorOf: storeConflictOf,
  });
  const watcher = new ChangeWatcher({ db: store.db, events, logger });
  const dispatch: Dispatch = async (path, input, context) => {
    const result = await dispatchToServices(path, input, context);
    await watcher.checkNow();
    return result;
  };
  let jobs: BackgroundJobs | undefined;
  return {
    store,
    events,
    logger,
    dispatch,
    upload: files.upload,
    download: files.download,
    listen: (context, listener) => events.subscribe(listener, sessionAudience(store.db, systemClock(), context)),
    sync: syncEngine,
    startBackgroundJobs: async (jobOptions) => {
      jobs ??= await startBackgroundJobs(store, watcher, { events, logger }, jobOptions);
      syncEngine?.start();
    },
    extractPendingTexts: () => extractAllPendingTexts(store),
    runOcrQueue: () => runAllOcr(store),
    close: async () => {
      await syncEngine?.stop();
      await jobs?.stop();
      // What was announced reaches its listeners first: a secret item's visibility check reads the store.
      await events.delivered();
      await store.close();
      logger.flush();
    },
  };
}

/** The axis address as the settings show it: a user name or password written into the URL stays out. */
function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '';
  }
}

/** The engine and its events: the status bar hears `sync.status`, the lists `outbox.changed`. */
function makeSyncEngine(config: ExchangeConfiguration, store: Store, verifier: SignatureVerifier, dataDir: string, events: EventHub, logger: Logger): SyncEngine {
  const clock = systemClock();
  const engine = new SyncEngine(
    {
      store,
      workflow: new DocumentWorkflow({ store, clock, verifier }),
      axis: new AxisClient({ endpoint: config.axisUrl, systemId: config.systemId, secret: config.secret, now: () => clock.now() }),
      dataDir,
      now: () => clock.now(),
      ...(config.backoffMs ? { backoffMs: config.backoffMs } : {}),
      log: (level, message, fields) => logger[level](fields ?? {}, message),
    },
    config.pollIntervalMs ? { pollIntervalMs: config.pollIntervalMs } : {},
  );
  engine.onChange((state, result) => {
    void (async () => {
      const counts = await store.db.selectFrom('outbox').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('state').execute();
      const count = (states: readonly string[]) => counts.filter((c) => states.includes(c.state)).reduce((sum, c) => sum + Number(c.n), 0);
      const pending = count(['pending', 'sending']);
      events.emit('outbox.changed', { pending, failed: count(['failed']), quarantined: count(['quarantined']) });
      events.emit('sync.status', { state, pendingOutgoing: pending, lastSyncAt: result?.at ?? null, message: result?.error ?? null });
    })().catch((error: unknown) => logger.warn({ err: error }, 'sync status not announced'));
  });
  return engine;
}
