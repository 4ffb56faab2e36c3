import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CompiledQuery, type Kysely } from 'kysely';
import type pg from 'pg';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
/** Text handed to the server per write: large enough that the stream is not the cost, small enough to stay cheap. */
const CHUNK_CHARS = 1 << 20;

/**
 * The rows of one `COPY … FROM STDIN`, carried to the connection as the statement's only parameter. Kysely hands a
 * query's SQL and parameters to `pg`'s client as they are; {@link copyClientClass}'s client recognises it and streams
 * the rows instead of binding them. So a COPY runs on whatever connection the caller's Kysely (or transaction) runs
 * on, inside its transaction, with no second connection.
 */
export class CopyPayload {
  constructor(readonly rows: readonly (readonly unknown[])[]) {}
}

type PgModule = typeof pg;
let copyClient: { readonly pg: PgModule; readonly Client: typeof pg.Client } | null = null;

/**
 * `pg`'s client, plus COPY FROM STDIN (pg-copy-streams, by the `pg` authors) for a statement whose parameter is a
 * {@link CopyPayload}. Everything else goes to `pg` unchanged. Made from the `pg` module the pool was made with, on
 * first use: a face working on SQLite never loads `pg` (its load cost a quarter of a second of every start).
 */
export function copyClientClass(pgModule: PgModule): typeof pg.Client {
  if (copyClient?.pg === pgModule) return copyClient.Client;
  class CopyClient extends pgModule.Client {
    // `pg`'s query() has a dozen overloads; this one passes every call it does not own through untouched.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    override query(...args: any[]): any {
      const [text, values] = args as [unknown, unknown];
      if (typeof text === 'string' && Array.isArray(values) && values.length === 1 && values[0] instanceof CopyPayload) {
        return this.#copy(text, values[0]);
      }
      // Any other call goes to pg as it came, whichever of its overloads it is: no one type covers them all.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return (super.query as (...a: any[]) => unknown)(...args);
    }

    async #copy(text: string, payload: CopyPayload): Promise<{ command: string; rowCount: number; rows: [] }> {
      const { from: copyFrom } = await import('pg-copy-streams');
      const stream = super.query(copyFrom(text));
      await pipeline(Readable.from(copyText(payload.rows)), stream);
      return { command: 'COPY', rowCount: stream.rowCount, rows: [] };
    }
  }
  copyClient = { pg: pgModule, Client: CopyClient };
  return CopyClient;
}

/**
 * Writes rows with one `COPY table (columns) FROM STDIN` on `db`'s connection (a transaction's, when `db` is one):
 * the same rows a multi-row INSERT would make, with no per-statement parse and no bound parameters. PostgreSQL only;
 * table and column names come from our own code and are checked to be plain identifiers.
 */
export async function copyRows<DB>(db: Kysely<DB>, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void> {
  for (const name of [table, ...columns]) {
    if (!IDENTIFIER.test(name)) throw new Error(`copyRows: not a plain identifier: ${name}`);
  }
  for (const row of rows) if (row.length !== columns.length) throw new Error(`copyRows: row has ${row.length} values, expected ${columns.length}`);
  if (rows.length === 0) return;
  await db.executeQuery(CompiledQuery.raw(`copy ${table} (${columns.join(', ')}) from stdin`, [new CopyPayload(rows)]));
}

/** COPY's text format in chunks: tab between values, newline after each row, `\N` for null, backslash escapes. */
function* copyText(rows: readonly (readonly unknown[])[]): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    chunk += row.map(copyValue).join('\t') + '\n';
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

const SPECIAL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') return value.replace(SPECIAL, (c) => ESCAPES[c]!);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  throw new Error(`copyRows: cannot copy a value of type ${typeof value}`);
}
