import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyPdfSignatures } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';

/**
 * Only a sound document timestamp over the /DSS makes the signatures beneath it B-LTA (issue 15). DSS's own
 * doc-firmado.pdf (a signature, its /DSS, then a document timestamp) is B-LTA as it is; with one hex digit of the
 * timestamp's token changed inside its /Contents gap (byte 120 of the token, in the TSTInfo it signs) the signature's
 * bytes are untouched, the token proves nothing, and the signature is B-LT.
 */
const original = (): Buffer => Buffer.from(readFileSync(fixture('pdf-signed/dss/doc-firmado.pdf')));

function withBrokenArchiveStamp(): Buffer {
  const bytes = original();
  const ranges = [...bytes.toString('latin1').matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  const last = ranges.at(-1)!;
  const at = Number(last[1]) + Number(last[2]) + 1 + 2 * 120; // after '<', the token's byte 120 as hex
  bytes[at] = bytes[at] === 0x30 ? 0x31 : 0x30;
  return bytes;
}

const verify = (bytes: Uint8Array) => verifyPdfSignatures(bytes, { validationTime: new Date('2024-01-01T00:00:00Z') });

describe('verify: the archive timestamp behind B-LTA', () => {
  it('as DSS made it: the signature is B-LTA beneath an intact, valid document timestamp', () => {
    const report = verify(original());
    expect(report.signatures.map((s) => [s.field, s.kind, s.level, s.intact, s.valid])).toEqual([
      ['Signature1', 'signature', 'B-LTA', true, true],
      ['Signature2', 'docTimestamp', null, true, true],
    ]);
  });

  it('with the token broken: the timestamp is not intact, says why, and the signature beneath it is B-LT', () => {
    const report = verify(withBrokenArchiveStamp());
    expect(report.signatures.map((s) => [s.field, s.level, s.intact])).toEqual([
      ['Signature1', 'B-LT', true],
      ['Signature2', null, false],
    ]);
    expect(report.signatures[1]!.problems.map((p) => p.code)).toEqual(expect.arrayContaining(['DIGEST_MISMATCH', 'TIMESTAMP_IMPRINT_MISMATCH']));
    // The signature itself is untouched by the change: its own problems are those of the file as DSS made it.
    expect(report.signatures[0]!.problems).toEqual(verify(original()).signatures[0]!.problems);
  });
});
