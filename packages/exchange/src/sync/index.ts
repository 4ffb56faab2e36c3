export { SyncEngine, type SyncPassResult, type SyncListener } from './sync-engine.js';
export { createSyncService, type SyncServiceDeps } from './sync-service.js';
export { readSyncStatus, readDeliveries } from './sync-report.js';
export { DEFAULT_BACKOFF_MS, DEFAULT_POLL_INTERVAL_MS, type SyncDeps } from './sync-options.js';
export { refreshDirectory } from './directory-refresh.js';
