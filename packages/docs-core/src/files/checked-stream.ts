import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { isEOfficeError, type EOfficeError } from '@eoffice/contract';

/** What a stream of file content must prove before its last bytes are let through, and the typed error of each failure. */
export interface StreamCheck {
  /** The bytes must hash to this (hex); null: not checked. */
  readonly sha256: string | null;
  /** Exactly this many bytes must arrive (an announced length); null: any number. */
  readonly size: number | null;
  /** Past this many bytes the stream stops (a peer cannot make us pass on an endless answer); null: no limit. */
  readonly limitBytes: number | null;
  readonly corrupt: () => EOfficeError;
  /** The source failed or ended before `size`. */
  readonly cut: (cause: unknown) => EOfficeError;
  readonly tooLarge: () => EOfficeError;
}

/**
 * The source's bytes as they arrive, checked on the way: the last chunk is held back until the length and the
 * SHA-256 are proven, so a reader never sees the whole content of a cut or corrupt file — it sees the typed error
 * instead of the end. Memory stays at one chunk or two, whatever the file's size.
 */
export function checkedStream(source: AsyncIterable<Uint8Array>, check: StreamCheck): Readable {
  async function* checked(): AsyncIterable<Uint8Array> {
    const hash = createHash('sha256');
    let size = 0;
    let held: Uint8Array | null = null;
    try {
      for await (const chunk of source) {
        size += chunk.length;
        if (check.limitBytes !== null && size > check.limitBytes) throw check.tooLarge();
        if (check.size !== null && size > check.size) throw check.corrupt();
        if (check.sha256 !== null) hash.update(chunk);
        if (held) yield held;
        held = chunk;
      }
    } catch (error) {
      throw isEOfficeError(error) ? error : check.cut(error);
    }
    if (check.size !== null && size < check.size) throw check.cut(new Error(`ended after ${size} of ${check.size} bytes`));
    if (check.sha256 !== null && hash.digest('hex') !== check.sha256) throw check.corrupt();
    if (held) yield held;
  }
  return Readable.from(checked(), { objectMode: false });
}

/** All of a stream's bytes, for the one caller that needs them whole (IPC to a window); fails as the stream fails. */
export async function readWhole(content: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of content) {
    chunks.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks, size);
}
