import { constants, generateKeyPairSync, privateEncrypt, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { digestInfo, ecdsaRawToDer } from '../../src/token/signature-encoding.js';

describe('ECDSA r‖s to DER', () => {
  it('pads a high-bit r with 00 and strips leading zeros of s', () => {
    const raw = Buffer.concat([Buffer.alloc(32, 0xff), Buffer.concat([Buffer.alloc(31, 0), Buffer.from([0x05])])]);
    const der = ecdsaRawToDer(raw);
    expect(der.toString('hex')).toBe(`3026022100${'ff'.repeat(32)}020105`);
  });

  it('matches what node:crypto produces, and the DER verifies', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const data = Buffer.from('Tờ trình', 'utf8');
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const raw = sign('sha384', data, { key: privateKey, dsaEncoding: 'ieee-p1363' });
      expect(raw).toHaveLength(96);
      expect(verify('sha384', data, { key: publicKey, dsaEncoding: 'der' }, ecdsaRawToDer(raw))).toBe(true);
    }
  });

  it('refuses an odd-length input', () => {
    expect(() => ecdsaRawToDer(Buffer.alloc(63))).toThrow(RangeError);
  });
});

describe('DigestInfo for CKM_RSA_PKCS', () => {
  it('raw RSA over DigestInfo equals RSASSA-PKCS1-v1_5 for SHA-256/384/512', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const data = Buffer.from('Quyết định', 'utf8');
    for (const digest of ['sha256', 'sha384', 'sha512'] as const) {
      // privateEncrypt with PKCS#1 v1.5 (type 1) padding is what CKM_RSA_PKCS does with a private key.
      const viaDigestInfo = privateEncrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, digestInfo(data, digest));
      expect(viaDigestInfo.equals(sign(digest, data, privateKey))).toBe(true);
      expect(verify(digest, data, publicKey, viaDigestInfo)).toBe(true);
    }
  });

  it('has no SHA-1 variant', () => {
    // @ts-expect-error -- SHA-1 is not a DigestAlgorithm; a JS caller still gets an error, not a SHA-1 DigestInfo
    expect(() => digestInfo(Buffer.from('x'), 'sha1')).toThrow();
  });
});

