import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration.js';

export async function readSchemaVersion<DB>(db: Kysely<DB>): Promise<number> {
  const result = await sql<{ user_version: number }>`PRAGMA user_version`.execute(db);
  return result.rows[0]?.user_version ?? 0;
}

/**
 * Applies the steps above the file's version, up to `target` (default: all). Each step runs in its own
 * BEGIN IMMEDIATE transaction and re-reads the version inside it, so a concurrent process's work is not redone.
 */
export async function migrateTo<DB>(
  db: Kysely<DB>,
  list: readonly Migration[],
  target: number = list.at(-1)?.version ?? 0,
): Promise<number> {
  assertOrdered(list);
  for (const step of list) {
    if (step.version > target) break;
    await db.transaction().execute(async (trx) => {
      const current = await readSchemaVersion(trx);
      if (current >= step.version) return;
      if (current !== step.version - 1) {
        throw new Error(`Migration ${step.version} (${step.name}) cannot follow schema version ${current}`);
      }
      await step.up(trx);
      // PRAGMA takes no bound parameters; the version is an integer from our own list.
      await sql.raw(`PRAGMA user_version = ${step.version}`).execute(trx);
    });
  }
  return readSchemaVersion(db);
}

function assertOrdered(list: readonly Migration[]): void {
  list.forEach((step, index) => {
    if (step.version !== index + 1) throw new Error(`Migration list out of order at ${step.name}`);
  });
}
