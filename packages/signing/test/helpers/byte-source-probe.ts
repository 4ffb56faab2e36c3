import { MemoryByteSource } from '../../src/pdf/byte-source.js';

/** Bytes in memory that count what long sequential reads (hashing) take from them: how often a file is re-read. */
export class ByteSourceProbe extends MemoryByteSource {
  bytesReadInto = 0;

  override readInto(target: Uint8Array, offset: number): number {
    const got = super.readInto(target, offset);
    this.bytesReadInto += got;
    return got;
  }
}
