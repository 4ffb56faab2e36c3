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
      // PRAGMA takes no bound parameters; the version is an integer from our own list.
      await sql.raw(`PRAGMA user_version = ${step.version}`).execute(trx);
    });
  }
  return readSchemaVersion(db);
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
