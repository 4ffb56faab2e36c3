import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe } from 'vitest';
import type { OpenStoreOptions } from '../src/store/store.js';
import { parseStoreUrl } from '../src/store/store-url.js';
import type { StoreDialect } from '../src/store/store-dialect.js';
import type { PostgresConnection } from '../src/store/postgres-dialect.js';

/**
 * The store's tests run on both databases. PostgreSQL is a real server named by EOFFICE_TEST_PG_URL (a superuser's
 * URL; `.ci/run` starts a throwaway cluster with scripts/pg-test-cluster). Without it:
 * - under CI (CI set) every PostgreSQL test FAILS with the message below — a CI run that silently tested SQLite only
 *   would look green;
 * - on a developer's machine the PostgreSQL half is skipped, loudly.
 */
export const POSTGRES_TEST_URL = process.env.EOFFICE_TEST_PG_URL ?? '';
const MISSING =
  'EOFFICE_TEST_PG_URL is not set: the PostgreSQL half of the store tests needs a server. Start one with ' +
  '`eval "$(scripts/pg-test-cluster start)"` (.ci/run does this).';

export const STORE_DIALECTS: readonly StoreDialect[] = ['sqlite', 'postgres'];

let warned = false;

/** `describe` once per dialect, named `… [sqlite]` / `… [postgres]`; the body gets the dialect. */
export function describeEachDialect(name: string, body: (dialect: StoreDialect) => void): void {
  for (const dialect of STORE_DIALECTS) {
    if (dialect === 'postgres' && POSTGRES_TEST_URL === '' && !process.env.CI) {
      if (!warned) {
        warned = true;
        console.warn(`\n!!! SKIPPING the PostgreSQL store tests: ${MISSING}\n`);
      }
      describe.skip(`${name} [${dialect}]`, () => body(dialect));
      continue;
    }
    describe(`${name} [${dialect}]`, () => body(dialect));
  }
}

/** The superuser connection of the test server (no password: the test cluster trusts it on the loopback). */
export function adminConnection(database?: string): PostgresConnection {
  if (POSTGRES_TEST_URL === '') throw new Error(MISSING);
  const parsed = parseStoreUrl(POSTGRES_TEST_URL);
  if (parsed.kind !== 'postgres') throw new Error(`EOFFICE_TEST_PG_URL must be a postgres:// URL`);
  return { ...parsed.connection, ...(database ? { database } : {}), maxConnections: 4 };
}

export async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>, database?: string): Promise<T> {
  const { host, port, user, database: name } = adminConnection(database);
  const client = new pg.Client({ host, port, user, database: name });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, empty PostgreSQL database per call, dropped when the test file ends (`with (force)` closes what a failed
 * test left open). Names are random so test files running side by side never meet.
 */
export function useFreshPostgresDatabases(): () => Promise<PostgresConnection> {
  const made: string[] = [];
  afterAll(async () => {
    if (made.length === 0) return;
    await withAdminClient(async (client) => {
      for (const name of made.splice(0)) await client.query(`drop database if exists "${name}" with (force)`);
    });
  });
  return async () => {
    const name = `eoffice_t_${randomBytes(6).toString('hex')}`;
    await withAdminClient((client) => client.query(`create database "${name}" template template0 encoding 'UTF8' locale 'C.UTF-8'`));
    made.push(name);
    return adminConnection(name);
  };
}

/**
 * For a test that opens a store: the options that put it on `dialect` — nothing more for SQLite (the data folder's
 * file), a fresh database for PostgreSQL.
 */
export function useStoreDatabase(dialect: StoreDialect): () => Promise<Pick<OpenStoreOptions, 'postgres'>> {
  const fresh = dialect === 'postgres' ? useFreshPostgresDatabases() : undefined;
  return async () => (fresh ? { postgres: await fresh() } : {});
}

/**
 * Databases owned by an ordinary login role, as on an agency server where the DBA made the app's role and its
 * database (README, "Agency server"): the store connects as that role with its password, never as a superuser. The
 * role is made once per test file and dropped with its databases at the end.
 */
export function useAppRoleDatabases(): { role: string; fresh: () => Promise<PostgresConnection> } {
  const role = `eoffice_app_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(18).toString('base64url');
  const made: string[] = [];
  let created = false;
  afterAll(async () => {
    if (!created) return;
    await withAdminClient(async (client) => {
      for (const name of made.splice(0)) await client.query(`drop database if exists "${name}" with (force)`);
      await client.query(`drop owned by "${role}"`);
      await client.query(`drop role if exists "${role}"`);
    });
  });
  return {
    role,
    fresh: async () => {
      await withAdminClient(async (client) => {
        if (!created) {
          await client.query(`create role "${role}" login password '${password}'`);
          created = true;
        }
        const name = `eoffice_t_${randomBytes(6).toString('hex')}`;
        await client.query(`create database "${name}" owner "${role}" template template0 encoding 'UTF8' locale 'C.UTF-8'`);
        made.push(name);
      });
      return { ...adminConnection(made.at(-1)), user: role, password };
    },
  };
}
