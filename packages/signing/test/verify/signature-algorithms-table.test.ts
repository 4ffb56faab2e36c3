import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AsnConvert } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { RsaSaPssParams } from '@peculiar/asn1-rsa';
import { beforeAll, describe, expect, it } from 'vitest';
import { OID } from '../../src/asn1/oids.js';
import {
  digestNameOf,
  isKnownSignatureAlgorithm,
  isWeakDigest,
  verifySignatureValue,
  type DigestName,
} from '../../src/verify/cms/signature-algorithms.js';
import { run } from '../helpers/system-tools.js';
import { useTempDir } from '../helpers/temp-dir.js';

/**
 * Every row of the verifier's algorithm table (issue 15: only RSA and ECDSA with SHA-256 were ever checked), each with a
 * signature made by the openssl command line, not by node:crypto: the OID must pick the digest, padding and encoding
 * openssl used. A signature OID that names its digest wins over the CMS digestAlgorithm (given here as another one);
 * a bare key OID (rsaEncryption, ecPublicKey) takes the CMS digest.
 */
const tempDir = useTempDir('signature-algorithms-');
const data = Buffer.from('thuộc tính ký / signed attributes');
let files = 0;

function openssl(args: readonly string[]): void {
  const r = run('openssl', args);
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
}

interface KeyFiles {
  readonly key: string;
  readonly publicKey: KeyObject;
}

function makeKey(args: readonly string[]): KeyFiles {
  const key = path.join(tempDir(), `key-${++files}.pem`);
  openssl(['genpkey', ...args, '-out', key]);
  return { key, publicKey: createPublicKey(readFileSync(key)) };
}

/** `openssl dgst -DIGEST -sign` (DER ECDSA, PKCS#1 v1.5 RSA unless options say PSS). */
function dgstSign(keys: KeyFiles, digest: DigestName, options: readonly string[] = []): Buffer {
  const stem = path.join(tempDir(), `sig-${++files}`);
  writeFileSync(`${stem}.data`, data);
  openssl(['dgst', `-${digest}`, '-sign', keys.key, ...options, '-out', `${stem}.sig`, `${stem}.data`]);
  return readFileSync(`${stem}.sig`);
}

/** `openssl pkeyutl -sign -rawin` (EdDSA signs the message itself). */
function rawSign(keys: KeyFiles): Buffer {
  const stem = path.join(tempDir(), `sig-${++files}`);
  writeFileSync(`${stem}.data`, data);
  openssl(['pkeyutl', '-sign', '-rawin', '-inkey', keys.key, '-in', `${stem}.data`, '-out', `${stem}.sig`]);
  return readFileSync(`${stem}.sig`);
}

/** DER ECDSA-Sig-Value → r‖s, each left-padded to `size` bytes (the BSI "plain" encoding). */
function plain(der: Buffer, size: number): Buffer {
  const parts: Buffer[] = [];
  let offset = der[1]! & 0x80 ? 2 + (der[1]! & 0x7f) : 2;
  for (let i = 0; i < 2; i++) {
    const length = der[offset + 1]!;
    let integer = der.subarray(offset + 2, offset + 2 + length);
    while (integer.length > size && integer[0] === 0) integer = integer.subarray(1);
    parts.push(Buffer.concat([Buffer.alloc(size - integer.length), integer]));
    offset += 2 + length;
  }
  return Buffer.concat(parts);
}

function pssParameters(hash: string, saltLength: number): ArrayBuffer {
  const params = new RsaSaPssParams({
    hashAlgorithm: new AlgorithmIdentifier({ algorithm: hash, parameters: null }),
    maskGenAlgorithm: new AlgorithmIdentifier({
      algorithm: '1.2.840.113549.1.1.8',
      parameters: AsnConvert.serialize(new AlgorithmIdentifier({ algorithm: hash, parameters: null })),
    }),
    saltLength,
  });
  return AsnConvert.serialize(params);
}

const flipped = (bytes: Buffer, at = 0): Buffer => {
  const copy = Buffer.from(bytes);
  copy[at]! ^= 0x01;
  return copy;
};

let rsa: KeyFiles;
let ec: KeyFiles;
let ec384: KeyFiles;
let ed25519: KeyFiles;
let ed448: KeyFiles;

beforeAll(() => {
  rsa = makeKey(['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048']);
  ec = makeKey(['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']);
  ec384 = makeKey(['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384']);
  ed25519 = makeKey(['-algorithm', 'ed25519']);
  ed448 = makeKey(['-algorithm', 'ed448']);
});

/** Another digest than the OID's: handed in as the CMS digestAlgorithm, it must not be the one used. */
const otherThan = (digest: DigestName): DigestName => (digest === 'sha256' ? 'sha512' : 'sha256');

describe('signature algorithm table: each OID verifies what openssl signed that way, and only that', () => {
  const rsaRows: [string, DigestName][] = [
    [OID.sha1WithRsa, 'sha1'],
    [OID.sha224WithRsa, 'sha224'],
    [OID.sha256WithRsa, 'sha256'],
    [OID.sha384WithRsa, 'sha384'],
    [OID.sha512WithRsa, 'sha512'],
  ];
  it.each(rsaRows)('RSA PKCS#1 v1.5 %s uses %s whatever the CMS digest says', (algorithmOid, digest) => {
    const signature = dgstSign(rsa, digest);
    const check = (cmsDigest: DigestName, d: Uint8Array = data) =>
      verifySignatureValue({ algorithmOid, digest: cmsDigest, publicKey: rsa.publicKey, data: d, signature });
    expect(check(otherThan(digest))).toBe('verified');
    expect(check(digest)).toBe('verified');
    expect(check(digest, flipped(data))).toBe('failed');
  });

  const ecdsaRows: [string, DigestName][] = [
    [OID.ecdsaWithSha1, 'sha1'],
    [OID.ecdsaWithSha224, 'sha224'],
    [OID.ecdsaWithSha256, 'sha256'],
    [OID.ecdsaWithSha384, 'sha384'],
    [OID.ecdsaWithSha512, 'sha512'],
  ];
  it.each(ecdsaRows)('ECDSA (DER) %s uses %s; the same signature as r‖s fails', (algorithmOid, digest) => {
    const signature = dgstSign(ec, digest);
    const check = (s: Uint8Array, cmsDigest = otherThan(digest), d: Uint8Array = data) =>
      verifySignatureValue({ algorithmOid, digest: cmsDigest, publicKey: ec.publicKey, data: d, signature: s });
    expect(check(signature)).toBe('verified');
    expect(check(signature, digest, flipped(data))).toBe('failed');
    expect(check(plain(signature, 32))).toBe('failed');
  });

  const plainRows: [string, DigestName][] = [
    [OID.plainEcdsaWithSha1, 'sha1'],
    [OID.plainEcdsaWithSha224, 'sha224'],
    [OID.plainEcdsaWithSha256, 'sha256'],
    [OID.plainEcdsaWithSha384, 'sha384'],
    [OID.plainEcdsaWithSha512, 'sha512'],
  ];
  it.each(plainRows)('plain ECDSA (BSI r‖s) %s uses %s; the DER form of the same signature fails', (algorithmOid, digest) => {
    const der = dgstSign(ec384, digest);
    const check = (s: Uint8Array, cmsDigest = otherThan(digest), d: Uint8Array = data) =>
      verifySignatureValue({ algorithmOid, digest: cmsDigest, publicKey: ec384.publicKey, data: d, signature: s });
    expect(check(plain(der, 48))).toBe('verified');
    expect(check(plain(der, 48), digest, flipped(data))).toBe('failed');
    expect(check(der)).toBe('failed');
  });

  it('bare key OIDs take the CMS digest: rsaEncryption and ecPublicKey verify with it and fail with another', () => {
    const rsaSignature = dgstSign(rsa, 'sha384');
    const ecSignature = dgstSign(ec, 'sha512');
    const check = (algorithmOid: string, publicKey: KeyObject, signature: Buffer, digest: DigestName) =>
      verifySignatureValue({ algorithmOid, digest, publicKey, data, signature });
    expect(check(OID.rsaEncryption, rsa.publicKey, rsaSignature, 'sha384')).toBe('verified');
    expect(check(OID.rsaEncryption, rsa.publicKey, rsaSignature, 'sha256')).toBe('failed');
    expect(check(OID.ecPublicKey, ec.publicKey, ecSignature, 'sha512')).toBe('verified');
    expect(check(OID.ecPublicKey, ec.publicKey, ecSignature, 'sha256')).toBe('failed');
    // DER, not r‖s, for ecPublicKey.
    expect(check(OID.ecPublicKey, ec.publicKey, plain(ecSignature, 32), 'sha512')).toBe('failed');
  });

  it('RSA-PSS takes digest and salt from its parameters; absent parameters mean SHA-1 and salt 20 (RFC 4055); an unknown hash is unsupported', () => {
    const pss = (digest: DigestName, salt: number) => dgstSign(rsa, digest, ['-sigopt', 'rsa_padding_mode:pss', '-sigopt', `rsa_pss_saltlen:${salt}`]);
    const check = (signature: Buffer, parameters: ArrayBuffer | null, d: Uint8Array = data) =>
      verifySignatureValue({ algorithmOid: OID.rsaPss, parameters, digest: 'sha512', publicKey: rsa.publicKey, data: d, signature });
    const sha256Salt32 = pss('sha256', 32);
    expect(check(sha256Salt32, pssParameters(OID.sha256, 32))).toBe('verified');
    expect(check(sha256Salt32, pssParameters(OID.sha256, 32), flipped(data))).toBe('failed');
    expect(check(sha256Salt32, pssParameters(OID.sha256, 20))).toBe('failed');
    expect(check(sha256Salt32, pssParameters(OID.sha384, 32))).toBe('failed');
    // PKCS#1 v1.5 under the PSS OID fails.
    expect(check(dgstSign(rsa, 'sha256'), pssParameters(OID.sha256, 32))).toBe('failed');
    const defaults = pss('sha1', 20);
    expect(check(defaults, null)).toBe('verified');
    expect(check(defaults, pssParameters(OID.sha256, 20))).toBe('failed');
    expect(check(sha256Salt32, pssParameters('1.2.3.4', 32))).toBe('unsupported');
  });

  it('EdDSA (Ed25519, Ed448) signs the data itself; one key\'s signature fails under the other', () => {
    const check = (algorithmOid: string, keys: KeyFiles, signature: Buffer, d: Uint8Array = data) =>
      verifySignatureValue({ algorithmOid, digest: 'sha256', publicKey: keys.publicKey, data: d, signature });
    const s25519 = rawSign(ed25519);
    const s448 = rawSign(ed448);
    expect(check(OID.ed25519, ed25519, s25519)).toBe('verified');
    expect(check(OID.ed448, ed448, s448)).toBe('verified');
    expect(check(OID.ed25519, ed25519, s25519, flipped(data))).toBe('failed');
    expect(check(OID.ed448, ed448, flipped(s448, 3))).toBe('failed');
  });

  it('a key that does not fit the OID is "failed", not an exception: node:crypto throws for an Ed25519 key under an RSA OID', () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    expect(verifySignatureValue({ algorithmOid: OID.sha256WithRsa, digest: 'sha256', publicKey, data, signature: Buffer.alloc(64) })).toBe('failed');
  });
});

describe('digest and algorithm names', () => {
  it('each digest OID maps to its name, anything else to undefined; only SHA-1 is weak', () => {
    const names = [OID.sha1, OID.sha224, OID.sha256, OID.sha384, OID.sha512].map((oid) => digestNameOf(oid));
    expect(names).toEqual(['sha1', 'sha224', 'sha256', 'sha384', 'sha512']);
    expect(digestNameOf('1.2.840.113549.2.5')).toBeUndefined(); // MD5
    // An OID read from a file is any string: Object's own keys are not digests.
    expect(['toString', 'constructor', '__proto__', 'hasOwnProperty'].map((oid) => digestNameOf(oid))).toEqual([undefined, undefined, undefined, undefined]);
    expect(names.map((n) => isWeakDigest(n!))).toEqual([true, false, false, false, false]);
  });

  it('known signature algorithms: every table row; not a digest OID or a made-up one', () => {
    const rows = [
      OID.rsaEncryption, OID.sha1WithRsa, OID.sha224WithRsa, OID.sha256WithRsa, OID.sha384WithRsa, OID.sha512WithRsa, OID.rsaPss,
      OID.ecPublicKey, OID.ecdsaWithSha1, OID.ecdsaWithSha224, OID.ecdsaWithSha256, OID.ecdsaWithSha384, OID.ecdsaWithSha512,
      OID.plainEcdsaWithSha1, OID.plainEcdsaWithSha224, OID.plainEcdsaWithSha256, OID.plainEcdsaWithSha384, OID.plainEcdsaWithSha512,
      OID.ed25519, OID.ed448,
    ];
    expect(rows.filter((oid) => !isKnownSignatureAlgorithm(oid))).toEqual([]);
    expect([OID.sha256, '1.2.3.4', 'toString', 'constructor', '__proto__'].map((oid) => isKnownSignatureAlgorithm(oid))).toEqual([false, false, false, false, false]);
  });
});
