import { describe, expect, it } from 'vitest';
import { isReportAcceptable, isSignatureAcceptable, type SignatureVerdict } from '../../src/index.js';

/**
 * The bottom line (issue 15): a sound verdict is acceptable, and each single flaw alone makes it not — one case per
 * condition, so a dropped or loosened condition fails a case.
 */
const sound: SignatureVerdict = {
  field: 'Sig1',
  kind: 'signature',
  subFilter: 'ETSI.CAdES.detached',
  revision: 1,
  signingTime: '2026-12-06T00:00:00.000Z',
  signer: null,
  intact: true,
  valid: true,
  trusted: true,
  coverage: 'entireFile',
  modification: 'none',
  docMdp: null,
  level: 'B-B',
  timestamp: null,
  revocation: { status: 'unknown', source: null, revokedAt: null, reason: null, judgedAt: '2026-12-06T00:00:00.000Z', certificates: [] },
  problems: [],
};
const warningOnly = { code: 'MODIFIED_ALLOWED', severity: 'warning', message: 'a / b' } as const;
const anError = { code: 'WEAK_KEY', severity: 'error', message: 'a / b' } as const;

describe('isSignatureAcceptable', () => {
  it('a sound verdict is acceptable with or without trust asked for; warnings and allowed changes do not count against it', () => {
    expect(isSignatureAcceptable(sound, true)).toBe(true);
    expect(isSignatureAcceptable(sound, false)).toBe(true);
    expect(isSignatureAcceptable({ ...sound, modification: 'allowed', coverage: 'entireRevision', problems: [warningOnly] }, true)).toBe(true);
  });

  it.each<[string, Partial<SignatureVerdict>]>([
    ['not intact', { intact: false }],
    ['not valid', { valid: false }],
    ['partial coverage', { coverage: 'partial' }],
    ['a disallowed modification', { modification: 'disallowed' }],
    ['an error-level problem', { problems: [warningOnly, anError] }],
  ])('%s: not acceptable, trust asked for or not', (_name, flaw) => {
    expect(isSignatureAcceptable({ ...sound, ...flaw }, true)).toBe(false);
    expect(isSignatureAcceptable({ ...sound, ...flaw }, false)).toBe(false);
  });

  it('trust counts only when asked for: false and null fail then, and pass when not asked', () => {
    for (const trusted of [false, null]) {
      expect(isSignatureAcceptable({ ...sound, trusted }, true)).toBe(false);
      expect(isSignatureAcceptable({ ...sound, trusted }, false)).toBe(true);
    }
  });
});

describe('isReportAcceptable', () => {
  it('every signature must be acceptable, and a file without any is not', () => {
    expect(isReportAcceptable({ signatures: [sound, sound] }, true)).toBe(true);
    expect(isReportAcceptable({ signatures: [sound, { ...sound, valid: false }] }, true)).toBe(false);
    expect(isReportAcceptable({ signatures: [{ ...sound, trusted: null }] }, false)).toBe(true);
    expect(isReportAcceptable({ signatures: [{ ...sound, trusted: null }] }, true)).toBe(false);
    expect(isReportAcceptable({ signatures: [] }, false)).toBe(false);
  });
});
