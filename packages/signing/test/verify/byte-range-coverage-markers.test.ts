import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTrustAnchors, Pkcs12Signer, verifyPdfSignatures, type ParsedCertificate } from '../../src/index.js';
import { PdfReader } from '../../src/pdf/pdf-reader.js';
import { embed, opensslSign, patchSameLength, prepareHole, signedContent, type Hole } from '../helpers/cms-surgery.js';
import { pdfsig } from '../helpers/pdfsig.js';
import { makeSamplePdf } from '../helpers/sample-pdfs.js';
import { qpdfCheck } from '../helpers/system-tools.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { makeTestIdentity, type TestIdentity } from '../helpers/test-pki.js';

/**
 * Coverage needs the revision's own end markers (issue 15, five mutants of verify/byte-range that no test reached): a
 * signature counts as covering a revision only if that revision ends with `startxref` and `%%EOF`. Each file here is
 * our signer's prepared revision with one marker blanked out (same length, before signing), signed by
 * `openssl cms -sign` over the ranges, then an empty update whose /Prev names the signed revision, so the file still
 * reads. qpdf finds no fault in any of them and pdfsig calls each signature valid (it judges the CMS over the ranges,
 * not what they cover); the control, markers intact, covers the signed revision.
 */
const tempDir = useTempDir('byte-range-coverage-markers-');
let identity: TestIdentity;
let signer: Pkcs12Signer;
let anchors: ParsedCertificate[];
let input: string;

beforeAll(async () => {
  identity = makeTestIdentity(tempDir(), 'rsa-2048', 'Lê Văn Mốc');
  signer = Pkcs12Signer.fromFile(identity.p12, identity.password);
  anchors = await loadTrustAnchors([identity.rootPem]);
  input = path.join(tempDir(), 'draft.pdf');
  writeFileSync(input, await makeSamplePdf());
}, 60_000);

let files = 0;
/** Signs the hole with `openssl cms -sign` (detached, binary) and appends an empty update whose /Prev names the signed revision. */
function signAndAppend(hole: Hole): string {
  const dir = tempDir();
  const leaf = { cert: identity.leafPem, key: identity.leafPem.replace(/leaf\.pem$/, 'leaf.key') };
  const signed = embed(hole, opensslSign(dir, signedContent(hole), [leaf], ['-md', 'sha256', '-nosmimecap']));
  const text = signed.toString('latin1');
  const signedXref = text.lastIndexOf('\nxref\n') + 1;
  const trailer = text.slice(text.lastIndexOf('trailer'));
  const root = /\/Root (\d+ \d+ R)/.exec(trailer)![1];
  const size = /\/Size (\d+)/.exec(trailer)![1];
  const updateXref = signed.length + 1;
  const update = `\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size ${size} /Root ${root} /Prev ${signedXref} >>\nstartxref\n${updateXref}\n%%EOF\n`;
  const file = path.join(dir, `case-${++files}.pdf`);
  writeFileSync(file, Buffer.concat([signed, Buffer.from(update, 'latin1')]));
  return file;
}

const verdictOf = (file: string) => {
  expect(qpdfCheck(file).status, 'qpdf --check').toBe(0);
  expect(pdfsig(file).signatures[0]?.validation, 'pdfsig').toBe('Signature is Valid.');
  const bytes = readFileSync(file);
  const reader = PdfReader.open(bytes);
  const markers = reader.revisions.map((r) => ({ startxref: r.startxrefOffset !== undefined, eof: r.eofOffset !== undefined }));
  reader.close();
  const [v] = verifyPdfSignatures(bytes, { trustAnchors: anchors }).signatures;
  const coverageProblem = v?.problems.find((p) => p.code === 'NONSTANDARD_COVERAGE')?.message ?? null;
  return { markers, coverage: v?.coverage, revision: v?.revision, intact: v?.intact, valid: v?.valid, coverageProblem };
};
const NOT_WHOLE =
  'Chữ ký không bao trọn một phiên bản của tài liệu; không xác định được phần đã ký / the signature does not cover a whole revision; what was signed cannot be determined';
const both = { startxref: true, eof: true };

describe('coverage: a revision must end with startxref and %%EOF', () => {
  it('control: both markers there, the signature covers its revision (the second of three)', async () => {
    expect(verdictOf(signAndAppend(await prepareHole(input, signer)))).toEqual({
      markers: [both, both, both], coverage: 'entireRevision', revision: 2, intact: true, valid: true, coverageProblem: null,
    });
  });

  it('the signed revision without startxref (its %%EOF kept): it is no whole revision, NONSTANDARD_COVERAGE', async () => {
    const hole = patchSameLength(await prepareHole(input, signer), 'startxref', '%tartxref');
    expect(verdictOf(signAndAppend(hole))).toEqual({
      markers: [both, { startxref: false, eof: true }, both], coverage: 'partial', revision: null, intact: true, valid: true, coverageProblem: NOT_WHOLE,
    });
  });

  it('the signed revision without %%EOF: the update merges into it, and the signed bytes end inside it, NONSTANDARD_COVERAGE', async () => {
    const hole = patchSameLength(await prepareHole(input, signer), '%%EOF', '%%EOX');
    expect(verdictOf(signAndAppend(hole))).toEqual({
      markers: [both, both], coverage: 'partial', revision: null, intact: true, valid: true, coverageProblem: NOT_WHOLE,
    });
  });
});
