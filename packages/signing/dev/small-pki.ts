import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * A small real PKI made and answered by openssl, shared by the LTV tests (packages/signing/test/helpers/ltv-pki.ts)
 * and the demo's `scripts/dev-pki`: a root CA run by `openssl ca` (index.txt, serials, `-revoke`, `-gencrl`), a TSA
 * certificate (EKU timeStamping, critical) for `openssl ts -reply`, an OCSP responder certificate (EKU OCSPSigning)
 * for `openssl ocsp`, and the `ca.cnf` sections that give issued certificates AIA (OCSP) and CDP (CRL) URLs.
 * Dev and test only (packages/signing/dev is no part of the library: src never imports it). Keys are EC P-256 (fast
 * to make) and readable by their owner only; the folder is 0700.
 */
export interface PkiUrls {
  readonly ocspUrl: string;
  readonly crlUrl: string;
}

export interface PkiNames {
  /** The root's subject, e.g. /C=VN/O=…/CN=… */
  readonly root: string;
  /** The TSA's and OCSP responder's subjects. */
  readonly tsa: string;
  readonly ocsp: string;
}

export type Openssl = (args: string[]) => Buffer;

export const at = (dir: string, file: string): string => path.join(dir, file);

/** openssl in the PKI folder; its stderr is kept (never printed) so a failure names openssl's reason. */
export function opensslIn(dir: string): Openssl {
  return (args) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A new EC P-256 private key readable by its owner only. */
export function makeKey(openssl: Openssl, file: string): void {
  openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', file]);
  chmodSync(file, 0o600);
}

/**
 * `openssl ca` and `openssl ts` configuration. `signer_ext` is the tests' signer; `token_ext` the dev token's
 * (scripts/dev-token --pki: the same key usages and EKUs as its own CA gives); both carry AIA and CDP.
 */
export function caConfig(dir: string, urls: PkiUrls, extraSections = ''): string {
  const file = (f: string): string => at(dir, f);
  return `
[ ca ]
default_ca = test_ca
[ test_ca ]
dir = ${dir}
database = ${file('index.txt')}
new_certs_dir = ${file('issued')}
certificate = ${file('root.pem')}
private_key = ${file('root.key')}
serial = ${file('serial')}
crlnumber = ${file('crlnumber')}
default_md = sha256
default_days = 365
default_crl_days = 1
policy = policy_any
copy_extensions = none
unique_subject = no
utf8 = yes
[ policy_any ]
countryName = optional
organizationName = optional
commonName = supplied
[ signer_ext ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
authorityInfoAccess = OCSP;URI:${urls.ocspUrl}
crlDistributionPoints = URI:${urls.crlUrl}
[ token_ext ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,nonRepudiation
extendedKeyUsage = emailProtection,1.3.6.1.4.1.311.10.3.12
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
authorityInfoAccess = OCSP;URI:${urls.ocspUrl}
crlDistributionPoints = URI:${urls.crlUrl}
[ tsa_ext ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,nonRepudiation
extendedKeyUsage = critical,timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
crlDistributionPoints = URI:${urls.crlUrl}
[ ocsp_ext ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = OCSPSigning
noCheck = ignored
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
${extraSections}
[ tsa ]
default_tsa = tsa_section
[ tsa_section ]
serial = ${file('tsa-serial')}
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = no
tsa_name = no
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`;
}

export interface IssueOptions {
  readonly subject: string;
  readonly ext: string;
  readonly startDate?: string;
  readonly endDate?: string;
  readonly config?: string;
}

/** A new key and a certificate for it from `openssl ca` (recorded in index.txt, so OCSP and CRLs know it). */
export function issueCertificate(dir: string, name: string, options: IssueOptions): string {
  const openssl = opensslIn(dir);
  makeKey(openssl, at(dir, `${name}.key`));
  openssl(['req', '-new', '-utf8', '-key', at(dir, `${name}.key`), '-out', at(dir, `${name}.csr`), '-subj', options.subject]);
  const dates = [
    ...(options.startDate ? ['-startdate', options.startDate] : []),
    ...(options.endDate ? ['-enddate', options.endDate] : ['-days', '365']),
  ];
  openssl(['ca', '-batch', '-notext', '-config', options.config ?? at(dir, 'ca.cnf'), '-extensions', options.ext, ...dates,
    '-in', at(dir, `${name}.csr`), '-out', at(dir, `${name}.pem`)]);
  return at(dir, `${name}.pem`);
}

/**
 * Makes the CA's files, the root, the TSA and the OCSP responder in `dir`; each step only when its file is missing,
 * so a second call on a finished folder changes nothing. `ca.cnf` is rewritten: it is derived from the URLs.
 */
export function ensurePki(dir: string, urls: PkiUrls, names: PkiNames, extraSections = ''): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const file = (f: string): string => at(dir, f);
  const once = (f: string, content: string): void => {
    if (!existsSync(file(f))) writeFileSync(file(f), content);
  };
  once('index.txt', '');
  once('index.txt.attr', 'unique_subject = no\n');
  once('serial', '1000\n');
  once('crlnumber', '01\n');
  once('tsa-serial', '01\n');
  mkdirSync(file('issued'), { recursive: true });
  writeFileSync(file('ca.cnf'), caConfig(dir, urls, extraSections));
  const openssl = opensslIn(dir);
  if (!existsSync(file('root.pem'))) {
    makeKey(openssl, file('root.key'));
    openssl(['req', '-x509', '-new', '-utf8', '-key', file('root.key'), '-out', file('root.pem'), '-days', '3650', '-subj', names.root,
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-addext', 'subjectKeyIdentifier=hash']);
  }
  if (!existsSync(file('tsa.pem'))) issueCertificate(dir, 'tsa', { subject: names.tsa, ext: 'tsa_ext', endDate: '20360101000000Z' });
  if (!existsSync(file('ocsp.pem'))) issueCertificate(dir, 'ocsp', { subject: names.ocsp, ext: 'ocsp_ext' });
}

/** `openssl ts -reply` to an RFC 3161 query already written to `queryFile`: the DER TimeStampResp. */
export function tsaReply(dir: string, queryFile: string): Buffer {
  return opensslIn(dir)(['ts', '-reply', '-config', at(dir, 'ca.cnf'), '-queryfile', queryFile, '-signer', at(dir, 'tsa.pem'),
    '-inkey', at(dir, 'tsa.key'), '-chain', at(dir, 'root.pem'), '-out', '-']);
}

/** A fresh CRL from `openssl ca -gencrl` (so a revocation shows at once), in DER. */
export function currentCrl(dir: string): Buffer {
  const openssl = opensslIn(dir);
  openssl(['ca', '-gencrl', '-config', at(dir, 'ca.cnf'), '-out', at(dir, 'ca.crl.pem')]);
  return openssl(['crl', '-in', at(dir, 'ca.crl.pem'), '-outform', 'DER']);
}

/**
 * One OCSP answer from `openssl ocsp` in responder mode without a port (`-reqin`/`-respout`): it reads index.txt
 * on every request, so a certificate issued or revoked while the server runs is answered at once.
 */
export function ocspReply(dir: string, requestFile: string, responseFile: string): Buffer {
  opensslIn(dir)(['ocsp', '-index', at(dir, 'index.txt'), '-CA', at(dir, 'root.pem'), '-rsigner', at(dir, 'ocsp.pem'),
    '-rkey', at(dir, 'ocsp.key'), '-nmin', '60', '-reqin', requestFile, '-respout', responseFile]);
  return readFileSync(responseFile);
}

export async function readBody(request: IncomingMessage, maxBytes = 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new Error('request too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Listens on loopback only (port 0: any free one); resolves with the port, rejects when it is taken. */
export function listenLoopback(server: Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
