import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDevToken, runTool, type DevToken } from '../helpers/dev-token.js';

const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../scripts/dev-token');
let dev: DevToken;

beforeAll(() => {
  dev = makeDevToken();
});
afterAll(() => dev?.remove());

describe('scripts/dev-token', () => {
  it('prints the documented JSON: conf, module, token, key ids and the CA certificate path', () => {
    expect(dev).toMatchObject({
      module: '/usr/lib/softhsm/libsofthsm2.so',
      token: 'EOFFICE-DEV',
      keys: { leader: '01', agency: '02', leaderEc: '03' },
    });
    expect(dev.softhsm2Conf).toBe(path.join(dev.dir, 'softhsm2.conf'));
    expect(readFileSync(dev.softhsm2Conf, 'utf8')).toContain(`directories.tokendir = ${path.join(dev.dir, 'tokens')}`);
    expect(dev.serial).toMatch(/^[0-9a-f]{16}$/);
  });

  it('issues the leader, agency and EC certificates from the test CA, with signing key usage and UTF-8 names', () => {
    const ca = new X509Certificate(readFileSync(dev.caCert));
    expect(ca.ca).toBe(true);
    const leader = new X509Certificate(dev.certificatePem('leader'));
    const agency = new X509Certificate(dev.certificatePem('agency'));
    const leaderEc = new X509Certificate(dev.certificatePem('leaderEc'));
    for (const certificate of [leader, agency, leaderEc]) {
      expect(certificate.verify(ca.publicKey)).toBe(true);
      expect(certificate.ca).toBe(false);
    }
    expect(leader.subject).toContain('CN=Nguyễn Văn An');
    expect(leader.subject).toContain('title=Chủ tịch');
    expect(agency.subject).toContain('CN=UBND tỉnh Demo');
    expect(leader.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(leaderEc.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });

  it('leaves no private key file behind in the token directory', () => {
    const listing = spawnSync('find', [dev.dir, '-name', '*.key'], { encoding: 'utf8' });
    expect(listing.stdout.trim()).toBe('');
    expect(statSync(path.join(dev.dir, 'tokens')).isDirectory()).toBe(true);
  });

  it('takes its PINs from the environment and never prints them; the token opens with the PIN passed only', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'eoffice-token-pins-'));
    try {
      const run = spawnSync(script, [dir], { encoding: 'utf8', env: { ...process.env, EOFFICE_DEV_TOKEN_PIN: '24681357', EOFFICE_DEV_TOKEN_SO_PIN: '97531864' } });
      expect(run.status, run.stderr).toBe(0);
      const printed = JSON.parse(run.stdout) as Record<string, unknown>;
      expect(Object.keys(printed)).not.toEqual(expect.arrayContaining(['pin']));
      expect(Object.keys(printed)).not.toEqual(expect.arrayContaining(['soPin']));
      for (const text of [run.stdout, run.stderr]) {
        expect(text).not.toMatch(/24681357|97531864|123456/);
      }
      const list = (pin: string) =>
        spawnSync('pkcs11-tool', ['--module', dev.module, '--token-label', 'EOFFICE-DEV', '--login', '--pin', pin, '--list-objects', '--type', 'privkey'], {
          encoding: 'utf8', env: { ...process.env, SOFTHSM2_CONF: path.join(dir, 'softhsm2.conf') },
        });
      expect(list('24681357').status).toBe(0);
      expect(list('123456').status).not.toBe(0);
      // A PIN SoftHSM2 would refuse is refused before anything is made.
      const short = spawnSync(script, [path.join(dir, 'other')], { encoding: 'utf8', env: { ...process.env, EOFFICE_DEV_TOKEN_PIN: '12' } });
      expect(short.status).toBe(2);
      expect(short.stderr).toContain('EOFFICE_DEV_TOKEN_PIN');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // The shared helper's token was made with the PIN it passed, not one read back.
    expect(runTool('pkcs11-tool', ['--module', dev.module, '--token-label', dev.token, '--login', '--pin', dev.pin, '--list-objects', '--type', 'privkey'])).toContain('Private Key');
  });

  it('refuses to write over an existing token and needs exactly one argument', () => {
    const again = spawnSync(script, [dev.dir], { encoding: 'utf8' });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('đã có token');
    const usage = spawnSync(script, [], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
    expect(existsSync(dev.caCert)).toBe(true);
  });
});
