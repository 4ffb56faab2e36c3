export { parseByteRange, byteRangeGap, type ByteRange, type ByteRangeProblem } from './pdf/byte-range.js';
export * from './pdf/index.js';
export { SigningError, type SigningErrorCode } from './signing-error.js';
export * from './token/index.js';
export * from './verify/index.js';
