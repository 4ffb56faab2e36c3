import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoPdf, openStore } from '@eoffice/docs-core';
import { makeLtvPki, type LtvPki } from '../../../packages/signing/test/helpers/ltv-pki.js';
import { pdfsig } from '../../../packages/signing/test/helpers/pdfsig.js';
import { runEoffice, type CliRun } from './run-eoffice.js';
import { runDevToken } from '../../../packages/signing/test/helpers/dev-token.js';

interface DevToken {
  softhsm2Conf: string;
  module: string;
  token: string;
  pin: string;
}

interface DocJson {
  id: string;
  state: string;
  files: Array<{ role: string; sha256: string }>;
  signatures: Array<{ kind: string; warnings: string[] }>;
}

let dir: string;
let dev: DevToken;
let pki: LtvPki;
/** Nothing listens on port 1 of loopback: a TSA that cannot be reached. */
const DOWN = 'http://127.0.0.1:1/tsa';

const attempt = (...args: string[]): Promise<CliRun> =>
  runEoffice([...args, '--data-dir', join(dir, 'data')], { env: { SOFTHSM2_CONF: dev.softhsm2Conf, DEMO_PIN: dev.pin } });

async function eo(...args: string[]): Promise<string> {
  const run = await attempt(...args);
  if (run.code !== 0) throw new Error(`eoffice ${args.join(' ')} → exit ${run.code}: ${run.stderr}`);
  return run.stdout;
}

const key = (id: string) => ['--pkcs11', dev.module, '--token', dev.token, '--pin-env', 'DEMO_PIN', '--key-id', id];
const blobPath = (sha: string) => join(dir, 'data/blobs', sha.slice(0, 2), sha.slice(2, 4), sha);
const fileOf = (doc: DocJson, role: string) => blobPath(doc.files.filter((f) => f.role === role).at(-1)!.sha256);

/** A draft the leader approved, ready to sign. */
async function approved(subject: string): Promise<string> {
  const draft = join(dir, `${Date.now()}-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(draft, await makeDemoPdf({ issuer: 'Ủy ban nhân dân tỉnh Demo', numberLine: '', typeName: 'Quyết định', subject, body: 'Nội dung.' }));
  const made = JSON.parse(await eo('doc', 'draft', '--type', 'QĐ', '--subject', subject, '--file', draft, '--signer', 'lanhdao', '--as', 'chuyenvien', '--json')) as DocJson;
  await eo('doc', 'submit', made.id, '--as', 'chuyenvien');
  await eo('doc', 'approve', made.id, '--reason', 'Bản thử ký có dấu thời gian', '--as', 'lanhdao');
  return made.id;
}

/** `eoffice verify --json`'s level of each signature, in file order. */
async function levels(file: string): Promise<string[]> {
  const run = await runEoffice(['verify', file, '--json']);
  return (JSON.parse(run.stdout) as { signatures: Array<{ level: string }> }).signatures.map((s) => s.level);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eoffice-cli-tsa-'));
  dev = runDevToken(join(dir, 'token'));
  pki = await makeLtvPki(join(dir, 'pki'));
  await eo('db', 'init', '--agency', '000.00.01.Z99', '--name', 'Ủy ban nhân dân tỉnh Demo', '--abbr', 'UBND');
  await eo('user', 'add', 'admin', '--role', 'admin');
  await eo('user', 'add', 'vanthu', '--role', 'clerk', '--unit', 'VP', '--full-name', 'Nguyễn Thị Văn Thư', '--as', 'admin');
  await eo('user', 'add', 'lanhdao', '--role', 'leader', '--full-name', 'Nguyễn Văn An', '--position', 'Chủ tịch', '--as', 'admin');
  await eo('user', 'add', 'chuyenvien', '--role', 'specialist', '--unit', 'VP', '--full-name', 'Trần Chuyên Viên', '--as', 'admin');
  await eo('user', 'cert', 'add', ...key('01'), '--as', 'lanhdao');
  await eo('agency', 'cert', 'add', ...key('02'), '--as', 'vanthu');
}, 120_000);
afterAll(async () => {
  await pki?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the agency's signing level (issue 16 item 6): doc sign / doc issue take the TSA from agency signing", () => {
  it('is B-B by default; only an admin changes it; B-T without a TSA URL is refused', async () => {
    expect(JSON.parse(await eo('agency', 'signing', '--as', 'vanthu', '--json'))).toEqual({ level: 'B-B', tsaUrl: null, tsaUnreachable: 'fail', ltvOnClose: false });
    const clerk = await attempt('agency', 'signing', '--level', 'B-T', '--tsa-url', pki.tsaUrl, '--as', 'vanthu');
    expect([clerk.code, clerk.stderr.split(':')[0]]).toEqual([1, 'E_FORBIDDEN']);
    const noUrl = await attempt('agency', 'signing', '--level', 'B-T', '--as', 'admin');
    expect([noUrl.code, noUrl.stderr.split(':')[0]]).toEqual([2, 'E_INVALID_INPUT']);
    const notHttp = await attempt('agency', 'signing', '--tsa-url', 'file:///etc/passwd', '--as', 'admin');
    expect([notHttp.code, notHttp.stderr.split(':')[0]]).toEqual([2, 'E_INVALID_INPUT']);
    expect(JSON.parse(await eo('agency', 'signing', '--as', 'admin', '--json'))).toMatchObject({ level: 'B-B', tsaUrl: null });
  });

  it("B-T: the leader's signature and the agency's seal each carry the TSA's signature timestamp; pdfsig: both valid", async () => {
    await eo('agency', 'signing', '--level', 'B-T', '--tsa-url', pki.tsaUrl, '--tsa-unreachable', 'fail', '--as', 'admin');
    const id = await approved('Về việc ký có dấu thời gian');
    const before = pki.hits.tsa;
    const signed = JSON.parse(await eo('doc', 'sign', id, ...key('01'), '--as', 'lanhdao', '--json')) as DocJson;
    expect(await levels(fileOf(signed, 'signed'))).toEqual(['B-T']);
    const issued = JSON.parse(await eo('doc', 'issue', id, ...key('02'), '--as', 'vanthu', '--json')) as DocJson;
    expect(issued.state).toBe('issued');
    expect(pki.hits.tsa - before).toBe(2);
    const file = fileOf(issued, 'issued');
    expect(await levels(file)).toEqual(['B-T', 'B-T']);
    const report = pdfsig(file);
    expect(report.signatures.map((s) => s.validation), report.raw).toEqual(['Signature is Valid.', 'Signature is Valid.']);
    expect(issued.signatures.flatMap((s) => s.warnings)).not.toContain('NO_SIGNATURE_TIMESTAMP');
  }, 120_000);

  it('TSA down, policy fail: doc sign fails E_TSA_UNREACHABLE (exit 1) and the document stays approved, unsigned', async () => {
    await eo('agency', 'signing', '--level', 'B-T', '--tsa-url', DOWN, '--tsa-unreachable', 'fail', '--as', 'admin');
    const id = await approved('Về việc ký khi TSA ngừng');
    const run = await attempt('doc', 'sign', id, ...key('01'), '--as', 'lanhdao');
    expect([run.code, run.stderr.split(':')[0]], run.stderr).toEqual([1, 'E_TSA_UNREACHABLE']);
    const doc = JSON.parse(await eo('doc', 'show', id, '--as', 'lanhdao', '--json')) as DocJson;
    expect(doc.state).toBe('approved');
    expect(doc.signatures).toEqual([]);
  }, 120_000);

  it('TSA down, policy sign-without: a B-B signature, NO_SIGNATURE_TIMESTAMP recorded on it and in the audit entry', async () => {
    await eo('agency', 'signing', '--tsa-unreachable', 'sign-without', '--as', 'admin');
    const id = await approved('Về việc ký B-B khi TSA ngừng');
    const signed = JSON.parse(await eo('doc', 'sign', id, ...key('01'), '--as', 'lanhdao', '--json')) as DocJson;
    expect(signed.state).toBe('signed');
    expect(await levels(fileOf(signed, 'signed'))).toEqual(['B-B']);
    expect(signed.signatures.find((s) => s.kind === 'person')!.warnings).toContain('NO_SIGNATURE_TIMESTAMP');
    const store = await openStore({ dataDir: join(dir, 'data') });
    try {
      const row = await store.db.selectFrom('audit_log').select('after').where('object_id', '=', id).where('action', '=', 'document.sign').executeTakeFirstOrThrow();
      expect(JSON.parse(row.after!)).toMatchObject({ level: 'B-B', timestampWarning: expect.stringContaining('TSA') });
    } finally {
      await store.close();
    }
  }, 120_000);
});
