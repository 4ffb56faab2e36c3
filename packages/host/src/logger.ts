import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { PRIVATE_FILE_MODE, makePrivateDirSync } from '@eoffice/docs-core';

/** Field names whose values never reach a log, wherever they appear in a logged object. */
export const SECRET_FIELDS = ['pin', 'soPin', 'password', 'passphrase', 'secret', 'token', 'sessionToken', 'privateKey'];

export interface LoggerOptions {
  readonly logDir: string;
  readonly fileName?: string;
  /** Rotate when the current file is larger than this at start-up. */
  readonly maxBytes?: number;
  /** How many rotated files to keep (eoffice.log.1 … .N). */
  readonly keep?: number;
  readonly level?: string;
}

/**
 * A structured JSON log in the data folder. Rotation happens when a process opens the log, so several processes
 * never rename a file under each other's feet while writing. Secrets are censored by field name (pino redact) at
 * any depth up to two levels. The folder is 0700 and the files 0600: a log names users and documents (ARCHITECTURE.md,
 * invariant 10); rotation renames, which keeps the mode.
 */
export function createLogger(options: LoggerOptions): Logger {
  makePrivateDirSync(options.logDir);
  const path = join(options.logDir, options.fileName ?? 'eoffice.log');
  rotateIfLarge(path, options.maxBytes ?? 5 * 1024 * 1024, options.keep ?? 5);
  const paths = SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);
  return pino(
    { level: options.level ?? 'info', redact: { paths, censor: '[đã ẩn]' }, base: { pid: process.pid } },
    pino.destination({ dest: path, sync: true, mkdir: true, mode: PRIVATE_FILE_MODE }),
  );
}

function rotateIfLarge(path: string, maxBytes: number, keep: number): void {
  if (!existsSync(path) || statSync(path).size < maxBytes) return;
  rmSync(`${path}.${keep}`, { force: true });
  for (let index = keep - 1; index >= 1; index -= 1) {
    if (existsSync(`${path}.${index}`)) renameSync(`${path}.${index}`, `${path}.${index + 1}`);
  }
  renameSync(path, `${path}.1`);
}
