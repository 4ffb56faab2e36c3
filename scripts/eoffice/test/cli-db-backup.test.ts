import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BUNDLE, REPO_ROOT, runEoffice } from './run-eoffice.js';

/** Rows through the sqlite3 shell (Debian package sqlite3), read-only: what a person checking the files would see. */
function rows<T>(databasePath: string, query: string): T[] {
  const text = execFileSync('sqlite3', ['-readonly', '-json', databasePath, query], { encoding: 'utf8' });
  return text.trim() === '' ? [] : (JSON.parse(text) as T[]);
}

async function anchorLines(dataDir: string): Promise<number> {
  const text = await readFile(join(dataDir, 'eoffice.sqlite.audit-anchors'), 'utf8').catch(() => '');
  return text.split('\n').length - 2;
}

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('eoffice db backup and db restore (single machine)', () => {
  let dir: string;
  let source: string;
  let archive: string;
  let backup: { auditHead: { id: number; hash: string }; documents: number; blobs: number; anchors: number };
  let finalHead: number;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'eoffice-cli-backup-'));
    source = join(dir, 'agency');
    archive = join(dir, 'agency.eoffice-backup');
    // The writer: a demo seed (users, documents received, registered, numbered, signed; each its own transaction),
    // in its own process, as the app would be while the backup runs.
    const seed = spawn(process.execPath, [CLI_BUNDLE, 'demo', 'seed', '--docs', '30', '--data-dir', source, '--json'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let seedErr = '';
    seed.stderr.on('data', (chunk: Buffer) => (seedErr += chunk.toString('utf8')));
    const seedDone = new Promise<number>((resolve) => seed.on('close', (code) => resolve(code ?? -1)));
    let exited = false;
    void seedDone.then(() => (exited = true));
    while ((await anchorLines(source)) < 60) {
      if (exited) throw new Error(`demo seed ended before the backup could start: ${seedErr}`);
      await sleep(100);
    }
    const run = await runEoffice(['db', 'backup', '--out', archive, '--data-dir', source, '--json']);
    if (run.code !== 0) throw new Error(`db backup: ${run.stderr}`);
    backup = JSON.parse(run.stdout) as typeof backup;
    if ((await seedDone) !== 0) throw new Error(`demo seed: ${seedErr}`);
    finalHead = rows<{ id: number }>(join(source, 'eoffice.sqlite'), 'select last_id as id from audit_head')[0]!.id;
  }, 600_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('a backup taken while the app writes restores into an empty folder with every document, number and audit entry of its moment', async () => {
    // The writes went on after the snapshot: the backup holds a prefix of the chain, not the final state.
    expect(backup.auditHead.id).toBeGreaterThan(0);
    expect(finalHead).toBeGreaterThan(backup.auditHead.id);
    expect((await stat(archive)).mode & 0o777).toBe(0o600);

    const restored = join(dir, 'restored');
    const run = await runEoffice(['db', 'restore', archive, '--data-dir', restored, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const verify = await runEoffice(['audit', 'verify', '--as', 'admin', '--data-dir', restored, '--json']);
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, headId: backup.auditHead.id, anchors: { lastId: backup.auditHead.id } });

    const before = join(source, 'eoffice.sqlite');
    const after = join(restored, 'eoffice.sqlite');
    // Every audit entry up to the snapshot's head, byte for byte (the hash covers the entry).
    const chain = 'select id, hash from audit_log order by id';
    expect(rows(after, chain)).toEqual(rows(before, `${chain.replace(' order', ` where id <= ${backup.auditHead.id} order`)}`));
    // Every document of the snapshot, with its state and its number, as the source holds it (documents are only
    // added by the seed; their rows may have moved on since, so compare what registration fixed: the number).
    const numbers = 'select r.document_id, r.register_id, r.number from register_entries r order by r.id';
    const restoredNumbers = rows<{ document_id: string }>(after, numbers);
    expect(restoredNumbers.length).toBeGreaterThan(0);
    expect(restoredNumbers).toEqual(rows(before, numbers).slice(0, restoredNumbers.length));
    const documents = rows<{ id: string }>(after, 'select id from documents order by id');
    expect(documents).toHaveLength(backup.documents);
    const sourceIds = new Set(rows<{ id: string }>(before, 'select id from documents').map((d) => d.id));
    expect(documents.every((d) => sourceIds.has(d.id))).toBe(true);
    // Every file the restored rows name is there, whole.
    const shas = rows<{ sha256: string }>(after, 'select sha256 from document_files union select sha256 from blobs');
    expect(shas.length).toBeGreaterThan(0);
    for (const { sha256 } of shas) {
      const bytes = await readFile(join(restored, 'blobs', sha256.slice(0, 2), sha256.slice(2, 4), sha256));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha256);
    }
    // The owner's only.
    expect((await stat(restored)).mode & 0o777).toBe(0o700);
    for (const file of await filesUnder(restored)) expect([file, (await stat(file)).mode & 0o077]).toEqual([file, 0]);
    // And the restored store works on: the next change is anchored and verifies.
    const next = await runEoffice(['user', 'add', 'thuky', '--role', 'clerk', '--as', 'admin', '--data-dir', restored]);
    expect(next.code).toBe(0);
    const again = await runEoffice(['audit', 'verify', '--as', 'admin', '--data-dir', restored, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, headId: backup.auditHead.id + 1 });
  }, 300_000);

  it('refuses a folder that is not empty, and leaves it as it was', async () => {
    const target = join(dir, 'busy');
    await mkdir(target);
    await writeFile(join(target, 'notes.txt'), 'của người dùng');
    const run = await runEoffice(['db', 'restore', archive, '--data-dir', target]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^E_DATA_DIR_NOT_EMPTY: /);
    expect(await readdir(target)).toEqual(['notes.txt']);
  }, 120_000);

  it('refuses a truncated or damaged archive with E_BACKUP_INVALID and writes nothing', async () => {
    const bytes = await readFile(archive);
    const truncated = join(dir, 'truncated.eoffice-backup');
    await writeFile(truncated, bytes.subarray(0, bytes.length - 4096));
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(flipped.length / 2)]! ^= 0x01;
    const damaged = join(dir, 'damaged.eoffice-backup');
    await writeFile(damaged, flipped);
    // Damaged inside the database entry with the whole-file checksum recomputed: the entry's own checksum catches it.
    const resealed = Buffer.from(bytes);
    const databaseAt = resealed.indexOf('SQLite format 3');
    resealed[databaseAt + 2000]! ^= 0x01;
    const body = resealed.subarray(0, resealed.length - 65);
    const resealedFile = join(dir, 'resealed.eoffice-backup');
    await writeFile(resealedFile, Buffer.concat([body, Buffer.from(`${createHash('sha256').update(body).digest('hex')}\n`)]));
    const notABackup = join(dir, 'random.bin');
    await writeFile(notABackup, Buffer.alloc(10_000, 7));

    for (const [i, file] of [truncated, damaged, resealedFile, notABackup].entries()) {
      const target = join(dir, `never-${i}`);
      const run = await runEoffice(['db', 'restore', file, '--data-dir', target]);
      expect([file, run.code]).toEqual([file, 2]);
      expect(run.stderr).toMatch(/^E_BACKUP_INVALID: /);
      await expect(stat(target)).rejects.toMatchObject({ code: 'ENOENT' });
    }
    expect((await readdir(dir)).filter((name) => name.includes('.restore-'))).toEqual([]);
  }, 300_000);
});
