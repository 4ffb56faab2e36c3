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
});
