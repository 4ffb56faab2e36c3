import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration.js';
import { dialectOf } from './store-dialect.js';

/**
 * SQLite keeps the version in the file's header (PRAGMA user_version); PostgreSQL has no such slot, so there it is
 * the one row of `eoffice_schema`, made by the first migration run.
 */
export async function readSchemaVersion<DB>(db: Kysely<DB>): Promise<number> {
  if (dialectOf(db) === 'postgres') {
    const present = await sql<{ present: boolean }>`select to_regclass('eoffice_schema') is not null as present`.execute(db);
    if (!present.rows[0]?.present) return 0;
    const result = await sql<{ version: number }>`select version from eoffice_schema where singleton = 1`.execute(db);
    return Number(result.rows[0]?.version ?? 0);
  }
  const result = await sql<{ user_version: number }>`PRAGMA user_version`.execute(db);
  return result.rows[0]?.user_version ?? 0;
}

/** Sets the recorded version; the migrator's own step, and tests of a database from the future. */
export async function writeSchemaVersion<DB>(db: Kysely<DB>, version: number): Promise<void> {
  if (!Number.isInteger(version) || version < 0) throw new Error(`bad schema version ${version}`);
  if (dialectOf(db) === 'postgres') {
    await sql`create table if not exists eoffice_schema (singleton integer primary key check (singleton = 1), version integer not null)`.execute(db);
    await sql`insert into eoffice_schema (singleton, version) values (1, ${version})
      on conflict (singleton) do update set version = excluded.version`.execute(db);
    return;
  }
  // PRAGMA takes no bound parameters; the version is an integer checked above.
  await sql.raw(`PRAGMA user_version = ${version}`).execute(db);
}

/** Any constant: it names the migrator's lock among the database's advisory locks. */
const MIGRATION_LOCK = 0x0e0ff1ce;

/**
 * Applies the steps above the database's version, up to `target` (default: all). Each step runs in its own write
 * transaction and re-reads the version inside it, so a concurrent process's work is not redone. On SQLite BEGIN
 * IMMEDIATE orders the processes; on PostgreSQL a session advisory lock, taken on one connection before any step's
 * transaction begins (a transaction that began before the lock was granted would read the catalog as it was then).
 */
export async function migrateTo<DB>(
  db: Kysely<DB>,
  list: readonly Migration[],
  target: number = list.at(-1)?.version ?? 0,
): Promise<number> {
  assertOrdered(list);
  if (dialectOf(db) === 'sqlite') {
    await applySteps(db, list, target);
    return readSchemaVersion(db);
  }
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(connection);
    try {
      await applySteps(connection, list, target);
      return await readSchemaVersion(connection);
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(connection);
    }
  });
}

async function applySteps<DB>(db: Kysely<DB>, list: readonly Migration[], target: number): Promise<void> {
  for (const [index, step] of list.entries()) {
    const previous = index === 0 ? 0 : list[index - 1]!.version;
    if (step.version > target) break;
    await db.transaction().execute(async (trx) => {
      const current = await readSchemaVersion(trx);
      if (current >= step.version) return;
      if (current !== previous) {
        throw new Error(`Migration ${step.version} (${step.name}) cannot follow schema version ${current}`);
      }
      await step.up(trx);
      await writeSchemaVersion(trx, step.version);
    });
  }
}

/** Versions strictly increase; gaps are allowed so that parallel work can reserve ranges (docs-core 2–19, …). */
function assertOrdered(list: readonly Migration[]): void {
  list.forEach((step, index) => {
    const previous = index === 0 ? 0 : list[index - 1]!.version;
    if (!Number.isInteger(step.version) || step.version <= previous) {
      throw new Error(`Migration list out of order at ${step.version} (${step.name})`);
    }
  });
}
