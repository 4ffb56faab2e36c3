import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfsig } from '../../../packages/signing/test/helpers/pdfsig.js';
import { makeSamplePdf } from '../../../packages/signing/test/helpers/sample-pdfs.js';
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
let draft: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eoffice-cli-sign-token-'));
  dev = runDevToken(join(dir, 'token'));
  draft = join(dir, 'draft.pdf');
  writeFileSync(draft, await makeSamplePdf({ pages: 2 }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tokenEnv = () => ({ SOFTHSM2_CONF: dev.softhsm2Conf, LEADER_PIN: dev.pin });

describe('eoffice sign with a PKCS#11 token (SoftHSM2 made by scripts/dev-token)', () => {
  it('the leader signs with key 01, then the agency seals with key 02 found by serial; pdfsig finds both valid', async () => {
    const signed = join(dir, 'signed.pdf');
    const sealed = join(dir, 'sealed.pdf');
    const first = await runEoffice(
      ['sign', draft, '--out', signed, '--pkcs11', dev.module, '--token', dev.token, '--key-id', '01', '--pin-env', 'LEADER_PIN', '--reason', 'Ký ban hành', '--json'],
      { env: tokenEnv() },
    );
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ out: signed, field: 'Signature1' });

    const second = await runEoffice(
      ['sign', signed, '--out', sealed, '--pkcs11', dev.module, '--serial', dev.serial, '--key-id', '02', '--pin-stdin', '--json'],
      { env: { SOFTHSM2_CONF: dev.softhsm2Conf }, stdin: `${dev.pin}\n` },
    );
    expect(second.code, second.stderr).toBe(0);

    const report = pdfsig(sealed);
    expect(report.signatures.map((signature) => signature.validation), report.raw).toEqual(['Signature is Valid.', 'Signature is Valid.']);
    expect(report.signatures.map((signature) => signature.signerName)).toEqual(['Nguyễn Văn An', 'UBND tỉnh Demo']);
    expect(report.signatures[1]?.totalDocumentSigned, report.raw).toBe(true);
  });

  it('signs with the EC P-256 key (CKM_ECDSA) and pdfsig accepts it', async () => {
    const out = join(dir, 'signed-ec.pdf');
    const run = await runEoffice(
      ['sign', draft, '--out', out, '--pkcs11', dev.module, '--token', dev.token, '--key-id', '03', '--pin-env', 'LEADER_PIN'],
      { env: tokenEnv() },
    );
    expect(run.code, run.stderr).toBe(0);
    const report = pdfsig(out);
    expect(report.signatures[0]?.validation, report.raw).toBe('Signature is Valid.');
    expect(report.signatures[0]?.totalDocumentSigned).toBe(true);
  });

  it('a wrong PIN exits 1 with E_PIN_INCORRECT and writes no file', async () => {
    const out = join(dir, 'wrong-pin.pdf');
    const run = await runEoffice(
      ['sign', draft, '--out', out, '--pkcs11', dev.module, '--token', dev.token, '--key-id', '01', '--pin-stdin'],
      { env: { SOFTHSM2_CONF: dev.softhsm2Conf }, stdin: '000000\n' },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^E_PIN_INCORRECT: Sai mã PIN/);
    expect(existsSync(out)).toBe(false);
  });

  it('no --key-id on a token with several keys: exits 1 listing them, before any PIN is used, and writes no file', async () => {
    const out = join(dir, 'ambiguous.pdf');
    const run = await runEoffice(['sign', draft, '--out', out, '--pkcs11', dev.module, '--token', dev.token, '--pin-env', 'LEADER_PIN'], {
      env: tokenEnv(),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^E_KEY_AMBIGUOUS: .*01 "Nguyễn Văn An"/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses --p12 together with --pkcs11, and a token named by neither label nor serial (exit 2)', async () => {
    const both = await runEoffice(['sign', draft, '--out', join(dir, 'x.pdf'), '--pkcs11', dev.module, '--p12', join(dir, 'a.p12'), '--pin-env', 'LEADER_PIN'], {
      env: tokenEnv(),
    });
    expect(both.code).toBe(2);
    const unnamed = await runEoffice(['sign', draft, '--out', join(dir, 'y.pdf'), '--pkcs11', dev.module, '--pin-env', 'LEADER_PIN'], { env: tokenEnv() });
    expect(unnamed.code).toBe(2);
    expect(unnamed.stderr).toContain('--token');
  });
});
