import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfsig } from '../../../packages/signing/test/helpers/pdfsig.js';
import { makeSamplePdf } from '../../../packages/signing/test/helpers/sample-pdfs.js';
import { REPO_ROOT, runEoffice } from './run-eoffice.js';
import { runDevToken } from '../../../packages/signing/test/helpers/dev-token.js';

interface PkiDescription {
  dir: string;
  port: number;
  tsaUrl: string;
  ocspUrl: string;
  crlUrl: string;
  rootCert: string;
}

interface DevToken {
  softhsm2Conf: string;
  module: string;
  token: string;
  pin: string;
  certs: { leader: string; deputy: string };
}

const dir = mkdtempSync(join(tmpdir(), 'eoffice-dev-pki-'));
const pkiDir = join(dir, 'pki');
let port: number;
let serve: ChildProcess | null = null;
let serveExit: Promise<number | null>;

function devPki(args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(join(REPO_ROOT, 'scripts/dev-pki'), args, { encoding: 'utf8' });
}

/** A port free now: init must know it before serve listens, since the certificates name it. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Starts `scripts/dev-pki serve` and resolves with the TSA URL it prints once it listens. */
function startServe(): Promise<string> {
  const child = spawn(join(REPO_ROOT, 'scripts/dev-pki'), ['serve', '--dir', pkiDir, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  serve = child;
  serveExit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const url = /^TSA=(\S+)$/m.exec(out)?.[1];
      if (url) resolve(url);
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.once('exit', (code) => reject(new Error(`dev-pki serve exited (${code}): ${err}`)));
  });
}

let pki: PkiDescription;
let token: DevToken;
let tsaUrl: string;

beforeAll(async () => {
  port = await freePort();
  const made = devPki(['init', '--dir', pkiDir, '--port', String(port)]);
  if (made.status !== 0) throw new Error(`dev-pki init failed: ${made.stderr}`);
  pki = JSON.parse(made.stdout) as PkiDescription;
  tsaUrl = await startServe();
  // The token is made after serve started: its certificates are new to the running OCSP responder and CRL.
  token = runDevToken(join(dir, 'token'), ['--pki', pkiDir]);
}, 120_000);

afterAll(async () => {
  if (serve && serve.exitCode === null && serve.signalCode === null) {
    serve.kill('SIGTERM');
    await serveExit;
  }
  rmSync(dir, { recursive: true, force: true });
});

const tokenSign = (input: string, out: string, keyId: string, extra: string[] = []) =>
  runEoffice(['sign', input, '--out', out, '--pkcs11', token.module, '--token', token.token, '--key-id', keyId, '--pin-env', 'PIN', '--json', ...extra], {
    env: { SOFTHSM2_CONF: token.softhsm2Conf, PIN: token.pin },
  });

describe('scripts/dev-pki', () => {
  it('init makes a CA, a TSA (EKU timeStamping, critical) and an OCSP responder pointing at the port; keys 0600; a rerun changes nothing', () => {
    expect(pki).toMatchObject({ port, tsaUrl: `http://127.0.0.1:${port}/tsa`, ocspUrl: `http://127.0.0.1:${port}/ocsp` });
    const ext = (cert: string, name: string): string =>
      spawnSync('openssl', ['x509', '-in', cert, '-noout', '-ext', name], { encoding: 'utf8' }).stdout;
    expect(ext(join(pkiDir, 'tsa.pem'), 'extendedKeyUsage')).toMatch(/Extended Key Usage: critical\s+Time Stamping/);
    expect(ext(join(pkiDir, 'ocsp.pem'), 'extendedKeyUsage')).toMatch(/OCSP Signing/);
    expect(ext(token.certs.leader, 'authorityInfoAccess')).toContain(`OCSP - URI:${pki.ocspUrl}`);
    expect(ext(token.certs.leader, 'crlDistributionPoints')).toContain(`URI:${pki.crlUrl}`);
    for (const key of ['root.key', 'tsa.key', 'ocsp.key']) expect(statSync(join(pkiDir, key)).mode & 0o777).toBe(0o600);
    expect(statSync(pkiDir).mode & 0o777).toBe(0o700);

    const root = readFileSync(pki.rootCert);
    const again = devPki(['init', '--dir', pkiDir]);
    expect(again.status, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual(pki);
    expect(readFileSync(pki.rootCert)).toEqual(root);
    // Another port would contradict the URLs inside the certificates already made.
    const otherPort = devPki(['init', '--dir', pkiDir, '--port', String(port === 65535 ? port - 1 : port + 1)]);
    expect([otherPort.status, otherPort.stderr]).toEqual([2, expect.stringContaining(`port ${port}`)]);
  });

  it('the dev token signs B-T with serve\'s TSA, ltv add fetches OCSP and CRL from serve: verify --json says B-LTA, intact, valid, trusted, offline', async () => {
    const input = join(dir, 'in.pdf');
    writeFileSync(input, await makeSamplePdf());
    const bt = join(dir, 'bt.pdf');
    const signed = await tokenSign(input, bt, '01', ['--tsa', tsaUrl]);
    expect(signed.code, signed.stderr).toBe(0);
    expect(JSON.parse(signed.stdout)).toMatchObject({ level: 'B-T', warning: null });

    const lta = join(dir, 'lta.pdf');
    const added = await runEoffice(['ltv', 'add', bt, '--out', lta, '--tsa', tsaUrl, '--trust', pki.rootCert, '--json']);
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ renewal: false, failures: [], added: { ocsps: 1, crls: 1 } });

    // No --online: the verdict stands on what the file embeds.
    const verified = await runEoffice(['verify', lta, '--trust', pki.rootCert, '--json']);
    expect(verified.code, verified.stdout).toBe(0);
    const [signature, stamp] = JSON.parse(verified.stdout).signatures;
    expect(signature).toMatchObject({
      kind: 'signature',
      level: 'B-LTA',
      intact: true,
      valid: true,
      trusted: true,
      signer: { commonName: 'Nguyễn Văn An' },
      timestamp: { tsa: 'CN=E-Office Demo TSA,O=E-Office Demo,C=VN', intact: true, valid: true, trusted: true },
      revocation: { status: 'good', source: 'embedded' },
    });
    expect(stamp).toMatchObject({ kind: 'docTimestamp', intact: true, valid: true, trusted: true });
    const report = pdfsig(lta);
    expect(report.signatures[0]?.validation, report.raw).toBe('Signature is Valid.');
  }, 180_000);

  it('serve answers a revocation made while it runs (OCSP and CRL are made per request from index.txt): verify --online says revoked', async () => {
    const input = join(dir, 'deputy-in.pdf');
    writeFileSync(input, await makeSamplePdf());
    const bb = join(dir, 'deputy-bb.pdf');
    expect((await tokenSign(input, bb, '04')).code).toBe(0);
    const revoked = spawnSync('openssl', ['ca', '-config', join(pkiDir, 'ca.cnf'), '-revoke', token.certs.deputy, '-crl_reason', 'keyCompromise'], { encoding: 'utf8' });
    expect(revoked.status, revoked.stderr).toBe(0);
    const online = await runEoffice(['verify', bb, '--trust', pki.rootCert, '--online', '--json']);
    expect(JSON.parse(online.stdout).signatures[0].revocation).toMatchObject({ status: 'revoked', source: 'online', reason: 'keyCompromise' });
  }, 180_000);

  it('after Ctrl-C serve exits 0 and sign --tsa fails clearly (E_TSA_UNREACHABLE, exit 1, no output left)', async () => {
    serve?.kill('SIGINT');
    expect(await serveExit).toBe(0);
    const input = join(dir, 'late-in.pdf');
    writeFileSync(input, await makeSamplePdf());
    const out = join(dir, 'late.pdf');
    const refused = await tokenSign(input, out, '01', ['--tsa', tsaUrl]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.split(':')[0]).toBe('E_TSA_UNREACHABLE');
    expect(() => statSync(out)).toThrow();
  }, 180_000);
});
