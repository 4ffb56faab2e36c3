import { PdfStream } from '../../pdf/pdf-objects.js';
import type { PdfReader } from '../../pdf/pdf-reader.js';
import type { RevocationData } from '../../ltv/revocation-types.js';

/** The /DSS's OCSP responses and CRLs (ISO 32000-2 §12.8.4.3), decoded; unreadable entries are skipped. */
export function readDssRevocation(reader: PdfReader): RevocationData {
  const read = (key: 'OCSPs' | 'CRLs'): Uint8Array[] => {
    const out: Uint8Array[] = [];
    try {
      const dss = reader.resolveDict(reader.catalog.get('DSS'));
      const list = reader.resolve(dss?.get(key));
      if (!Array.isArray(list)) return out;
      for (const item of list) {
        const stream = reader.resolve(item);
        if (!(stream instanceof PdfStream)) continue;
        try {
          out.push(reader.decode(stream));
        } catch {
          // one unreadable blob is one fewer piece of evidence
        }
      }
    } catch {
      // no usable DSS
    }
    return out;
  };
  return { ocsps: read('OCSPs'), crls: read('CRLs') };
}

/** 0-based index of the first revision whose catalog has a /DSS; null when no revision has one. */
export function dssRevisionIndex(reader: PdfReader): number | null {
  for (let index = 0; index < reader.revisions.length; index++) {
    try {
      if (reader.atRevision(index).catalog.get('DSS') !== undefined) return index;
    } catch {
      // a revision that cannot be read has no DSS we can use
    }
  }
  return null;
}
