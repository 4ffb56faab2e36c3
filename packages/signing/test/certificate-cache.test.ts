import { describe, expect, it } from 'vitest';
import { parsedCertificateOf } from '../src/verify/index.js';
import { makeTestIdentity } from './helpers/test-pki.js';
import { useTempDir } from './helpers/temp-dir.js';

const tempDir = useTempDir();

describe('parsedCertificateOf: a certificate read once per process, keyed by its bytes', () => {
  it('answers the same reading for the same bytes, another for other bytes', () => {
    const one = makeTestIdentity(tempDir(), 'ec-p256', 'Nguyễn Văn A');
    const first = parsedCertificateOf(new Uint8Array(one.leafDer));
    expect(parsedCertificateOf(new Uint8Array(one.leafDer))).toBe(first);
    expect(first.commonName).toBe('Nguyễn Văn A');
    const root = parsedCertificateOf(new Uint8Array(one.rootDer));
    expect(root).not.toBe(first);
    expect(root.isCa).toBe(true);
  });

  it('keeps its own copy of the bytes: a view into a larger buffer is not retained, and later writes to it change nothing', () => {
    const leaf = makeTestIdentity(tempDir(), 'rsa-2048', 'Trần Thị B').leafDer;
    const big = new Uint8Array(leaf.length + 1000);
    big.set(leaf, 500);
    const parsed = parsedCertificateOf(big.subarray(500, 500 + leaf.length));
    expect(parsed.der.buffer).not.toBe(big.buffer);
    expect(parsed.der.byteLength).toBe(leaf.length);
    big.fill(0);
    expect(Buffer.from(parsed.der).equals(leaf)).toBe(true);
    expect(parsed.commonName).toBe('Trần Thị B');
  });

  it('does not cache a certificate that cannot be read: it throws each time', () => {
    const junk = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]);
    expect(() => parsedCertificateOf(junk)).toThrow();
    expect(() => parsedCertificateOf(junk)).toThrow();
  });
});
