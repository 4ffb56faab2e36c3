import { CompiledQuery, type Kysely } from 'kysely';

// SQLite allows 32,766 bound variables per statement.
const MAX_VARIABLES = 32_000;
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * Multi-row `INSERT … VALUES (…), (…)` for loading many rows at once. A column that holds the same value in every
 * row of a statement (the import's time, its actor, an empty body) is bound once as `?N` instead of once per row:
 * converting each bound value is the loader's largest cost on the JavaScript thread. Table and column names come
 * from our own code and are checked to be plain identifiers; `fixed` are leading values of every row (e.g. FTS5's
 * 'delete' command).
 */
export async function insertRows<DB>(
  db: Kysely<DB>,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  fixed: readonly unknown[] = [],
): Promise<void> {
  for (const name of [table, ...columns]) {
    if (!IDENTIFIER.test(name)) throw new Error(`insertRows: not a plain identifier: ${name}`);
  }
  const width = columns.length - fixed.length;
  for (const row of rows) if (row.length !== width) throw new Error(`insertRows: row has ${row.length} values, expected ${width}`);
  const fixedColumns = columns.slice(0, fixed.length);
  const rowColumns = columns.slice(fixed.length);
  const perStatement = Math.max(1, Math.floor(MAX_VARIABLES / Math.max(1, width)));
  let start = 0;
  while (start < rows.length) {
    const slice = rows.slice(start, start + perStatement);
    const first = slice[0]!;
    const constant = rowColumns.map((_, c) => slice.every((row) => row[c] === first[c]));
    // Shared values come first, as ?1…?k in every row; a plain `?` after them numbers on from k + 1.
    const order = [...rowColumns.keys()].sort((a, b) => Number(constant[b]) - Number(constant[a]));
    const shared = [...fixed, ...order.filter((c) => constant[c]).map((c) => first[c])];
    const varying = order.filter((c) => !constant[c]);
    const tuple = `(${[...shared.map((_, i) => `?${i + 1}`), ...varying.map(() => '?')].join(',')})`;
    const parameters: unknown[] = shared.slice();
    for (const row of slice) for (const c of varying) parameters.push(row[c]);
    const names = [...fixedColumns, ...order.map((c) => rowColumns[c]!)];
    const statement = `insert into ${table} (${names.join(', ')}) values ${new Array<string>(slice.length).fill(tuple).join(',')}`;
    await db.executeQuery(CompiledQuery.raw(statement, parameters));
    start += slice.length;
  }
}
