import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyPdfSignatures } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';

/**
 * Edges of a signature's verdict that the fixtures reach as they are or with one byte changed (issue 15): bytes after
 * the last %%EOF, the time a signature is judged at when the validation time comes before the time its token proves,
 * a token left unjudged beside a signature value that fails, and the problems beneath an archive timestamp.
 */
const read = (name: string): Buffer => Buffer.from(readFileSync(fixture(name)));
const verifyAt = (bytes: Uint8Array, at: string) => verifyPdfSignatures(bytes, { validationTime: new Date(at) });

describe('verify: verdict edges', () => {
  it('bytes after the last %%EOF: the signature is intact, but what follows it cannot be judged, so it is disallowed', () => {
    const signed = read('pdf-signed/pyhanko/pades-with-old-style-signing-cert-attr.pdf');
    expect(verifyAt(signed, '2024-01-01T00:00:00Z').signatures[0]).toMatchObject({ coverage: 'entireFile', modification: 'none' });
    const report = verifyAt(Buffer.concat([signed, Buffer.from('\nthis is not PDF\n', 'latin1')]), '2024-01-01T00:00:00Z');
    expect(report.signatures.map((s) => [s.field, s.intact, s.valid, s.coverage, s.modification, s.problems.map((p) => p.code)])).toEqual([
      ['Sig1', true, true, 'entireRevision', 'disallowed', ['REVISION_STRUCTURE']],
    ]);
  });

  it('a signature is judged at the time its token proves, or at the validation time when that comes first', () => {
    const file = read('pdf-signed/dss/doc-firmado-T.pdf');
    // The token's time: 2018-09-15T22:10:37Z.
    expect(verifyAt(file, '2024-01-01T00:00:00Z').signatures[0]!.revocation.judgedAt).toBe('2018-09-15T22:10:37.000Z');
    expect(verifyAt(file, '2018-09-15T00:00:00Z').signatures[0]!.revocation.judgedAt).toBe('2018-09-15T00:00:00.000Z');
  });

  it('a signature that does not verify has its timestamp token left unjudged: a time is proven only for a valid one', () => {
    const file = read('pdf-signed/dss/doc-firmado-T.pdf');
    expect(verifyAt(file, '2024-01-01T00:00:00Z').signatures[0]!.timestamp).toMatchObject({ time: '2018-09-15T22:10:37.000Z', intact: true });
    // One hex digit of the CMS changed at its byte 9982 (past the certificates, before the token): the signature value
    // no longer verifies; the token after it is as it was.
    const range = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)/.exec(file.toString('latin1'))!;
    const at = Number(range[1]) + Number(range[2]) + 1 + 2 * 9982;
    file[at] = file[at] === 0x30 ? 0x31 : 0x30;
    const verdict = verifyAt(file, '2024-01-01T00:00:00Z').signatures[0]!;
    expect([verdict.intact, verdict.valid, verdict.timestamp, verdict.problems.map((p) => p.code)]).toEqual([
      true,
      false,
      null,
      ['CMS_NOT_DER', 'SIGNATURE_INVALID'],
    ]);
  });

  it('beneath an archive timestamp: the signature notes the updates after it, the timestamp only its token\'s encoding', () => {
    const report = verifyAt(read('pdf-signed/dss/doc-firmado.pdf'), '2024-01-01T00:00:00Z');
    expect(report.signatures.map((s) => [s.field, s.kind, s.problems.map((p) => p.code)])).toEqual([
      ['Signature1', 'signature', ['CMS_NOT_DER', 'MODIFIED_ALLOWED']],
      ['Signature2', 'docTimestamp', ['CMS_NOT_DER']],
    ]);
  });
});
