import { PostgresAdapter, type DialectAdapter } from 'kysely';

/** The two databases the store runs on: the embedded SQLite file (the default) and an agency's PostgreSQL server. */
export type StoreDialect = 'sqlite' | 'postgres';

/** Anything Kysely that runs queries: a Kysely instance, a transaction, a single connection. */
export interface HasExecutor {
  getExecutor(): { readonly adapter: DialectAdapter };
}

/** Read off the connection itself, so a migration or a query handed only `db` (or a transaction) can branch. */
export function dialectOf(db: HasExecutor): StoreDialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
