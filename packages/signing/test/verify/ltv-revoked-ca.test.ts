import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParsedCertificate } from '../../src/index.js';
import { judgePathRevocation } from '../../src/verify/ltv/revocation-verdict.js';
import type { VerifyProblem } from '../../src/verify/report/verify-problem.js';
import { CA_EXTENSIONS, opensslCa, SIGNER_EXTENSIONS } from '../helpers/openssl-ca.js';
import { run } from '../helpers/system-tools.js';
import { useTempDir } from '../helpers/temp-dir.js';

/**
 * A revoked CA above a signer nobody revoked (issue 15): the path's verdict is revoked, told by the CA's entry, while the
 * signer's own status stays unknown. The CA is revoked with `openssl ca -revoke` and the root's CRL made by
 * `openssl ca -gencrl`; `openssl crl` reads the same entry.
 */
const tempDir = useTempDir('ltv-revoked-ca-');

describe('judgePathRevocation with a revoked CA', () => {
  it('the CA revoked by its root\'s CRL, the signer unknown: the verdict is revoked, with the CA\'s time and reason, and CERT_REVOKED names the CA', () => {
    const dir = tempDir();
    const ca = opensslCa(dir);
    const root = ca.issue('root', { extensions: CA_EXTENSIONS, subject: '/C=VN/CN=Root thu hoi' });
    const middle = ca.issue('middle', { issuer: root, extensions: CA_EXTENSIONS, subject: '/C=VN/CN=CA bi thu hoi' });
    const leaf = ca.issue('leaf', { issuer: middle, extensions: SIGNER_EXTENSIONS, subject: '/C=VN/CN=Nguoi ky' });
    const config = path.join(dir, 'ca.cnf');
    const step = (args: string[]) => {
      const r = run('openssl', args);
      expect(r.status, r.stderr).toBe(0);
      return r.stdout;
    };
    step(['ca', '-config', config, '-revoke', middle.pem, '-crl_reason', 'cACompromise', '-cert', root.pem, '-keyfile', root.key]);
    const crlPem = path.join(dir, 'root.crl.pem');
    step(['ca', '-config', config, '-gencrl', '-crldays', '2', '-cert', root.pem, '-keyfile', root.key, '-out', crlPem]);
    expect(step(['crl', '-in', crlPem, '-noout', '-text'])).toMatch(/CA Compromise/);
    const crl = Buffer.from(readFileSync(crlPem, 'latin1').replace(/-----[^-]+-----|\s/g, ''), 'base64');

    const [signer, caCert, anchor] = [leaf, middle, root].map((c) => new ParsedCertificate(c.der)) as [ParsedCertificate, ParsedCertificate, ParsedCertificate];
    const at = new Date(Date.now() + 60_000);
    const problems: VerifyProblem[] = [];
    const verdict = judgePathRevocation(signer, [signer, caCert, anchor], [], [{ source: 'embedded', data: { ocsps: [], crls: [crl] } }], at, problems);
    expect(verdict.certificates.map((c) => [c.subject, c.status, c.source, c.reason])).toEqual([
      ['CN=Nguoi ky,C=VN', 'unknown', null, null],
      ['CN=CA bi thu hoi,C=VN', 'revoked', 'embedded', 'cACompromise'],
    ]);
    const caEntry = verdict.certificates[1]!;
    expect(verdict).toEqual({
      status: 'revoked',
      source: 'embedded',
      revokedAt: caEntry.revokedAt,
      reason: 'cACompromise',
      judgedAt: at.toISOString(),
      certificates: verdict.certificates,
    });
    expect(caEntry.revokedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    expect(problems.map((p) => [p.code, p.severity])).toEqual([['CERT_REVOKED', 'error']]);
    expect(problems[0]?.message).toContain('"CN=CA bi thu hoi,C=VN"');
  });
});
