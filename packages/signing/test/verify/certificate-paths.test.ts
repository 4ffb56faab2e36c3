import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTrustAnchors, Pkcs12Signer, verifyPdfSignatures, type VerifyProblem } from '../../src/index.js';
import { derOid, derSequence } from '../../src/asn1/der-writer.js';
import { OID } from '../../src/asn1/oids.js';
import { buildCms, contentTypeAttr, embed, messageDigestAttr, prepareHole, signedContent, signingCertV2Attr } from '../helpers/cms-surgery.js';
import { CA_EXTENSIONS, opensslCa, SIGNER_EXTENSIONS, type IssuedCertificate } from '../helpers/openssl-ca.js';
import { makeSamplePdf } from '../helpers/sample-pdfs.js';
import { useTempDir } from '../helpers/temp-dir.js';

/**
 * Path validation (RFC 5280 §6) observed through the verifier's public API (issue 15): each case signs a real PDF
 * with a certificate made by `openssl ca`, puts the chosen certificates into the CMS (the pool the verifier builds
 * the path from), loads the anchors from PEM files and reads `trusted` and the problem codes. Where `openssl verify`
 * judges the same question the same way, it is asked too, so the expectation is not ours alone.
 */
const dir = useTempDir('eoffice-paths-');
let ca: ReturnType<typeof opensslCa>;
let input: string;
const DAY = 86_400_000;
const now = Date.now();
const daysFromNow = (days: number): Date => new Date(now + days * DAY);

beforeAll(async () => {
  ca = opensslCa(dir());
  input = path.join(dir(), 'draft.pdf');
  writeFileSync(input, await makeSamplePdf());
});

interface Outcome {
  readonly trusted: boolean | null;
  readonly codes: string[];
  readonly problems: readonly VerifyProblem[];
}

/** Signs the draft with `signer`'s key, the CMS carrying the signer's certificate then `pool`; verifies against `anchors`. */
async function verdict(signer: IssuedCertificate, pool: readonly IssuedCertificate[], anchors: readonly IssuedCertificate[], at = new Date()): Promise<Outcome> {
  const key = Pkcs12Signer.fromFile(ca.p12(signer), 'test-123456');
  const hole = await prepareHole(input, key, { placeholderBytes: 32_768 });
  const digest = createHash('sha256').update(signedContent(hole)).digest();
  const attrs = [contentTypeAttr(), messageDigestAttr(digest), signingCertV2Attr(key.certificate)].sort(Buffer.compare);
  const cms = await buildCms({
    signer: key,
    attrs,
    certificates: [signer.der, ...pool.map((c) => c.der)],
    signatureAlgorithm: derSequence([derOid(OID.ecdsaWithSha256)]),
  });
  const report = verifyPdfSignatures(embed(hole, cms), { trustAnchors: await loadTrustAnchors(anchors.map((a) => a.pem)), validationTime: at });
  expect(report.signatures).toHaveLength(1);
  const signature = report.signatures[0]!;
  // The signature itself is sound in every case here: only the path is under test.
  expect({ intact: signature.intact, valid: signature.valid }).toEqual({ intact: true, valid: true });
  // Every message is told to a clerk in Vietnamese, then in English.
  for (const problem of signature.problems) expect(problem.message).toMatch(/^.*[ăâđêôơưạ-ỹ].* \/ [ -~…]*[a-z]{4}[ -~…]*$/u);
  return { trusted: signature.trusted, codes: signature.problems.map((p) => p.code), problems: signature.problems };
}

/** `openssl verify` on the same question: '' when it accepts, else its error line. */
function opensslSays(signer: IssuedCertificate, pool: readonly IssuedCertificate[], anchors: readonly IssuedCertificate[], at = new Date(), partial = false): string {
  const bundle = (name: string, certs: readonly IssuedCertificate[]): string => {
    const file = path.join(dir(), `${name}-${process.hrtime.bigint()}.pem`);
    writeFileSync(file, certs.map((c) => `-----BEGIN CERTIFICATE-----\n${c.der.toString('base64')}\n-----END CERTIFICATE-----\n`).join(''));
    return file;
  };
  const args = ['verify', '-attime', String(Math.floor(at.getTime() / 1000)), '-CAfile', bundle('anchors', anchors)];
  if (pool.length > 0) args.push('-untrusted', bundle('pool', pool));
  if (partial) args.push('-partial_chain');
  try {
    execFileSync('openssl', [...args, signer.pem], { stdio: 'pipe' });
    return '';
  } catch (failure) {
    const stderr = String((failure as { stderr?: Buffer }).stderr ?? '');
    const stdout = String((failure as { stdout?: Buffer }).stdout ?? '');
    return `${stdout}\n${stderr}`.match(/error \d+ at \d+ depth lookup: (.*)/)?.[1] ?? `${stdout}${stderr}`;
  }
}

const ca_ = (name: string, issuer?: IssuedCertificate, extra = ''): IssuedCertificate =>
  ca.issue(name, { ...(issuer ? { issuer } : {}), extensions: `${CA_EXTENSIONS}${extra}` });
/** A CA whose basicConstraints carries pathlen. */
const limitedCa = (name: string, pathlen: number, issuer?: IssuedCertificate): IssuedCertificate =>
  ca.issue(name, { ...(issuer ? { issuer } : {}), extensions: `basicConstraints=critical,CA:TRUE,pathlen:${pathlen}\nkeyUsage=critical,keyCertSign,cRLSign` });
const signerUnder = (name: string, issuer: IssuedCertificate, extra = ''): IssuedCertificate =>
  ca.issue(name, { issuer, extensions: `${SIGNER_EXTENSIONS}${extra}` });

describe('certificate paths: the control', () => {
  it('root → intermediate → signer, with the intermediate in the CMS: trusted, no problem; openssl agrees', async () => {
    const root = ca_('ok-root');
    const inter = ca_('ok-inter', root);
    const signer = signerUnder('ok-signer', inter);
    expect(await verdict(signer, [inter], [root])).toEqual({ trusted: true, codes: [], problems: [] });
    expect(opensslSays(signer, [inter], [root])).toBe('');
    // The same file without the intermediate has no path.
    expect((await verdict(signer, [], [root])).codes).toEqual(['NO_TRUSTED_CHAIN']);
  });
});

describe('certificate paths: depth', () => {
  it('nine intermediates are followed; ten are a chain too deep → NO_TRUSTED_CHAIN, trusted false', async () => {
    const root = ca_('deep-root');
    const intermediates: IssuedCertificate[] = [];
    for (let i = 1; i <= 10; i++) intermediates.push(ca_(`deep-ca${i}`, intermediates.at(-1) ?? root));
    const nine = signerUnder('deep-signer9', intermediates[8]!);
    const ten = signerUnder('deep-signer10', intermediates[9]!);
    // The pool in reverse order, so the search cannot follow the file's order by chance.
    const pool = [...intermediates].reverse();
    expect(await verdict(nine, pool, [root])).toMatchObject({ trusted: true, codes: [] });
    expect(await verdict(ten, pool, [root])).toMatchObject({ trusted: false, codes: ['NO_TRUSTED_CHAIN'] });
  });
});

describe('certificate paths: validity at the validation time', () => {
  it('a signer certificate that expired before the signing → CERT_NOT_VALID_AT_TIME (error), trusted false; openssl: expired', async () => {
    const root = ca.issue('exp-root', { extensions: CA_EXTENSIONS, notBefore: daysFromNow(-500), notAfter: daysFromNow(3000) });
    const signer = ca.issue('exp-signer', { issuer: root, extensions: SIGNER_EXTENSIONS, notBefore: daysFromNow(-400), notAfter: daysFromNow(-35) });
    const outcome = await verdict(signer, [], [root]);
    expect(outcome.trusted).toBe(false);
    expect(outcome.problems.map((p) => [p.code, p.severity])).toEqual([['CERT_NOT_VALID_AT_TIME', 'error']]);
    expect(outcome.problems[0]!.message).toContain('CN=exp-signer');
    expect(opensslSays(signer, [], [root])).toBe('certificate has expired');
    // Judged at a time inside its validity, the same file is trusted.
    expect(await verdict(signer, [], [root], daysFromNow(-100))).toMatchObject({ trusted: true, codes: [] });
  });

  it('a signer certificate not yet valid → CERT_NOT_VALID_AT_TIME (error), trusted false; openssl: not yet valid', async () => {
    const root = ca_('future-root');
    const signer = ca.issue('future-signer', { issuer: root, extensions: SIGNER_EXTENSIONS, notBefore: daysFromNow(30), notAfter: daysFromNow(400) });
    expect(await verdict(signer, [], [root])).toMatchObject({ trusted: false, codes: ['CERT_NOT_VALID_AT_TIME'] });
    expect(opensslSays(signer, [], [root])).toBe('certificate is not yet valid');
  });

  it('an expired intermediate → CERT_NOT_VALID_AT_TIME (error) naming it, trusted false; openssl: expired', async () => {
    const root = ca_('expi-root');
    const inter = ca.issue('expi-inter', { issuer: root, extensions: CA_EXTENSIONS, notBefore: daysFromNow(-800), notAfter: daysFromNow(-10) });
    const signer = signerUnder('expi-signer', inter);
    const outcome = await verdict(signer, [inter], [root]);
    expect(outcome.trusted).toBe(false);
    expect(outcome.problems.map((p) => [p.code, p.severity])).toEqual([['CERT_NOT_VALID_AT_TIME', 'error']]);
    expect(outcome.problems[0]!.message).toContain('CN=expi-inter');
    expect(opensslSays(signer, [inter], [root])).toBe('certificate has expired');
  });

  it('an expired trust anchor only warns (RFC 5280 §6.1: its validity is not part of the path): trusted true', async () => {
    const root = ca.issue('expa-root', { extensions: CA_EXTENSIONS, notBefore: daysFromNow(-800), notAfter: daysFromNow(-10) });
    const signer = signerUnder('expa-signer', root);
    const outcome = await verdict(signer, [], [root]);
    expect(outcome.trusted).toBe(true);
    expect(outcome.problems.map((p) => [p.code, p.severity])).toEqual([['CERT_NOT_VALID_AT_TIME', 'warning']]);
    expect(outcome.problems[0]!.message).toContain('CN=expa-root');
  });
});

describe('certificate paths: critical extensions', () => {
  const UNKNOWN = '\n1.3.6.1.4.1.55555.1=critical,DER:05:00';

  it('an unknown critical extension on the signer → CERT_UNKNOWN_CRITICAL_EXTENSION naming its OID, trusted false; openssl refuses too', async () => {
    const root = ca_('crit-root');
    const signer = signerUnder('crit-signer', root, UNKNOWN);
    const outcome = await verdict(signer, [], [root]);
    expect(outcome).toMatchObject({ trusted: false, codes: ['CERT_UNKNOWN_CRITICAL_EXTENSION'] });
    expect(outcome.problems[0]!.message).toContain('1.3.6.1.4.1.55555.1');
    expect(opensslSays(signer, [], [root])).toBe('unhandled critical extension');
  });

  it('an unknown critical extension on an intermediate → CERT_UNKNOWN_CRITICAL_EXTENSION, trusted false; openssl refuses too', async () => {
    const root = ca_('criti-root');
    const inter = ca_('criti-inter', root, UNKNOWN);
    const signer = signerUnder('criti-signer', inter);
    expect(await verdict(signer, [inter], [root])).toMatchObject({ trusted: false, codes: ['CERT_UNKNOWN_CRITICAL_EXTENSION'] });
    expect(opensslSays(signer, [inter], [root])).toBe('unhandled critical extension');
  });

  it('the same extension not critical, and critical extensions the verifier knows, are accepted; openssl agrees', async () => {
    const root = ca_('critok-root');
    const known = [
      'certificatePolicies=critical,1.2.3.4',
      'extendedKeyUsage=critical,emailProtection',
      'subjectAltName=critical,email:van.thu@demo.gov.vn',
    ];
    const signer = signerUnder('critok-signer', root, `${UNKNOWN.replace('critical,', '')}\n${known.join('\n')}`);
    expect(await verdict(signer, [], [root])).toMatchObject({ trusted: true, codes: [] });
    expect(opensslSays(signer, [], [root])).toBe('');
    // RFC 5280 wants the key identifiers non-critical; marked critical they are still extensions the verifier reads
    // (§4.2 rejects only what is not recognised). OpenSSL, stricter, refuses them: here the two differ on purpose.
    const identifiers = signerUnder('critok-ids', root, '\nsubjectKeyIdentifier=critical,hash\nauthorityKeyIdentifier=critical,keyid');
    expect(await verdict(identifiers, [], [root])).toMatchObject({ trusted: true, codes: [] });
    expect(opensslSays(identifiers, [], [root])).toBe('unhandled critical extension');
  });

  it('the trust anchor itself is input, not a path certificate: its unknown critical extension is not judged', async () => {
    const root = ca_('crita-root', undefined, UNKNOWN);
    const signer = signerUnder('crita-signer', root);
    expect(await verdict(signer, [], [root])).toMatchObject({ trusted: true, codes: [] });
  });
});

describe('certificate paths: basic constraints', () => {
  it('an end-entity signer certificate used to issue another (CA:FALSE) → CA_CONSTRAINTS_INVALID, trusted false; openssl: invalid CA', async () => {
    const root = ca_('ee-root');
    const person = signerUnder('ee-person', root);
    const forged = signerUnder('ee-forged', person);
    expect(await verdict(forged, [person], [root])).toMatchObject({ trusted: false, codes: ['CA_CONSTRAINTS_INVALID'] });
    expect(opensslSays(forged, [person], [root])).toBe('invalid CA certificate');
  });

  it('an intermediate without basicConstraints at all → CA_CONSTRAINTS_INVALID, trusted false; openssl: invalid CA', async () => {
    const root = ca_('nobc-root');
    const inter = ca.issue('nobc-inter', { issuer: root, extensions: 'keyUsage=critical,keyCertSign,cRLSign' });
    const signer = signerUnder('nobc-signer', inter);
    expect(await verdict(signer, [inter], [root])).toMatchObject({ trusted: false, codes: ['CA_CONSTRAINTS_INVALID'] });
    expect(opensslSays(signer, [inter], [root])).toBe('invalid CA certificate');
  });

  it('pathlen:0 on an intermediate with another CA below it → CA_CONSTRAINTS_INVALID naming it; pathlen:1 allows it; openssl agrees', async () => {
    const root = ca_('pl-root');
    const strict = limitedCa('pl-strict', 0, root);
    const below = ca_('pl-below', strict);
    const signer = signerUnder('pl-signer', below);
    const outcome = await verdict(signer, [below, strict], [root]);
    expect(outcome).toMatchObject({ trusted: false, codes: ['CA_CONSTRAINTS_INVALID'] });
    expect(outcome.problems[0]!.message).toContain('CN=pl-strict');
    expect(opensslSays(signer, [below, strict], [root])).toBe('path length constraint exceeded');

    const one = limitedCa('pl-one', 1, root);
    const belowOne = ca_('pl-below-one', one);
    const fine = signerUnder('pl-fine', belowOne);
    expect(await verdict(fine, [belowOne, one], [root])).toMatchObject({ trusted: true, codes: [] });
    expect(opensslSays(fine, [belowOne, one], [root])).toBe('');
  });

  it('pathlen:0 on the root: a signer right under it is trusted, one under an intermediate is not (CA_CONSTRAINTS_INVALID); openssl agrees', async () => {
    const root = limitedCa('plr-root', 0);
    const direct = signerUnder('plr-direct', root);
    expect(await verdict(direct, [], [root])).toMatchObject({ trusted: true, codes: [] });
    const inter = ca_('plr-inter', root);
    const signer = signerUnder('plr-signer', inter);
    expect(await verdict(signer, [inter], [root])).toMatchObject({ trusted: false, codes: ['CA_CONSTRAINTS_INVALID'] });
    expect(opensslSays(signer, [inter], [root])).toBe('path length constraint exceeded');
  });

  it('a self-issued key-rollover certificate does not count against the root\'s pathlen:0 (RFC 5280 §6.1.4 l)', async () => {
    const root = limitedCa('roll-root', 0);
    const rollover = ca.issue('roll-new', { issuer: root, subject: '/C=VN/CN=roll-root', extensions: CA_EXTENSIONS });
    const signer = signerUnder('roll-signer', rollover);
    expect(await verdict(signer, [rollover], [root])).toMatchObject({ trusted: true, codes: [] });
  });
});

describe('certificate paths: anchors match by name and key', () => {
  it('an anchor with the right name but another key (an impostor root) → NO_TRUSTED_CHAIN; openssl agrees', async () => {
    const root = ca_('imp-root');
    const impostor = ca.issue('imp-fake', { subject: '/C=VN/CN=imp-root', extensions: CA_EXTENSIONS });
    const signer = signerUnder('imp-signer', root);
    expect(await verdict(signer, [], [impostor])).toMatchObject({ trusted: false, codes: ['NO_TRUSTED_CHAIN'] });
    expect(opensslSays(signer, [], [impostor])).not.toBe('');
  });

  it('an anchor with the right key but another name → NO_TRUSTED_CHAIN; openssl agrees', async () => {
    const root = ca_('name-root');
    const renamed = ca.issue('name-other', { key: root.key, extensions: CA_EXTENSIONS });
    const signer = signerUnder('name-signer', root);
    expect(await verdict(signer, [], [renamed])).toMatchObject({ trusted: false, codes: ['NO_TRUSTED_CHAIN'] });
    expect(opensslSays(signer, [], [renamed])).not.toBe('');
  });

  it('the root re-issued with other bytes (same name and key, new serial and dates) is the same anchor: trusted', async () => {
    const root = ca_('re-root');
    const reissued = ca.issue('re-root-2', { key: root.key, subject: '/C=VN/CN=re-root', extensions: CA_EXTENSIONS, notAfter: daysFromNow(3000) });
    expect(reissued.der.equals(root.der)).toBe(false);
    const signer = signerUnder('re-signer', root);
    expect(await verdict(signer, [], [reissued])).toMatchObject({ trusted: true, codes: [] });
  });
});

describe('certificate paths: pinned anchors', () => {
  it('a pinned end-entity certificate (the signer itself is the anchor) is trusted without its issuer; openssl -partial_chain agrees', async () => {
    const hidden = ca_('pin-hidden-root');
    const signer = signerUnder('pin-signer', hidden);
    expect(await verdict(signer, [], [signer])).toEqual({ trusted: true, codes: [], problems: [] });
    expect(opensslSays(signer, [], [signer], new Date(), true)).toBe('');
  });

  it('a pinned end-entity certificate stays the signer: expired, it is an error (not only the anchor warning), trusted false', async () => {
    const hidden = ca_('pinx-hidden-root');
    const signer = ca.issue('pinx-signer', { issuer: hidden, extensions: SIGNER_EXTENSIONS, notBefore: daysFromNow(-400), notAfter: daysFromNow(-20) });
    const outcome = await verdict(signer, [], [signer]);
    expect(outcome.trusted).toBe(false);
    expect(outcome.problems.map((p) => [p.code, p.severity])).toEqual([
      ['CERT_NOT_VALID_AT_TIME', 'error'],
      ['CERT_NOT_VALID_AT_TIME', 'warning'],
    ]);
  });

  it('a pinned end-entity certificate stays the signer: a key usage without signing → KEY_USAGE_INVALID, trusted false', async () => {
    const hidden = ca_('pinku-hidden-root');
    const signer = ca.issue('pinku-signer', { issuer: hidden, extensions: 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,keyEncipherment' });
    expect(await verdict(signer, [], [signer])).toMatchObject({ trusted: false, codes: ['KEY_USAGE_INVALID'] });
  });

  it('a pinned intermediate (its root not given) is an anchor: trusted; the signer below it is still judged (expired → error)', async () => {
    const root = ca_('pini-root');
    const inter = ca_('pini-inter', root);
    const signer = signerUnder('pini-signer', inter);
    expect(await verdict(signer, [inter], [inter])).toMatchObject({ trusted: true, codes: [] });
    expect(opensslSays(signer, [], [inter], new Date(), true)).toBe('');
    const expired = ca.issue('pini-expired', { issuer: inter, extensions: SIGNER_EXTENSIONS, notBefore: daysFromNow(-400), notAfter: daysFromNow(-20) });
    const outcome = await verdict(expired, [inter], [inter]);
    expect(outcome.trusted).toBe(false);
    expect(outcome.problems.map((p) => [p.code, p.severity])).toEqual([['CERT_NOT_VALID_AT_TIME', 'error']]);
    expect(outcome.problems[0]!.message).toContain('CN=pini-expired');
  });

  it('a pinned intermediate met through the pool: the path keeps the signer and the intermediate below it', async () => {
    const root = ca_('pinp-root');
    const upper = ca_('pinp-upper', root);
    const lower = ca.issue('pinp-lower', { issuer: upper, extensions: CA_EXTENSIONS, notBefore: daysFromNow(-800), notAfter: daysFromNow(-10) });
    const signer = ca.issue('pinp-signer', { issuer: lower, extensions: SIGNER_EXTENSIONS, notBefore: daysFromNow(-400), notAfter: daysFromNow(-20) });
    // Pinned: `upper`, two steps above the signer; both certificates below it are expired and both are told.
    const outcome = await verdict(signer, [lower, upper], [upper]);
    expect(outcome.trusted).toBe(false);
    expect(outcome.problems.map((p) => [p.code, p.severity, p.message.match(/CN=[\w-]+/)?.[0]])).toEqual([
      ['CERT_NOT_VALID_AT_TIME', 'error', 'CN=pinp-signer'],
      ['CERT_NOT_VALID_AT_TIME', 'error', 'CN=pinp-lower'],
    ]);
  });
});

describe('certificate paths: the pool', () => {
  it('a pool certificate with another name but the issuer\'s very key is skipped (names must chain) → NO_TRUSTED_CHAIN', async () => {
    const root = ca_('nm-root');
    const inter = ca_('nm-inter', root);
    const renamed = ca.issue('nm-renamed', { issuer: root, key: inter.key, extensions: CA_EXTENSIONS });
    const signer = signerUnder('nm-signer', inter);
    expect(await verdict(signer, [renamed], [root])).toMatchObject({ trusted: false, codes: ['NO_TRUSTED_CHAIN'] });
    expect(opensslSays(signer, [renamed], [root])).not.toBe('');
    // With the real intermediate after it, the path is found.
    expect(await verdict(signer, [renamed, inter], [root])).toMatchObject({ trusted: true, codes: [] });
  });

  it('a pool certificate with the issuer\'s name but another key (a look-alike) is skipped → NO_TRUSTED_CHAIN', async () => {
    const root = ca_('la-root');
    const inter = ca_('la-inter', root);
    const lookalike = ca.issue('la-fake', { issuer: root, subject: '/C=VN/CN=la-inter', extensions: CA_EXTENSIONS });
    const signer = signerUnder('la-signer', inter);
    expect(await verdict(signer, [lookalike], [root])).toMatchObject({ trusted: false, codes: ['NO_TRUSTED_CHAIN'] });
    expect(opensslSays(signer, [lookalike], [root])).not.toBe('');
    expect(await verdict(signer, [lookalike, inter], [root])).toMatchObject({ trusted: true, codes: [] });
  });

  it('a loop in the pool (two CAs certifying each other) ends: NO_TRUSTED_CHAIN; with a way out to the root, trusted', async () => {
    const root = ca_('loop-root');
    const a0 = ca_('loop-a0');
    const b = ca.issue('loop-b', { issuer: a0, subject: '/C=VN/CN=loop-b', extensions: CA_EXTENSIONS });
    const a = ca.issue('loop-a', { issuer: b, key: a0.key, subject: '/C=VN/CN=loop-a0', extensions: CA_EXTENSIONS });
    const signer = signerUnder('loop-signer', a);
    expect(await verdict(signer, [a, b], [root])).toMatchObject({ trusted: false, codes: ['NO_TRUSTED_CHAIN'] });
    const exit = ca.issue('loop-b-by-root', { issuer: root, key: b.key, subject: '/C=VN/CN=loop-b', extensions: CA_EXTENSIONS });
    expect(await verdict(signer, [a, b, exit], [root])).toMatchObject({ trusted: true, codes: [] });
  });

  it('a hostile pool of look-alike cross-certificates (8 + 8, same names and keys) is searched once per certificate: NO_TRUSTED_CHAIN', async () => {
    // A search that only avoids repeats within one path tries about 8²·7²·6²·5²·4 paths here: it never ends.
    const root = ca_('host-root');
    const a0 = ca_('host-a');
    const b0 = ca_('host-b', a0);
    const pool: IssuedCertificate[] = [];
    for (let i = 0; i < 8; i++) {
      pool.push(ca.issue(`host-a${i}`, { issuer: b0, key: a0.key, subject: '/C=VN/CN=host-a', extensions: CA_EXTENSIONS }));
      pool.push(ca.issue(`host-b${i}`, { issuer: a0, key: b0.key, subject: '/C=VN/CN=host-b', extensions: CA_EXTENSIONS }));
    }
    const signer = signerUnder('host-signer', a0);
    expect(await verdict(signer, pool, [root])).toMatchObject({ trusted: false, codes: ['NO_TRUSTED_CHAIN'] });
  });
});
