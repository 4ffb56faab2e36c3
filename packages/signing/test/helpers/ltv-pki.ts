import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { TimeStampReq } from '@peculiar/asn1-tsp';
import { requireTool } from './system-tools.js';

/**
 * A small real PKI for LTV tests and the demo (`scripts/dev-pki serve`), all made and answered by openssl:
 * - a root CA run by `openssl ca` (index.txt, serials, `-revoke`, `-gencrl`);
 * - a TSA certificate (EKU timeStamping, critical) answering RFC 3161 queries through `openssl ts -reply` behind a
 *   loopback HTTP server, which can be told to answer wrongly (another imprint or nonce, a refusal, garbage);
 * - an OCSP responder certificate (EKU OCSPSigning) served by `openssl ocsp -port` from the CA's index.txt;
 * - CRLs made by `openssl ca -gencrl` on each request, served over the same loopback HTTP server;
 * - signers issued with AIA (OCSP) and CDP (CRL) URLs pointing at those servers, packed in PKCS#12 files.
 * Keys are EC P-256 (fast to make); private keys live in the PKI folder, which is a test's or the demo's own.
 */
export type TsaMode = 'ok' | 'wrong-imprint' | 'wrong-nonce' | 'refuse' | 'garbage';

export interface LtvSigner {
  readonly name: string;
  readonly p12: string;
  readonly password: string;
  readonly certPem: string;
  readonly certDer: Buffer;
  readonly serialHex: string;
}

export interface LtvPki {
  readonly dir: string;
  readonly rootPem: string;
  readonly rootDer: Buffer;
  readonly tsaUrl: string;
  readonly ocspUrl: string;
  readonly crlUrl: string;
  /** What the TSA answers next (default ok). */
  tsaMode: TsaMode;
  /** Requests each server has seen (counts only: tests that check caching read them). */
  readonly hits: { tsa: number; crl: number };
  issueSigner(name: string, options?: { startDate?: string; endDate?: string; ocspUrl?: string }): Promise<LtvSigner>;
  /** `openssl ca -revoke` now, with a reason. */
  revoke(signer: LtvSigner, reason?: 'keyCompromise' | 'superseded' | 'cessationOfOperation'): Promise<void>;
  /** A second OCSP responder over the same index, signing with a key the CA never authorised for OCSP. */
  startRogueOcsp(): Promise<string>;
  close(): Promise<void>;
}

const PASSWORD = 'ltv-test-123456';

const der = (pemFile: string): Buffer => Buffer.from(readFileSync(pemFile, 'latin1').replace(/-----[^-]+-----|\s/g, ''), 'base64');

export async function makeLtvPki(dir: string): Promise<LtvPki> {
  requireTool('openssl', 'openssl');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const at = (f: string): string => path.join(dir, f);
  const openssl = (args: string[]): Buffer => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const ecKey = (file: string): void => void openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', at(file)]);

  const hits = { tsa: 0, crl: 0 };
  const state = { tsaMode: 'ok' as TsaMode };
  const http = createServer((request, response) => {
    void handle(request).then(
      ({ status, type, body }) => {
        response.writeHead(status, { 'content-type': type, 'content-length': body.length });
        response.end(body);
      },
      (error: unknown) => {
        response.writeHead(500);
        response.end(String(error));
      },
    );
  });
  const httpPort = await listen(http);
  const base = `http://127.0.0.1:${httpPort}`;
  const ocspPort = await freePort();
  const ocspUrl = `http://127.0.0.1:${ocspPort}/`;
  const crlUrl = `${base}/ca.crl`;
  const tsaUrl = `${base}/tsa`;

  writeFileSync(at('index.txt'), '');
  writeFileSync(at('index.txt.attr'), 'unique_subject = no\n');
  writeFileSync(at('serial'), '1000\n');
  writeFileSync(at('crlnumber'), '01\n');
  mkdirSync(at('issued'), { recursive: true });
  const caConfig = (ocsp: string): string => `
[ ca ]
default_ca = test_ca
[ test_ca ]
dir = ${dir}
database = ${at('index.txt')}
new_certs_dir = ${at('issued')}
certificate = ${at('root.pem')}
private_key = ${at('root.key')}
serial = ${at('serial')}
crlnumber = ${at('crlnumber')}
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
authorityInfoAccess = OCSP;URI:${ocsp}
crlDistributionPoints = URI:${crlUrl}
[ tsa_ext ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,nonRepudiation
extendedKeyUsage = critical,timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
crlDistributionPoints = URI:${crlUrl}
[ ocsp_ext ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = OCSPSigning
noCheck = ignored
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ rogue_ext ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ tsa ]
default_tsa = tsa_section
[ tsa_section ]
serial = ${at('tsa-serial')}
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = no
tsa_name = no
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`;
  writeFileSync(at('ca.cnf'), caConfig(ocspUrl));
  writeFileSync(at('tsa-serial'), '01\n');

  ecKey('root.key');
  openssl(['req', '-x509', '-new', '-utf8', '-key', at('root.key'), '-out', at('root.pem'), '-days', '3650', '-subj',
    '/C=VN/O=E-Office LTV thử nghiệm/CN=Root CA LTV thử nghiệm', '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-addext', 'subjectKeyIdentifier=hash']);

  const issue = (name: string, ext: string, options: { startDate?: string; endDate?: string; config?: string } = {}): string => {
    ecKey(`${name}.key`);
    openssl(['req', '-new', '-utf8', '-key', at(`${name}.key`), '-out', at(`${name}.csr`), '-subj', `/C=VN/O=UBND tỉnh Demo/CN=${name}`]);
    const dates = [
      ...(options.startDate ? ['-startdate', options.startDate] : []),
      ...(options.endDate ? ['-enddate', options.endDate] : ['-days', '365']),
    ];
    openssl(['ca', '-batch', '-notext', '-config', options.config ?? at('ca.cnf'), '-extensions', ext, ...dates, '-in', at(`${name}.csr`), '-out', at(`${name}.pem`)]);
    return at(`${name}.pem`);
  };
  issue('tsa', 'tsa_ext', { endDate: '20360101000000Z' });
  issue('ocsp', 'ocsp_ext');
  issue('rogue-ocsp', 'rogue_ext');

  // openssl ocsp reads index.txt when it starts and notices a change only by the file's mtime in whole seconds: it is
  // restarted on the same port after every issue or revocation, so an answer never depends on the clock's second.
  const responders: { port: number; signer: string; child: ChildProcess }[] = [];
  const spawnOcsp = async (port: number, signer: string): Promise<ChildProcess> => {
    const child = spawn('openssl', ['ocsp', '-index', at('index.txt'), '-port', String(port), '-CA', at('root.pem'), '-rsigner', at(`${signer}.pem`),
      '-rkey', at(`${signer}.key`), '-nmin', '60', '-ignore_err'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    await waitForAccept(child);
    return child;
  };
  const startOcsp = async (port: number, signer: string): Promise<void> => {
    responders.push({ port, signer, child: await spawnOcsp(port, signer) });
  };
  const restartResponders = async (): Promise<void> => {
    for (const responder of responders) {
      await stop(responder.child);
      responder.child = await spawnOcsp(responder.port, responder.signer);
    }
  };
  await startOcsp(ocspPort, 'ocsp');

  async function handle(request: IncomingMessage): Promise<{ status: number; type: string; body: Buffer }> {
    const body = await readBody(request);
    if (request.url === '/ca.crl' && request.method === 'GET') {
      hits.crl += 1;
      openssl(['ca', '-gencrl', '-config', at('ca.cnf'), '-out', at('ca.crl.pem')]);
      const crl = openssl(['crl', '-in', at('ca.crl.pem'), '-outform', 'DER']);
      return { status: 200, type: 'application/pkix-crl', body: crl };
    }
    if (request.url === '/tsa' && request.method === 'POST') {
      hits.tsa += 1;
      if (state.tsaMode === 'garbage') return { status: 200, type: 'application/timestamp-reply', body: Buffer.from('not a timestamp') };
      const query = tamperedQuery(body, state.tsaMode);
      const queryFile = at(`tsq-${hits.tsa}.tsq`);
      writeFileSync(queryFile, query);
      if (state.tsaMode === 'refuse') return { status: 200, type: 'application/timestamp-reply', body: REJECTION };
      const reply = openssl(['ts', '-reply', '-config', at('ca.cnf'), '-queryfile', queryFile, '-signer', at('tsa.pem'), '-inkey', at('tsa.key'),
        '-chain', at('root.pem'), '-out', '-']);
      return { status: 200, type: 'application/timestamp-reply', body: reply };
    }
    return { status: 404, type: 'text/plain', body: Buffer.from('not found') };
  }

  let rogueUrl: string | null = null;
  return {
    dir,
    rootPem: at('root.pem'),
    rootDer: der(at('root.pem')),
    tsaUrl,
    ocspUrl,
    crlUrl,
    get tsaMode() {
      return state.tsaMode;
    },
    set tsaMode(mode: TsaMode) {
      state.tsaMode = mode;
    },
    hits,
    async issueSigner(name, options = {}) {
      let config: string | undefined;
      if (options.ocspUrl) {
        config = at(`ca-${name}.cnf`);
        writeFileSync(config, caConfig(options.ocspUrl));
      }
      const pem = issue(name, 'signer_ext', { ...options, ...(config ? { config } : {}) });
      const p12 = at(`${name}.p12`);
      openssl(['pkcs12', '-export', '-inkey', at(`${name}.key`), '-in', pem, '-certfile', at('root.pem'), '-out', p12, '-passout', `pass:${PASSWORD}`]);
      const serialHex = openssl(['x509', '-in', pem, '-noout', '-serial']).toString('latin1').trim().split('=')[1]!.toLowerCase();
      await restartResponders();
      return { name, p12, password: PASSWORD, certPem: pem, certDer: der(pem), serialHex };
    },
    async revoke(signer, reason = 'keyCompromise') {
      openssl(['ca', '-config', at('ca.cnf'), '-revoke', signer.certPem, '-crl_reason', reason]);
      await restartResponders();
    },
    async startRogueOcsp() {
      if (rogueUrl) return rogueUrl;
      const port = await freePort();
      await startOcsp(port, 'rogue-ocsp');
      rogueUrl = `http://127.0.0.1:${port}/`;
      return rogueUrl;
    },
    async close() {
      for (const responder of responders) await stop(responder.child);
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** TimeStampResp with status rejection (2) and no token: what a TSA that refuses answers. */
const REJECTION = Buffer.from('3005300302 0102'.replace(/\s/g, ''), 'hex');

/** The query as a misbehaving TSA would have read it: another imprint or another nonce, the rest kept. */
function tamperedQuery(query: Buffer, mode: TsaMode): Buffer {
  if (mode !== 'wrong-imprint' && mode !== 'wrong-nonce') return query;
  const request = AsnConvert.parse(query, TimeStampReq);
  if (mode === 'wrong-imprint') {
    const hashed = Buffer.from(request.messageImprint.hashedMessage.buffer);
    hashed[0] = (hashed[0] ?? 0) ^ 0xff;
    request.messageImprint.hashedMessage = new OctetString(hashed);
  } else {
    const nonce = Buffer.from(request.nonce ?? new ArrayBuffer(8));
    nonce[nonce.length - 1] = (nonce[nonce.length - 1] ?? 0) ^ 0x01;
    request.nonce = nonce.buffer.slice(nonce.byteOffset, nonce.byteOffset + nonce.length);
  }
  return Buffer.from(AsnConvert.serialize(request));
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill();
  await exited;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * Waits until the responder says it accepts connections ("ACCEPT …"). Not by connecting to it: openssl 3.0's
 * single-process responder then waits forever on the probe's connection and answers nobody else.
 */
async function waitForAccept(child: ChildProcess): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString('latin1');
      if (seen.includes('ACCEPT')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`openssl ocsp exited (${code}): ${seen}`)));
  });
}
