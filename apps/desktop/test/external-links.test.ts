import { describe, expect, it } from 'vitest';
import { externalLinkDecision } from '../src/main/external-links.js';

describe('externalLinkDecision', () => {
  it('opens https links to a trusted host, asks for other https links', () => {
    expect(externalLinkDecision('https://vanban.chinhphu.vn/?pageid=27160&docid=199516')).toBe('open');
    expect(externalLinkDecision('https://example.org/help')).toBe('confirm');
    expect(externalLinkDecision('https://vanban.chinhphu.vn.evil.example/')).toBe('confirm');
    expect(externalLinkDecision('https://vanban.chinhphu.vn:8443/')).toBe('confirm');
  });

  it('refuses every other scheme, credentials in the URL and what is not a URL', () => {
    for (const url of [
      'http://vanban.chinhphu.vn/',
      'file:///etc/passwd',
      'smb://share/x',
      'javascript:alert(1)',
      'ms-msdt:/id PCWDiagnostic',
      'https://vanban.chinhphu.vn@evil.example/',
      'https://user:pass@vanban.chinhphu.vn/',
      'not a url',
    ]) {
      expect(externalLinkDecision(url), url).toBe('refuse');
    }
  });
});
