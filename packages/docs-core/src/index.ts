export { openStore, DATABASE_FILE_NAME, type Store, type OpenStoreOptions } from './store/store.js';
export { BlobStore, type StoredBlob } from './store/blob-store.js';
export { SqliteFileDialect } from './store/sqlite-dialect.js';
export { migrations, latestSchemaVersion } from './store/migrations/index.js';
export { migrateTo, readSchemaVersion } from './store/migrator.js';
export type { Migration } from './store/migration.js';
export type { Database } from './store/schema.js';
export { createSystemService } from './services/system-service.js';
export * from './clock/index.js';
