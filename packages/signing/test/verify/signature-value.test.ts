import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OID } from '../../src/asn1/oids.js';
import { verifySignatureValue } from '../../src/verify/cms/signature-algorithms.js';

/**
 * The signature-value check on its own (issue 15): a signature made by OpenSSL (node:crypto) verifies; one bit changed
 * in the signature, or in the signed data, or another key, fails. Made to always pass, this check had left every
 * verify test green.
 */
describe('signature value', () => {
  const data = Buffer.from('thuộc tính ký / signed attributes');
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cases = [
    { name: 'RSA PKCS#1 v1.5 SHA-256', algorithmOid: OID.sha256WithRsa, keys: rsa, signature: sign('sha256', data, rsa.privateKey) },
    { name: 'ECDSA P-256 SHA-256', algorithmOid: OID.ecdsaWithSha256, keys: ec, signature: sign('sha256', data, ec.privateKey) },
  ];

  for (const { name, algorithmOid, keys, signature } of cases) {
    it(`${name}: the right signature verifies, a changed bit in it or in the data fails`, () => {
      const check = (d: Uint8Array, s: Uint8Array, publicKey = keys.publicKey) =>
        verifySignatureValue({ algorithmOid, digest: 'sha256', publicKey, data: d, signature: s });
      expect(check(data, signature)).toBe('verified');
      const badSignature = Buffer.from(signature);
      badSignature.writeUInt8(badSignature.readUInt8(badSignature.length - 5) ^ 0x01, badSignature.length - 5);
      expect(check(data, badSignature)).toBe('failed');
      const badData = Buffer.from(data);
      badData.writeUInt8(badData.readUInt8(0) ^ 0x01, 0);
      expect(check(badData, signature)).toBe('failed');
      expect(check(data, signature, other.publicKey)).toBe('failed');
    });
  }

  it('an unknown algorithm is unsupported, not verified', () => {
    const signature = sign('sha256', data, rsa.privateKey);
    expect(verifySignatureValue({ algorithmOid: '1.2.3.4', digest: 'sha256', publicKey: rsa.publicKey, data, signature })).toBe('unsupported');
  });
});
