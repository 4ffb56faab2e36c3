import { verify as cryptoVerify, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPkcs11Signer } from '../../src/token/pkcs11-signer.js';
import { makeDevToken, runTool, type DevToken } from '../helpers/dev-token.js';

let dev: DevToken;
let work: string;

/** A key imported under `keyId`/`keyLabel` and its self-signed certificate written under other ids/labels. */
function addPair(name: string, algorithm: string[], key: { id: string; label: string }, cert: { id: string; label: string }): string {
  const keyFile = path.join(work, `${name}.key`);
  const certFile = path.join(work, `${name}.der`);
  runTool('openssl', ['genpkey', ...algorithm, '-out', keyFile]);
  runTool('openssl', ['req', '-x509', '-new', '-utf8', '-key', keyFile, '-subj', `/C=VN/CN=Trần Thị Bình ${name}`, '-days', '30', '-outform', 'DER', '-out', certFile]);
  runTool('softhsm2-util', ['--import', keyFile, '--token', dev.token, '--label', key.label, '--id', key.id, '--pin', dev.pin]);
  runTool('pkcs11-tool', ['--module', dev.module, '--token-label', dev.token, '--login', '--pin', dev.pin, '--write-object', certFile, '--type', 'cert', '--id', cert.id, '--label', cert.label]);
  return certFile;
}

const certificates: Record<string, string> = {};

beforeAll(() => {
  dev = makeDevToken();
  work = mkdtempSync(path.join(tmpdir(), 'eoffice-keys-'));
  const rsa = ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'];
  certificates.byLabel = addPair('by-label', rsa, { id: '0a', label: 'same-label' }, { id: '0b', label: 'same-label' });
  certificates.byModulus = addPair('by-modulus', rsa, { id: '0c', label: 'key-c' }, { id: '0d', label: 'cert-d' });
  certificates.byPoint = addPair('by-point', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'], { id: '0e', label: 'key-e' }, { id: '0f', label: 'cert-f' });
});
afterAll(() => {
  dev?.remove();
  if (work) rmSync(work, { recursive: true, force: true });
});

const data = Buffer.from('Công văn số 45/UBND-VP', 'utf8');

async function signWith(keyId: string): Promise<Buffer> {
  const signer = await openPkcs11Signer({ modulePath: dev.module, token: { label: dev.token }, keyId, pin: dev.pin });
  try {
    return Buffer.from(await signer.sign(data, 'sha256'));
  } finally {
    await signer.close();
  }
}

const certificateKey = (file: string | undefined) => {
  if (!file) throw new Error('certificate not made');
  return new X509Certificate(readFileSync(file)).publicKey;
};

describe('pairing a certificate with its private key when CKA_IDs differ', () => {
  it('falls back to the same CKA_LABEL', async () => {
    const signature = await signWith('0b');
    expect(cryptoVerify('sha256', data, certificateKey(certificates.byLabel), signature)).toBe(true);
  });

  it('falls back to the RSA modulus when neither id nor label match', async () => {
    const signature = await signWith('0d');
    expect(cryptoVerify('sha256', data, certificateKey(certificates.byModulus), signature)).toBe(true);
  });

  it('finds an EC key through the public-key object with the same EC point', async () => {
    const signature = await signWith('0f');
    expect(cryptoVerify('sha256', data, certificateKey(certificates.byPoint), signature)).toBe(true);
  });

  it('a signature by one key does not verify against another certificate (the checks above can fail)', async () => {
    const signature = await signWith('0d');
    expect(cryptoVerify('sha256', data, certificateKey(certificates.byLabel), signature)).toBe(false);
  });
});
