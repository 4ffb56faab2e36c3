import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { holdsCertificates, loadTrustAnchors, SHIPPED_TRUST_DIR, TrustAnchorError } from '../../src/index.js';
import { CA_EXTENSIONS, opensslCa, type IssuedCertificate } from '../helpers/openssl-ca.js';
import { repoRoot } from '../helpers/fixtures.js';
import { useTempDir } from '../helpers/temp-dir.js';

/**
 * Loading trust anchors (issue 15): the operator's files, as openssl writes them — PEM, DER, bundles of several
 * PEM blocks, folders of them — and the two ways a file can fail, each refused by name instead of trusting less.
 */
const dir = useTempDir('eoffice-anchors-');
let first: IssuedCertificate;
let second: IssuedCertificate;
let third: IssuedCertificate;

const pem = (c: IssuedCertificate): string => readFileSync(c.pem, 'latin1');
const names = (anchors: readonly { commonName: string | null }[]): (string | null)[] => anchors.map((a) => a.commonName);

beforeAll(() => {
  const ca = opensslCa(path.join(dir(), 'ca'));
  first = ca.issue('anchor-one', { extensions: CA_EXTENSIONS });
  second = ca.issue('anchor-two', { extensions: CA_EXTENSIONS });
  third = ca.issue('anchor-three', { extensions: CA_EXTENSIONS });
});

/** A fresh folder under the temp dir with the given files. */
function folder(name: string, files: Record<string, string | Buffer>): string {
  const at = path.join(dir(), name);
  mkdirSync(at, { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(path.join(at, file), content);
  return at;
}

describe('loadTrustAnchors', () => {
  it('a folder: every .pem/.crt/.cer/.der file (any case), in file-name order; a PEM bundle gives each of its certificates; other files are ignored', async () => {
    const at = folder('mixed', {
      'b-bundle.CER': `${pem(second)}\n${pem(third)}`,
      'a-root.pem': pem(first),
      'c-binary.der': third.der,
      'd-upper.CRT': pem(second),
      'notes.txt': 'not a certificate',
      'e-root.pem.bak': 'not a certificate either',
      'README.md': '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n',
    });
    const anchors = await loadTrustAnchors([at]);
    expect(names(anchors)).toEqual(['anchor-one', 'anchor-two', 'anchor-three', 'anchor-three', 'anchor-two']);
    expect(Buffer.from(anchors[0]!.der).equals(first.der)).toBe(true);
    expect(Buffer.from(anchors[3]!.der).equals(third.der)).toBe(true);
  });

  it('files and folders given together, in the order given', async () => {
    const at = folder('one', { 'x.pem': pem(second) });
    expect(names(await loadTrustAnchors([third.pem, at, first.pem]))).toEqual(['anchor-three', 'anchor-two', 'anchor-one']);
    expect(await loadTrustAnchors([])).toEqual([]);
    expect(await loadTrustAnchors([folder('empty', {})])).toEqual([]);
  });

  it('a path that does not exist → TRUST_ANCHOR_UNREADABLE naming it', async () => {
    const missing = path.join(dir(), 'no-such-file.pem');
    const failure = await loadTrustAnchors([first.pem, missing]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TrustAnchorError);
    expect(failure).toMatchObject({ code: 'TRUST_ANCHOR_UNREADABLE' });
    expect((failure as Error).message).toContain(missing);
  });

  it('a certificate file that holds no certificate (broken DER, a broken PEM block) → TRUST_ANCHOR_UNREADABLE naming it', async () => {
    const broken = path.join(folder('broken-der', { 'root.der': Buffer.from('not DER at all') }), 'root.der');
    await expect(loadTrustAnchors([broken])).rejects.toMatchObject({ code: 'TRUST_ANCHOR_UNREADABLE', message: expect.stringContaining(broken) });
    const half = folder('broken-pem', { 'root.pem': `${pem(first)}-----BEGIN CERTIFICATE-----\nMIIBAAAA\n-----END CERTIFICATE-----\n` });
    const failure = await loadTrustAnchors([half]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TrustAnchorError);
    expect((failure as Error).message).toContain(path.join(half, 'root.pem'));
  });
});

describe('holdsCertificates', () => {
  it('true only for an existing folder with at least one certificate file', () => {
    expect(holdsCertificates(folder('holds', { 'root.crt': pem(first) }))).toBe(true);
    expect(holdsCertificates(folder('holds-der', { 'ROOT.DER': first.der }))).toBe(true);
    expect(holdsCertificates(folder('holds-none', { 'README.md': 'trust anchors go here', 'root.pem.txt': pem(first) }))).toBe(false);
    expect(holdsCertificates(folder('holds-empty', {}))).toBe(false);
    expect(holdsCertificates(path.join(dir(), 'holds-missing'))).toBe(false);
    // A certificate file is not a folder.
    expect(holdsCertificates(first.pem)).toBe(false);
  });

  it('the shipped trust folder is resources/trust and ships without certificates (trust is not asked until the operator adds roots)', () => {
    expect(SHIPPED_TRUST_DIR).toBe(path.join(repoRoot, 'resources', 'trust'));
    expect(holdsCertificates(SHIPPED_TRUST_DIR)).toBe(false);
  });
});
