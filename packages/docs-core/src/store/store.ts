import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Kysely } from 'kysely';
import { EOfficeError } from '@eoffice/contract';
import { BlobStore } from './blob-store.js';
import type { Migration } from './migration.js';
import { migrations as defaultMigrations } from './migrations/index.js';
import { migrateTo, readSchemaVersion } from './migrator.js';
import type { Database } from './schema.js';
import { SqliteFileDialect } from './sqlite-dialect.js';

export const DATABASE_FILE_NAME = 'eoffice.sqlite';

export interface Store {
  readonly dataDir: string;
  readonly databasePath: string;
  readonly db: Kysely<Database>;
  readonly blobs: BlobStore;
  schemaVersion(): Promise<number>;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** Holds the database file, `blobs/` and `logs/`; created if missing. */
  readonly dataDir: string;
  /** For tests of a single step; the app always migrates to the latest version. */
  readonly migrateToVersion?: number;
  readonly migrations?: readonly Migration[];
}

/** Opens (creating and migrating as needed) the agency store in a data folder. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  await mkdir(options.dataDir, { recursive: true });
  const databasePath = join(options.dataDir, DATABASE_FILE_NAME);
  const list = options.migrations ?? defaultMigrations;
  const db = new Kysely<Database>({ dialect: new SqliteFileDialect({ path: databasePath }) });
  try {
    const found = await readSchemaVersion(db);
    const latest = list.at(-1)?.version ?? 0;
    if (found > latest) {
      throw new EOfficeError(
        'E_SCHEMA_TOO_NEW',
        `Cơ sở dữ liệu có phiên bản ${found}, mới hơn ứng dụng (${latest}); hãy cập nhật ứng dụng / ` +
          'the database was written by a newer version of the app',
      );
    }
    await migrateTo(db, list, options.migrateToVersion ?? latest);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return {
    dataDir: options.dataDir,
    databasePath,
    db,
    blobs: new BlobStore(join(options.dataDir, 'blobs')),
    schemaVersion: () => readSchemaVersion(db),
    close: () => db.destroy(),
  };
}
