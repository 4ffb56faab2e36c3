import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDerChildren, readDerElement } from '../../src/asn1/der-reader.js';
import { derContext, derOid, derSequence, derSmallInteger } from '../../src/asn1/der-writer.js';
import { OID } from '../../src/asn1/oids.js';
import { parseSignedData } from '../../src/verify/cms/parse-signed-data.js';
import { verifyCmsSignature } from '../../src/verify/cms/verify-cms-signature.js';
import type { DigestName } from '../../src/verify/cms/signature-algorithms.js';
import { opensslVerify } from '../helpers/cms-check.js';
import { opensslSign } from '../helpers/cms-surgery.js';
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
});
