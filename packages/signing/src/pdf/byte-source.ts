import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { SigningError } from '../signing-error.js';

/**
 * Random access to the bytes of a PDF. A file is read in pages on demand, so opening a 100 MB scan costs only the
 * pages the parser touches (trailer, xref, the objects asked for).
 */
export interface ByteSource {
  readonly length: number;
  /** Bytes [offset, offset+length), clipped at the end of the source. */
  read(offset: number, length: number): Uint8Array;
  /** One byte, or -1 past either end. Cheap for sequential access. */
  byteAt(offset: number): number;
  /**
   * Copies bytes from `offset` into `target` (as many as fit, clipped at the end of the source) and returns how many.
   * For long sequential reads (hashing a byte range): one reused buffer, where `read` would hand out a fresh one per
   * chunk, and fresh memory costs the kernel a page fault per 4 KiB (measured: 0.3 s of a 100 MB verify, the hash 0.08 s).
   */
  readInto(target: Uint8Array, offset: number): number;
  /**
   * Bytes [offset, offset+length), clipped, without a copy: for a long sequential read (hashing a byte range) of a
   * source that holds its bytes in memory. Absent where it would have to read them (a file: readInto).
   */
  view?(offset: number, length: number): Uint8Array;
  close(): void;
}

export class MemoryByteSource implements ByteSource {
  readonly length: number;
  private readonly bytes: Uint8Array;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.length = bytes.length;
  }

  read(offset: number, length: number): Uint8Array {
    const start = Math.max(0, offset);
    return this.bytes.subarray(start, Math.min(this.length, start + Math.max(0, length)));
  }

  byteAt(offset: number): number {
    return offset >= 0 && offset < this.length ? this.bytes[offset]! : -1;
  }

  readInto(target: Uint8Array, offset: number): number {
    const bytes = this.read(offset, target.length);
    target.set(bytes);
    return bytes.length;
  }

  view(offset: number, length: number): Uint8Array {
    return this.read(offset, length);
  }

  close(): void {}
}

const PAGE_SIZE = 64 * 1024;
const MAX_PAGES = 32;

export class FileByteSource implements ByteSource {
  readonly length: number;
  private fd: number | undefined;
  private readonly pages = new Map<number, Uint8Array>();
  private lastPageIndex = -1;
  private lastPage: Uint8Array | undefined;

  constructor(path: string) {
    try {
      this.fd = openSync(path, 'r');
      this.length = fstatSync(this.fd).size;
    } catch (cause) {
      throw new SigningError('IO_ERROR', `Không đọc được tệp / cannot read file: ${path}`, { cause });
    }
  }

  private page(index: number): Uint8Array {
    if (index === this.lastPageIndex && this.lastPage) return this.lastPage;
    let page = this.pages.get(index);
    if (!page) {
      if (this.fd === undefined) throw new SigningError('IO_ERROR', 'Tệp đã đóng / file already closed');
      const start = index * PAGE_SIZE;
      const size = Math.min(PAGE_SIZE, this.length - start);
      page = Buffer.alloc(Math.max(0, size));
      let done = 0;
      while (done < size) {
        const n = readSync(this.fd, page, done, size - done, start + done);
        if (n === 0) break;
        done += n;
      }
      if (this.pages.size >= MAX_PAGES) this.pages.delete(this.pages.keys().next().value as number);
      this.pages.set(index, page);
    }
    this.lastPageIndex = index;
    this.lastPage = page;
    return page;
  }

  byteAt(offset: number): number {
    if (offset < 0 || offset >= this.length) return -1;
    return this.page(Math.floor(offset / PAGE_SIZE))[offset % PAGE_SIZE]!;
  }

  read(offset: number, length: number): Uint8Array {
    const start = Math.max(0, offset);
    const end = Math.min(this.length, start + Math.max(0, length));
    if (end <= start) return new Uint8Array(0);
    const firstPage = Math.floor(start / PAGE_SIZE);
    if (Math.floor((end - 1) / PAGE_SIZE) === firstPage) {
      const p = this.page(firstPage);
      return p.subarray(start - firstPage * PAGE_SIZE, end - firstPage * PAGE_SIZE);
    }
    if (this.fd === undefined) throw new SigningError('IO_ERROR', 'Tệp đã đóng / file already closed');
    const out = Buffer.alloc(end - start);
    let done = 0;
    while (done < out.length) {
      const n = readSync(this.fd, out, done, out.length - done, start + done);
      if (n === 0) break;
      done += n;
    }
    return out.subarray(0, done);
  }

  readInto(target: Uint8Array, offset: number): number {
    const start = Math.max(0, offset);
    const size = Math.max(0, Math.min(target.length, this.length - start));
    if (this.fd === undefined) throw new SigningError('IO_ERROR', 'Tệp đã đóng / file already closed');
    let done = 0;
    while (done < size) {
      const n = readSync(this.fd, target, done, size - done, start + done);
      if (n === 0) break;
      done += n;
    }
    return done;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.pages.clear();
    this.lastPage = undefined;
    this.lastPageIndex = -1;
  }
}

/** Offset of the first occurrence of `needle` in [from, to), or -1. Reads in chunks. */
export function indexOfBytes(source: ByteSource, needle: string, from: number, to = source.length): number {
  const pattern = Buffer.from(needle, 'latin1');
  // Most needles are near (a hex string's '>', a stream's 'endstream'): small windows first, growing to 1 MiB.
  let chunk = 4096;
  for (let pos = Math.max(0, from); pos < to; pos += chunk, chunk = Math.min(chunk * 4, 1 << 20)) {
    const hit = asBuffer(source.read(pos, Math.min(chunk + pattern.length - 1, to - pos))).indexOf(pattern);
    if (hit >= 0) return pos + hit;
  }
  return -1;
}

/** Offset of the last occurrence of `needle` that starts before `before`, or -1. */
export function lastIndexOfBytes(source: ByteSource, needle: string, before = source.length): number {
  const pattern = Buffer.from(needle, 'latin1');
  const chunk = 1 << 16;
  for (let end = Math.min(before + pattern.length - 1, source.length); end > 0; end -= chunk) {
    const start = Math.max(0, end - chunk - pattern.length + 1);
    const hit = asBuffer(source.read(start, end - start)).lastIndexOf(pattern);
    if (hit >= 0 && start + hit < before) return start + hit;
    if (start === 0) break;
  }
  return -1;
}

/**
 * A Buffer over the same memory, for Buffer's native indexOf: `Buffer.from(uint8array)` would copy the window (up to
 * 1 MiB for every short hex string of a file, measured: 3 ms of a 53 ms verification of a 1 MB PDF).
 */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
