import { randomBytes } from 'node:crypto';
import { constants, type BigIntStats } from 'node:fs';
import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { PRIVATE_FILE_MODE } from '../store/private-files.js';
import type { AuditAnchor, AuditAnchorSnapshot, AuditAnchorStore } from './audit-anchor-store.js';

const HEADER = 'eoffice-audit-anchors v1 from ';
const LINE = /^(\d+) ([0-9a-f]{64})$/;
/** Enough to hold the last whole line (an id and a 64-digit hash) several times over. */
const TAIL_BYTES = 4096;

/** What this object last saw of the file: enough to tell that nothing has touched it since. */
interface KnownTail {
  readonly dev: bigint;
  readonly ino: bigint;
  readonly size: bigint;
  readonly mtimeNs: bigint;
  readonly ctimeNs: bigint;
  readonly last: AuditAnchor | null;
  /** Whether the file ends with a newline (false: a torn line, or the empty file). */
  readonly endsWithNewline: boolean;
}

function unchanged(known: KnownTail | null, now: BigIntStats): known is KnownTail {
  return (
    known !== null &&
    known.dev === now.dev &&
    known.ino === now.ino &&
    known.size === now.size &&
    known.mtimeNs === now.mtimeNs &&
    known.ctimeNs === now.ctimeNs
  );
}

function knownFrom(stats: BigIntStats, last: AuditAnchor | null, endsWithNewline: boolean): KnownTail {
  return { dev: stats.dev, ino: stats.ino, size: stats.size, mtimeNs: stats.mtimeNs, ctimeNs: stats.ctimeNs, last, endsWithNewline };
}

/**
 * The SQLite store's anchors: a text file beside the database, one `id hash` line per audit entry after a header
 * naming the entry anchoring began at. Only ever opened for appending (O_APPEND), each append fsync'd; owner-only
 * (0600) like the database. A line torn by a crash mid-write (no newline) is skipped by readers, and the next append
 * starts on a fresh line.
 */
export class FileAuditAnchorStore implements AuditAnchorStore {
  readonly location: string;
  /**
   * The newest anchor as this object last read or wrote it, with the file's identity, size and times then. `last()`
   * and `append()` run in every transaction (under the database's write lock); re-reading the file's tail each time
   * was ~12 file operations per transaction. Another process's append (which grows the file), a rewrite or a
   * replacement changes the size, the times or the inode, and the file is read again. A rewrite of the same length
   * within the same clock tick as this object's last look (the file times' granularity, a few ms), or one that puts
   * ctime back (root), would go unseen: the next anchors would still be this process's own entries, appended after it,
   * and `read()` (what `audit verify` uses) never uses this.
   */
  #known: KnownTail | null = null;

  constructor(path: string) {
    this.location = path;
  }

  async exists(): Promise<boolean> {
    return (await stat(this.location).catch(() => undefined))?.isFile() ?? false;
  }

  /**
   * Makes the file: empty for a new chain, or with the head of an older chain as its first anchor. Written under a
   * temporary name, fsync'd and renamed, so a half header is never seen; refuses to replace a file that is there.
   */
  async create(anchoredFrom: number, baseline: AuditAnchor | null): Promise<void> {
    const temporary = join(dirname(this.location), `.${basename(this.location)}.${randomBytes(6).toString('hex')}.tmp`);
    const text = `${HEADER}${anchoredFrom}\n${baseline ? `${baseline.id} ${baseline.hash}\n` : ''}`;
    try {
      const handle = await open(temporary, 'wx', PRIVATE_FILE_MODE);
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      if (await this.exists()) throw new Error(`${this.location} already exists`);
      await rename(temporary, this.location);
      await syncFolder(dirname(this.location));
    } finally {
      await rm(temporary, { force: true });
    }
  }

  async last(): Promise<AuditAnchor | null> {
    const known = this.#known;
    if (known !== null && unchanged(known, await stat(this.location, { bigint: true }))) return known.last;
    const handle = await open(this.location, constants.O_RDONLY);
    try {
      const stats = await handle.stat({ bigint: true });
      const size = Number(stats.size);
      const length = Math.min(size, TAIL_BYTES);
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, size - length);
      const lines = buffer.toString('utf8').split('\n');
      let last: AuditAnchor | null = null;
      // The last element follows the final newline: empty, or a torn line that never got its newline.
      for (let i = lines.length - 2; i >= 0; i -= 1) {
        const match = LINE.exec(lines[i]!);
        if (match) {
          last = { id: Number(match[1]), hash: match[2]! };
          break;
        }
      }
      this.#known = knownFrom(stats, last, length > 0 && buffer[length - 1] === 0x0a);
      return last;
    } finally {
      await handle.close();
    }
  }

  async append(anchors: readonly AuditAnchor[]): Promise<void> {
    if (anchors.length === 0) return;
    const handle = await open(this.location, constants.O_WRONLY | constants.O_APPEND);
    try {
      const before = await handle.stat({ bigint: true });
      const known = this.#known;
      this.#known = null;
      let torn = false;
      if (unchanged(known, before)) torn = before.size > 0n && !known.endsWithNewline;
      else if (before.size > 0n) {
        const lastByte = Buffer.alloc(1);
        const reader = await open(this.location, constants.O_RDONLY);
        try {
          await reader.read(lastByte, 0, 1, Number(before.size) - 1);
        } finally {
          await reader.close();
        }
        torn = lastByte[0] !== 0x0a;
      }
      const text = `${torn ? '\n' : ''}${anchors.map((a) => `${a.id} ${a.hash}\n`).join('')}`;
      await handle.write(text, null, 'utf8');
      await handle.sync();
      const after = await handle.stat({ bigint: true });
      // Only when the file grew by exactly what was written is its end known: these anchors, then a newline.
      if (after.size === before.size + BigInt(Buffer.byteLength(text))) this.#known = knownFrom(after, anchors.at(-1)!, true);
    } finally {
      await handle.close();
    }
  }

  async read(): Promise<AuditAnchorSnapshot | null> {
    const text = await readFile(this.location, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (text === null) return null;
    const lines = text.split('\n');
    const header = lines[0] ?? '';
    const anchoredFrom = header.startsWith(HEADER) ? Number(header.slice(HEADER.length)) : Number.NaN;
    if (!Number.isInteger(anchoredFrom) || anchoredFrom < 1) {
      throw new Error(`${this.location}: not an anchor file (header "${header.slice(0, 60)}")`);
    }
    const anchors: AuditAnchor[] = [];
    // The last element is what follows the final newline: a torn line is not an anchor.
    for (const line of lines.slice(1, -1)) {
      const match = LINE.exec(line);
      if (match) anchors.push({ id: Number(match[1]), hash: match[2]! });
    }
    return { anchoredFrom, anchors };
  }
}

/** A rename is durable only once its folder is: fsync the folder (not possible on Windows, where it is skipped). */
async function syncFolder(path: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(path, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
