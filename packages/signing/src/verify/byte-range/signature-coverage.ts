import type { PdfReader } from '../../pdf/pdf-reader.js';
import type { CheckedByteRange } from './signature-dictionary-checks.js';

export type Coverage = 'entireFile' | 'entireRevision' | 'partial';

export interface CoverageFacts {
  readonly coverage: Coverage;
  /** Index (0-based) of the revision the signed bytes end with; null for partial coverage. */
  readonly revisionIndex: number | null;
}

/**
 * Check 6 (pyHanko's levels): the signed bytes must end exactly at the end of a revision (its `%%EOF` plus at most
 * one end-of-line) whose cross-reference section lies inside them. Ending at the file's end is `entireFile`.
 */
export function evaluateCoverage(reader: PdfReader, range: CheckedByteRange): CoverageFacts {
  const end = range.end;
  const revisionIndex = reader.revisions.findIndex((revision) => {
    if (revision.eofOffset === undefined || revision.startxrefOffset === undefined) return false;
    const eofEnd = revision.eofOffset + 5;
    return end >= eofEnd && end <= revision.endOffset && revision.xrefOffset < end;
  });
  if (revisionIndex < 0) return { coverage: 'partial', revisionIndex: null };
  const onlyWhiteAfter = isWhiteTail(reader, end);
  return { coverage: onlyWhiteAfter ? 'entireFile' : 'entireRevision', revisionIndex };
}

function isWhiteTail(reader: PdfReader, from: number): boolean {
  if (from === reader.length) return true;
  if (reader.length - from > 2) return false;
  const tail = reader.source.read(from, reader.length - from);
  return tail.every((c) => c === 0x0a || c === 0x0d);
}
