import { createHash, randomBytes, webcrypto } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EOfficeError } from '@eoffice/contract';
import { checkedStream } from '../files/checked-stream.js';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './private-files.js';

export interface StoredBlob {
  readonly sha256: string;
  readonly size: number;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
/** What putFile reads at a time: the memory a copy holds whatever the file's size. */
const FILE_PIECE_BYTES = 1024 * 1024;

/**
 * Content-addressed files: the name is the SHA-256 of the bytes, so a stored file can never change under its name.
 * Writes go to a temp file, are fsynced, then renamed into place; two writers of the same content both end with
 * the same complete file. Reads re-hash and refuse a file whose bytes no longer match its name. Folders are made 0700
 * and files 0600 (private-files.ts); the rename keeps the mode.
 */
export class BlobStore {
  readonly #root: string;

  constructor(root: string) {
    this.#root = root;
  }

  get root(): string {
    return this.#root;
  }

  pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) {
      throw new EOfficeError('E_INVALID_INPUT', `Mã băm không hợp lệ / invalid sha256: ${sha256}`);
    }
    return join(this.#root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(content: Uint8Array | Readable): Promise<StoredBlob> {
    const tempDir = join(this.#root, 'tmp');
    await mkdir(tempDir, { recursive: true, mode: PRIVATE_DIR_MODE });
    const tempPath = join(tempDir, `${process.pid}-${randomBytes(8).toString('hex')}.part`);
    try {
      const { sha256, size } = content instanceof Readable ? await writeStreamed(content, tempPath) : await writeWhole(content, tempPath);
      const finalPath = this.pathOf(sha256);
      const finalDir = join(finalPath, '..');
      await mkdir(finalDir, { recursive: true, mode: PRIVATE_DIR_MODE });
      await rename(tempPath, finalPath).catch(async (error: NodeJS.ErrnoException) => {
        // Windows refuses to rename over an existing file; the existing file holds the same bytes by name.
        if (!(await exists(finalPath))) throw error;
        await rm(tempPath, { force: true });
      });
      await fsyncDirectory(finalDir);
      return { sha256, size };
    } catch (error) {
      await rm(tempPath, { force: true });
      throw error;
    }
  }

  async putFile(path: string): Promise<StoredBlob> {
    // Pieces of 1 MiB, not the stream default of 64 KiB: each piece is a read and a write on libuv's thread pool.
    return this.put(createReadStream(path, { highWaterMark: FILE_PIECE_BYTES }));
  }

  async has(sha256: string): Promise<boolean> {
    return exists(this.pathOf(sha256));
  }

  /**
   * The content as a stream, verified against its name as it is read (checked-stream.ts: a file whose bytes no longer
   * match fails with E_BLOB_CORRUPT before its last chunk), so a large file is passed on without being held.
   */
  async open(sha256: string): Promise<StoredBlob & { readonly content: Readable }> {
    const path = this.pathOf(sha256);
    const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new EOfficeError('E_NOT_FOUND', `Không tìm thấy tệp ${sha256} / blob not found`);
      throw error;
    });
    const { size } = await handle.stat().catch(async (error: unknown) => {
      await handle.close();
      throw error;
    });
    const corrupt = () => new EOfficeError('E_BLOB_CORRUPT', `Tệp ${sha256} đã bị thay đổi / blob content does not match its hash`);
    const content = checkedStream(handle.createReadStream(), {
      sha256,
      size,
      limitBytes: null,
      corrupt,
      cut: () => corrupt(),
      tooLarge: corrupt,
    });
    return { sha256, size, content };
  }

  /** The whole content, verified against its name. */
  async get(sha256: string): Promise<Buffer> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.pathOf(sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new EOfficeError('E_NOT_FOUND', `Không tìm thấy tệp ${sha256} / blob not found`);
      }
      throw error;
    }
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== sha256) {
      throw new EOfficeError('E_BLOB_CORRUPT', `Tệp ${sha256} đã bị thay đổi / blob content does not match its hash`);
    }
    return bytes;
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** A stream into the temp file, hashed as it passes, then fsynced. */
async function writeStreamed(source: Readable, tempPath: string): Promise<StoredBlob> {
  const hash = createHash('sha256');
  let size = 0;
  const hasher = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  await pipeline(source, hasher, createWriteStream(tempPath, { flags: 'wx', mode: PRIVATE_FILE_MODE }));
  await fsyncFile(tempPath);
  return { sha256: hash.digest('hex'), size };
}

/**
 * Bytes already in memory: hashed by WebCrypto, which runs on libuv's thread pool instead of the main thread (the
 * axis receiver puts each arrival's PDF while the previous one is stored, and the main thread was its bottleneck),
 * written and fsynced through one handle.
 */
async function writeWhole(content: Uint8Array, tempPath: string): Promise<StoredBlob> {
  const digest = webcrypto.subtle.digest('SHA-256', content);
  digest.catch(() => undefined); // awaited below; a write failing first must not leave its rejection unhandled
  const handle = await open(tempPath, 'wx', PRIVATE_FILE_MODE);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { sha256: Buffer.from(await digest).toString('hex'), size: content.length };
}

async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function fsyncDirectory(path: string): Promise<void> {
  if (process.platform === 'win32') return; // directories cannot be opened for fsync there
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
