import { sql, type Kysely } from 'kysely';
import { EOfficeError } from '@eoffice/contract';
import { refoldPostgresSearch } from '../search/postgres-search-index.js';
import type { AuditAnchor } from '../audit/audit-anchor-store.js';
import type { Database } from './schema.js';
import type { Store } from './store.js';

export interface CopiedTable {
  readonly table: string;
  readonly rows: number;
}

/** Tables every agency's data lives in; the target must have none of these rows before a copy. */
const MUST_BE_EMPTY = ['documents', 'users', 'audit_log', 'register_entries'] as const;
/** A PostgreSQL statement binds at most 65,535 values. */
const MAX_VALUES = 30_000;

/**
 * Moves a single-machine agency (the SQLite store) onto its PostgreSQL server without losing a document, a number or
 * an audit entry: every table of the target schema gets the source's rows as they are — ids, numbers, audit hashes
 * — in one transaction, parents before children; identity counters continue after the copied ids; the folded search
 * text is rebuilt in PostgreSQL's form. Both stores are at the same schema version (both opened by this app).
 * The blobs stay in the data folder, which both share. Refuses a target that already holds an agency.
 */
export async function copyStore(source: Store, target: Store): Promise<CopiedTable[]> {
  if (source.dialect !== 'sqlite' || target.dialect !== 'postgres') {
    throw new EOfficeError('E_INVALID_INPUT', 'Chỉ sao chép từ SQLite sang PostgreSQL / copy goes from SQLite to PostgreSQL');
  }
  if ((await source.schemaVersion()) !== (await target.schemaVersion())) {
    throw new EOfficeError('E_CONFLICT', 'Hai cơ sở dữ liệu khác phiên bản / the two databases are at different schema versions');
  }
  for (const table of MUST_BE_EMPTY) {
    const found = await target.db.selectFrom(table).select(sql<number>`1`.as('one')).limit(1).execute();
    if (found.length > 0) {
      throw new EOfficeError('E_CONFLICT', `CSDL đích đã có dữ liệu (${table}) / the target database is not empty (${table})`);
    }
  }
  const anchored = await sql<{ one: number }>`select 1 as one from audit_anchors limit 1`.execute(target.db);
  if (anchored.rows.length > 0) {
    throw new EOfficeError('E_CONFLICT', 'CSDL đích đã có dữ liệu (audit_anchors) / the target database is not empty (audit_anchors)');
  }
  const sourceAnchors = (await source.auditAnchors?.read()) ?? null;
  const tables = await tablesInDependencyOrder(target.db);
  const copied: CopiedTable[] = [];
  await target.db.transaction().execute(async (trx) => {
    // The source's anchors come first, as the file has them: the trigger that anchors the copied entries then keeps
    // those (the first anchor of a number counts), so a source chain rewritten after it was anchored still shows.
    // Entries older than the file's start (a store that began anchoring late) are anchored by the trigger as copied.
    await copyAnchors(trx, sourceAnchors?.anchors ?? []);
    // Rows the target's own migrations seeded (the recurring holidays) come again from the source.
    for (const table of [...tables].reverse()) await sql`delete from ${sql.table(table)}`.execute(trx);
    for (const table of tables) {
      const columns = (await columnsOf(trx, table)).filter((c) => !(table === 'search_entries' && c === 'folded'));
      let rows = 0;
      const perStatement = Math.max(1, Math.floor(MAX_VALUES / columns.length));
      let after = -1;
      for (;;) {
        // By rowid, the order the rows were written in (every table here is a rowid table), a batch at a time.
        const batch = await sql<Record<string, unknown>>`select rowid as eoffice_rowid, ${sql.join(columns.map((c) => sql.ref(c)))}
          from ${sql.table(table)} where rowid > ${after} order by rowid limit ${perStatement}`.execute(source.db);
        if (batch.rows.length === 0) break;
        after = Number(batch.rows.at(-1)!.eoffice_rowid);
        await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) values ${sql.join(
          batch.rows.map((row) => sql`(${sql.join(columns.map((c) => row[c] ?? null))})`),
        )}`.execute(trx);
        rows += batch.rows.length;
      }
      copied.push({ table, rows });
    }
    await continueIdentities(trx, tables);
    await refoldPostgresSearch(trx);
  });
  return copied;
}

async function copyAnchors(trx: Kysely<Database>, anchors: readonly AuditAnchor[]): Promise<void> {
  const perStatement = Math.floor(MAX_VALUES / 2);
  for (let i = 0; i < anchors.length; i += perStatement) {
    const batch = anchors.slice(i, i + perStatement);
    await sql`insert into audit_anchors (entry_number, hash) values ${sql.join(batch.map((a) => sql`(${a.id}, ${a.hash})`))}
      on conflict (entry_number) do nothing`.execute(trx);
  }
}

/** Row counts of the same tables in another store, for the check after a copy. */
export async function countRows(db: Kysely<Database>, tables: readonly string[]): Promise<CopiedTable[]> {
  const counts: CopiedTable[] = [];
  for (const table of tables) {
    const result = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    counts.push({ table, rows: Number(result.rows[0]?.n ?? 0) });
  }
  return counts;
}

async function tablesInDependencyOrder(db: Kysely<Database>): Promise<string[]> {
  const tables = (
    await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema() and tablename not in ('eoffice_schema', 'audit_anchors') order by 1`.execute(db)
  ).rows.map((r) => r.name);
  const edges = (
    await sql<{ child: string; parent: string }>`select c.relname as child, p.relname as parent from pg_constraint k
      join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
      join pg_namespace n on n.oid = c.relnamespace
      where k.contype = 'f' and n.nspname = current_schema() and c.relname <> p.relname`.execute(db)
  ).rows;
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const next = tables.filter((t) => !placed.has(t) && edges.every((e) => e.child !== t || placed.has(e.parent)));
    if (next.length === 0) throw new Error('copyStore: foreign keys form a cycle');
    for (const t of next) {
      placed.add(t);
      ordered.push(t);
    }
  }
  return ordered;
}

async function columnsOf(db: Kysely<Database>, table: string): Promise<string[]> {
  const result = await sql<{ name: string }>`select column_name as name from information_schema.columns
    where table_schema = current_schema() and table_name = ${table} order by ordinal_position`.execute(db);
  return result.rows.map((r) => r.name);
}

/** An identity column's counter starts after the largest copied id, as SQLite's rowid would. */
async function continueIdentities(db: Kysely<Database>, tables: readonly string[]): Promise<void> {
  const identities = await sql<{ table: string; column: string }>`select table_name as "table", column_name as "column"
    from information_schema.columns where table_schema = current_schema() and is_identity = 'YES'`.execute(db);
  for (const { table, column } of identities.rows) {
    if (!tables.includes(table)) continue;
    await sql`select setval(pg_get_serial_sequence(${table}, ${column}),
      coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1, false)`.execute(db);
  }
}
