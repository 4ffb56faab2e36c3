import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { requireTool } from './system-tools.js';

export type TestKeyType = 'rsa-2048' | 'rsa-3072' | 'rsa-4096' | 'ec-p256' | 'ec-p384';

export interface TestIdentity {
  readonly p12: string;
  readonly password: string;
  readonly leafPem: string;
  readonly leafDer: Buffer;
  readonly rootPem: string;
  readonly rootDer: Buffer;
}

const openssl = (args: string[], cwd: string): void => {
  execFileSync('openssl', args, { cwd, stdio: 'pipe' });
};

const keyArgs = (type: TestKeyType): string[] =>
  type.startsWith('rsa')
    ? ['-algorithm', 'RSA', '-pkeyopt', `rsa_keygen_bits:${type.slice(4)}`]
    : ['-algorithm', 'EC', '-pkeyopt', `ec_paramgen_curve:${type === 'ec-p256' ? 'P-256' : 'P-384'}`];

/**
 * A root CA and a signer certificate issued by it, made with the openssl CLI, with UTF8String Vietnamese names
 * (the case forge's pkcs7 gets wrong, issue #847), packed into a PKCS#12 file.
 */
export function makeTestIdentity(
  dir: string,
  type: TestKeyType,
  commonName = 'Nguyễn Văn A',
  rootType: TestKeyType = 'ec-p256',
  /** The leaf's O: an agency's seal certificate names the agency as both O and CN (a person's keeps the default). */
  organization = 'UBND tỉnh Demo',
): TestIdentity {
  requireTool('openssl', 'openssl');
  const at = (f: string): string => path.join(dir, `${type}-${f}`);
  openssl(['genpkey', ...keyArgs(rootType), '-out', at('root.key')], dir);
  openssl(
    ['req', '-x509', '-utf8', '-new', '-key', at('root.key'), '-out', at('root.pem'), '-days', '3650', '-subj',
      '/C=VN/O=Ban Cơ yếu Chính phủ (thử nghiệm)/CN=CA thử nghiệm E-Office', '-addext', 'basicConstraints=critical,CA:TRUE',
      '-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
    dir,
  );
  openssl(['genpkey', ...keyArgs(type), '-out', at('leaf.key')], dir);
  openssl(['req', '-new', '-utf8', '-key', at('leaf.key'), '-out', at('leaf.csr'), '-subj', `/C=VN/O=${organization}/CN=${commonName}`], dir);
  writeFileSync(at('ext.cnf'), 'keyUsage=critical,digitalSignature,nonRepudiation\nbasicConstraints=CA:FALSE\n');
  openssl(
    ['x509', '-req', '-in', at('leaf.csr'), '-CA', at('root.pem'), '-CAkey', at('root.key'), '-CAcreateserial', '-out', at('leaf.pem'),
      '-days', '365', '-extfile', at('ext.cnf')],
    dir,
  );
  const password = 'test-123456';
  openssl(['pkcs12', '-export', '-inkey', at('leaf.key'), '-in', at('leaf.pem'), '-certfile', at('root.pem'), '-out', at('signer.p12'),
    '-passout', `pass:${password}`], dir);
  const der = (pem: string): Buffer => Buffer.from(readFileSync(pem, 'latin1').replace(/-----[^-]+-----|\s/g, ''), 'base64');
  return {
    p12: at('signer.p12'),
    password,
    leafPem: at('leaf.pem'),
    leafDer: der(at('leaf.pem')),
    rootPem: at('root.pem'),
    rootDer: der(at('root.pem')),
  };
}
