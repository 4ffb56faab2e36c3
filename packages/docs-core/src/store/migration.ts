import type { Kysely } from 'kysely';

/**
 * One step of the single ordered migration list (ARCHITECTURE.md). `up` runs inside a write transaction together with
 * the bump of PRAGMA user_version, so a step is applied entirely or not at all, and two processes opening the same
 * file never apply it twice.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  // Migrations must keep working against the schema as it was at their version, not today's typed schema.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a step runs on the schema of its version, not on today's typed Database
  up(db: Kysely<any>): Promise<void>;
}
