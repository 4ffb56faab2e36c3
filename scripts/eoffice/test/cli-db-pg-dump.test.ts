import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEoffice } from './run-eoffice.js';

const run = promisify(execFile);
const ADMIN_URL = process.env.EOFFICE_TEST_PG_URL ?? '';

/**
 * The README's backup of an agency server, step by step: a store on PostgreSQL under its own role (password from the
 * environment, never on a command line), `pg_dump --format=custom` plus a copy of the blobs folder, `pg_restore` into a
 * new empty database, and `eoffice audit verify` on the result.
 */
describe.skipIf(ADMIN_URL === '' && !process.env.CI)('an agency server on PostgreSQL: pg_dump, pg_restore and the blob folder', () => {
  const admin = new URL(ADMIN_URL || 'postgres://x@127.0.0.1:1/postgres');
  const role = `eoffice_app_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(18).toString('base64url');
  const databases = [`eoffice_src_${randomBytes(4).toString('hex')}`, `eoffice_rst_${randomBytes(4).toString('hex')}`];
  const [sourceDb, restoredDb] = databases as [string, string];
  let dir: string;

  /** SQL as the test cluster's superuser, through psql's standard input (the password is in the SQL, not in argv). */
  async function asSuperuser(statements: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const child = execFile('psql', ['-v', 'ON_ERROR_STOP=1', '-q', '-h', admin.hostname, '-p', admin.port, '-U', admin.username, '-d', 'postgres'], (error) =>
        error ? reject(error) : resolve(),
      );
      child.stdin!.end(statements);
    });
  }

  /** SQL as the app's role, the way someone holding its password would type it into psql. */
  const psqlAsApp = (database: string, statements: string) =>
    run('psql', ['-v', 'ON_ERROR_STOP=1', '-q', '-d', database, '-c', statements], { env: { ...process.env, ...env } });

  const urlOf = (database: string) => `postgres://${role}@${admin.hostname}:${admin.port}/${database}`;
  /** The app's password and libpq's, from the environment only. */
  const env = { EOFFICE_DB_PASSWORD: password, PGPASSWORD: password, PGHOST: admin.hostname, PGPORT: admin.port, PGUSER: role };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'eoffice-pg-dump-'));
    await asSuperuser(`create role ${role} login password '${password}';`);
    for (const database of databases) await asSuperuser(`create database ${database} owner ${role} template template0 encoding 'UTF8' locale 'C.UTF-8';`);
  }, 120_000);

  afterAll(async () => {
    if (ADMIN_URL === '') return;
    for (const database of databases) await asSuperuser(`drop database if exists ${database} with (force);`);
    await asSuperuser(`drop role if exists ${role};`);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('a dump restored into an empty database with the blobs copied back verifies and keeps every document and number', async () => {
    const server = join(dir, 'server');
    const seed = await runEoffice(['demo', 'seed', '--docs', '12', '--db', urlOf(sourceDb), '--data-dir', server, '--json'], { env });
    expect(seed.stderr).not.toMatch(/E_[A-Z_]+:/);
    expect(seed.code).toBe(0);
    const listing = async (db: string, data: string) => {
      const list = await runEoffice(['doc', 'list', '--db', urlOf(db), '--data-dir', data, '--as', 'luutru', '--json'], { env });
      expect(list.code).toBe(0);
      return (JSON.parse(list.stdout) as { id: string; number?: unknown; arrivalNumber?: unknown; state: string }[])
        .map((d) => JSON.stringify(d))
        .sort();
    };
    const before = await listing(sourceDb, server);
    expect(before.length).toBeGreaterThan(0);
    const verified = await runEoffice(['audit', 'verify', '--as', 'admin', '--db', urlOf(sourceDb), '--data-dir', server, '--json'], { env });
    expect(verified.code).toBe(0);
    const chain = JSON.parse(verified.stdout) as { ok: boolean; entries: number; headId: number };
    // Every entry is anchored in the insert-only table (migration 0200).
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, anchors: { anchoredFrom: 1, count: chain.entries, lastId: chain.headId } });

    // Backup: pg_dump (as the app's role, password from PGPASSWORD) and the content-addressed blobs folder.
    const dump = join(dir, 'eoffice.dump');
    await run('pg_dump', ['--format=custom', `--file=${dump}`, sourceDb], { env: { ...process.env, ...env } });
    const restoredData = join(dir, 'restored');
    await cp(join(server, 'blobs'), join(restoredData, 'blobs'), { recursive: true });

    // Restore into the new, empty database.
    await run('pg_restore', ['--no-owner', `--dbname=${restoredDb}`, dump], { env: { ...process.env, ...env } });
    const after = await runEoffice(['audit', 'verify', '--as', 'admin', '--db', urlOf(restoredDb), '--data-dir', restoredData, '--json'], { env });
    // Restored by the app's role, the table is that role's again: verify passes and says the DBA must hand it over.
    expect(after.stderr).toMatch(/^Cảnh báo: bảng neo audit_anchors .*warning: the audit_anchors table is still the app's own database role's to rewrite/);
    expect(after.code).toBe(0);
    // The anchors came with the dump, and so did their refusal to change.
    expect(JSON.parse(after.stdout)).toMatchObject({
      ok: true, entries: chain.entries, headId: chain.headId,
      anchors: { anchoredFrom: 1, count: chain.entries, lastId: chain.headId, rewritableByApp: true },
    });
    await expect(psqlAsApp(restoredDb, 'delete from audit_anchors')).rejects.toThrow(/permission denied/);
    expect(await listing(restoredDb, restoredData)).toEqual(before);
    // The files came back with the folder: every file the restored rows name is there, whole.
    const { stdout } = await run('psql', ['-At', '-d', restoredDb, '-c', 'select sha256 from document_files union select sha256 from blobs'], {
      env: { ...process.env, ...env },
    });
    const shas = stdout.split('\n').filter((line) => line.length === 64);
    expect(shas.length).toBeGreaterThan(0);
    for (const sha of shas) {
      const bytes = await readFile(join(restoredData, 'blobs', sha.slice(0, 2), sha.slice(2, 4), sha));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha);
    }

    // Issue 11 item 10 on the server: the app's role cuts off the newest two entries and rewrites the head with psql.
    const cut = chain.headId - 1;
    await psqlAsApp(sourceDb, `drop trigger audit_log_no_delete on audit_log; delete from audit_log where id >= ${cut};
      update audit_head set last_id = ${cut - 1}, last_hash = (select hash from audit_log where id = ${cut - 1})`);
    await expect(psqlAsApp(sourceDb, `delete from audit_anchors where entry_number >= ${cut}`)).rejects.toThrow(/permission denied/);
    const tampered = await runEoffice(['audit', 'verify', '--as', 'admin', '--db', urlOf(sourceDb), '--data-dir', server], { env });
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toMatch(new RegExp(`^E_AUDIT_BROKEN: mục ${cut}: .*entries ${cut}…${chain.headId} were anchored and are gone`));
  }, 600_000);
});
