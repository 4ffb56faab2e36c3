import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocsCoreServices, createUser, DocumentWorkflow, loadActorByUsername, openStore, systemClock } from '@eoffice/docs-core';
import { layoutText } from '../../../packages/docs-core/test/pdf-tools.js';
import { makeSamplePdf } from '../../../packages/signing/test/helpers/sample-pdfs.js';
import { pdfsig } from '../../../packages/signing/test/helpers/pdfsig.js';
import { runEoffice } from './run-eoffice.js';
import { runDevToken } from '../../../packages/signing/test/helpers/dev-token.js';

interface DevToken {
  softhsm2Conf: string;
  module: string;
  token: string;
  pin: string;
  certs: { leader: string; agency: string };
}

const dir = mkdtempSync(join(tmpdir(), 'eoffice-cli-copy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const data = join(dir, 'data');
let dev: DevToken;
let sourceId = '';

const eo = (...args: string[]) => runEoffice([...args, '--data-dir', data, '--json'], { env: { SOFTHSM2_CONF: dev.softhsm2Conf, DEMO_PIN: dev.pin } });
const key = (id: string) => ['--pkcs11', dev.module, '--token', dev.token, '--pin-env', 'DEMO_PIN', '--key-id', id];

/**
 * Issue 11 item 3 through the command line, with a real token (SoftHSM2) and poppler: `doc copy` makes an electronic
 * copy the agency signs (copy form, agency, time top-right of page 1), numbered in the copy register. The store and
 * the source document are prepared in-process; only the commands under test spawn the CLI.
 */
describe('eoffice doc copy: a signed electronic copy (SoftHSM2 token, pdfsig, pdftotext)', () => {
  beforeAll(async () => {
    dev = runDevToken(join(dir, 'token'));
    const scan = join(dir, 'cong-van-den.pdf');
    writeFileSync(scan, await makeSamplePdf({ pages: 1 }));
    const store = await openStore({ dataDir: data });
    try {
      const clock = systemClock();
      await createDocsCoreServices({ store, clock }).registers.initAgency(
        { organId: '000.00.01.Z99', name: 'Ủy ban nhân dân tỉnh Demo', abbreviation: 'UBND', numberingScheme: 'single' },
        { sessionToken: null, actingUsername: null, face: 'test' },
      );
      await createUser(store.db, clock, 'setup', { username: 'vanthu', roles: ['clerk'] });
      const workflow = new DocumentWorkflow({ store, clock });
      const clerk = (await loadActorByUsername(store.db, 'vanthu'))!;
      sourceId = (await workflow.receive(clerk, {
        file: { path: scan }, attachments: [], source: 'paper', from: '000.00.17.Z99', fromName: 'Sở Tài chính', number: '12', symbol: 'STC-NS',
        issuedDate: '2026-11-20', type: 'Công văn', subject: 'V/v báo cáo quyết toán', urgency: 'normal', secrecy: 'none', language: 'Tiếng Việt',
      })).id;
      await workflow.verify(clerk, sourceId);
      await workflow.register(clerk, sourceId);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('signs with the agency key only: the leader\'s key is refused (exit 1, E_CERT_NOT_BOUND, no number used)', async () => {
    expect((await eo('agency', 'cert', 'add', '--cert', dev.certs.agency, '--as', 'vanthu')).code).toBe(0);
    const refused = await eo('doc', 'copy', sourceId, '--form', 'SY', ...key('01'), '--as', 'vanthu');
    expect(refused.code, refused.stderr).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ error: { code: 'E_CERT_NOT_BOUND' } });

    const made = await eo('doc', 'copy', sourceId, '--form', 'SY', ...key('02'), '--as', 'vanthu');
    expect(made.code, made.stderr).toBe(0);
    const copy = JSON.parse(made.stdout) as { number: string; symbol: string; files: Array<{ role: string; sha256: string }> };
    expect(`${copy.number}/${copy.symbol}`).toBe('01/SY-UBND');
    const sha = copy.files.find((f) => f.role === 'main')!.sha256;
    const file = join(data, 'blobs', sha.slice(0, 2), sha.slice(2, 4), sha);

    const report = pdfsig(file);
    expect(report.signatures.map((s) => s.validation), report.raw).toEqual(['Signature is Valid.']);
    expect(report.signatures[0]!.signerName).toBe('UBND tỉnh Demo');
    const text = layoutText(file);
    expect(text).toContain('SAO Y');
    expect(text).toContain('Ủy ban nhân dân tỉnh Demo');
    expect(text).toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00/);
  }, 180_000);
});
