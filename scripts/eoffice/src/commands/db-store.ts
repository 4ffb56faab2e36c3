import { join, resolve } from 'node:path';
import { backupSqliteStore, copyStore, countRows, DATABASE_FILE_NAME, openStore, restoreSqliteStore } from '@eoffice/docs-core';
import { describeStoreDatabase, storeDatabaseFrom } from '@eoffice/host';
import { CliError, type CommandContext } from '../command.js';
import { dataDirOf, storeDatabaseOf } from '../store-options.js';
import { requiredString } from './option-values.js';
import { checkOutPath } from './pdf-args.js';

/** `eoffice db migrate`: brings the store (`--db` / EOFFICE_DB_URL, else the data folder's file) to this app's schema. */
export async function runDbMigrate(context: CommandContext): Promise<number> {
  const database = await storeDatabaseOf(context);
  const dataDir = dataDirOf(context);
  const store = await openStore({ dataDir, ...database });
  try {
    const version = await store.schemaVersion();
    const where = describeStoreDatabase(database, dataDir);
    context.io.stdout(context.json ? `${JSON.stringify({ database: where, schemaVersion: version })}\n` : `${where}: phiên bản / schema version ${version}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

/**
 * `eoffice db copy --from sqlite:FILE --to postgres://USER@HOST/DB`: moves a single-machine agency onto its server
 * (docs-core's copyStore), then counts every table on both sides. The blobs stay in the data folder.
 */
export async function runDbCopy(context: CommandContext): Promise<number> {
  const from = context.values.from;
  const to = context.values.to;
  if (typeof from !== 'string' || typeof to !== 'string') {
    throw new CliError('E_USAGE', `Thiếu --from hoặc --to / required: eoffice ${context.command.usage}`);
  }
  const source = await storeDatabaseFrom({ url: from, env: {} });
  const target = await storeDatabaseFrom({ url: to, env: context.io.env });
  if (!source.sqliteFile || !target.postgres) {
    throw new CliError('E_USAGE', '--from phải là sqlite:TỆP, --to phải là postgres://… / --from must be sqlite:FILE and --to postgres://…');
  }
  const dataDir = dataDirOf(context);
  const sourceStore = await openStore({ dataDir, sqliteFile: source.sqliteFile });
  try {
    const targetStore = await openStore({ dataDir, postgres: target.postgres });
    try {
      const copied = await copyStore(sourceStore, targetStore);
      const check = await countRows(targetStore.db, copied.map((c) => c.table));
      const mismatched = copied.filter((c, i) => check[i]!.rows !== c.rows);
      if (context.json) {
        context.io.stdout(`${JSON.stringify({ to: describeStoreDatabase(target, dataDir), tables: copied, ok: mismatched.length === 0 })}\n`);
      } else {
        for (const c of copied) context.io.stdout(`${c.table.padEnd(32)} ${c.rows}\n`);
        context.io.stdout(`Đã chép sang / copied to ${describeStoreDatabase(target, dataDir)}\n`);
      }
      if (mismatched.length > 0) {
        context.io.stderr(`E_WRITE_FAILED: số dòng không khớp / row counts differ: ${mismatched.map((m) => m.table).join(', ')}\n`);
        return 1;
      }
      return 0;
    } finally {
      await targetStore.close();
    }
  } finally {
    await sourceStore.close();
  }
}

/**
 * `eoffice db backup --out F`: the single-machine store (SQLite file, audit anchors, blobs) in one archive, taken
 * while the app may be writing (docs-core's store-backup.ts). A PostgreSQL store is backed up with pg_dump.
 */
export async function runDbBackup(context: CommandContext): Promise<number> {
  const out = resolve(requiredString(context.values, 'out'));
  checkOutPath(out);
  const database = await storeDatabaseOf(context);
  if (database.postgres) {
    throw new CliError(
      'E_USAGE',
      'Kho PostgreSQL: sao lưu bằng pg_dump và thư mục blobs/ (README, "Agency server") / a PostgreSQL store is backed up with pg_dump plus the blobs/ folder',
    );
  }
  const dataDir = dataDirOf(context);
  const summary = await backupSqliteStore({ dataDir, databaseFile: database.sqliteFile ?? join(dataDir, DATABASE_FILE_NAME), out });
  context.io.stdout(
    context.json
      ? `${JSON.stringify(summary)}\n`
      : `Đã sao lưu / backed up: ${summary.out} (${summary.bytes} byte; ${summary.documents} văn bản, ${summary.blobs} tệp, nhật ký đến mục ${summary.auditHead.id})\n`,
  );
  return 0;
}

/** `eoffice db restore F [--data-dir D]`: an archive of `db backup` into an empty (or new) data folder. */
export async function runDbRestore(context: CommandContext): Promise<number> {
  const archive = resolve(context.positionals[0]!);
  const summary = await restoreSqliteStore({ archive, dataDir: dataDirOf(context) });
  context.io.stdout(
    context.json
      ? `${JSON.stringify(summary)}\n`
      : `Đã khôi phục vào / restored into ${summary.dataDir}: ${summary.header.documents} văn bản, ${summary.files} tệp, bản sao lúc ${summary.header.createdAt}\n` +
          `Kiểm tra / check: eoffice audit verify --as admin --data-dir ${summary.dataDir}\n`,
  );
  return 0;
}
