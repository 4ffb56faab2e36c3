import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEoffice } from './run-eoffice.js';
import { runDevToken } from '../../../packages/signing/test/helpers/dev-token.js';

interface DevToken {
  softhsm2Conf: string;
  module: string;
  token: string;
  serial: string;
  pin: string;
}

let dir: string;
let dev: DevToken;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'eoffice-cli-token-'));
  dev = runDevToken(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('eoffice token list', () => {
  it('lists the SoftHSM2 token with its flags and certificates (key ids, Vietnamese subjects) as JSON, without a PIN', async () => {
    const run = await runEoffice(['token', 'list', '--pkcs11', dev.module, '--json'], { env: { SOFTHSM2_CONF: dev.softhsm2Conf } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const listing = JSON.parse(run.stdout) as {
      tokens: { label: string; serial: string; flags: { loginRequired: boolean; userPinLocked: boolean; names: string[] }; certificates: { keyId: string; subjectCommonName: string; keyUsage: string[]; canSign: boolean }[] }[];
    };
    expect(listing.tokens).toHaveLength(1);
    const [token] = listing.tokens;
    expect(token).toMatchObject({ label: 'EOFFICE-DEV', serial: dev.serial });
    expect(token?.flags.loginRequired).toBe(true);
    expect(token?.flags.userPinLocked).toBe(false);
    expect(token?.flags.names).toContain('LOGIN_REQUIRED');
    expect(token?.certificates.map((certificate) => certificate.keyId)).toEqual(['01', '02', '03', '04', 'c0']);
    expect(token?.certificates[4]).toMatchObject({ subjectCommonName: 'E-Office Demo Root CA', canSign: false });
    expect(token?.certificates[0]).toMatchObject({ subjectCommonName: 'Nguyễn Văn An', canSign: true });
    expect(token?.certificates[0]?.keyUsage).toEqual(['digitalSignature', 'nonRepudiation']);
    expect(token?.certificates[1]?.subjectCommonName).toBe('UBND tỉnh Demo');
  });

  it('prints a Vietnamese listing without --json', async () => {
    const run = await runEoffice(['token', 'list', '--pkcs11', dev.module], { env: { SOFTHSM2_CONF: dev.softhsm2Conf } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Token "EOFFICE-DEV"');
    expect(run.stdout).toContain('id 01  CN=Nguyễn Văn An, T=Chủ tịch, O=UBND tỉnh Demo');
  });

  it('exits 2 without --pkcs11 or with a module path that does not exist', async () => {
    const missingFlag = await runEoffice(['token', 'list']);
    expect(missingFlag.code).toBe(2);
    expect(missingFlag.stderr).toMatch(/^E_USAGE: .*--pkcs11/);
    const missingFile = await runEoffice(['token', 'list', '--pkcs11', join(dir, 'nope.so'), '--json']);
    expect(missingFile.code).toBe(2);
    expect(JSON.parse(missingFile.stdout)).toMatchObject({ error: { code: 'E_INVALID_INPUT' } });
  });
});

describe('eoffice token probe', () => {
  it('reports SoftHSM2 as a working module and a custom missing path as not-found', async () => {
    const custom = join(dir, 'vnptca_p11_v8.so');
    const run = await runEoffice(['token', 'probe', '--pkcs11', custom, '--json'], { env: { SOFTHSM2_CONF: dev.softhsm2Conf } });
    expect(run.code).toBe(0);
    const { modules } = JSON.parse(run.stdout) as { modules: { path: string; result: { status: string } }[] };
    expect(modules.find((entry) => entry.path === custom)?.result.status).toBe('not-found');
    expect(modules.find((entry) => entry.path === dev.module)?.result.status).toBe('ok');
  });
});

describe('eoffice token check (the PKCS#11 key source shared with signing commands)', () => {
  const base = () => ['token', 'check', '--pkcs11', dev.module, '--token', dev.token];

  it('logs in with the PIN from --pin-env and test-signs with the EC key', async () => {
    const run = await runEoffice([...base(), '--key-id', '03', '--pin-env', 'EOFFICE_TEST_PIN', '--json'], {
      env: { SOFTHSM2_CONF: dev.softhsm2Conf, EOFFICE_TEST_PIN: dev.pin },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      token: { label: 'EOFFICE-DEV', serial: dev.serial },
      keyId: '03',
      keyAlgorithm: { kind: 'ec', curve: 'P-256' },
      signatureValid: true,
    });
  });

  it('takes the PIN from stdin and selects the token by serial', async () => {
    const run = await runEoffice(['token', 'check', '--pkcs11', dev.module, '--serial', dev.serial, '--key-id', '01', '--pin-stdin'], {
      env: { SOFTHSM2_CONF: dev.softhsm2Conf },
      stdin: `${dev.pin}\n`,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Ký thử thành công');
  });

  it('a wrong PIN exits 1 with E_PIN_INCORRECT and never echoes the PIN', async () => {
    const run = await runEoffice([...base(), '--key-id', '01', '--pin-stdin'], { env: { SOFTHSM2_CONF: dev.softhsm2Conf }, stdin: '987654\n' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^E_PIN_INCORRECT: Sai mã PIN/);
    expect(run.stderr + run.stdout).not.toContain('987654');
  });

  it('without --key-id on a token with several keys, exits 1 listing them', async () => {
    const run = await runEoffice([...base(), '--pin-env', 'EOFFICE_TEST_PIN'], {
      env: { SOFTHSM2_CONF: dev.softhsm2Conf, EOFFICE_TEST_PIN: dev.pin },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^E_KEY_AMBIGUOUS: .*01 "Nguyễn Văn An".*02 "UBND tỉnh Demo".*03/);
  });

  it('refuses a PIN on the command line and an empty --pin-env variable (exit 2)', async () => {
    const onCommandLine = await runEoffice([...base(), '--pin', dev.pin]);
    expect(onCommandLine.code).toBe(2);
    const emptyEnv = await runEoffice([...base(), '--pin-env', 'EOFFICE_NO_SUCH_PIN'], { env: { SOFTHSM2_CONF: dev.softhsm2Conf } });
    expect(emptyEnv.code).toBe(2);
    expect(emptyEnv.stderr).toContain('EOFFICE_NO_SUCH_PIN');
  });
});
