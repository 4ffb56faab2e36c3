import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { makeLtvPki, type LtvPki } from '../../../packages/signing/test/helpers/ltv-pki.js';
import { makeSamplePdf } from '../../../packages/signing/test/helpers/sample-pdfs.js';
import { expectNoSeriousViolations } from './axe-check.js';
import { runCli } from './run-cli.js';
import { receiveByCli, seedDemo, signIn } from './sign-in.js';
import { expect, test } from './web-host-fixture.js';

const openSection = (page: Page, name: string) => page.getByRole('navigation').getByRole('button', { name, exact: true }).click();

let dir: string;
let pki: LtvPki;
test.beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eoffice-e2e-ltv-'));
  // A real small PKI on loopback (openssl CA, TSA, OCSP responder, CRL): the signer's certificate names its servers.
  pki = await makeLtvPki(join(dir, 'pki'));
});
test.afterEach(async () => {
  await pki?.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Issue 16 on issue 12's screens: a received PDF signed B-T (a signature timestamp, no validation data) is filed;
 * the archivist sees on the Hồ sơ screen that it is not yet verifiable in the long term, has the archival copy made
 * through the screen (records.ltvAdd, the service closing a file uses) and sees the result; the clerk's signature
 * panel then says the level, the timestamp and the revocation status in words, and names the archival copy.
 */
test('Hồ sơ: the archivist sees the signed documents not yet long-term verifiable and makes them so; the signature panel says level, timestamp and revocation', async ({ page, webHost }) => {
  test.setTimeout(300_000);
  const data = webHost.dataDir;
  const cli = async (...args: string[]) => {
    const run = await runCli([...args, '--data-dir', data]);
    expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
    return run.stdout;
  };
  await seedDemo(data);
  const signer = await pki.issueSigner('Nguyễn Văn Hải');
  const input = join(dir, 'quyet-dinh.pdf');
  writeFileSync(input, await makeSamplePdf());
  const signed = join(dir, 'quyet-dinh-ky.pdf');
  const sign = await runCli(['sign', input, '--out', signed, '--p12', signer.p12, '--pin-env', 'P12_PIN', '--tsa', pki.tsaUrl], { P12_PIN: signer.password });
  expect(sign.code, sign.stderr).toBe(0);
  await cli('trust', 'add', '--cert', join(pki.dir, 'root.pem'), '--as', 'admin');
  await cli('agency', 'signing', '--tsa-url', pki.tsaUrl, '--as', 'admin');
  const subject = 'Quyết định về lưu trữ hồ sơ điện tử';
  const id = await receiveByCli(data, { subject, number: '41', file: signed });
  await cli('doc', 'verify', id, '--as', 'vanthu');
  await cli('doc', 'register', id, '--confirm', '--reason', 'Ký bởi PKI thử nghiệm, đã xác minh', '--as', 'vanthu');
  const year = new Date().getFullYear();
  const file = JSON.parse(await cli('files', 'open', '03.TCCB', '--year', String(year), '--as', 'vanthu', '--json')) as { id: string; fileCode: string };
  await cli('files', 'add', file.fileCode, id, '--as', 'vanthu');

  await signIn(page, webHost.url, 'luutru');
  await openSection(page, 'Hồ sơ lưu trữ');
  await page.getByTestId('records-table').getByTestId('records-row').filter({ hasText: '03.TCCB' }).click();
  const block = page.getByTestId('record-long-term');
  await expect(block.getByRole('heading', { level: 3 })).toHaveText('Kiểm tra chữ ký dài hạn');
  const row = block.getByTestId('record-ltv-row');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-id', id);
  await expect(row).toHaveAttribute('data-long-term', 'false');
  await expect(row).toContainText('Có dấu thời gian, chưa kèm dữ liệu kiểm tra dài hạn');
  await expect(row.locator('.code-hint')).toHaveText('B-T');
  await expect(row.getByTestId('record-ltv-state')).toHaveText('Chưa kiểm tra được dài hạn');
  await expect(block.getByTestId('record-ltv-summary')).toHaveText('1/1 văn bản ký số chưa kiểm tra được dài hạn.');

  const tsaBefore = pki.hits.tsa;
  await block.getByRole('button', { name: 'Lập bản lưu trữ dài hạn (1 văn bản)' }).click();
  await expect(block.getByTestId('record-ltv-outcome')).toHaveText('Đã lập 1 bản lưu trữ dài hạn (B-LTA).', { timeout: 60_000 });
  await expect(row).toHaveAttribute('data-long-term', 'true');
  await expect(row.getByTestId('record-ltv-state')).toHaveText(/^Đã có bản lưu trữ dài hạn \(B-LTA\), dấu thời gian lưu trữ lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
  await expect(block.getByTestId('record-ltv-summary')).toHaveText('Mọi văn bản ký số trong hồ sơ đều kiểm tra được dài hạn.');
  await expect(block.getByRole('button', { name: /Lập bản lưu trữ dài hạn/ })).toHaveCount(0);
  expect(pki.hits.tsa - tsaBefore).toBe(1);
  await page.screenshot({ path: 'test-results/records-long-term.png' });
  await expectNoSeriousViolations(page, 'a record file with its long-term verification');

  // The service kept it: the CLI reads the same state, and our verifier finds the copy B-LTA with revocation data kept.
  const status = JSON.parse(await cli('files', 'ltv', file.fileCode, '--as', 'luutru', '--json')) as { documents: Array<{ documentId: string; level: string; longTerm: boolean; archival: { sha256: string } | null }> };
  expect(status.documents).toEqual([expect.objectContaining({ documentId: id, level: 'B-T', longTerm: true })]);
  const sha = status.documents[0]!.archival!.sha256;
  const verified = await runCli(['verify', join(data, 'blobs', sha.slice(0, 2), sha.slice(2, 4), sha), '--trust', join(pki.dir, 'root.pem'), '--json']);
  expect(verified.code, verified.stdout + verified.stderr).toBe(0);
  expect(JSON.parse(verified.stdout).signatures[0]).toMatchObject({ level: 'B-LTA', intact: true, valid: true, trusted: true, revocation: { status: 'good', source: 'embedded' } });

  // The clerk's signature panel on the same document: the level, the timestamp and the revocation in words.
  await signIn(page, webHost.url, 'vanthu');
  await page.getByRole('tab', { name: /Tất cả/ }).click();
  await page.getByTestId('incoming-row').filter({ hasText: subject }).click();
  const detail = page.getByTestId('incoming-detail');
  const signature = detail.getByTestId('signature');
  await expect(signature).toHaveCount(1);
  await expect(signature.getByTestId('sig-level')).toHaveAttribute('data-level', 'B-T');
  await expect(signature.getByTestId('sig-level')).toContainText('Mức chữ ký: Có dấu thời gian, chưa kèm dữ liệu kiểm tra dài hạn');
  await expect(signature.getByTestId('sig-timestamp')).toContainText('Có dấu thời gian hợp lệ của đơn vị cấp dấu thời gian tin cậy');
  await expect(signature.getByTestId('sig-timestamp')).toHaveClass(/good/);
  await expect(signature.getByTestId('sig-timestamp-detail')).toHaveText(/^Dấu thời gian lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}, do .+ cấp$/);
  await expect(signature.getByTestId('sig-revocation')).toBeVisible();
  await expect(detail.getByTestId('sig-archival')).toContainText('Đã lập bản lưu trữ kiểm tra được dài hạn (B-LTA)');
  await signature.getByTestId('sig-long-term').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/incoming-signature-long-term.png' });

  await page.getByRole('button', { name: 'EN' }).click();
  await expect(signature.getByTestId('sig-level')).toContainText('Signature level: Timestamped, without long-term validation data');
  await expect(signature.getByTestId('sig-timestamp')).toContainText('Valid timestamp from a trusted timestamp authority');
});
