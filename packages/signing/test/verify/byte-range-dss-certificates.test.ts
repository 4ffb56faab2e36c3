import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PdfReader } from '../../src/pdf/pdf-reader.js';
import { readDssCertificates } from '../../src/verify/byte-range/document-structure.js';
import { fixturesDir } from '../helpers/fixtures.js';

/**
 * readDssCertificates (issue 15, what mutation testing of document-structure.ts found loose): the /DSS /Certs of the
 * newest catalog, each read, are the chain candidates; the counts are qpdf's (`qpdf --json=2`: the /DSS dictionary's
 * /Certs array), not ours.
 */
const fixture = (name: string) => path.join(fixturesDir, 'pdf-signed/dss', name);
const dssOf = (file: string) => {
  const reader = PdfReader.open(file);
  try {
    return readDssCertificates(reader).map((c) => c.commonName);
  } finally {
    reader.close();
  }
};

describe('readDssCertificates', () => {
  it('the EU DSS B-LT file: the 7 certificates of its /DSS /Certs, each read', () => {
    const names = dssOf(fixture('doc-firmado-LT.pdf'));
    expect(names).toHaveLength(7);
    expect(names.every((n) => typeof n === 'string' && n.length > 0)).toBe(true);
  });

  it('the B-B file, whose /DSS holds 4: those 4; the B-T file and TeleSec\'s B-B, without /DSS: none', () => {
    expect(dssOf(fixture('doc-firmado.pdf'))).toHaveLength(4);
    expect(dssOf(fixture('doc-firmado-T.pdf'))).toEqual([]);
    expect(dssOf(fixture('TeleSec_PKS_eIDAS_QES_CA_1-baseline-b.pdf'))).toEqual([]);
  });
});
