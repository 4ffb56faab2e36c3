import { CompiledQuery, type Kysely } from 'kysely';

// SQLite allows 32,766 bound variables per statement.
const MAX_VARIABLES = 32_000;
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * Multi-row `INSERT … VALUES (…), (…)` with positional parameters, built without a query builder: for loading
 * many rows at once (seeding, index rebuilds) the per-cell cost of compiling through Kysely dominates. Table and
 * column names come from our own code and are checked to be plain identifiers.
 */
export async function bulkInsert<DB>(
  db: Kysely<DB>,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  options: { readonly prefix?: readonly unknown[]; readonly verb?: string } = {},
): Promise<void> {
  for (const name of [table, ...columns]) {
    if (!IDENTIFIER.test(name)) throw new Error(`bulkInsert: not a plain identifier: ${name}`);
  }
  const prefix = options.prefix ?? [];
  // `prefix` fills the first columns of every row with the same values (e.g. FTS5's 'delete' command).
  const width = columns.length;
  const rowWidth = width - prefix.length;
  const perStatement = Math.max(1, Math.floor(MAX_VARIABLES / width));
  const tuple = `(${new Array(width).fill('?').join(',')})`;
  const head = `${options.verb ?? 'insert into'} ${table} (${columns.join(', ')}) values `;
  let cachedCount = -1;
  let cachedSql = '';
  for (let start = 0; start < rows.length; start += perStatement) {
    const slice = rows.slice(start, start + perStatement);
    if (slice.length !== cachedCount) {
      cachedCount = slice.length;
      cachedSql = head + new Array(slice.length).fill(tuple).join(',');
    }
    const parameters: unknown[] = [];
    for (const row of slice) {
      if (row.length !== rowWidth) throw new Error(`bulkInsert: row has ${row.length} values, expected ${rowWidth}`);
      parameters.push(...prefix, ...row);
    }
    await db.executeQuery(CompiledQuery.raw(cachedSql, parameters));
  }
}
