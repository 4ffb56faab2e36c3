import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PdfDict, PdfReader, verifyPdfSignatures, type PdfRef } from '../../src/index.js';
import { IncrementalWriter } from '../../src/pdf/incremental-writer.js';
import type { RevocationData } from '../../src/ltv/revocation-types.js';
import { readDssRevocation } from '../../src/verify/ltv/embedded-validation-data.js';
import { fixture } from '../helpers/fixtures.js';

/**
 * When a timestamped signature with a /DSS counts as B-LT (issue 15, mutation testing of verify-pdf-signatures.ts): the
 * validation data must be in the file. A self-signed signer has no issuer to ask about revocation, so the /DSS is
 * enough; for any other signer the file must hold its revocation data, and data fetched online (`--online`) does not
 * make the file itself long-term.
 */
const read = (...parts: string[]): Buffer => readFileSync(fixture(...parts));
/** The file with an update that adds an empty /DSS to the catalog. */
const withEmptyDss = (bytes: Buffer): Buffer => {
  const reader = PdfReader.open(bytes);
  try {
    const writer = new IncrementalWriter(reader);
    writer.set(reader.trailer.get('Root') as PdfRef, reader.catalog.clone().set('DSS', PdfDict.of({ Certs: [] })));
    return Buffer.concat([bytes, writer.build().bytes]);
  } finally {
    reader.close();
  }
};
const levels = (bytes: Buffer, onlineRevocation?: RevocationData) =>
  verifyPdfSignatures(bytes, { validationTime: new Date('2024-01-01T00:00:00Z'), ...(onlineRevocation ? { onlineRevocation } : {}) }).signatures.map(
    (s) => [s.field, s.level, s.revocation.status, s.revocation.source],
  );

describe('verify: the validation data a B-LT signature needs in the file', () => {
  it('a self-signed signer (pyHanko\'s "Lord Testerino", both signatures timestamped): the /DSS makes them B-LT', () => {
    const file = read('pdf-signed/pyhanko/minimal-two-fields-signed-twice.pdf');
    expect(levels(file)).toEqual([
      ['Sig2', 'B-T', 'unknown', null],
      ['Sig1', 'B-T', 'unknown', null],
    ]);
    expect(levels(withEmptyDss(file))).toEqual([
      ['Sig2', 'B-LT', 'unknown', null],
      ['Sig1', 'B-LT', 'unknown', null],
    ]);
  });

  it('a CA-issued signer with a /DSS but its revocation data fetched online, not embedded: B-T', () => {
    // The OCSP response and CRLs that doc-firmado-LT.pdf embeds for this same signature, given as fetched online.
    const lt = PdfReader.open(read('pdf-signed/dss/doc-firmado-LT.pdf'));
    const fetched = readDssRevocation(lt);
    lt.close();
    expect(levels(read('pdf-signed/dss/doc-firmado-LT.pdf'))).toEqual([['Signature1', 'B-LT', 'good', 'embedded']]);
    expect(levels(withEmptyDss(read('pdf-signed/dss/doc-firmado-T.pdf')), fetched)).toEqual([['Signature1', 'B-T', 'good', 'online']]);
  });
});
