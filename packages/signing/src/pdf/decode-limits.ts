import { SigningError } from '../signing-error.js';

/**
 * How much a reader may inflate, in proportion to the file it reads (issue 13 item 4: a 1.5 MB xref stream once
 * inflated to 1.5 GB). A stream may decode to at most PER_STREAM_FLOOR plus PER_STREAM_FACTOR times the file's size
 * (never above PER_STREAM_CEILING); all the streams one reader decodes together to TOTAL_FLOOR plus TOTAL_FACTOR times
 * the file's size. Real files stay far below: their structure streams are kilobytes, content streams compress ~10×.
 */
const MiB = 1024 * 1024;
const PER_STREAM_FLOOR = 16 * MiB;
const PER_STREAM_FACTOR = 8;
const PER_STREAM_CEILING = 128 * MiB;
const TOTAL_FLOOR = 64 * MiB;
const TOTAL_FACTOR = 32;

/** Deepest nesting of arrays and dictionaries the parser reads (poppler stops at 500; nothing real comes near 100). */
export const MAX_NESTING_DEPTH = 200;

/** The code of every refusal of this kind: the file asks for more than its size can justify. */
export const LIMIT_CODE = 'PDF_LIMIT_EXCEEDED';

export const limitExceeded = (vi: string, en: string): SigningError =>
  new SigningError(LIMIT_CODE, `Tệp PDF vượt giới hạn an toàn: ${vi} / the PDF exceeds a safety limit: ${en}`);

/** True for the refusals above: a reader must not repair around them (the file is hostile, not damaged). */
export const isLimitExceeded = (error: unknown): boolean => error instanceof SigningError && error.code === LIMIT_CODE;

/** The inflation allowance of one reader (shared with the readers it makes for older revisions). */
export class DecodeBudget {
  readonly perStream: number;
  private remaining: number;

  constructor(fileLength: number) {
    this.perStream = Math.min(PER_STREAM_CEILING, PER_STREAM_FLOOR + PER_STREAM_FACTOR * fileLength);
    this.remaining = TOTAL_FLOOR + TOTAL_FACTOR * fileLength;
  }

  /** The most the next decoding step may produce. */
  get nextLimit(): number {
    return Math.max(0, Math.min(this.perStream, this.remaining));
  }

  /** Counts what a step produced; throws once the whole allowance is used. */
  spend(bytes: number): void {
    if (bytes > this.nextLimit) {
      throw limitExceeded('luồng giải nén quá lớn so với kích thước tệp', 'decoded streams too large for the size of the file');
    }
    this.remaining -= bytes;
  }
}
