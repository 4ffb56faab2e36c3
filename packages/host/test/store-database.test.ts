import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeServices } from '../src/compose-services.js';
import { storeDatabaseFrom, describeStoreDatabase } from '../src/store-database.js';
import { useTempDir } from './temp-dir.js';
import { POSTGRES_TEST_URL, useFreshPostgresDatabases, withAdminClient } from '../../docs-core/test/postgres-test-db.js';

describe('storeDatabaseFrom (--db / EOFFICE_DB_URL)', () => {
  const tempDir = useTempDir();

  it('without a URL the store stays the SQLite file of the data folder', async () => {
    expect(await storeDatabaseFrom({ env: {} })).toEqual({});
    expect(await storeDatabaseFrom({ url: '', env: { EOFFICE_DB_URL: '' } })).toEqual({});
  });

  it('--db wins over EOFFICE_DB_URL, which wins over the data folder', async () => {
    const env = { EOFFICE_DB_URL: 'postgres://clerk@db.agency.lan/eoffice' };
    expect(await storeDatabaseFrom({ env })).toEqual({
      postgres: { host: 'db.agency.lan', port: 5432, database: 'eoffice', user: 'clerk', ssl: 'disable' },
    });
    expect(await storeDatabaseFrom({ url: 'sqlite:/srv/agency.sqlite', env })).toEqual({ sqliteFile: '/srv/agency.sqlite' });
    expect(await storeDatabaseFrom({ url: 'postgresql://u@[::1]:6543/x?sslmode=require', env })).toEqual({
      postgres: { host: '::1', port: 6543, database: 'x', user: 'u', ssl: 'require' },
    });
  });

  it('refuses a password in the URL without repeating it, and URLs it cannot read', async () => {
    const error = await storeDatabaseFrom({ url: 'postgres://clerk:hunter2@db/eoffice', env: {} }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_INVALID_INPUT' });
    expect(String((error as Error).message)).toContain('EOFFICE_DB_PASSWORD');
    expect(String((error as Error).message)).not.toContain('hunter2');
    for (const url of ['mysql://u@h/d', 'postgres://h/d', 'postgres://u@h/', 'postgres://u@h/d?sslmode=verify-full', 'sqlite:']) {
      await expect(storeDatabaseFrom({ url, env: {} }), url).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
    }
  });

  it('takes the password from EOFFICE_DB_PASSWORD, else from an owner-only file', async () => {
    const url = 'postgres://clerk@db/eoffice';
    expect((await storeDatabaseFrom({ url, env: { EOFFICE_DB_PASSWORD: 's3cret' } })).postgres?.password).toBe('s3cret');
    const file = join(await tempDir(), 'db-password');
    await writeFile(file, 'from file\n', { mode: 0o600 });
    expect((await storeDatabaseFrom({ url, env: { EOFFICE_DB_PASSWORD_FILE: file } })).postgres?.password).toBe('from file');
    await chmod(file, 0o640);
    await expect(storeDatabaseFrom({ url, env: { EOFFICE_DB_PASSWORD_FILE: file } })).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
    await expect(storeDatabaseFrom({ url, env: { EOFFICE_DB_PASSWORD_FILE: join(file, 'missing') } })).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
  });

  it('describes the database without its password', async () => {
    const database = await storeDatabaseFrom({ url: 'postgres://clerk@db/eoffice', env: { EOFFICE_DB_PASSWORD: 's3cret' } });
    expect(describeStoreDatabase(database, '/data')).toBe('postgres://clerk@db:5432/eoffice');
  });
});

describe.skipIf(POSTGRES_TEST_URL === '' && !process.env.CI)('composeServices on PostgreSQL with a password role', () => {
  const tempDir = useTempDir();
  const freshDatabase = useFreshPostgresDatabases();

  it('signs in with the password from the file, keeps blobs and logs in the data folder, and never logs the password', async () => {
    const admin = await freshDatabase();
    const role = `eoffice_role_${admin.database.slice(-8)}`;
    const password = `pw-${admin.database}`;
    await withAdminClient(async (client) => {
      await client.query(`create role "${role}" login password '${password}'`);
      await client.query(`grant all on database "${admin.database}" to "${role}"`);
    });
    await withAdminClient((client) => client.query(`grant all on schema public to "${role}"`), admin.database);
    const dir = await tempDir();
    const passwordFile = join(dir, 'pw');
    await writeFile(passwordFile, password, { mode: 0o600 });
    const url = `postgres://${role}@${admin.host}:${admin.port}/${admin.database}`;
    const dataDir = join(dir, 'data');

    await expect(
      storeDatabaseFrom({ url, env: { EOFFICE_DB_PASSWORD: 'wrong' } }).then((database) => composeServices({ dataDir, database, exchange: null })),
    ).rejects.toThrow(/password authentication failed/);

    const database = await storeDatabaseFrom({ url, env: { EOFFICE_DB_PASSWORD_FILE: passwordFile } });
    const services = await composeServices({ dataDir, database, exchange: null });
    try {
      expect(services.store.dialect).toBe('postgres');
      expect(services.store.databasePath).toBe(`postgres://${role}@${admin.host}:${admin.port}/${admin.database}`);
    } finally {
      await services.close();
    }
    const { readdir, readFile } = await import('node:fs/promises');
    for (const name of await readdir(join(dataDir, 'logs')).catch(() => [])) {
      expect(await readFile(join(dataDir, 'logs', name), 'utf8')).not.toContain(password);
    }
  });
});
