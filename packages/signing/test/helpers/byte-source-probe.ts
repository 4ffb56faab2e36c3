import { MemoryByteSource } from '../../src/pdf/byte-source.js';

/** Bytes in memory that count what long sequential reads (hashing: readInto, view) take from them: how often a file is re-read. */
export class ByteSourceProbe extends MemoryByteSource {
  bytesReadInto = 0;

  override readInto(target: Uint8Array, offset: number): number {
    const got = super.readInto(target, offset);
    this.bytesReadInto += got;
    return got;
  }

  override view(offset: number, length: number): Uint8Array {
    const bytes = super.view(offset, length);
    this.bytesReadInto += bytes.length;
    return bytes;
  }
}
