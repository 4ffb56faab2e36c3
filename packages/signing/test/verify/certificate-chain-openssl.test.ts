import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParsedCertificate } from '../../src/certificates/parsed-certificate.js';
import { verifyCertificateChain } from '../../src/verify/certificates/certificate-chain.js';
import { requireTool } from '../helpers/system-tools.js';
import { useTempDir } from '../helpers/temp-dir.js';

/**
 * Chains made with the openssl CLI (issue 15 item 2): a signer whose key usage forbids signing, and an intermediate
 * marked CA:FALSE, each give their named code and trusted false; the same chain made properly is trusted. Without
 * these, removing the key-usage or the CA check left every test green.
 */
describe('certificate chain checks on openssl-made certificates', () => {
  const dir = useTempDir('eoffice-chain-');
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir(), stdio: 'pipe' });
  };
  const parsed = (name: string): ParsedCertificate =>
    new ParsedCertificate(Buffer.from(readFileSync(path.join(dir(), `${name}.pem`), 'latin1').replace(/-----[^-]+-----|\s/g, ''), 'base64'));

  /** A certificate `name` with the given extensions, issued by `issuer` (self-signed when null). */
  function issue(name: string, issuer: string | null, extensions: string): ParsedCertificate {
    openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', `${name}.key`);
    writeFileSync(path.join(dir(), `${name}.cnf`), `${extensions}\n`);
    if (issuer === null) {
      openssl('req', '-x509', '-new', '-key', `${name}.key`, '-out', `${name}.pem`, '-days', '3650', '-subj', `/C=VN/CN=${name}`,
        '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
    } else {
      openssl('req', '-new', '-key', `${name}.key`, '-out', `${name}.csr`, '-subj', `/C=VN/CN=${name}`);
      openssl('x509', '-req', '-in', `${name}.csr`, '-CA', `${issuer}.pem`, '-CAkey', `${issuer}.key`, '-CAcreateserial',
        '-out', `${name}.pem`, '-days', '365', '-extfile', `${name}.cnf`);
    }
    return parsed(name);
  }

  const SIGNER = 'keyUsage=critical,digitalSignature,nonRepudiation\nbasicConstraints=CA:FALSE';
  const CA = 'keyUsage=critical,keyCertSign,cRLSign\nbasicConstraints=critical,CA:TRUE';
  const now = () => new Date();
  const codes = (verdict: { problems: readonly { code: string }[] }) => verdict.problems.map((p) => p.code);

  it('a proper root → intermediate → signer chain is trusted with no problem (the control)', () => {
    requireTool('openssl', 'openssl');
    const root = issue('root-ok', null, '');
    const intermediate = issue('inter-ok', 'root-ok', CA);
    const signer = issue('signer-ok', 'inter-ok', SIGNER);
    const verdict = verifyCertificateChain(signer, [intermediate], [root], now());
    expect(codes(verdict)).toEqual([]);
    expect(verdict.trusted).toBe(true);
    expect(verdict.path.map((c) => c.subjectText)).toEqual([signer.subjectText, intermediate.subjectText, root.subjectText]);
  });

  it('a signer whose key usage is keyEncipherment only → KEY_USAGE_INVALID, trusted false', () => {
    const root = issue('root-ku', null, '');
    const signer = issue('signer-ku', 'root-ku', 'keyUsage=critical,keyEncipherment\nbasicConstraints=CA:FALSE');
    const verdict = verifyCertificateChain(signer, [], [root], now());
    expect(codes(verdict)).toEqual(['KEY_USAGE_INVALID']);
    expect(verdict.trusted).toBe(false);
    // Without anchors trust is not asked, yet the key usage is still told.
    expect(codes(verifyCertificateChain(signer, [], [], now()))).toEqual(['KEY_USAGE_INVALID']);
    expect(verifyCertificateChain(signer, [], [], now()).path).toEqual([]);
    // No path to a root that did not issue it: an empty path, not a partial one.
    const stranger = issue('root-stranger', null, '');
    expect(verifyCertificateChain(signer, [], [stranger], now())).toMatchObject({ trusted: false, path: [] });
  });

  it('an intermediate marked CA:FALSE → CA_CONSTRAINTS_INVALID, trusted false', () => {
    const root = issue('root-ca', null, '');
    const intermediate = issue('inter-notca', 'root-ca', 'keyUsage=critical,keyCertSign,cRLSign\nbasicConstraints=critical,CA:FALSE');
    const signer = issue('signer-ca', 'inter-notca', SIGNER);
    const verdict = verifyCertificateChain(signer, [intermediate], [root], now());
    expect(codes(verdict)).toEqual(['CA_CONSTRAINTS_INVALID']);
    expect(verdict.trusted).toBe(false);
  });

  it('an intermediate CA without keyCertSign → CA_CONSTRAINTS_INVALID, trusted false', () => {
    const root = issue('root-kcs', null, '');
    const intermediate = issue('inter-nokcs', 'root-kcs', 'keyUsage=critical,digitalSignature\nbasicConstraints=critical,CA:TRUE');
    const signer = issue('signer-kcs', 'inter-nokcs', SIGNER);
    const verdict = verifyCertificateChain(signer, [intermediate], [root], now());
    expect(codes(verdict)).toEqual(['CA_CONSTRAINTS_INVALID']);
    expect(verdict.trusted).toBe(false);
  });
});
