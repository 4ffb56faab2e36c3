import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { TimeStampReq } from '@peculiar/asn1-tsp';
import { caConfig, currentCrl, ensurePki, issueCertificate, listenLoopback, readBody, tsaReply } from '../../dev/small-pki.js';
import { requireTool } from './system-tools.js';

/**
 * A small real PKI for LTV tests, all made and answered by openssl (the CA, the certificates and the TSA's and CRL's
 * answers come from packages/signing/dev/small-pki.ts, which the demo's `scripts/dev-pki` shares; the misbehaving
 * modes, the rogue responder and `openssl ocsp -port` restarted on every change are the tests' own):
 * - a root CA run by `openssl ca` (index.txt, serials, `-revoke`, `-gencrl`);
 * - a TSA certificate (EKU timeStamping, critical) answering RFC 3161 queries through `openssl ts -reply` behind a
 *   loopback HTTP server, which can be told to answer wrongly (another imprint or nonce, a refusal, garbage);
 * - an OCSP responder certificate (EKU OCSPSigning) served by `openssl ocsp -port` from the CA's index.txt;
 * - CRLs made by `openssl ca -gencrl` on each request, served over the same loopback HTTP server;
 * - signers issued with AIA (OCSP) and CDP (CRL) URLs pointing at those servers, packed in PKCS#12 files.
 * Keys are EC P-256 (fast to make); private keys live in the PKI folder, which is a test's own.
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
  /** `openssl ca -revoke` now, with a reason (null: none given). */
  revoke(signer: LtvSigner, reason?: 'keyCompromise' | 'superseded' | 'cessationOfOperation' | null): Promise<void>;
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
  const httpPort = await listenLoopback(http);
  const base = `http://127.0.0.1:${httpPort}`;
  const ocspPort = await freePort();
  const ocspUrl = `http://127.0.0.1:${ocspPort}/`;
  const crlUrl = `${base}/ca.crl`;
  const tsaUrl = `${base}/tsa`;

  // The CA, root, TSA and OCSP responder come from the demo's shared maker (packages/signing/dev/small-pki.ts); only the rogue
  // responder's profile is the tests' own.
  const urls = { ocspUrl, crlUrl };
  const subject = (cn: string): string => `/C=VN/O=UBND tỉnh Demo/CN=${cn}`;
  ensurePki(dir, urls, { root: '/C=VN/O=E-Office LTV thử nghiệm/CN=Root CA LTV thử nghiệm', tsa: subject('tsa'), ocsp: subject('ocsp') }, ROGUE_EXT);
  const issue = (name: string, ext: string, options: { startDate?: string; endDate?: string; config?: string } = {}): string =>
    issueCertificate(dir, name, { subject: subject(name), ext, ...options });
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
      return { status: 200, type: 'application/pkix-crl', body: currentCrl(dir) };
    }
    if (request.url === '/tsa' && request.method === 'POST') {
      hits.tsa += 1;
      if (state.tsaMode === 'garbage') return { status: 200, type: 'application/timestamp-reply', body: Buffer.from('not a timestamp') };
      const query = tamperedQuery(body, state.tsaMode);
      const queryFile = at(`tsq-${hits.tsa}.tsq`);
      writeFileSync(queryFile, query);
      if (state.tsaMode === 'refuse') return { status: 200, type: 'application/timestamp-reply', body: REJECTION };
      return { status: 200, type: 'application/timestamp-reply', body: tsaReply(dir, queryFile) };
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
        writeFileSync(config, caConfig(dir, { ocspUrl: options.ocspUrl, crlUrl }, ROGUE_EXT));
      }
      const pem = issue(name, 'signer_ext', { ...options, ...(config ? { config } : {}) });
      const p12 = at(`${name}.p12`);
      openssl(['pkcs12', '-export', '-inkey', at(`${name}.key`), '-in', pem, '-certfile', at('root.pem'), '-out', p12, '-passout', `pass:${PASSWORD}`]);
      const serialHex = openssl(['x509', '-in', pem, '-noout', '-serial']).toString('latin1').trim().split('=')[1]!.toLowerCase();
      await restartResponders();
      return { name, p12, password: PASSWORD, certPem: pem, certDer: der(pem), serialHex };
    },
    async revoke(signer, reason = 'keyCompromise') {
      openssl(['ca', '-config', at('ca.cnf'), '-revoke', signer.certPem, ...(reason === null ? [] : ['-crl_reason', reason])]);
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

/** The rogue responder's profile: a key the CA never authorised for OCSP (no OCSPSigning EKU). */
const ROGUE_EXT = `
[ rogue_ext ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;

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
