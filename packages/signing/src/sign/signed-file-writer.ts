import { createHash } from 'node:crypto';
import { chmod, copyFile, open, rename, rm, stat } from 'node:fs/promises';
import type { BuiltUpdate } from '../pdf/incremental-writer.js';
import { assertOutputPath } from '../pdf/output-path.js';
import { tempPathFor } from '../pdf/write-update.js';
import type { DigestAlgorithm } from '../signer/signer.js';
import { SigningError } from '../signing-error.js';
import { hashFileHandle } from './hash-file-handle.js';

export interface SignedFileJob {
  readonly input: string;
  readonly output: string;
  /** Length of the input as the reader saw it: the update starts there. */
  readonly baseLength: number;
  /** The update with its /ByteRange already patched and an empty /Contents placeholder (span "contents"). */
  readonly update: BuiltUpdate;
  readonly digest: DigestAlgorithm;
  /** Builds the DER CMS over the ByteRange digest. */
  readonly sign: (digest: Buffer) => Promise<Buffer>;
}

/**
 * Writes original + update through a temp file: the original is copied in by the kernel, then read back once to
 * compute the ByteRange digest and the output's SHA-256, the update is appended, the CMS hex goes into the placeholder
 * with a positioned write, then fsync and rename. Returns the output's SHA-256 (hex). Nothing is left behind on failure.
 */
export async function writeSignedFile(job: SignedFileJob): Promise<string> {
  const { update, baseLength: base } = job;
  const contents = update.spans.get('contents')!;
  const fileHash = createHash('sha256');
  // The ByteRange digest and the output's SHA-256 both begin with the whole input: with the same algorithm, hash the
  // input once and fork the state after it (halves the hashing of a large file).
  const separateRangeHash = job.digest === 'sha256' ? undefined : createHash(job.digest);
  assertOutputPath(job.output);
  const temp = tempPathFor(job.output);
  const changed = (): SigningError => new SigningError('IO_ERROR', 'Tệp đầu vào đã thay đổi / the input file changed while signing');
  // The input is copied by the kernel (copy_file_range where there is one), then the COPY — a file only we write — is
  // read back from the page cache and hashed: the bytes digested are exactly the bytes that end up signed, and the
  // user-space work is one read + hash, as close to `sha256sum` as a written copy allows.
  const created = await open(temp, 'wx').catch((cause: unknown) => {
    throw new SigningError('IO_ERROR', `Không ghi được vào thư mục của ${job.output} / cannot write next to the output`, { cause });
  });
  let out;
  try {
    // Created first so the output gets the usual new-file mode (umask), not the input's (copyFile copies the mode,
    // and a read-only received document must still give a normal signed file).
    const { mode } = await created.stat();
    await created.close();
    if ((await stat(job.input)).size !== base) throw changed();
    await copyFile(job.input, temp);
    await chmod(temp, mode & 0o7777);
    out = await open(temp, 'r+');
  } catch (cause) {
    await created.close().catch(() => undefined);
    await rm(temp, { force: true });
    if (cause instanceof SigningError) throw cause;
    throw new SigningError('IO_ERROR', `Không chép được tệp vào thư mục của ${job.output} / cannot copy the input next to the output`, { cause });
  }
  try {
    if ((await out.stat()).size !== base) throw changed();
    const hashes = separateRangeHash ? [separateRangeHash, fileHash] : [fileHash];
    if ((await hashFileHandle(out, hashes, base)) !== base) throw changed();
    const rangeHash = separateRangeHash ?? fileHash.copy();
    const gapStart = contents.start - base;
    const gapEnd = contents.end - base;
    rangeHash.update(update.bytes.subarray(0, gapStart));
    rangeHash.update(update.bytes.subarray(gapEnd));
    await out.write(update.bytes, 0, update.bytes.length, base);

    const cms = await job.sign(rangeHash.digest());
    const room = (gapEnd - gapStart - 2) / 2;
    if (cms.length > room) {
      throw new SigningError('PLACEHOLDER_TOO_SMALL', `Chỗ dành cho chữ ký quá nhỏ (${cms.length} > ${room} byte) / signature placeholder too small`);
    }
    const hex = Buffer.from(cms.toString('hex'), 'latin1');
    await out.write(hex, 0, hex.length, contents.start + 1);
    hex.copy(update.bytes, gapStart + 1);
    fileHash.update(update.bytes);
    await out.sync();
    await out.close();
    await rename(temp, job.output);
  } catch (error) {
    await out.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
  return fileHash.digest('hex');
}
