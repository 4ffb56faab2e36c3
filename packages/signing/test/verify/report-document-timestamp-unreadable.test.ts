import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PdfReader, verifyWithReader, type PdfVerifyReport } from '../../src/index.js';
import { MemoryByteSource } from '../../src/pdf/byte-source.js';
import { fixture } from '../helpers/fixtures.js';

/**
 * A document timestamp whose signed bytes cannot be read (issue 15, mutation testing of verify-pdf-signatures.ts)
 * proves no time: the signature beneath it is not archive-timestamped, and the timestamp is not intact, the read
 * failure named. The file: DSS's doc-firmado.pdf, a signature with its own token (B-LT through the /DSS) and a
 * document timestamp over the /DSS that makes it B-LTA. The fault is injected where a file read from disk can fail:
 * the bytes fail to read past the end of the signature's revision, which only hashing the document timestamp's byte
 * range reaches (parsing reads through neither view nor readInto). The check reports the failure itself (as an unreadable
 * TSTInfo), so the report's own catch around it is not reached: nothing at hand makes that check throw.
 */
const file = readFileSync(fixture('pdf-signed/dss/doc-firmado.pdf'));
const range = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)/.exec(file.toString('latin1'))!;
const signatureEnd = Number(range[3]) + Number(range[4]);

/** Hashing reads through view (bytes in memory) or readInto (a file); either fails past the signature's revision. */
class FailingPastSignature extends MemoryByteSource {
  override readInto(target: Uint8Array, offset: number): number {
    if (offset + target.length > signatureEnd) throw new Error('EIO: i/o error, read');
    return super.readInto(target, offset);
  }

  override view(offset: number, length: number): Uint8Array {
    if (offset + length > signatureEnd) throw new Error('EIO: i/o error, read');
    return super.view(offset, length);
  }
}

const verify = (source: MemoryByteSource): PdfVerifyReport => {
  const reader = PdfReader.fromSource(source);
  try {
    return verifyWithReader(reader, { validationTime: new Date('2024-01-01T00:00:00Z') });
  } finally {
    reader.close();
  }
};

describe('verify: a document timestamp whose signed bytes cannot be read', () => {
  it('as the file reads, the document timestamp makes the signature B-LTA', () => {
    expect(verify(new MemoryByteSource(file)).signatures.map((s) => [s.field, s.kind, s.level])).toEqual([
      ['Signature1', 'signature', 'B-LTA'],
      ['Signature2', 'docTimestamp', null],
    ]);
  });

  it('proves nothing: the signature stays B-LT, judged at its own token\'s time, and the timestamp is not intact', () => {
    const [signature, stamp] = verify(new FailingPastSignature(file)).signatures;
    expect([signature!.field, signature!.intact, signature!.valid, signature!.level, signature!.revocation.judgedAt]).toEqual([
      'Signature1',
      true,
      true,
      'B-LT',
      '2018-09-15T22:10:37.000Z',
    ]);
    expect([stamp!.field, stamp!.kind, stamp!.intact, stamp!.valid, stamp!.problems.map((p) => p.code)]).toEqual([
      'Signature2',
      'docTimestamp',
      false,
      true,
      ['CMS_NOT_DER', 'TIMESTAMP_MALFORMED'],
    ]);
    expect(stamp!.problems[1]!.message).toBe('TSTInfo không đọc được (EIO: i/o error, read) / unreadable TSTInfo (EIO: i/o error, read)');
  });
});
