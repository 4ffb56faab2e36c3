import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { demoKey } from '../src/key-sources/demo-signer.js';

describe('the demo key', () => {
  it('names its Vietnamese holder in UTF-8 once, as pdfsig and the verification verdict show it', () => {
    const from = new Date('2024-01-01T00:00:00Z');
    const signer = demoKey('Trần Quốc Hùng (DEMO)', 'Sở Nội vụ tỉnh Demo', from, new Date('2027-01-01T00:00:00Z'));
    const subject = new X509Certificate(Buffer.from(signer.certificate)).subject;
    // Encoded twice, the name read back as "Tráº§n Quá»\x91c HÃ¹ng" in every demo signature and handover package.
    expect(subject).toContain('CN=Trần Quốc Hùng (DEMO)');
    expect(subject).toContain('O=Sở Nội vụ tỉnh Demo');
  });

  it('is self-signed with SHA-256 and RSA: Node and openssl check the certificate against its own key', () => {
    const signer = demoKey('Lê Văn Cường (DEMO)', 'Sở Tài chính tỉnh Demo', new Date('2024-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'));
    const certificate = new X509Certificate(Buffer.from(signer.certificate));
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(certificate.issuer).toBe(certificate.subject);
    const text = execFileSync('openssl', ['x509', '-inform', 'DER', '-noout', '-text'], { input: Buffer.from(signer.certificate), encoding: 'utf8' });
    expect(text.match(/Signature Algorithm: (\S+)/g)).toEqual(['Signature Algorithm: sha256WithRSAEncryption', 'Signature Algorithm: sha256WithRSAEncryption']);
    // A certificate whose signature does not match its content is caught: one byte of the signature flipped.
    const tampered = Buffer.from(signer.certificate);
    tampered[tampered.length - 1]! ^= 0x01;
    expect(new X509Certificate(tampered).verify(certificate.publicKey)).toBe(false);
  });
});
