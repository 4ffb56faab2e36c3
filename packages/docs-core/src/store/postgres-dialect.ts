import type pg from 'pg';
import { PostgresDialect, type Dialect } from 'kysely';
import { copyClientClass } from './postgres-copy.js';

/** Where the agency's PostgreSQL database is; the password is handed over here, never read from a URL or logged. */
export interface PostgresConnection {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  readonly password?: string;
  /** `require` encrypts without checking the server's certificate (libpq's sslmode=require); `disable` is plain. */
  readonly ssl?: 'disable' | 'require';
  /** Pool size; a workstation needs few, the agency server more. */
  readonly maxConnections?: number;
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * The store's integers are 64-bit on PostgreSQL (bigint, see postgres-schema-plugin.ts) because SQLite's are; `pg`
 * hands bigint and numeric back as strings to stay exact. Every value we keep fits in a double (sort keys, sizes,
 * counts), so they come back as numbers like SQLite's, and one out of range fails loudly instead of rounding.
 */
function toSafeNumber(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) && Number.isInteger(value)) throw new RangeError(`integer out of range: ${text}`);
  return value;
}

const typesOf = (pgModule: typeof pg) => ({
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID || oid === NUMERIC_OID) return toSafeNumber;
    return pgModule.types.getTypeParser(oid, format);
  },
});

/**
 * The pool, with `pg` loaded now: a store on SQLite (every workstation, the browser face) never loads it, which took
 * a quarter of a second of each start (pg's module checks its runtime as it loads).
 */
export async function createPostgresPool(connection: PostgresConnection): Promise<pg.Pool> {
  const pgModule = (await import('pg')).default;
  const pool = new pgModule.Pool({
    host: connection.host,
    port: connection.port,
    database: connection.database,
    user: connection.user,
    ...(connection.password !== undefined ? { password: connection.password } : {}),
    ssl: connection.ssl === 'require' ? { rejectUnauthorized: false } : false,
    max: connection.maxConnections ?? 10,
    types: typesOf(pgModule),
    application_name: 'eoffice',
    // pg's own client, able to stream COPY FROM STDIN for the bulk load (postgres-copy.ts).
    Client: copyClientClass(pgModule),
  });
  // An idle client that loses its server (restart, network) emits here; without a listener Node would exit.
  pool.on('error', () => undefined);
  return pool;
}

export function createPostgresDialect(connection: PostgresConnection): Dialect {
  // Kysely makes the pool on the first query: the dialect itself stays synchronous.
  return new PostgresDialect({ pool: () => createPostgresPool(connection) });
}
