import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { requireTool } from './system-tools.js';

/**
 * Certificates for path-validation tests, every one made by `openssl ca` (not by our code): any issuer, any
 * extensions, any validity window (past, future), a key reused across certificates (re-issued or renamed CAs,
 * cross-certificates). Keys are EC P-256, fast to make. One shared index (unique_subject = no): look-alikes allowed.
 */
export interface IssuedCertificate {
  readonly name: string;
  readonly pem: string;
  readonly key: string;
  readonly der: Buffer;
}

export interface IssueOptions {
  /** The issuing certificate; absent: self-signed. */
  readonly issuer?: IssuedCertificate;
  /** Extension lines, as in an openssl extfile (`basicConstraints=critical,CA:TRUE` …). */
  readonly extensions: string;
  /** Default `/C=VN/CN=<name>`. */
  readonly subject?: string;
  /** The key file of another certificate: the same key in a second certificate. Default: a new key. */
  readonly key?: string;
  readonly notBefore?: Date;
  /** Default one year after notBefore (or now). */
  readonly notAfter?: Date;
}

export const CA_EXTENSIONS = 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign';
export const SIGNER_EXTENSIONS = 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation';

const asn1Time = (at: Date): string => at.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
const DAY = 86_400_000;

export function opensslCa(dir: string): {
  issue(name: string, options: IssueOptions): IssuedCertificate;
  /** A PKCS#12 file of the certificate and its key (password `test-123456`), for Pkcs12Signer. */
  p12(certificate: IssuedCertificate): string;
} {
  requireTool('openssl', 'openssl');
  const at = (file: string): string => path.join(dir, file);
  const openssl = (args: string[]): void => void execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  mkdirSync(at('issued'), { recursive: true });
  writeFileSync(at('index.txt'), '');
  writeFileSync(at('index.txt.attr'), 'unique_subject = no\n');
  writeFileSync(at('serial'), '1000\n');
  writeFileSync(
    at('ca.cnf'),
    `[ ca ]
default_ca = test_ca
[ test_ca ]
database = ${at('index.txt')}
new_certs_dir = ${at('issued')}
serial = ${at('serial')}
default_md = sha256
policy = policy_any
unique_subject = no
copy_extensions = none
email_in_dn = no
[ policy_any ]
countryName = optional
organizationName = optional
commonName = supplied
`,
  );
  return {
    issue(name, options) {
      const key = options.key ?? at(`${name}.key`);
      if (!options.key) openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key]);
      openssl(['req', '-new', '-key', key, '-out', at(`${name}.csr`), '-subj', options.subject ?? `/C=VN/CN=${name}`]);
      writeFileSync(at(`${name}.ext`), `${options.extensions}\n`);
      const notBefore = options.notBefore ?? new Date(Date.now() - DAY);
      const notAfter = options.notAfter ?? new Date(notBefore.getTime() + 365 * DAY);
      const signing = options.issuer ? ['-cert', options.issuer.pem, '-keyfile', options.issuer.key] : ['-selfsign', '-keyfile', key];
      openssl(['ca', '-batch', '-config', at('ca.cnf'), '-notext', '-preserveDN', '-in', at(`${name}.csr`), '-out', at(`${name}.pem`),
        '-extfile', at(`${name}.ext`), '-startdate', asn1Time(notBefore), '-enddate', asn1Time(notAfter), ...signing]);
      const der = Buffer.from(readFileSync(at(`${name}.pem`), 'latin1').replace(/-----[^-]+-----|\s/g, ''), 'base64');
      return { name, pem: at(`${name}.pem`), key, der };
    },
    p12(certificate) {
      const file = at(`${certificate.name}.p12`);
      openssl(['pkcs12', '-export', '-inkey', certificate.key, '-in', certificate.pem, '-out', file, '-passout', 'pass:test-123456']);
      return file;
    },
  };
}
