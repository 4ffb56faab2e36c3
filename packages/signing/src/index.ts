export { parseByteRange, byteRangeGap, type ByteRange, type ByteRangeProblem } from './pdf/byte-range.js';
