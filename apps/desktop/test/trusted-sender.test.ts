import { describe, expect, it } from 'vitest';
import { isTrustedSenderFrame } from '../src/main/trusted-sender.js';

describe('isTrustedSenderFrame', () => {
  it('trusts only our app:// origin in a main frame', () => {
    expect(isTrustedSenderFrame({ url: 'app://eoffice/index.html', parent: null })).toBe(true);
    expect(isTrustedSenderFrame({ url: 'app://eoffice/index.html', parent: {} })).toBe(false);
    expect(isTrustedSenderFrame({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedSenderFrame({ url: 'app://eoffice.evil/index.html', parent: null })).toBe(false);
    expect(isTrustedSenderFrame({ url: 'file:///etc/passwd', parent: null })).toBe(false);
    expect(isTrustedSenderFrame({ url: 'not a url', parent: null })).toBe(false);
    expect(isTrustedSenderFrame(null)).toBe(false);
  });
});
