import { copyStore, countRows, openStore } from '@eoffice/docs-core';
import { describeStoreDatabase, storeDatabaseFrom } from '@eoffice/host';
import { CliError, type CommandContext } from '../command.js';
import { dataDirOf, storeDatabaseOf } from '../store-options.js';

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
