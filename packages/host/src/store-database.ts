import { readFile, stat } from 'node:fs/promises';
import { EOfficeError } from '@eoffice/contract';
import { parseStoreUrl, postgresDisplayUrl, type OpenStoreOptions } from '@eoffice/docs-core';

/** What `openStore` / `composeServices` need to know beyond the data folder: which database holds the store. */
export type StoreDatabase = Pick<OpenStoreOptions, 'postgres' | 'sqliteFile'>;

export interface StoreDatabaseSource {
  /** `--db URL`, when the face has such a flag; wins over the environment. */
  readonly url?: string | undefined;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * The one place a face turns `--db URL` / `EOFFICE_DB_URL` into the store's database (issue 10): `sqlite:FILE` or
 * `postgres://USER@HOST[:PORT]/DATABASE[?sslmode=require]`; neither: the SQLite file of the data folder, as always.
 * The PostgreSQL password comes from EOFFICE_DB_PASSWORD or the owner-only (0600) file named by
 * EOFFICE_DB_PASSWORD_FILE — never from the URL or the command line — and is handed to the driver only; with
 * neither, the driver's own PGPASSWORD / ~/.pgpass apply. Nothing here logs.
 */
export async function storeDatabaseFrom(source: StoreDatabaseSource): Promise<StoreDatabase> {
  const text = nonEmpty(source.url) ?? nonEmpty(source.env.EOFFICE_DB_URL);
  if (text === undefined) return {};
  const parsed = parseStoreUrl(text);
  if (parsed.kind === 'sqlite') return { sqliteFile: parsed.file };
  const password = await passwordFrom(source.env);
  return { postgres: { ...parsed.connection, ...(password !== undefined ? { password } : {}) } };
}

/** Where the store is, for a person to read (the password is never part of it). */
export function describeStoreDatabase(database: StoreDatabase, dataDir: string): string {
  if (database.postgres) return postgresDisplayUrl(database.postgres);
  return database.sqliteFile ?? `${dataDir} (eoffice.sqlite)`;
}

async function passwordFrom(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const inline = nonEmpty(env.EOFFICE_DB_PASSWORD);
  if (inline !== undefined) return inline;
  const file = nonEmpty(env.EOFFICE_DB_PASSWORD_FILE);
  if (file === undefined) return undefined;
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw bad(`không có tệp mật khẩu / no password file at ${file}`);
  if ((info.mode & 0o077) !== 0 || (process.getuid !== undefined && info.uid !== process.getuid())) {
    throw bad(`tệp mật khẩu phải chỉ chủ sở hữu đọc được (0600) / the password file must be readable by its owner only (0600): ${file}`);
  }
  // One line; the newline an editor adds is not part of the password.
  const password = (await readFile(file, 'utf8')).replace(/\r?\n$/, '');
  if (password === '') throw bad(`tệp mật khẩu rỗng / the password file is empty: ${file}`);
  return password;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function bad(detail: string): EOfficeError {
  return new EOfficeError('E_INVALID_INPUT', `Mật khẩu cơ sở dữ liệu: ${detail}`);
}
