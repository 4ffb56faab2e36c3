import { join } from 'node:path';
import { Kysely } from 'kysely';
import { EOfficeError } from '@eoffice/contract';
import { BlobStore } from './blob-store.js';
import type { Migration } from './migration.js';
import { migrations as defaultMigrations } from './migrations/index.js';
import { migrateTo, readSchemaVersion } from './migrator.js';
import { ensurePrivateFile, makePrivateDir } from './private-files.js';
import type { Database } from './schema.js';
import { SqliteFileDialect } from './sqlite-dialect.js';

export const DATABASE_FILE_NAME = 'eoffice.sqlite';

/**
 * What the store keeps in the data folder: the database with the files SQLite keeps beside it, the blobs and the
 * printouts. Named for the start-up repair of modes (private-files.ts), which walks only what the app owns.
 */
export const STORE_ENTRIES: readonly string[] = [
  DATABASE_FILE_NAME,
  `${DATABASE_FILE_NAME}-wal`,
  `${DATABASE_FILE_NAME}-shm`,
  `${DATABASE_FILE_NAME}-journal`,
  'blobs',
  'exports',
];

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
  await makePrivateDir(options.dataDir);
  const databasePath = join(options.dataDir, DATABASE_FILE_NAME);
  // Made 0600 before SQLite opens it, so the -journal, -wal and -shm files SQLite creates take that mode too.
  await ensurePrivateFile(databasePath);
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
