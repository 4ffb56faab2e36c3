import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLtvPki, type LtvPki } from '../../../packages/signing/test/helpers/ltv-pki.js';
import { makeSamplePdf } from '../../../packages/signing/test/helpers/sample-pdfs.js';
import { runEoffice } from './run-eoffice.js';

const dir = mkdtempSync(join(tmpdir(), 'eoffice-cli-ltv-'));
let pki: LtvPki;
beforeAll(async () => {
  pki = await makeLtvPki(join(dir, 'pki'));
}, 60_000);
afterAll(async () => {
  await pki?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('eoffice ltv add', () => {
  it('sign --tsa, then ltv add: verify --json reports B-LTA, intact, valid and trusted, offline; a second run renews', async () => {
    const input = join(dir, 'in.pdf');
    writeFileSync(input, await makeSamplePdf());
    const signer = await pki.issueSigner('Nguyễn Văn Hải');
    const bt = join(dir, 'bt.pdf');
    const signed = await runEoffice(['sign', input, '--out', bt, '--p12', signer.p12, '--pin-env', 'PIN', '--tsa', pki.tsaUrl, '--json'], { env: { PIN: signer.password } });
    expect(signed.code, signed.stderr).toBe(0);
    const root = join(pki.dir, 'root.pem');
    const lta = join(dir, 'lta.pdf');
    const added = await runEoffice(['ltv', 'add', bt, '--out', lta, '--tsa', pki.tsaUrl, '--trust', root, '--json']);
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ out: lta, renewal: false, failures: [], added: { ocsps: 1, crls: 1 } });

    const verified = await runEoffice(['verify', lta, '--trust', root, '--json']);
    expect(verified.code, verified.stdout).toBe(0);
    const [signature, stamp] = JSON.parse(verified.stdout).signatures;
    expect(signature).toMatchObject({ kind: 'signature', level: 'B-LTA', intact: true, valid: true, trusted: true, revocation: { status: 'good', source: 'embedded' } });
    expect(stamp).toMatchObject({ kind: 'docTimestamp', intact: true, valid: true, trusted: true });

    const renewed = join(dir, 'renewed.pdf');
    const again = await runEoffice(['ltv', 'add', lta, '--out', renewed, '--tsa', pki.tsaUrl, '--trust', root, '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ renewal: true });
    const reverified = await runEoffice(['verify', renewed, '--trust', root, '--json']);
    expect(reverified.code, reverified.stdout).toBe(0);
    expect(JSON.parse(reverified.stdout).signatures.map((s: { kind: string }) => s.kind)).toEqual(['signature', 'docTimestamp', 'docTimestamp']);
  }, 180_000);

  it('verify --online asks the certificates\' own servers: a revoked signer reads revoked (online); offline it stays unknown', async () => {
    const input = join(dir, 'online-in.pdf');
    writeFileSync(input, await makeSamplePdf());
    const signer = await pki.issueSigner('Phạm Văn Tâm');
    const bb = join(dir, 'online-bb.pdf');
    // No timestamp: the signature's proven time is then the time of verification, after the revocation. With one, a
    // revocation recorded a second after the timestamp (openssl ca keeps whole seconds) rightly reads "good" — this
    // test failed that way on a loaded machine.
    expect((await runEoffice(['sign', input, '--out', bb, '--p12', signer.p12, '--pin-env', 'PIN'], { env: { PIN: signer.password } })).code).toBe(0);
    await pki.revoke(signer, 'keyCompromise');
    const root = join(pki.dir, 'root.pem');
    const offline = JSON.parse((await runEoffice(['verify', bb, '--trust', root, '--json'])).stdout);
    expect(offline.signatures[0].revocation).toMatchObject({ status: 'unknown', source: null });
    const online = JSON.parse((await runEoffice(['verify', bb, '--trust', root, '--online', '--json'])).stdout);
    expect(online.signatures[0].revocation).toMatchObject({ status: 'revoked', source: 'online' });
  }, 180_000);

  it('without --tsa it says so (exit 2); an unsigned file is refused (exit 2); an unreachable TSA fails (exit 1); no output is left', async () => {
    const input = join(dir, 'plain.pdf');
    writeFileSync(input, await makeSamplePdf());
    const out = join(dir, 'never.pdf');
    const usage = await runEoffice(['ltv', 'add', input, '--out', out]);
    expect([usage.code, usage.stderr]).toEqual([2, expect.stringContaining('--tsa')]);
    const unsigned = await runEoffice(['ltv', 'add', input, '--out', out, '--tsa', pki.tsaUrl, '--json']);
    expect(unsigned.code).toBe(2);
    expect(unsigned.stderr.split(':')[0]).toBe('E_BAD_ARGUMENT');
    const signer = await pki.issueSigner('Lê Thị Hoa');
    const bt = join(dir, 'bt-unreachable.pdf');
    expect((await runEoffice(['sign', input, '--out', bt, '--p12', signer.p12, '--pin-env', 'PIN'], { env: { PIN: signer.password } })).code).toBe(0);
    const unreachable = await runEoffice(['ltv', 'add', bt, '--out', out, '--tsa', 'http://127.0.0.1:1/tsa', '--json']);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr.split(':')[0]).toBe('E_TSA_UNREACHABLE');
    const { existsSync } = await import('node:fs');
    expect(existsSync(out)).toBe(false);
  }, 180_000);
});
