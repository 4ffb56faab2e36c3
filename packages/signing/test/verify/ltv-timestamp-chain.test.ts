import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ContentInfo, SignedData } from '@peculiar/asn1-cms';
import { AsnConvert } from '@peculiar/asn1-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParsedCertificate, Pkcs12Signer, signPdf, verifyPdfSignatures } from '../../src/index.js';
import { OID } from '../../src/asn1/oids.js';
import { verifyCmsSignature } from '../../src/verify/cms/verify-cms-signature.js';
import { embed, holeOf, lastCms, timestampToken, withTimestampToken } from '../helpers/cms-surgery.js';
import { makeLtvPki, type LtvPki } from '../helpers/ltv-pki.js';
import { CA_EXTENSIONS, opensslCa, type IssuedCertificate } from '../helpers/openssl-ca.js';
import { makeSamplePdf } from '../helpers/sample-pdfs.js';
import { run } from '../helpers/system-tools.js';
import { useTempDir } from '../helpers/temp-dir.js';

/**
 * The TSA's chain is built from the token's own certificates too (issue 15): a TSA under an intermediate CA that only
 * the token carries is trusted with it and untrusted without it. The TSA, its CA and root are made by `openssl ca`;
 * the token is the real TSA's TSTInfo re-signed with `openssl cms -sign -cades`, which `openssl ts -verify` judges the same way.
 */
const tempDir = useTempDir('ltv-timestamp-chain-');
let pki: LtvPki;
let input: string;
let tsaRoot: IssuedCertificate;
let tsaCa: IssuedCertificate;
let tsa: IssuedCertificate;

beforeAll(async () => {
  pki = await makeLtvPki(path.join(tempDir(), 'pki'));
  input = path.join(tempDir(), 'draft.pdf');
  writeFileSync(input, await makeSamplePdf());
  const ca = opensslCa(path.join(tempDir(), 'tsa-ca'));
  tsaRoot = ca.issue('tsa-root', { extensions: CA_EXTENSIONS, subject: '/C=VN/O=TSA thu nghiem/CN=TSA Root' });
  tsaCa = ca.issue('tsa-ca', { issuer: tsaRoot, extensions: CA_EXTENSIONS, subject: '/C=VN/O=TSA thu nghiem/CN=TSA CA' });
  tsa = ca.issue('tsa-unit', {
    issuer: tsaCa,
    extensions: 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping',
    subject: '/C=VN/O=TSA thu nghiem/CN=TSA Unit 1',
  });
}, 60_000);
afterAll(async () => pki?.close());

describe('the TSA chain from the token\'s own certificates', () => {
  it('trusted with the intermediate in the token, untrusted (a warning naming the TSA) without it', async () => {
    const signer = await pki.issueSigner('nguoi-ky-chuoi-tsa');
    const file = path.join(tempDir(), 'bt.pdf');
    await signPdf({ input, output: file, signer: Pkcs12Signer.fromFile(signer.p12, signer.password), timestamp: { url: pki.tsaUrl, onUnreachable: 'fail' } });
    const bytes = readFileSync(file);
    const cms = lastCms(bytes);
    const tstInfo = verifyCmsSignature(timestampToken(cms), { contentType: OID.tstInfo, detached: false, contentDigest: () => new Uint8Array(0) }).encapsulatedContent!;
    const stem = path.join(tempDir(), 'token');
    writeFileSync(`${stem}.in`, tstInfo);
    const resign = (out: string, extra: readonly string[]) => {
      const r = run('openssl', ['cms', '-sign', '-binary', '-nodetach', '-econtent_type', '1.2.840.113549.1.9.16.1.4', '-md', 'sha256', '-in', `${stem}.in`,
        '-signer', tsa.pem, '-inkey', tsa.key, '-cades', '-outform', 'DER', '-out', out, ...extra]);
      expect(r.status, r.stderr).toBe(0);
      return readFileSync(out);
    };
    const withCa = resign(`${stem}.with-ca.tst`, ['-certfile', tsaCa.pem]);
    const alone = resign(`${stem}.alone.tst`, []);
    const anchors = [new ParsedCertificate(pki.rootDer), new ParsedCertificate(tsaRoot.der)];
    const verdictWith = (token: Buffer) => {
      const validationTime = new Date(Date.now() + 3_600_000);
      const [verdict] = verifyPdfSignatures(embed(holeOf(bytes), withTimestampToken(cms, token)), { trustAnchors: anchors, validationTime }).signatures;
      return { verdict: verdict!, validationTime };
    };
    const tsaName = 'CN=TSA Unit 1,O=TSA thu nghiem,C=VN';

    const trusted = verdictWith(withCa).verdict;
    expect(trusted.timestamp).toMatchObject({ tsa: tsaName, intact: true, valid: true, trusted: true });
    expect(trusted.problems).toEqual([]);
    expect(trusted.revocation.judgedAt).toBe(trusted.timestamp?.time);

    const { verdict: untrusted, validationTime } = verdictWith(alone);
    expect(untrusted.timestamp).toMatchObject({ tsa: tsaName, intact: true, valid: true, trusted: false });
    expect(untrusted.problems.map((p) => [p.code, p.severity, p.message])).toEqual([
      ['TIMESTAMP_UNTRUSTED', 'warning', `Không tin cậy được TSA "${tsaName}" / the TSA "${tsaName}" is not trusted`],
    ]);
    expect(untrusted.revocation.judgedAt).toBe(validationTime.toISOString());

    // openssl: the token with its CA verifies against the TSA root alone, the token without it does not.
    const ts = (token: string) =>
      run('openssl', ['ts', '-verify', '-in', token, '-token_in', '-data', `${stem}.sigvalue`, '-CAfile', tsaRoot.pem]);
    const signedData = AsnConvert.parse(AsnConvert.parse(cms, ContentInfo).content, SignedData);
    writeFileSync(`${stem}.sigvalue`, Buffer.from(signedData.signerInfos[0]!.signature.buffer));
    expect(ts(`${stem}.with-ca.tst`).stdout).toContain('Verification: OK');
    expect(ts(`${stem}.alone.tst`).stdout).not.toContain('Verification: OK');
  }, 120_000);
});
