import { createHash } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Attribute, ContentInfo, SignedData, type SignerInfo } from '@peculiar/asn1-cms';
import { beforeAll, describe, expect, it } from 'vitest';
import { derElement, derNull, derOctetString, derOid, derSequence, derSmallInteger } from '../../src/asn1/der-writer.js';
import { OID } from '../../src/asn1/oids.js';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkTimestampToken } from '../../src/ltv/timestamp-client.js';
import { checkTimestampTokenCms } from '../../src/verify/cms/timestamp-token-check.js';
import { parseTstInfo } from '../../src/verify/cms/parse-timestamp-token.js';
import { verifySignatureTimestamp } from '../../src/verify/cms/signature-timestamp.js';
import { judgeSignatureTimestamp } from '../../src/verify/ltv/timestamp-verdict.js';
import { opensslSign } from '../helpers/cms-surgery.js';
import { run } from '../helpers/system-tools.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { makeTestIdentity, type TestIdentity } from '../helpers/test-pki.js';

/**
 * The signature-time-stamp check (cms/signature-timestamp.ts) and the TSTInfo reader on tokens whose every byte the
 * test chooses: the TSTInfo is written here field by field, and `openssl cms -sign -nodetach` signs it (as id-ct-TSTInfo,
 * or as plain id-data where the test says so). What mutation testing found unchecked: a TSTInfo cut short or with half
 * a messageImprint, a TSTInfo nobody can read inside a sound token, a token whose content was changed after signing,
 * an imprint over an unknown hash, another unsigned attribute before the timestamp, a token that is not a TSTInfo.
 */
const tempDir = useTempDir('cms-timestamp-token-exact-');
let identity: TestIdentity;
let signerInfo: SignerInfo;
let signatureValue: Buffer;

const GEN_TIME = '20261207013045Z';
const genTime = () => derElement(0x18, Buffer.from(GEN_TIME, 'latin1'));
const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();

/** TSTInfo ::= SEQUENCE { version, policy, messageImprint, serialNumber, genTime }, the fields given or the defaults. */
function tstInfo(fields: { imprint?: Buffer; serial?: Buffer; genTime?: Buffer | null } = {}): Buffer {
  const imprint = fields.imprint ?? derSequence([derSequence([derOid('2.16.840.1.101.3.4.2.1'), derNull()]), derOctetString(sha256Of(signatureValue))]);
  const parts = [derSmallInteger(1), derOid('1.2.3.4.1'), imprint, fields.serial ?? derSmallInteger(4242)];
  if (fields.genTime !== null) parts.push(fields.genTime ?? genTime());
  return derSequence(parts);
}

/** A token: `openssl cms -sign` over the TSTInfo, encapsulated, with the given eContentType (id-ct-TSTInfo by default). */
function token(content: Buffer, contentType: string = OID.tstInfo, digest = 'sha256'): Buffer {
  const leaf = { cert: identity.leafPem, key: identity.leafPem.replace(/leaf\.pem$/, 'leaf.key') };
  return opensslSign(tempDir(), content, [leaf], ['-nodetach', '-md', digest, '-econtent_type', contentType]);
}

/** This test's SignerInfo with the given unsigned attributes (the signature value stays the one the imprint is over). */
function stamped(...attributes: Array<{ type: string; value: Uint8Array }>): SignerInfo {
  signerInfo.unsignedAttrs = attributes.map(({ type, value }) => new Attribute({ attrType: type, attrValues: [new Uint8Array(value).buffer] }));
  return signerInfo;
}
const timestamp = (value: Uint8Array) => ({ type: OID.signatureTimeStamp, value });

beforeAll(() => {
  identity = makeTestIdentity(tempDir(), 'rsa-2048', 'Phạm Thị Tem');
  const outer = opensslSign(tempDir(), Buffer.from('nội dung được ký'), [{ cert: identity.leafPem, key: identity.leafPem.replace(/leaf\.pem$/, 'leaf.key') }], ['-md', 'sha256']);
  signerInfo = AsnConvert.parse(AsnConvert.parse(outer, ContentInfo).content, SignedData).signerInfos[0]!;
  signatureValue = Buffer.from(signerInfo.signature.buffer);
}, 60_000);

describe('parseTstInfo: the TSTInfo fields the check needs', () => {
  it('reads the imprint, its hash and genTime', () => {
    const read = parseTstInfo(tstInfo());
    expect(read.imprintDigest).toBe('sha256');
    expect(read.imprintDigestOid).toBe('2.16.840.1.101.3.4.2.1');
    expect(Buffer.from(read.imprint).equals(sha256Of(signatureValue))).toBe(true);
    expect(read.genTime?.toISOString()).toBe('2026-12-07T01:30:45.000Z');
  });

  it('refuses a TSTInfo without genTime, or without a messageImprint and genTime, as truncated', () => {
    expect(() => parseTstInfo(tstInfo({ genTime: null }))).toThrow(/^truncated TSTInfo$/);
    expect(() => parseTstInfo(derSequence([derSmallInteger(1), derOid('1.2.3.4.1')]))).toThrow(/^truncated TSTInfo$/);
  });

  it('refuses a messageImprint without its hash, or without its algorithm identifier, as malformed', () => {
    const algorithmOnly = derSequence([derSequence([derOid('2.16.840.1.101.3.4.2.1'), derNull()])]);
    expect(() => parseTstInfo(tstInfo({ imprint: algorithmOnly }))).toThrow(/^malformed messageImprint$/);
    const emptyAlgorithm = derSequence([derSequence([]), derOctetString(sha256Of(signatureValue))]);
    expect(() => parseTstInfo(tstInfo({ imprint: emptyAlgorithm }))).toThrow(/^malformed messageImprint$/);
  });

  it('an imprint over a hash it does not know: the OID kept, no digest name', () => {
    const unknown = derSequence([derSequence([derOid('1.2.3.99'), derNull()]), derOctetString(sha256Of(signatureValue))]);
    const read = parseTstInfo(tstInfo({ imprint: unknown }));
    expect(read.imprintDigest).toBeNull();
    expect(read.imprintDigestOid).toBe('1.2.3.99');
  });
});

describe('verifySignatureTimestamp on tokens built field by field', () => {
  it('a sound token over this signature value gives its genTime and no problem', () => {
    expect(verifySignatureTimestamp(stamped(timestamp(token(tstInfo()))))).toEqual({ time: new Date('2026-12-07T01:30:45Z'), problems: [] });
  });

  it('no signature-time-stamp attribute: no timestamp at all, even with another unsigned attribute', () => {
    expect(verifySignatureTimestamp(stamped())).toBeNull();
    expect(verifySignatureTimestamp(stamped({ type: OID.signingTime, value: derElement(0x17, Buffer.from('261207013045Z')) }))).toBeNull();
  });

  it('finds the token after another unsigned attribute', () => {
    const other = { type: '1.2.840.113549.1.9.16.2.47', value: derSequence([]) };
    expect(verifySignatureTimestamp(stamped(other, timestamp(token(tstInfo()))))?.time).toEqual(new Date('2026-12-07T01:30:45Z'));
  });

  it('a sound token whose TSTInfo cannot be read: TIMESTAMP_MALFORMED with the reader\'s reason, no time', () => {
    expect(verifySignatureTimestamp(stamped(timestamp(token(tstInfo({ genTime: null })))))).toEqual({
      time: null,
      problems: [{ code: 'TIMESTAMP_MALFORMED', severity: 'error', message: 'TSTInfo không đọc được (truncated TSTInfo) / unreadable TSTInfo (truncated TSTInfo)' }],
    });
  });

  it('a token whose TSTInfo was changed after signing (its serial, the imprint left as it was) does not verify', () => {
    const signed = token(tstInfo({ serial: derSmallInteger(4242) }));
    const serial = derSmallInteger(4242);
    const at = signed.indexOf(Buffer.concat([serial, genTime()]));
    expect(at).toBeGreaterThan(0);
    const changed = Buffer.from(signed);
    const last = at + serial.length - 1;
    changed[last] = changed[last]! ^ 0x01;
    expect(verifySignatureTimestamp(stamped(timestamp(changed)))).toEqual({
      time: null,
      problems: [{ code: 'TIMESTAMP_MALFORMED', severity: 'error', message: 'Dấu thời gian kèm chữ ký không hợp lệ / the signature timestamp token does not verify' }],
    });
  });

  it('an imprint over a hash it does not know does not match (it is not an unreadable token)', () => {
    const unknown = derSequence([derSequence([derOid('1.2.3.99'), derNull()]), derOctetString(sha256Of(signatureValue))]);
    expect(verifySignatureTimestamp(stamped(timestamp(token(tstInfo({ imprint: unknown })))))).toEqual({
      time: null,
      problems: [
        {
          code: 'TIMESTAMP_IMPRINT_MISMATCH',
          severity: 'error',
          message: 'Dấu thời gian kèm chữ ký không khớp với giá trị chữ ký / the signature timestamp imprint does not match the signature value',
        },
      ],
    });
  });

  // Only a wrong eContentType counts against a token among the problems its CMS check reports beside the verdict: a
  // warning (here SHA-1, from an older TSA) is carried, the token still sound.
  it('a token signed with SHA-1 is sound, its weak digest a warning; the same as id-data is not', () => {
    const weak = checkTimestampTokenCms(token(tstInfo(), OID.tstInfo, 'sha1'));
    expect(weak.cms.problems).toEqual([expect.objectContaining({ code: 'WEAK_DIGEST', severity: 'warning' })]);
    expect(weak.sound).toBe(true);
    const weakAsData = checkTimestampTokenCms(token(tstInfo(), OID.data, 'sha1'));
    expect(weakAsData.cms.valid).toBe(true);
    expect(weakAsData.sound).toBe(false);
  });

  // RFC 3161 §2.4.2: a TimeStampToken's eContentType is id-ct-TSTInfo. The same TSTInfo signed as id-data is a
  // signature by whoever holds the key, not a timestamp: refused by the PDF check, the LTV verdict and our TSA client
  // alike, as `openssl ts -verify` refuses it for its type ("bad pkcs7 type") and not the TSTInfo-typed one.
  it('a token signed as id-data, not id-ct-TSTInfo, gives no time anywhere', () => {
    const asData = token(tstInfo(), OID.data);
    const asTstInfo = token(tstInfo());
    expect(verifySignatureTimestamp(stamped(timestamp(asData)))).toEqual({
      time: null,
      problems: [{ code: 'TIMESTAMP_MALFORMED', severity: 'error', message: 'Dấu thời gian kèm chữ ký không hợp lệ / the signature timestamp token does not verify' }],
    });

    const judged = judgeSignatureTimestamp(stamped(timestamp(asData)), [], [], new Date())!;
    expect(judged.verdict).toMatchObject({ time: '2026-12-07T01:30:45.000Z', intact: true, valid: false });
    expect(judged.provenTime).toBeNull();
    const judgedControl = judgeSignatureTimestamp(stamped(timestamp(asTstInfo)), [], [], new Date())!;
    expect(judgedControl.verdict).toMatchObject({ time: '2026-12-07T01:30:45.000Z', intact: true, valid: true });
    expect(judgedControl.provenTime).toEqual(new Date('2026-12-07T01:30:45Z'));

    const imprint = sha256Of(signatureValue);
    expect(() => checkTimestampToken(asData, imprint, 'sha256')).toThrow(/the TSA's token does not verify \(.*eContentType 1\.2\.840\.113549\.1\.7\.1 is not 1\.2\.840\.113549\.1\.9\.16\.1\.4/);
    expect(checkTimestampToken(asTstInfo, imprint, 'sha256').info.serialNumber).toBeDefined();

    const dir = tempDir();
    writeFileSync(path.join(dir, 'stamped'), signatureValue);
    const opensslSays = (tokenBytes: Buffer, name: string) => {
      writeFileSync(path.join(dir, name), tokenBytes);
      const result = run('openssl', ['ts', '-verify', '-data', path.join(dir, 'stamped'), '-in', path.join(dir, name), '-token_in', '-CAfile', identity.rootPem]);
      return `${result.stdout}${result.stderr}`;
    };
    expect(opensslSays(asData, 'as-data.tst')).toMatch(/bad pkcs7 type/);
    expect(opensslSays(asTstInfo, 'as-tstinfo.tst')).not.toMatch(/bad pkcs7 type/);
  });
});
