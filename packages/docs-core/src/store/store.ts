import { basename, join } from 'node:path';
import { Kysely, sql } from 'kysely';
import { EOfficeError } from '@eoffice/contract';
import { appendAudit } from '../audit/audit-log.js';
import type { AuditAnchorSource, AuditAnchorStore } from '../audit/audit-anchor-store.js';
import { AUDIT_ANCHORS_FILE_SUFFIX, anchorNewAuditEntries, openFileAnchors } from '../audit/audit-anchoring.js';
import { FileAuditAnchorStore } from '../audit/file-audit-anchor-store.js';
import { PostgresAuditAnchors } from '../audit/postgres-audit-anchors.js';
import { systemClock } from '../clock/clock.js';
import { BlobStore } from './blob-store.js';
import type { Migration } from './migration.js';
import { migration0200AuditAnchors } from './migrations/0200-audit-anchors.js';
import { migrations as defaultMigrations } from './migrations/index.js';
import { migrateTo, readSchemaVersion } from './migrator.js';
import { createPostgresDialect, type PostgresConnection } from './postgres-dialect.js';
import { PostgresSchemaPlugin } from './postgres-schema-plugin.js';
import { ensurePrivateFile, makePrivateDir } from './private-files.js';
import type { Database } from './schema.js';
import { SqliteFileDialect } from './sqlite-dialect.js';
import type { StoreDialect } from './store-dialect.js';

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
  `${DATABASE_FILE_NAME}${AUDIT_ANCHORS_FILE_SUFFIX}`,
  'blobs',
  'exports',
];

export interface Store {
  readonly dataDir: string;
  /** The SQLite file, or the PostgreSQL database as a URL without its password. */
  readonly databasePath: string;
  readonly dialect: StoreDialect;
  readonly db: Kysely<Database>;
  readonly blobs: BlobStore;
  /**
   * The audit chain's anchors, outside the audited table (ARCHITECTURE.md, invariant 6): on SQLite the file beside
   * the database; on PostgreSQL the insert-only `audit_anchors` table, written by a trigger on `audit_log` (migration
   * 0200). Null only on a PostgreSQL store migrated part way, below that step (tests of single steps).
   */
  readonly auditAnchors: AuditAnchorSource | null;
  schemaVersion(): Promise<number>;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** Holds the database file, `blobs/` and `logs/`; created if missing. */
  readonly dataDir: string;
  /** For tests of a single step; the app always migrates to the latest version. */
  readonly migrateToVersion?: number;
  readonly migrations?: readonly Migration[];
  /** The agency's PostgreSQL database; without it the store is the SQLite file in `dataDir`. */
  readonly postgres?: PostgresConnection;
  /** A SQLite file elsewhere than `dataDir/eoffice.sqlite` (`--db sqlite:FILE`); blobs stay in `dataDir`. */
  readonly sqliteFile?: string;
}

/** Opens (creating and migrating as needed) the agency store in a data folder. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  await makePrivateDir(options.dataDir);
  const list = options.migrations ?? defaultMigrations;
  const { db, databasePath, dialect, sqliteDialect } = options.postgres
    ? openPostgres(options.postgres)
    : await openSqliteFile(options.sqliteFile ?? join(options.dataDir, DATABASE_FILE_NAME));
  let auditAnchors: AuditAnchorSource | null;
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
    auditAnchors = sqliteDialect
      ? await anchorAudit(db, sqliteDialect, databasePath)
      : (await readSchemaVersion(db)) >= migration0200AuditAnchors.version
        ? new PostgresAuditAnchors(db)
        : null;
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return {
    dataDir: options.dataDir,
    databasePath,
    dialect,
    db,
    blobs: new BlobStore(join(options.dataDir, 'blobs')),
    auditAnchors,
    schemaVersion: () => readSchemaVersion(db),
    close: () => db.destroy(),
  };
}

interface OpenedDatabase {
  readonly db: Kysely<Database>;
  readonly databasePath: string;
  readonly dialect: StoreDialect;
  /** SQLite's, whose before-commit step anchors the audit entries. */
  readonly sqliteDialect?: SqliteFileDialect;
}

async function openSqliteFile(databasePath: string): Promise<OpenedDatabase> {
  // Made 0600 before SQLite opens it, so the -journal, -wal and -shm files SQLite creates take that mode too.
  await ensurePrivateFile(databasePath);
  const sqliteDialect = new SqliteFileDialect({ path: databasePath });
  return { db: new Kysely<Database>({ dialect: sqliteDialect }), databasePath, dialect: 'sqlite', sqliteDialect };
}

function openPostgres(connection: PostgresConnection): OpenedDatabase {
  const db = new Kysely<Database>({ dialect: createPostgresDialect(connection), plugins: [new PostgresSchemaPlugin()] });
  return { db, databasePath: postgresDisplayUrl(connection), dialect: 'postgres' };
}

/** The database as a person reads it: never the password. */
export function postgresDisplayUrl(connection: PostgresConnection): string {
  const host = connection.host.includes(':') ? `[${connection.host}]` : connection.host;
  return `postgres://${encodeURIComponent(connection.user)}@${host}:${connection.port}/${encodeURIComponent(connection.database)}`;
}

/**
 * From here on every transaction anchors the audit entries it adds before it commits. A store whose chain already
 * has entries but no anchor file (written before anchoring, or its file removed) starts anchoring at its head, and
 * says so in the chain itself.
 */
async function anchorAudit(db: Kysely<Database>, dialect: SqliteFileDialect, databasePath: string): Promise<AuditAnchorStore> {
  // A test that migrates only part way may stop before the audit tables exist: nothing to anchor yet.
  const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name = 'audit_head'`.execute(db);
  if (tables.rows.length === 0) return new FileAuditAnchorStore(`${databasePath}${AUDIT_ANCHORS_FILE_SUFFIX}`);
  const anchors = await openFileAnchors(db, databasePath);
  dialect.setBeforeCommit((connection) => anchorNewAuditEntries(connection, anchors.store));
  if (anchors.startedAt) {
    const from = anchors.startedAt;
    await db.transaction().execute((trx) =>
      appendAudit(trx, systemClock(), {
        actor: 'system',
        action: 'audit.anchors-started',
        objectType: 'audit',
        objectId: String(from.id),
        after: { anchoredFrom: from.id, file: `${basename(databasePath)}${AUDIT_ANCHORS_FILE_SUFFIX}` },
      }),
    );
  }
  return anchors.store;
}
