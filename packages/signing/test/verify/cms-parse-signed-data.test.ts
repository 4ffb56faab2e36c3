import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AsnConvert } from '@peculiar/asn1-schema';
import { ContentInfo, SignedData } from '@peculiar/asn1-cms';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDerChildren, readDerElement } from '../../src/asn1/der-reader.js';
import { derContext, derOctetString, derOid, derSequence, derSet, derSmallInteger } from '../../src/asn1/der-writer.js';
import { OID } from '../../src/asn1/oids.js';
import { CmsParseError, parseSignedData } from '../../src/verify/cms/parse-signed-data.js';
import { verifyCmsSignature } from '../../src/verify/cms/verify-cms-signature.js';
import type { DigestName } from '../../src/verify/cms/signature-algorithms.js';
import { opensslVerify } from '../helpers/cms-check.js';
import { opensslSign, withIndefiniteOuterLength } from '../helpers/cms-surgery.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { makeTestIdentity, type TestIdentity } from '../helpers/test-pki.js';

/**
 * parseSignedData (issue 15, what mutation testing of parse-signed-data.ts found loose): the certificates it hands on
 * are exactly the readable ones embedded, and a SignedData that the ASN.1 schema refuses is reported with the
 * schema's own words, not an exception's name.
 */
const tempDir = useTempDir('cms-parse-signed-data-');
const content = Buffer.from('nội dung đã ký / signed content');
let identity: TestIdentity;
let rsa: { cert: string; key: string };

beforeAll(() => {
  const dir = path.join(tempDir(), 'rsa');
  mkdirSync(dir);
  identity = makeTestIdentity(dir, 'rsa-2048', 'Vũ Văn Phân');
  rsa = { cert: identity.leafPem, key: path.join(dir, 'rsa-2048-leaf.key') };
}, 60_000);

const detached = {
  contentType: OID.data,
  detached: true,
  contentDigest: (digest: DigestName) => createHash(digest).update(content).digest(),
};

describe('parseSignedData', () => {
  it('hands on exactly the embedded certificates, as embedded (openssl writes the root first); none with -nocerts', () => {
    const both = parseSignedData(opensslSign(tempDir(), content, [rsa], ['-md', 'sha256', '-certfile', identity.rootPem]));
    expect(both.certificates.map((c) => c.commonName)).toEqual(['CA thử nghiệm E-Office', 'Vũ Văn Phân']);
    expect(Buffer.from(both.certificates[0]!.der)).toEqual(identity.rootDer);
    expect(both.ber).toBe(false);
    expect(both.signedAttributesRaw).toHaveLength(1);
    expect(both.signedAttributesRaw[0]![0]).toBe(0xa0);
    const none = parseSignedData(opensslSign(tempDir(), content, [rsa], ['-md', 'sha256', '-nocerts']));
    expect(none.certificates).toEqual([]);
  });

  it('a SignedData the schema refuses (its content a lone INTEGER): CMS_MALFORMED with the schema\'s words, no exception name', () => {
    const blob = derSequence([derOid(OID.signedData), derContext(0, true, [derSequence([derSmallInteger(1)])])]);
    const v = verifyCmsSignature(blob, detached);
    const reason = 'Data does not match to SignedData ASN1 schema. Inconsistent length between ASN.1 data and schema';
    expect(v.problems.map((p) => `${p.code}: ${p.message}`)).toEqual([`CMS_MALFORMED: Chữ ký CMS không đọc được (${reason}) / unreadable CMS (${reason})`]);
  });

  it('an element after the SignerInfos (the schema reader lets it pass): CMS_MALFORMED, not a bare signature gone wrong; openssl refuses it', () => {
    const cms = opensslSign(tempDir(), content, [rsa], ['-md', 'sha256']);
    const signedData = readDerElement(cms, readDerChildren(cms, readDerElement(cms, 0))[1]!.contentStart);
    const children = readDerChildren(cms, signedData).map((e) => cms.subarray(e.start, e.end));
    const odd = derSequence([derOid(OID.signedData), derContext(0, true, [derSequence([...children, derSmallInteger(7)])])]);
    const v = verifyCmsSignature(odd, detached);
    const reason = 'SignedData does not end with its SignerInfos';
    expect(v.problems.map((p) => `${p.code}: ${p.message}`)).toEqual([`CMS_MALFORMED: Chữ ký CMS không đọc được (${reason}) / unreadable CMS (${reason})`]);
    expect({ intact: v.intact, valid: v.valid, parsed: v.parsed }).toEqual({ intact: false, valid: false, parsed: null });
    expect(opensslVerify(tempDir(), odd, content).ok).toBe(false);
    // Control: the same children without the extra element verify in both.
    const same = derSequence([derOid(OID.signedData), derContext(0, true, [derSequence(children)])]);
    expect(verifyCmsSignature(same, detached).problems).toEqual([]);
    expect(opensslVerify(tempDir(), same, content).ok).toBe(true);
  });

  it('a certificate the schema refuses (a SEQUENCE holding an INTEGER) leaves the SignedData unreadable, as the schema says; openssl refuses it too', () => {
    const cms = opensslSign(tempDir(), content, [rsa], ['-md', 'sha256']);
    const signedData = readDerElement(cms, readDerChildren(cms, readDerElement(cms, 0))[1]!.contentStart);
    const children = readDerChildren(cms, signedData).map((e) => ({ tag: e.tag, bytes: cms.subarray(e.start, e.end) }));
    const broken = derContext(0, true, [derSequence([derSmallInteger(0)])]);
    const odd = derSequence([derOid(OID.signedData), derContext(0, true, [derSequence(children.map((c) => (c.tag === 0xa0 ? broken : c.bytes)))])]);
    const v = verifyCmsSignature(odd, detached);
    expect(v.problems.map((p) => p.code)).toEqual(['CMS_MALFORMED']);
    expect(v.problems[0]!.message).toMatch(/does not match to Certificate ASN1 schema/);
    expect(v.parsed).toBeNull();
    expect(opensslVerify(tempDir(), odd, content).ok).toBe(false);
  });

  it('a certificate of another choice than X.509 (a broken attribute certificate, [2]) is the schema\'s to read: CMS_MALFORMED', () => {
    const cms = opensslSign(tempDir(), content, [rsa], ['-md', 'sha256']);
    const signedData = readDerElement(cms, readDerChildren(cms, readDerElement(cms, 0))[1]!.contentStart);
    const children = readDerChildren(cms, signedData);
    const set = children.find((e) => e.tag === 0xa0)!;
    const certificates = readDerChildren(cms, set).map((e) => cms.subarray(e.start, e.end));
    const withOther = derContext(0, true, [...certificates, derContext(2, true, [derSmallInteger(1)])]);
    const odd = derSequence([derOid(OID.signedData), derContext(0, true, [derSequence(children.map((e) => (e === set ? withOther : cms.subarray(e.start, e.end))))])]);
    expect(verifyCmsSignature(odd, detached).problems.map((p) => p.code)).toEqual(['CMS_MALFORMED']);
  });

  it('a ContentInfo that is not SignedData (id-data) is refused by its type', () => {
    const blob = derSequence([derOid(OID.data), derContext(0, true, [derSequence([derSmallInteger(1)])])]);
    expect(() => parseSignedData(blob)).toThrow(new CmsParseError(`ContentInfo type ${OID.data} is not SignedData`));
  });

  it('read without the schema reading its certificates, the SignedData is the schema\'s own but for them (DER and BER)', () => {
    const cms = opensslSign(tempDir(), content, [rsa], ['-md', 'sha256', '-certfile', identity.rootPem]);
    for (const blob of [cms, withIndefiniteOuterLength(cms)]) {
      const parsed = parseSignedData(blob);
      const schema = AsnConvert.parse(AsnConvert.parse(parsed.der, ContentInfo).content, SignedData);
      const encoded = (value: object | undefined) => (value === undefined ? null : Buffer.from(AsnConvert.serialize(value)).toString('hex'));
      expect(parsed.signedData.version).toBe(schema.version);
      for (const part of ['digestAlgorithms', 'encapContentInfo', 'signerInfos', 'crls'] as const) {
        expect(encoded(parsed.signedData[part])).toEqual(encoded(schema[part]));
      }
      expect(encoded(parsed.signedData.signerInfos)).not.toBeNull();
      // DER is read without the schema reading the certificates (the cache reads them); BER, by the schema whole.
      expect(parsed.signedData.certificates === undefined).toBe(!parsed.ber);
      expect(parsed.certificates.map((c) => Buffer.from(c.der).toString('hex'))).toEqual(
        (schema.certificates ?? []).map((c) => Buffer.from(AsnConvert.serialize(c)).toString('hex')),
      );
    }
  });

  it('a ContentInfo of any other shape is read as the schema library alone reads it (a differential test)', () => {
    const cms = opensslSign(tempDir(), content, [rsa], ['-md', 'sha256']);
    const [, explicit] = readDerChildren(cms, readDerElement(cms, 0));
    const signedData = cms.subarray(readDerElement(cms, explicit!.contentStart).start, readDerElement(cms, explicit!.contentStart).end);
    const oid = derOid(OID.signedData);
    const shapes: Record<string, Buffer> = {
      'only the OID': derSequence([oid]),
      'the content tagged [1]': derSequence([oid, derContext(1, true, [signedData])]),
      '[0] holding the SignedData and an INTEGER': derSequence([oid, derContext(0, true, [signedData, derSmallInteger(5)])]),
      '[0] holding an OCTET STRING': derSequence([oid, derContext(0, true, [derOctetString(signedData)])]),
      '[0] holding a SET': derSequence([oid, derContext(0, true, [derSet([signedData])])]),
      'a third element after [0]': derSequence([oid, derContext(0, true, [signedData]), derSmallInteger(5)]),
      '[0] empty': derSequence([oid, derContext(0, true, [])]),
      '[0] holding an element longer than it': derSequence([oid, derContext(0, true, [Buffer.from([0x30, 0x05, 0x02, 0x01])])]),
      'the plain shape itself': Buffer.from(cms),
    };
    // The reference: the schema library reading the whole ContentInfo, as parseSignedData did before it read the plain
    // shape itself.
    const bySchema = (blob: Uint8Array) => {
      const info = AsnConvert.parse(blob, ContentInfo);
      if (info.contentType !== OID.signedData) throw new Error(`ContentInfo type ${info.contentType} is not SignedData`);
      return AsnConvert.parse(info.content, SignedData);
    };
    const outcome = (read: () => SignedData) => {
      try {
        const { version, digestAlgorithms, encapContentInfo, signerInfos } = read();
        return { read: [version, ...[digestAlgorithms, encapContentInfo, signerInfos].map((p) => Buffer.from(AsnConvert.serialize(p)).toString('hex'))] };
      } catch (error) {
        return { refused: (error as Error).message };
      }
    };
    const refusedBySchema: string[] = [];
    for (const [shape, blob] of Object.entries(shapes)) {
      const expected = outcome(() => bySchema(blob));
      if ('refused' in expected) refusedBySchema.push(shape);
      expect(outcome(() => parseSignedData(blob).signedData), shape).toEqual(expected);
    }
    // The shapes differ in what the schema makes of them: most refused, the control read.
    expect(refusedBySchema).not.toContain('the plain shape itself');
    expect(refusedBySchema.length).toBeGreaterThanOrEqual(5);
  });
});
