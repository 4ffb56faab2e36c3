import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Attribute, ContentInfo, SignedData } from '@peculiar/asn1-cms';
import { AsnConvert } from '@peculiar/asn1-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParsedCertificate, Pkcs12Signer, signPdf, verifyPdfSignatures } from '../../src/index.js';
import { OID } from '../../src/asn1/oids.js';
import { verifyCmsSignature } from '../../src/verify/cms/verify-cms-signature.js';
import { embed, holeOf, lastCms, timestampToken, withTimestampToken } from '../helpers/cms-surgery.js';
import { makeLtvPki, type LtvPki } from '../helpers/ltv-pki.js';
import { makeSamplePdf } from '../helpers/sample-pdfs.js';
import { run } from '../helpers/system-tools.js';
import { useTempDir } from '../helpers/temp-dir.js';

/**
 * Where the signature-time-stamp is looked for, and a token without its TSTInfo inside (issue 15): another unsigned
 * attribute before the timestamp is not taken for it, and a detached token (the TSTInfo left out, as `openssl cms
 * -sign` makes one without -nodetach) proves nothing.
 */
const tempDir = useTempDir('ltv-token-shapes-');
let pki: LtvPki;
let root: ParsedCertificate;

beforeAll(async () => {
  pki = await makeLtvPki(path.join(tempDir(), 'pki'));
  root = new ParsedCertificate(pki.rootDer);
}, 60_000);
afterAll(async () => pki?.close());

async function signedBt(name: string): Promise<{ bytes: Buffer; key: string; cert: string }> {
  const signer = await pki.issueSigner(name);
  const input = path.join(tempDir(), 'draft.pdf');
  writeFileSync(input, await makeSamplePdf());
  const file = path.join(tempDir(), `${name}.pdf`);
  await signPdf({ input, output: file, signer: Pkcs12Signer.fromFile(signer.p12, signer.password), timestamp: { url: pki.tsaUrl, onUnreachable: 'fail' } });
  return { bytes: readFileSync(file), key: path.join(pki.dir, `${name}.key`), cert: signer.certPem };
}

const verdictOf = (pdf: Buffer) => verifyPdfSignatures(pdf, { trustAnchors: [root], validationTime: new Date(Date.now() + 3_600_000) }).signatures[0]!;

describe('signature-time-stamp token shapes', () => {
  it('another unsigned attribute listed before the timestamp: the timestamp is still the one judged', async () => {
    const { bytes } = await signedBt('nguoi-ky-thuoc-tinh');
    const cms = lastCms(bytes);
    const before = verdictOf(bytes);
    const contentInfo = AsnConvert.parse(cms, ContentInfo);
    const signedData = AsnConvert.parse(contentInfo.content, SignedData);
    const signerInfo = signedData.signerInfos[0]!;
    // id-aa-contentHint's OID with an UTF8String: an attribute nobody takes for a timestamp.
    const other = new Attribute({ attrType: '1.2.840.113549.1.9.16.2.4', attrValues: [new Uint8Array([0x0c, 0x02, 0x68, 0x69]).buffer] });
    signerInfo.unsignedAttrs = [other, ...(signerInfo.unsignedAttrs ?? [])] as typeof signerInfo.unsignedAttrs;
    contentInfo.content = AsnConvert.serialize(signedData);
    const after = verdictOf(embed(holeOf(bytes), Buffer.from(AsnConvert.serialize(contentInfo))));
    expect(before.timestamp).toMatchObject({ intact: true, valid: true, trusted: true });
    expect(after.timestamp).toEqual(before.timestamp);
    expect(after.level).toBe('B-T');
    expect(after.problems).toEqual([]);
  }, 120_000);

  it('a detached token (no TSTInfo inside): no time, not intact, not valid; openssl ts cannot read a time from it either', async () => {
    const signed = await signedBt('nguoi-ky-tach-roi');
    const cms = lastCms(signed.bytes);
    const tstInfo = verifyCmsSignature(timestampToken(cms), { contentType: OID.tstInfo, detached: false, contentDigest: () => new Uint8Array(0) }).encapsulatedContent!;
    const stem = path.join(tempDir(), 'detached');
    writeFileSync(`${stem}.in`, tstInfo);
    const made = run('openssl', ['cms', '-sign', '-binary', '-econtent_type', '1.2.840.113549.1.9.16.1.4', '-md', 'sha256', '-in', `${stem}.in`,
      '-signer', signed.cert, '-inkey', signed.key, '-outform', 'DER', '-out', `${stem}.tst`]);
    expect(made.status, made.stderr).toBe(0);
    const detached = readFileSync(`${stem}.tst`);
    const verdict = verdictOf(embed(holeOf(signed.bytes), withTimestampToken(cms, detached)));
    expect(verdict.timestamp).toEqual({ time: null, tsa: null, intact: false, valid: false, trusted: false });
    expect(verdict.level).toBe('B-B');
    expect(run('openssl', ['ts', '-reply', '-token_in', '-in', `${stem}.tst`, '-text']).stdout).not.toMatch(/Time stamp:/);
  }, 120_000);
});
