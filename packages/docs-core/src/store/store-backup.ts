import { createHash, randomBytes } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, rmdir, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import sqlite3 from 'sqlite3';
import { EOfficeError } from '@eoffice/contract';
import { AUDIT_ANCHORS_FILE_SUFFIX } from '../audit/audit-anchoring.js';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './private-files.js';

/**
 * `eoffice db backup` / `db restore` for the single-machine store: one archive file holding the SQLite database
 * (taken with SQLite's online backup API, so it is one consistent snapshot while the app keeps writing), the audit
 * anchors up to that snapshot's chain head, and every blob.
 *
 * The format is ours and plain (no library): a magic line, a JSON header line, then per file a JSON line
 * `{"path","size","sha256"}` followed by exactly `size` bytes, an end line naming the number of files, and last the
 * SHA-256 (hex) of every byte before it on a line of its own. A restore checks that trailer over the whole file
 * before it writes anything, and each file against its own hash while writing, so a truncated or damaged archive
 * is refused (E_BACKUP_INVALID) and no half-restored folder is ever left behind.
 */
const MAGIC = 'EOFFICE-BACKUP 1\n';
const DATABASE_ENTRY = 'eoffice.sqlite';
const ANCHORS_ENTRY = `${DATABASE_ENTRY}${AUDIT_ANCHORS_FILE_SUFFIX}`;
const BLOB_ENTRY = /^blobs\/([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{64})$/;
const TRAILER_BYTES = 65; // 64 hex digits and a newline
const MAX_LINE = 64 * 1024;
const CHUNK = 1024 * 1024;

export interface BackupHeader {
  readonly format: 1;
  readonly createdAt: string;
  readonly schemaVersion: number;
  /** The audit chain's head in the archived database: the anchors are cut there. */
  readonly auditHead: { readonly id: number; readonly hash: string };
  readonly documents: number;
}

export interface BackupSummary extends BackupHeader {
  readonly out: string;
  readonly bytes: number;
  readonly blobs: number;
  readonly anchors: number;
}

export interface RestoreSummary {
  readonly dataDir: string;
  readonly header: BackupHeader;
  readonly files: number;
}

function invalid(archive: string, why: string): EOfficeError {
  return new EOfficeError('E_BACKUP_INVALID', `Tệp sao lưu ${archive} hỏng hoặc không đầy đủ: ${why} / the backup archive is damaged or incomplete`);
}

/**
 * Backs up the SQLite store whose database is `databaseFile` and whose blobs are in `dataDir/blobs` into `out`
 * (written under a temporary name beside it, fsync'd, 0600, then renamed: `out` is either the old file or the whole
 * new one). The app may keep writing meanwhile.
 */
export async function backupSqliteStore(options: { dataDir: string; databaseFile: string; out: string; now?: Date }): Promise<BackupSummary> {
  const { dataDir, databaseFile, out } = options;
  if (!(await stat(databaseFile).catch(() => undefined))?.isFile()) {
    throw new EOfficeError('E_NOT_INITIALISED', `Không có cơ sở dữ liệu ${databaseFile} / no database to back up`);
  }
  const outDir = dirname(out);
  if (!(await stat(outDir).catch(() => undefined))?.isDirectory()) {
    throw new EOfficeError('E_OUTPUT_INVALID', `Thư mục ${outDir} không tồn tại / the output folder does not exist`);
  }
  const work = join(outDir, `.${basename(out)}.${randomBytes(6).toString('hex')}.work`);
  const temporary = `${work}.tmp`;
  await mkdir(work, { mode: PRIVATE_DIR_MODE });
  try {
    // 1. The database, as one snapshot. The anchors are read after it: every entry of the snapshot was anchored
    //    before it committed (ARCHITECTURE.md, invariant 6), so the file then holds them all, and perhaps more.
    const copy = join(work, DATABASE_ENTRY);
    await onlineBackup(databaseFile, copy);
    const facts = await snapshotFacts(copy);
    // 2. The anchors, cut at the snapshot's head: anchors of entries committed after it would read as a cut-off chain.
    const anchorsText = await readFile(`${databaseFile}${AUDIT_ANCHORS_FILE_SUFFIX}`, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    const anchors = anchorsText === null ? null : cutAnchors(anchorsText, facts.auditHead.id);
    // 3. The blobs after the snapshot: every blob it names was stored before its row committed. Never rewritten.
    const blobs = await listBlobs(join(dataDir, 'blobs'));

    const header: BackupHeader = { format: 1, createdAt: (options.now ?? new Date()).toISOString(), ...facts };
    const writer = await ArchiveWriter.create(temporary);
    try {
      await writer.line(JSON.stringify(header));
      await writer.file(DATABASE_ENTRY, copy);
      if (anchors !== null) await writer.bytes(ANCHORS_ENTRY, Buffer.from(anchors.text, 'utf8'));
      for (const blob of blobs) await writer.file(blob.entry, blob.path, blob.sha256);
      await writer.line(JSON.stringify({ end: true, files: writer.files }));
      await writer.finish();
    } finally {
      await writer.close();
    }
    await rename(temporary, out);
    await syncFolder(outDir);
    const size = (await stat(out)).size;
    return { ...header, out, bytes: size, blobs: blobs.length, anchors: anchors?.count ?? 0 };
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The binding's sqlite3_backup object (node-sqlite3's typings leave it out; src/backup.h documents it). */
interface SqliteBackup {
  readonly completed: boolean;
  readonly failed: boolean;
  step(pages: number, callback: (error: Error | null) => void): void;
  finish(callback: (error: Error | null) => void): void;
}

/** SQLite's backup API over a separate connection: one step copies every page under one read snapshot (WAL). */
async function onlineBackup(source: string, target: string): Promise<void> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const opened = new sqlite3.Database(source, sqlite3.OPEN_READWRITE, (error) => (error ? reject(error) : resolve(opened)));
  });
  try {
    db.configure('busyTimeout', 15_000);
    const backup = (db as unknown as { backup(file: string): SqliteBackup }).backup(target);
    // BUSY and LOCKED are retried by the binding (backup.retryErrors): step again until it completes or fails.
    for (let attempt = 0; !backup.completed; attempt += 1) {
      await new Promise<void>((resolve, reject) => backup.step(-1, (error) => (error && backup.failed ? reject(error) : resolve())));
      if (backup.failed) throw new Error('SQLite backup failed');
      if (!backup.completed) {
        if (attempt > 600) throw new Error('SQLite backup: the database stayed busy');
        await sleep(50);
      }
    }
    await new Promise<void>((resolve, reject) => backup.finish((error) => (error ? reject(error) : resolve())));
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}

/** The copy made self-contained (no -wal beside it) and what the header tells about it. */
async function snapshotFacts(copy: string): Promise<Pick<BackupHeader, 'schemaVersion' | 'auditHead' | 'documents'>> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const opened = new sqlite3.Database(copy, (error) => (error ? reject(error) : resolve(opened)));
  });
  const get = <T>(query: string) => new Promise<T | undefined>((resolve, reject) => db.get(query, (error, row) => (error ? reject(error) : resolve(row as T | undefined))));
  try {
    await get('PRAGMA journal_mode = DELETE');
    const version = (await get<{ user_version: number }>('PRAGMA user_version'))?.user_version ?? 0;
    const head = await get<{ last_id: number; last_hash: string }>('select last_id, last_hash from audit_head where singleton = 1').catch(() => undefined);
    const documents = (await get<{ n: number }>('select count(*) as n from documents').catch(() => undefined))?.n ?? 0;
    return { schemaVersion: version, auditHead: { id: head?.last_id ?? 0, hash: head?.last_hash ?? '' }, documents };
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}

/** The anchor file's header and its anchors of entries up to `headId` (a torn last line is dropped too). */
function cutAnchors(text: string, headId: number): { text: string; count: number } {
  const lines = text.split('\n');
  const kept = [lines[0] ?? ''];
  for (const line of lines.slice(1, -1)) {
    const id = Number(/^(\d+) [0-9a-f]{64}$/.exec(line)?.[1] ?? Number.NaN);
    if (Number.isInteger(id) && id <= headId) kept.push(line);
  }
  return { text: `${kept.join('\n')}\n`, count: kept.length - 1 };
}

async function listBlobs(root: string): Promise<{ entry: string; path: string; sha256: string }[]> {
  const found: { entry: string; path: string; sha256: string }[] = [];
  const names = async (path: string) => (await readdir(path).catch(() => [] as string[])).sort();
  for (const a of await names(root)) {
    if (!/^[0-9a-f]{2}$/.test(a)) continue; // tmp/: writes in progress, not blobs yet
    for (const b of await names(join(root, a))) {
      for (const name of await names(join(root, a, b))) {
        const entry = `blobs/${a}/${b}/${name}`;
        if (BLOB_ENTRY.test(entry)) found.push({ entry, path: join(root, a, b, name), sha256: name });
      }
    }
  }
  return found;
}

class ArchiveWriter {
  readonly #handle: FileHandle;
  readonly #hash = createHash('sha256');
  files = 0;

  private constructor(handle: FileHandle) {
    this.#handle = handle;
  }

  static async create(path: string): Promise<ArchiveWriter> {
    const writer = new ArchiveWriter(await open(path, 'wx', PRIVATE_FILE_MODE));
    await writer.#write(Buffer.from(MAGIC, 'utf8'));
    return writer;
  }

  async #write(bytes: Buffer): Promise<void> {
    this.#hash.update(bytes);
    await this.#handle.write(bytes);
  }

  async line(text: string): Promise<void> {
    await this.#write(Buffer.from(`${text}\n`, 'utf8'));
  }

  async bytes(entry: string, content: Buffer): Promise<void> {
    await this.line(JSON.stringify({ path: entry, size: content.length, sha256: createHash('sha256').update(content).digest('hex') }));
    await this.#write(content);
    this.files += 1;
  }

  /** A file whose size is fixed (the database copy, a blob): hashed first, so its line can lead. */
  async file(entry: string, path: string, expected?: string): Promise<void> {
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of createReadStream(path, { highWaterMark: CHUNK })) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
    const sha256 = hash.digest('hex');
    if (expected !== undefined && sha256 !== expected) {
      throw new EOfficeError('E_BLOB_CORRUPT', `Tệp ${expected} đã bị thay đổi / blob content does not match its hash`);
    }
    await this.line(JSON.stringify({ path: entry, size, sha256 }));
    let written = 0;
    const check = createHash('sha256');
    for await (const chunk of createReadStream(path, { highWaterMark: CHUNK })) {
      const bytes = chunk as Buffer;
      check.update(bytes);
      written += bytes.length;
      await this.#write(bytes);
    }
    if (written !== size || check.digest('hex') !== sha256) throw new Error(`${path} changed while it was archived`);
    this.files += 1;
  }

  async finish(): Promise<void> {
    await this.#handle.write(Buffer.from(`${this.#hash.digest('hex')}\n`, 'utf8'));
    await this.#handle.sync();
  }

  async close(): Promise<void> {
    await this.#handle.close();
  }
}

/**
 * Restores an archive into `dataDir`, which must be missing or empty (E_DATA_DIR_NOT_EMPTY otherwise: a restore
 * never mixes with an agency's data). Everything is written into a hidden folder beside it and renamed into place
 * at the end, so a failed restore leaves nothing behind.
 */
export async function restoreSqliteStore(options: { archive: string; dataDir: string }): Promise<RestoreSummary> {
  const { archive, dataDir } = options;
  const info = await stat(archive).catch(() => undefined);
  if (!info?.isFile()) throw new EOfficeError('ENOENT', `Không có tệp sao lưu ${archive} / no such backup archive`);
  const existed = await requireEmptyDataDir(dataDir);
  await verifyTrailer(archive, info.size);

  const parent = dirname(dataDir);
  await mkdir(parent, { recursive: true, mode: PRIVATE_DIR_MODE });
  const staging = join(parent, `.${basename(dataDir)}.restore-${randomBytes(6).toString('hex')}`);
  await mkdir(staging, { mode: PRIVATE_DIR_MODE });
  try {
    const { header, files } = await extract(archive, info.size, staging);
    // Checked again at the last moment: someone may have written into the folder meanwhile.
    if (existed) {
      await requireEmptyDataDir(dataDir);
      await rmdir(dataDir);
    }
    await rename(staging, dataDir);
    await syncFolder(parent);
    return { dataDir, header, files };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/** True when the folder exists (and is empty); refuses a non-empty one or a file. */
async function requireEmptyDataDir(dataDir: string): Promise<boolean> {
  const info = await stat(dataDir).catch(() => undefined);
  if (!info) return false;
  if (!info.isDirectory()) throw new EOfficeError('E_DATA_DIR_INVALID', `${dataDir} không phải thư mục / is not a folder`);
  const entries = await readdir(dataDir);
  if (entries.length > 0) {
    throw new EOfficeError(
      'E_DATA_DIR_NOT_EMPTY',
      `Thư mục dữ liệu ${dataDir} không trống (${entries.length} mục); chỉ khôi phục vào thư mục trống / ` +
        'the data folder is not empty: restore only into an empty or new folder',
    );
  }
  return true;
}

/** The whole file hashes to its last line: anything cut off or changed anywhere is refused before a byte is written. */
async function verifyTrailer(archive: string, size: number): Promise<void> {
  if (size < MAGIC.length + TRAILER_BYTES) throw invalid(archive, 'quá ngắn / too short');
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(archive, { start: 0, end: size - TRAILER_BYTES - 1, highWaterMark: CHUNK })) hash.update(chunk as Buffer);
  const handle = await open(archive, constants.O_RDONLY);
  try {
    const trailer = Buffer.alloc(TRAILER_BYTES);
    await handle.read(trailer, 0, TRAILER_BYTES, size - TRAILER_BYTES);
    const magic = Buffer.alloc(MAGIC.length);
    await handle.read(magic, 0, MAGIC.length, 0);
    if (magic.toString('utf8') !== MAGIC) throw invalid(archive, 'không phải tệp sao lưu E-Office / not an E-Office backup');
    if (trailer.toString('utf8') !== `${hash.digest('hex')}\n`) throw invalid(archive, 'mã băm không khớp / checksum mismatch');
  } finally {
    await handle.close();
  }
}

async function extract(archive: string, size: number, staging: string): Promise<{ header: BackupHeader; files: number }> {
  const handle = await open(archive, constants.O_RDONLY);
  try {
    let position = MAGIC.length;
    const end = size - TRAILER_BYTES;
    const readLine = async (): Promise<unknown> => {
      const buffer = Buffer.alloc(Math.min(MAX_LINE, end - position));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      const newline = buffer.subarray(0, bytesRead).indexOf(0x0a);
      if (newline < 0) throw invalid(archive, 'dòng mô tả hỏng / a damaged entry line');
      position += newline + 1;
      try {
        return JSON.parse(buffer.subarray(0, newline).toString('utf8')) as unknown;
      } catch {
        throw invalid(archive, 'dòng mô tả hỏng / a damaged entry line');
      }
    };
    const header = (await readLine()) as Partial<BackupHeader>;
    if (header.format !== 1 || typeof header.schemaVersion !== 'number') throw invalid(archive, 'phiên bản định dạng lạ / unknown format');
    const seen = new Set<string>();
    for (;;) {
      const line = (await readLine()) as { path?: unknown; size?: unknown; sha256?: unknown; end?: unknown; files?: unknown };
      if (line.end === true) {
        if (line.files !== seen.size || position !== end) throw invalid(archive, 'danh sách tệp không khớp / the file list does not match');
        break;
      }
      const { path, size: length, sha256 } = line;
      if (typeof path !== 'string' || typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256) || !Number.isSafeInteger(length) || (length as number) < 0) {
        throw invalid(archive, 'dòng mô tả hỏng / a damaged entry line');
      }
      const blob = BLOB_ENTRY.exec(path);
      const allowed = path === DATABASE_ENTRY || path === ANCHORS_ENTRY || (blob !== null && blob[3] === sha256 && blob[3]!.startsWith(`${blob[1]}${blob[2]}`));
      if (!allowed || seen.has(path)) throw invalid(archive, `mục lạ / unexpected entry ${path.slice(0, 80)}`);
      if (position + (length as number) > end) throw invalid(archive, 'tệp bị cắt / an entry runs past the end');
      seen.add(path);
      const target = join(staging, ...path.split('/'));
      await mkdir(dirname(target), { recursive: true, mode: PRIVATE_DIR_MODE });
      await copyOut(handle, position, length as number, target, sha256, archive);
      position += length as number;
    }
    if (!seen.has(DATABASE_ENTRY)) throw invalid(archive, 'thiếu cơ sở dữ liệu / the database is missing');
    return { header: header as BackupHeader, files: seen.size };
  } finally {
    await handle.close();
  }
}

async function copyOut(source: FileHandle, start: number, length: number, target: string, sha256: string, archive: string): Promise<void> {
  const out = await open(target, 'wx', PRIVATE_FILE_MODE);
  try {
    const hash = createHash('sha256');
    const buffer = Buffer.alloc(Math.min(CHUNK, Math.max(length, 1)));
    for (let done = 0; done < length; ) {
      const want = Math.min(buffer.length, length - done);
      const { bytesRead } = await source.read(buffer, 0, want, start + done);
      if (bytesRead !== want) throw invalid(archive, 'tệp bị cắt / an entry runs past the end');
      hash.update(buffer.subarray(0, want));
      await out.write(buffer.subarray(0, want));
      done += want;
    }
    if (hash.digest('hex') !== sha256) throw invalid(archive, `mã băm của ${basename(target)} không khớp / an entry's checksum does not match`);
    await out.sync();
  } finally {
    await out.close();
  }
}

async function syncFolder(path: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(path, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
