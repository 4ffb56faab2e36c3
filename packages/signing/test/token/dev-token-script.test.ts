import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDevToken, type DevToken } from '../helpers/dev-token.js';

const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../scripts/dev-token');
let dev: DevToken;

beforeAll(() => {
  dev = makeDevToken();
});
afterAll(() => dev?.remove());

describe('scripts/dev-token', () => {
  it('prints the documented JSON: conf, module, token, PINs, key ids and the CA certificate path', () => {
    expect(dev).toMatchObject({
      module: '/usr/lib/softhsm/libsofthsm2.so',
      token: 'EOFFICE-DEV',
      pin: '123456',
      soPin: '12345678',
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

  it('refuses to write over an existing token and needs exactly one argument', () => {
    const again = spawnSync(script, [dev.dir], { encoding: 'utf8' });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('đã có token');
    const usage = spawnSync(script, [], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
    expect(existsSync(dev.caCert)).toBe(true);
  });
});
