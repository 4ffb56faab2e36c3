import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { edxmlError } from './edxml-error.js';
import type { EdxmlLimits } from './limits.js';

export interface ZipEntryFile {
  /** The entry's name as stored (already refused when absolute or climbing with ".."). */
  readonly entryName: string;
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

/** A ZIP starts with a local file header (or is an empty archive's end record). */
export function looksLikeZip(head: Buffer): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05);
}

function rejected(vi: string, en: string, details?: Record<string, unknown>): Error {
  return edxmlError('E_ARCHIVE_REJECTED', vi, en, details);
}

/**
 * Extracts every file of a ZIP into `outDir` under numbered names (the entry's own name is only reported, never used
 * as a path), refusing: too many entries, a declared or actual size past the limits, a compression ratio of a
 * bomb, encryption, and names that are absolute or climb out (yauzl checks these and the actual sizes).
 */
export async function extractZip(file: string, outDir: string, limits: EdxmlLimits): Promise<ZipEntryFile[]> {
  const zip = await new Promise<ZipFile>((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true, autoClose: false }, (error, value) => {
      if (error) reject(rejected('Tệp ZIP hỏng', `unreadable ZIP: ${error.message}`));
      else resolve(value);
    });
  });
  if (zip.entryCount > limits.maxArchiveEntries) {
    zip.close();
    throw rejected('ZIP có quá nhiều tệp', `the ZIP has ${zip.entryCount} entries (limit ${limits.maxArchiveEntries})`);
  }
  const out: ZipEntryFile[] = [];
  let total = 0;
  try {
    for (;;) {
      const entry = await nextEntry(zip);
      if (!entry) break;
      if (entry.fileName.endsWith('/')) continue;
      if (entry.isEncrypted()) throw rejected('ZIP được mã hoá', `encrypted entry ${entry.fileName}`);
      total += entry.uncompressedSize;
      if (entry.uncompressedSize > limits.maxAttachmentBytes || total > limits.maxArchiveBytes) {
        throw rejected('ZIP giải nén quá lớn', `the ZIP expands past the size limit (${entry.fileName})`, { entry: entry.fileName });
      }
      const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
      if (entry.uncompressedSize > 1024 * 1024 && ratio > limits.maxCompressionRatio) {
        throw rejected('ZIP có tỷ lệ nén bất thường (bom nén)', `entry ${entry.fileName} expands ${Math.round(ratio)}× (zip bomb)`, { entry: entry.fileName });
      }
      const path = join(outDir, `entry-${out.length}`);
      const hash = createHash('sha256');
      let size = 0;
      const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) => {
        zip.openReadStream(entry, (error, value) => (error ? reject(rejected('Không đọc được tệp trong ZIP', error.message)) : resolve(value)));
      });
      await pipeline(
        stream,
        new Transform({
          transform(chunk: Buffer, _encoding, done) {
            size += chunk.length;
            hash.update(chunk);
            done(null, chunk);
          },
        }),
        createWriteStream(path, { flags: 'wx', mode: 0o600 }),
      ).catch((error: unknown) => {
        throw rejected('Tệp trong ZIP hỏng', `damaged entry ${entry.fileName}: ${(error as Error).message}`, { entry: entry.fileName });
      });
      out.push({ entryName: entry.fileName, path, size, sha256: hash.digest('hex') });
    }
  } finally {
    zip.close();
  }
  return out;
}

function nextEntry(zip: ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const onEntry = (entry: Entry): void => {
      cleanup();
      resolve(entry);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(null);
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(rejected('ZIP bị từ chối', error.message));
    };
    const cleanup = (): void => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}
