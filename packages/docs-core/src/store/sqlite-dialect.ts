import sqlite3 from 'sqlite3';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  SelectQueryNode,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';
import { retryWhileBusy } from './sqlite-busy-wait.js';

export interface SqliteFileDialectConfig {
  readonly path: string;
  /** How long a writer waits for another connection's lock (this process's or another's) before SQLITE_BUSY. */
  readonly busyTimeoutMs?: number;
  /** After this long without a statement, the statements kept prepared are finalized (StatementCache). */
  readonly statementIdleMs?: number;
}

/**
 * Runs inside every transaction after its last statement and before COMMIT, on the transaction's connection, while
 * the write lock is held (the audit anchors: audit/audit-anchoring.ts). If it throws, the transaction rolls back.
 */
export type BeforeCommitHook = (connection: DatabaseConnection) => Promise<void>;

/**
 * Kysely ships no dialect for the `sqlite3` package (N-API, so it loads in Electron without a rebuild). This one
 * keeps one connection per store behind a mutex, like Kysely's own SQLite driver.
 */
export class SqliteFileDialect implements Dialect {
  readonly #config: SqliteFileDialectConfig;
  readonly #hooks: CommitHooks = { beforeCommit: undefined };
  #driver: SqliteFileDriver | undefined;

  constructor(config: SqliteFileDialectConfig) {
    this.#config = Object.freeze({ ...config });
  }

  /** Set once the schema is migrated (the hook reads tables a migration creates); undefined removes it. */
  setBeforeCommit(hook: BeforeCommitHook | undefined): void {
    this.#hooks.beforeCommit = hook;
  }

  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }

  createDriver(): Driver {
    this.#driver = new SqliteFileDriver(this.#config, this.#hooks);
    return this.#driver;
  }

  /** How many statements the connection keeps prepared now (diagnostics and tests). */
  keptStatements(): number {
    return this.#driver?.keptStatements() ?? 0;
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

interface CommitHooks {
  beforeCommit: BeforeCommitHook | undefined;
}

class SqliteFileDriver implements Driver {
  readonly #config: SqliteFileDialectConfig;
  readonly #hooks: CommitHooks;
  readonly #mutex = new ConnectionMutex();
  #database: sqlite3.Database | undefined;
  #connection: SqliteFileConnection | undefined;

  constructor(config: SqliteFileDialectConfig, hooks: CommitHooks) {
    this.#config = config;
    this.#hooks = hooks;
  }

  async init(): Promise<void> {
    const database = await new Promise<sqlite3.Database>((resolve, reject) => {
      const db = new sqlite3.Database(this.#config.path, (error) => (error ? reject(error) : resolve(db)));
    });
    // No busy handler in SQLite: it would sleep on a thread-pool thread (sqlite-busy-wait.ts); the connection waits.
    database.configure('busyTimeout', 0);
    this.#database = database;
    this.#connection = new SqliteFileConnection(database, this.#config.busyTimeoutMs ?? 15_000, this.#config.statementIdleMs ?? STATEMENT_IDLE_MS);
    for (const pragma of ['PRAGMA journal_mode = WAL', 'PRAGMA foreign_keys = ON', 'PRAGMA synchronous = NORMAL']) {
      await this.#connection.executeQuery(CompiledQuery.raw(pragma));
    }
  }

  keptStatements(): number {
    return this.#connection?.keptStatements() ?? 0;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    if (!this.#connection) throw new Error('SQLite driver used before init');
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    // Every transaction we open writes: take the write lock up front so two processes never deadlock on upgrade.
    await connection.executeQuery(CompiledQuery.raw('BEGIN IMMEDIATE'));
    this.#connection?.enterTransaction();
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    // Kysely rolls the transaction back when commitTransaction throws, so a failed hook leaves nothing half-done.
    await this.#hooks.beforeCommit?.(connection);
    await connection.executeQuery(CompiledQuery.raw('COMMIT'));
    this.#connection?.leaveTransaction();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await connection.executeQuery(CompiledQuery.raw('ROLLBACK'));
    } finally {
      this.#connection?.leaveTransaction();
    }
  }

  async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }

  async destroy(): Promise<void> {
    const database = this.#database;
    const connection = this.#connection;
    this.#database = undefined;
    this.#connection = undefined;
    await connection?.finalizeStatements();
    if (database) await new Promise<void>((resolve, reject) => database.close((e) => (e ? reject(e) : resolve())));
  }
}

class SqliteFileConnection implements DatabaseConnection {
  readonly #db: sqlite3.Database;
  readonly #busyTimeoutMs: number;
  readonly #statements: StatementCache;
  #inTransaction = false;

  constructor(db: sqlite3.Database, busyTimeoutMs: number, statementIdleMs: number) {
    this.#db = db;
    this.#busyTimeoutMs = busyTimeoutMs;
    this.#statements = new StatementCache(db, statementIdleMs);
  }

  enterTransaction(): void {
    this.#inTransaction = true;
  }

  leaveTransaction(): void {
    this.#inTransaction = false;
  }

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    // SQLite's rule: after SQLITE_BUSY a statement outside a transaction, or a COMMIT, may be run again; any other
    // statement in a transaction fails, and the transaction is rolled back.
    if (this.#inTransaction && !/^\s*commit\b/i.test(compiledQuery.sql)) return this.#run(compiledQuery);
    return retryWhileBusy(() => this.#run<R>(compiledQuery), this.#busyTimeoutMs);
  }

  #run<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const { sql, parameters } = compiledQuery;
    const params = parameters as unknown[];
    if (returnsRows(compiledQuery)) return this.#statements.all<R>(sql, params);
    if (cannotReturnRows(compiledQuery)) return this.#statements.run(sql, params);
    // Anything else (DDL, a raw statement of unknown shape) is prepared for this one run and finalized, as sqlite3's
    // Database#run does: a cached statement that stopped on a row would keep its read open.
    return new Promise((resolve, reject) => {
      this.#db.run(sql, params, function onRun(this: sqlite3.RunResult, error: Error | null) {
        if (error) return reject(error);
        resolve({ rows: [], numAffectedRows: BigInt(this.changes), insertId: BigInt(this.lastID) });
      });
    });
  }

  keptStatements(): number {
    return this.#statements.size;
  }

  /** Finalizes the cached statements: SQLite will not close a connection that still has some. */
  finalizeStatements(): Promise<void> {
    return this.#statements.clear();
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiledQuery.query)) throw new Error('SQLite driver only streams SELECT queries');
    const result = await this.executeQuery<R>(compiledQuery);
    for (const row of result.rows) yield { rows: [row] };
  }
}

function returnsRows(query: CompiledQuery): boolean {
  const kind = query.query.kind;
  if (kind === 'SelectQueryNode') return true;
  if (kind === 'InsertQueryNode' || kind === 'UpdateQueryNode' || kind === 'DeleteQueryNode') {
    return 'returning' in query.query && query.query.returning !== undefined;
  }
  // Raw SQL: statements that produce rows start with SELECT, PRAGMA, WITH, VALUES or EXPLAIN.
  return /^\s*(select|pragma|with|values|explain)\b/i.test(query.sql) || /\breturning\b/i.test(query.sql);
}

/** Statements that run to their end whatever they are: INSERT, UPDATE or DELETE without RETURNING, and transaction control. */
function cannotReturnRows(query: CompiledQuery): boolean {
  const kind = query.query.kind;
  if (kind === 'InsertQueryNode' || kind === 'UpdateQueryNode' || kind === 'DeleteQueryNode') return true;
  return /^\s*(insert|update|delete|begin|commit|rollback|savepoint|release)\b/i.test(query.sql) && !/\breturning\b/i.test(query.sql);
}

/** Cached statements per connection; the least recently used is finalized past this many (an IN list of each length is its own). */
const STATEMENT_CACHE_SIZE = 256;
/**
 * A connection that ran no statement for this long lets its statements go. Each kept statement holds its compiled
 * program in SQLite's memory (~1 MB for an opened store's ~40-100); one process hosting hundreds of stores (the
 * exchange benchmark's 649 endpoints) kept them all for its whole life: 2.67 GB against 1.95 GB at its peak. A store
 * at work (a sync pass, a clerk's screen) runs statements far more often than this, so it keeps them.
 */
const STATEMENT_IDLE_MS = 5_000;

/**
 * The connection's prepared statements by SQL text. sqlite3's Database#all and #run prepare a statement, run it
 * and finalize it: three trips through libuv's thread pool and a fresh parse and plan every time (~86 statements
 * per document taken in from the axis). A cached statement is one trip: it is bound and run again (sqlite3 resets
 * it and clears its bindings first; the ones cached here always run to their end, so none keeps a read open). A
 * statement whose run failed is finalized and prepared again next time. SQLite re-prepares a statement itself when
 * the schema changed under it (sqlite3_prepare_v2).
 */
class StatementCache {
  readonly #db: sqlite3.Database;
  readonly #idleMs: number;
  readonly #statements = new Map<string, Promise<sqlite3.Statement>>();
  readonly #retiring = new Set<Promise<void>>();
  /** Calls between their start and their result: the idle release waits for none. */
  #running = 0;
  #lastUsed = 0;
  #idleTimer: NodeJS.Timeout | undefined;

  constructor(db: sqlite3.Database, idleMs: number) {
    this.#db = db;
    this.#idleMs = idleMs;
  }

  get size(): number {
    return this.#statements.size;
  }

  async all<R>(sql: string, params: unknown[]): Promise<QueryResult<R>> {
    this.#begin();
    try {
      const statement = await this.#prepared(sql);
      return await new Promise((resolve, reject) => {
        statement.all(params, (error: Error | null, rows: unknown[]) => {
          if (error) {
            this.#drop(sql);
            return reject(error);
          }
          resolve({ rows: rows as R[] });
        });
      });
    } finally {
      this.#end();
    }
  }

  async run(sql: string, params: unknown[]): Promise<QueryResult<never>> {
    this.#begin();
    try {
      const statement = await this.#prepared(sql);
      const drop = () => this.#drop(sql);
      return await new Promise((resolve, reject) => {
        statement.run(params, function onRun(this: sqlite3.RunResult, error: Error | null) {
          if (error) {
            drop();
            return reject(error);
          }
          resolve({ rows: [], numAffectedRows: BigInt(this.changes), insertId: BigInt(this.lastID) });
        });
      });
    } finally {
      this.#end();
    }
  }

  async clear(): Promise<void> {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
    const statements = [...this.#statements.values()];
    this.#statements.clear();
    await Promise.all([...statements.map((s) => s.then(finalize, () => undefined)), ...this.#retiring]);
  }

  #begin(): void {
    this.#running += 1;
  }

  #end(): void {
    this.#running -= 1;
    this.#lastUsed = performance.now();
    // One timer per idle period, not one per statement: it looks again when it fires.
    if (this.#idleTimer === undefined && this.#statements.size > 0) this.#armIdleTimer(this.#idleMs);
  }

  #armIdleTimer(ms: number): void {
    this.#idleTimer = setTimeout(() => {
      this.#idleTimer = undefined;
      const idle = performance.now() - this.#lastUsed;
      if (this.#running > 0 || idle < this.#idleMs) return this.#armIdleTimer(Math.max(1, this.#idleMs - idle));
      // Finalized the way an evicted statement is (#drop): a call that starts now prepares its own.
      for (const sql of [...this.#statements.keys()]) this.#drop(sql);
    }, ms);
    // A kept statement must not keep the process alive (a CLI run ends when its work does).
    this.#idleTimer.unref();
  }

  #prepared(sql: string): Promise<sqlite3.Statement> {
    let statement = this.#statements.get(sql);
    if (statement) {
      // Most recently used last: the Map's order is the eviction order.
      this.#statements.delete(sql);
      this.#statements.set(sql, statement);
      return statement;
    }
    statement = new Promise<sqlite3.Statement>((resolve, reject) => {
      // The error of a statement that cannot be prepared is the one Database#all would give.
      const prepared = this.#db.prepare(sql, (error: Error | null) => (error ? reject(error) : resolve(prepared)));
    });
    this.#statements.set(sql, statement);
    statement.catch(() => {
      if (this.#statements.get(sql) === statement) this.#statements.delete(sql);
    });
    if (this.#statements.size > STATEMENT_CACHE_SIZE) {
      const [oldest] = this.#statements.keys();
      this.#drop(oldest!);
    }
    return statement;
  }

  #drop(sql: string): void {
    const statement = this.#statements.get(sql);
    if (!statement) return;
    this.#statements.delete(sql);
    // Finalized after the calls already handed it: sqlite3 queues a finalize behind the statement's running call, and
    // a call that has just got the statement (awaiting its preparation) hands it its own call before the next macrotask.
    const retired = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => statement)
      .then(finalize, () => undefined)
      .finally(() => this.#retiring.delete(retired));
    this.#retiring.add(retired);
  }
}

const finalize = (statement: sqlite3.Statement): Promise<void> =>
  new Promise((resolve) => {
    statement.finalize(() => resolve());
  });

class ConnectionMutex {
  #promise: Promise<void> | undefined;
  #resolve: (() => void) | undefined;

  async lock(): Promise<void> {
    while (this.#promise) await this.#promise;
    this.#promise = new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }

  unlock(): void {
    const resolve = this.#resolve;
    this.#promise = undefined;
    this.#resolve = undefined;
    resolve?.();
  }
}
