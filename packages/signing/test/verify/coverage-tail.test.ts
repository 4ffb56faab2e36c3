import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Pkcs12Signer, signPdf, verifyPdfSignatures } from '../../src/index.js';
import { pdfsig } from '../helpers/pdfsig.js';
import { makeSamplePdf } from '../helpers/sample-pdfs.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { makeTestIdentity } from '../helpers/test-pki.js';

/**
 * What may follow the signed bytes and still count as the whole file (issue 15): the signature ends after
 * `%%EOF\n`; up to two more CR/LF bytes are line-ending slack (entireFile), a third byte or any other byte is not
 * (entireRevision), and a byte that is not white space is also an append without a cross-reference section. pdfsig,
 * stricter, calls only the untouched file "Total document signed"; it agrees on every case judged entireRevision.
 */
const tempDir = useTempDir('coverage-tail-');
let signed: Buffer;

beforeAll(async () => {
  const identity = makeTestIdentity(tempDir(), 'rsa-2048', 'Phạm Văn Đuôi');
  const input = path.join(tempDir(), 'in.pdf');
  writeFileSync(input, await makeSamplePdf());
  const output = path.join(tempDir(), 'signed.pdf');
  await signPdf({ input, output, signer: Pkcs12Signer.fromFile(identity.p12, identity.password) });
  signed = readFileSync(output);
}, 60_000);

const judged = (tail: string) => {
  const bytes = Buffer.concat([signed, Buffer.from(tail, 'latin1')]);
  const [verdict] = verifyPdfSignatures(bytes).signatures;
  const file = path.join(tempDir(), `tail-${Buffer.from(tail).toString('hex') || 'none'}.pdf`);
  writeFileSync(file, bytes);
  return {
    coverage: verdict?.coverage,
    revision: verdict?.revision,
    modification: verdict?.modification,
    codes: verdict?.problems.map((p) => p.code),
    pdfsigTotal: pdfsig(file).signatures[0]?.totalDocumentSigned,
  };
};

describe('coverage: the bytes after the signed range', () => {
  it('the file as signed ends with %%EOF and one LF: entire file, and pdfsig agrees', () => {
    expect(signed.subarray(-6).toString('latin1')).toBe('%%EOF\n');
    expect(judged('')).toEqual({ coverage: 'entireFile', revision: 2, modification: 'none', codes: [], pdfsigTotal: true });
  });

  it.each(['\n', '\r\n', '\n\n', '\r'])('%j after it is line-ending slack: still the entire file', (tail) => {
    expect(judged(tail)).toMatchObject({ coverage: 'entireFile', revision: 2, modification: 'none', codes: [] });
  });

  it.each(['\n\n\n', '\r\n\r', ' ', '\t', '\n ', ' \n'])('%j after it: the signed revision only (entireRevision); pdfsig agrees it is not the whole file', (tail) => {
    expect(judged(tail)).toEqual({ coverage: 'entireRevision', revision: 2, modification: 'none', codes: [], pdfsigTotal: false });
  });

  it('a byte that is not white space: the signed revision only, and an append without xref is disallowed', () => {
    expect(judged('x')).toEqual({ coverage: 'entireRevision', revision: 2, modification: 'disallowed', codes: ['REVISION_STRUCTURE'], pdfsigTotal: false });
  });
});
