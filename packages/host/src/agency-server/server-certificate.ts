import { X509Certificate, generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { EOfficeError } from '@eoffice/contract';

/** The server's TLS identity: PEM certificate and key, and the certificate's SHA-256 fingerprint that clients pin. */
export interface ServerCertificate {
  readonly cert: string;
  readonly key: string;
  /** `AB:CD:…`, 32 bytes in upper-case hex pairs, as `openssl x509 -fingerprint -sha256` prints it. */
  readonly fingerprint: string;
  /** Made on this start (first start without a certificate of the admin's). */
  readonly created: boolean;
}

/** Where a self-made certificate is kept: inside the data folder, owner-only like every data file. */
export const SERVER_CERT_FILE = join('server', 'tls-cert.pem');
export const SERVER_KEY_FILE = join('server', 'tls-key.pem');

const TEN_YEARS_MS = 10 * 365 * 24 * 3_600_000;

/**
 * The admin's certificate and key (`--tls-cert/--tls-key`), or the one kept in the data folder, or a new self-signed
 * one made now and kept there (0600, written through a temporary file and a rename). Workstations pin its
 * fingerprint, so a self-signed certificate is as good as a CA's for them; browsers warn once.
 */
export async function serverCertificate(options: { dataDir: string; certFile?: string; keyFile?: string; hostName: string }): Promise<ServerCertificate> {
  if (options.certFile !== undefined || options.keyFile !== undefined) {
    if (!options.certFile || !options.keyFile) {
      throw new EOfficeError('E_USAGE', '--tls-cert và --tls-key đi cùng nhau / --tls-cert and --tls-key go together');
    }
    const cert = await readText(options.certFile);
    const key = await readText(options.keyFile);
    return { cert, key, fingerprint: fingerprintOf(cert), created: false };
  }
  const certPath = join(options.dataDir, SERVER_CERT_FILE);
  const keyPath = join(options.dataDir, SERVER_KEY_FILE);
  const kept = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]).catch(() => null);
  if (kept) {
    // Earlier versions or a hand copy may have left them readable: the key is the server's identity.
    await Promise.all([chmod(certPath, 0o600), chmod(keyPath, 0o600)]);
    return { cert: kept[0], key: kept[1], fingerprint: fingerprintOf(kept[0]), created: false };
  }
  const made = await selfSignedCertificate(options.hostName);
  await mkdir(join(options.dataDir, 'server'), { recursive: true, mode: 0o700 });
  await writePrivate(keyPath, made.key);
  await writePrivate(certPath, made.cert);
  return { ...made, fingerprint: fingerprintOf(made.cert), created: true };
}

/** `AB:CD:…` of a PEM certificate; throws a typed error for something that is not one. */
export function fingerprintOf(pem: string): string {
  try {
    return new X509Certificate(pem).fingerprint256;
  } catch {
    throw new EOfficeError('E_INVALID_INPUT', 'Tệp chứng thư máy chủ không đọc được (PEM) / the server certificate is not a readable PEM certificate');
  }
}

/**
 * A fingerprint as people copy it: with or without colons or a `SHA256:` prefix, any case. Returns the canonical
 * `AB:CD:…` form, or undefined when it is not 32 bytes of hex.
 */
export function normaliseFingerprint(text: string): string | undefined {
  const hex = text.trim().replace(/^sha-?256[:=]?/i, '').replace(/[\s:]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) return undefined;
  return hex.match(/../g)!.join(':');
}

async function selfSignedCertificate(hostName: string): Promise<{ cert: string; key: string }> {
  // Loaded here, on the first start of a server without a certificate: every face imports this module (the
  // fingerprint helpers), and node-forge cost each of them its evaluation.
  const { default: forge } = await import('node-forge');
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  // Positive (leading 01) and random, as RFC 5280 asks of a serial.
  certificate.serialNumber = `01${randomBytes(12).toString('hex')}`;
  const now = Date.now();
  certificate.validity.notBefore = new Date(now - 3_600_000);
  certificate.validity.notAfter = new Date(now + TEN_YEARS_MS);
  const subject = [
    { name: 'commonName', value: hostName.slice(0, 64) },
    { name: 'organizationName', value: 'E-Office agency server' },
  ];
  certificate.setSubject(subject);
  certificate.setIssuer(subject);
  // Every name this server may be reached by on the LAN that we know of; a pinned client does not need them.
  const names = new Set([hostName, 'localhost', '127.0.0.1', '::1']);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [...names].filter((name) => name !== '0.0.0.0' && name !== '::').map((name) => (isIP(name) ? { type: 7, ip: name } : { type: 2, value: name })),
    },
  ]);
  certificate.sign(forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()), forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(certificate), key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

async function writePrivate(path: string, text: string): Promise<void> {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, text, { mode: 0o600, flag: 'wx' });
  await rename(temporary, path);
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new EOfficeError('E_FILE_UNREADABLE', `Không đọc được tệp / cannot read ${path}: ${(error as Error).message}`);
  }
}
