import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type DestinationStream, type Logger } from 'pino';
import { PRIVATE_FILE_MODE, makePrivateDirSync } from '@eoffice/docs-core';

/** Field names whose values never reach a log, wherever they appear in a logged object. */
export const SECRET_FIELDS = ['pin', 'soPin', 'password', 'passphrase', 'secret', 'token', 'sessionToken', 'privateKey', 'currentPassword', 'newPassword', 'temporaryPassword'];

export interface LoggerOptions {
  readonly logDir: string;
  readonly fileName?: string;
  /** Rotate when the current file reaches this size, at start-up and while the process runs. */
  readonly maxBytes?: number;
  /** How many rotated files to keep (eoffice.log.1 … .N). */
  readonly keep?: number;
  readonly level?: string;
}

/**
 * A structured JSON log in the data folder, rotated by size when a process opens it and whenever the file it writes
 * reaches the limit (a web host left running would otherwise grow one file without bound). Secrets are censored by
 * field name (pino redact) at any depth up to two levels. The folder is 0700 and the files 0600: a log names users
 * and documents (ARCHITECTURE.md, invariant 10); rotation renames, which keeps the mode, and the file reopened after
 * it is created with the same mode.
 */
export function createLogger(options: LoggerOptions): Logger {
  makePrivateDirSync(options.logDir);
  const path = join(options.logDir, options.fileName ?? 'eoffice.log');
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const keep = options.keep ?? 5;
  rotateIfLarge(path, maxBytes, keep);
  const paths = SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);
  return pino(
    { level: options.level ?? 'info', redact: { paths, censor: '[đã ẩn]' }, base: { pid: process.pid } },
    rotatingBySize(pino.destination({ dest: path, sync: true, mkdir: true, mode: PRIVATE_FILE_MODE }), path, maxBytes, keep),
  );
}

/**
 * Counts what this process writes and, past the limit, rotates and reopens (sonic-boom's reopen exists for this).
 * Our own rotation rather than pino-roll: pino-roll opens its stream asynchronously and names files by an ever
 * growing number, while this keeps the synchronous destination (a CLI that exits at once loses no line) and the
 * eoffice.log.1 … .N names. Several processes share the folder: rotateIfLarge looks at the file on disk, so a
 * process whose file another already rotated only follows it to the new one.
 */
function rotatingBySize(destination: ReturnType<typeof pino.destination>, path: string, maxBytes: number, keep: number): DestinationStream {
  let written = existsSync(path) ? statSync(path).size : 0;
  const stream: DestinationStream & { flush(callback?: (error?: Error) => void): void } = {
    write(line: string) {
      destination.write(line);
      written += Buffer.byteLength(line);
      if (written < maxBytes) return;
      rotateIfLarge(path, maxBytes, keep);
      destination.reopen();
      written = statSync(path).size;
    },
    flush(callback?: (error?: Error) => void) {
      destination.flush(callback);
    },
  };
  return stream;
}

function rotateIfLarge(path: string, maxBytes: number, keep: number): void {
  if (!existsSync(path) || statSync(path).size < maxBytes) return;
  rmSync(`${path}.${keep}`, { force: true });
  for (let index = keep - 1; index >= 1; index -= 1) {
    if (existsSync(`${path}.${index}`)) renameSync(`${path}.${index}`, `${path}.${index + 1}`);
  }
  renameSync(path, `${path}.1`);
}
