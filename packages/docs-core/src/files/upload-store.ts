import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import { EOfficeError, type UploadMeta, type UploadReceipt } from '@eoffice/contract';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../store/private-files.js';

/** An upload nobody used within a day is removed at the next upload (file age on disk: real time, not the clock). */
const UPLOAD_LIFETIME_MS = 24 * 60 * 60 * 1000;

interface UploadRecord {
  readonly name: string;
  readonly size: number;
  readonly sha256: string;
  /** Only the user who uploaded may hand it to a method: an upload id seen by someone else is worthless to them. */
  readonly username: string;
}

export interface StagedUpload extends UploadRecord {
  readonly path: string;
}

const UPLOAD_ID = /^[A-Za-z0-9_-]{22,64}$/;

/**
 * File content a page sent before the call that uses it (`<data folder>/uploads/`, 0700, files 0600): streamed to a
 * temp file while hashed and counted, refused past the size limit or on a hash mismatch, and only then given an id.
 * The blob store takes it when a method uses it, so no blob exists without its row; what is never used expires.
 */
export class UploadStore {
  readonly #root: string;

  constructor(dataDir: string) {
    this.#root = join(dataDir, 'uploads');
  }

  async receive(source: Readable | AsyncIterable<Uint8Array>, meta: UploadMeta, username: string, limitBytes: number): Promise<UploadReceipt> {
    await makePrivateDir(this.#root);
    await this.#sweepExpired();
    const uploadId = randomBytes(24).toString('base64url');
    const partPath = join(this.#root, `${uploadId}.part`);
    const hash = createHash('sha256');
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        if (size > limitBytes) {
          callback(new EOfficeError('E_TOO_LARGE', `Tệp vượt quá giới hạn ${Math.floor(limitBytes / 1048576)} MiB / file over the ${limitBytes}-byte limit`));
          return;
        }
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    const part = createWriteStream(partPath, { flags: 'wx', mode: PRIVATE_FILE_MODE });
    try {
      await pipeline(source, counter, part);
      const sha256 = hash.digest('hex');
      if (meta.sha256 !== undefined && meta.sha256 !== sha256) {
        throw new EOfficeError('E_HASH_MISMATCH', 'Nội dung nhận được không khớp mã băm đã báo / the bytes do not match the announced SHA-256');
      }
      const record: UploadRecord = { name: meta.name, size, sha256, username };
      await writeFile(join(this.#root, `${uploadId}.json`), JSON.stringify(record), { mode: PRIVATE_FILE_MODE, flag: 'wx' });
      await rename(partPath, join(this.#root, uploadId));
      return { uploadId, name: meta.name, size, sha256 };
    } catch (error) {
      // The part file is opened asynchronously: refused at the first chunk, the open can still be under way when the
      // pipeline fails, and would create the file after it was removed. Its stream closes only after its open.
      if (!part.closed) await new Promise<void>((closed) => part.once('close', () => closed()));
      await rm(partPath, { force: true });
      await rm(join(this.#root, `${uploadId}.json`), { force: true });
      throw error;
    }
  }

  /** The staged file of one of `username`'s uploads; someone else's, a used one and a made-up id all read as missing. */
  async take(uploadId: string, username: string): Promise<StagedUpload> {
    const missing = new EOfficeError('E_NOT_FOUND', 'Không tìm thấy tệp đã tải lên (hết hạn hoặc đã dùng) / upload not found (expired or used)');
    if (!UPLOAD_ID.test(uploadId)) throw missing;
    const record = await readFile(join(this.#root, `${uploadId}.json`), 'utf8')
      .then((text) => JSON.parse(text) as UploadRecord)
      .catch(() => undefined);
    const path = join(this.#root, uploadId);
    if (!record || record.username !== username || !(await stat(path).then((info) => info.isFile(), () => false))) throw missing;
    return { ...record, path };
  }

  /** Called once the method that used the upload has succeeded: its content is in the blob store now. */
  async discard(uploadId: string): Promise<void> {
    if (!UPLOAD_ID.test(uploadId)) return;
    await rm(join(this.#root, uploadId), { force: true });
    await rm(join(this.#root, `${uploadId}.json`), { force: true });
  }

  async #sweepExpired(): Promise<void> {
    const cutoff = Date.now() - UPLOAD_LIFETIME_MS;
    for (const name of await readdir(this.#root).catch(() => [] as string[])) {
      const path = join(this.#root, name);
      const info = await stat(path).catch(() => undefined);
      if (info && info.mtimeMs < cutoff) await rm(path, { force: true });
    }
  }
}
