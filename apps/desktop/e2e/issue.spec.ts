import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { pdfsig } from '../../../packages/signing/test/helpers/pdfsig.js';
import { makeDraftPdf } from './draft-pdf.js';
import { seedDemo, signIn } from './sign-in.js';
import { useTokenHost } from './token-host.js';
import { expect, test } from './web-host-fixture.js';

const openSection = (page: Page, name: string) => page.getByRole('navigation').getByRole('button', { name, exact: true }).click();
const row = (page: Page, subject: string) => page.getByTestId('outgoing-row').filter({ hasText: subject });

const host = useTokenHost({ agency: 'Sở Nội vụ tỉnh Demo', leader: 'Trần Quốc Hùng' });

test('Phát hành: the clerk sees the number and date before sealing, seals with the agency key typing the PIN, and dispatches; pdfsig finds both signatures valid', async ({ page, webHost }) => {
  test.setTimeout(240_000);
  const subject = 'Về việc ban hành Quy chế văn thư, lưu trữ';
  const [, pdf] = await Promise.all([seedDemo(webHost.dataDir, 0), makeDraftPdf(webHost.dataDir, 'qc.pdf', subject)]);
  const { cli } = host;
  await cli(webHost.dataDir, ['user', 'cert', 'add', '--cert', host.token().certs.leader, '--as', 'lanhdao']);
  await cli(webHost.dataDir, ['agency', 'cert', 'add', '--cert', host.token().certs.agency, '--as', 'vanthu']);
  const id = await host.approvedDraft(webHost.dataDir, subject, pdf);
  // The leader's signature comes first (the signing spec does it through the screen); the PIN goes by environment.
  await cli(webHost.dataDir, ['doc', 'sign', id, '--pkcs11', host.token().module, '--token', host.token().token, '--key-id', '01', '--pin-env', 'E2E_TOKEN_PIN', '--as', 'lanhdao'], {
    E2E_TOKEN_PIN: host.token().pin,
  });

  await signIn(page, webHost.url, 'vanthu');
  await openSection(page, 'Văn bản đi');
  await page.getByRole('tab', { name: /Chờ phát hành/ }).click();
  await row(page, subject).click();
  const detail = page.getByTestId('outgoing-detail');
  await expect(detail.getByTestId('outgoing-state')).toHaveText('Đã ký, chờ phát hành');
  await detail.getByRole('button', { name: 'Cấp số và đóng dấu' }).click();
  const dialog = page.getByTestId('sign-dialog');
  await expect(dialog.getByRole('heading', { name: 'Cấp số, đóng dấu số cơ quan' })).toBeVisible();
  // Only the agency's bound certificate may seal; the leader's own is refused here with the reason.
  const certificates = dialog.getByTestId('token-certificate');
  await expect(certificates.filter({ hasText: 'Sở Nội vụ tỉnh Demo' }).filter({ hasNot: page.getByTestId('certificate-problem') })).toHaveCount(1);
  await expect(certificates.filter({ hasText: 'Trần Quốc Hùng' }).first()).toContainText('Chưa đăng ký chứng thư này là chứng thư của cơ quan');
  await dialog.getByRole('button', { name: 'Xem bản sẽ ký' }).click();
  // The number it will take and the date, before any PIN (Decree 30: số, ký hiệu and ngày on the sealed copy).
  const preview = dialog.getByTestId('number-preview');
  await expect(preview).toHaveText(/^Số, ký hiệu: \d+\/QĐ-\S+ · Ngày: \d{2}\/\d{2}\/\d{4}$/);
  const code = /^Số, ký hiệu: (\S+) /.exec((await preview.textContent()) ?? '')?.[1];
  expect(code).toBeTruthy();
  await expect(dialog.getByTestId('pdf-page')).toHaveText('Trang 1/1');
  await page.screenshot({ path: 'test-results/issue-dialog.png' });
  await dialog.getByLabel('Mã PIN của token').fill(host.token().pin);
  await dialog.getByRole('button', { name: 'Ký', exact: true }).click();
  await expect(dialog.getByTestId('sign-results').locator('li[data-status="signed"]')).toHaveCount(1, { timeout: 60_000 });
  await dialog.getByRole('button', { name: 'Xong' }).click();
  await expect(dialog).toHaveCount(0);

  await expect(detail.getByTestId('outgoing-state')).toHaveText('Đã cấp số, đóng dấu');
  await expect(detail.getByTestId('outgoing-code')).toHaveText(code ?? '');
  await expect(detail.getByTestId('outgoing-signatures')).toContainText('Chữ ký số cơ quan — Sở Nội vụ tỉnh Demo');
  await expect(detail.getByTestId('outgoing-signatures')).toContainText('Chữ ký lãnh đạo — Trần Quốc Hùng');
  // The sealed file as the recipients will get it: the leader's signature and the seal, both valid, nothing rewritten.
  const downloading = page.waitForEvent('download');
  await detail.getByRole('button', { name: 'Tải về: Chữ ký số cơ quan' }).click();
  const saved = join(host.dir(), 'issued.pdf');
  await (await downloading).saveAs(saved);
  const report = pdfsig(saved);
  const signed = report.signatures.filter((s) => s.signed);
  expect(signed.map((s) => s.validation), report.raw).toEqual(['Signature is Valid.', 'Signature is Valid.']);
  expect(signed.map((s) => s.signerName), report.raw).toEqual(['Trần Quốc Hùng', 'Sở Nội vụ tỉnh Demo']);
  expect(signed[1]?.totalDocumentSigned, report.raw).toBe(true);

  await detail.getByRole('button', { name: 'Phát hành qua trục' }).click();
  await expect(detail.getByTestId('outgoing-state')).toHaveText('Đã phát hành');
  await page.getByRole('tab', { name: /Đã phát hành/ }).click();
  await expect(row(page, subject)).toContainText(code ?? '');
  await page.screenshot({ path: 'test-results/issue-dispatched.png' });
});
