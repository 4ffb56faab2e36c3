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
const { cli, approvedDraft } = host;

test('Ký số: a wrong PIN signs nothing and says so; the leader then signs two drafts with one PIN, and pdfsig finds the downloaded file validly signed', async ({ page, webHost }) => {
  test.setTimeout(240_000);
  const first = 'Về việc thành lập Tổ công tác chuyển đổi số';
  const second = 'Về việc kiện toàn Hội đồng thi đua khen thưởng';
  const [, firstPdf, secondPdf] = await Promise.all([
    seedDemo(webHost.dataDir, 0),
    makeDraftPdf(webHost.dataDir, 'a.pdf', first),
    makeDraftPdf(webHost.dataDir, 'b.pdf', second),
  ]);
  // The token's leader key is bound to the leader (Decree 30: a signature counts only with a bound certificate).
  await cli(webHost.dataDir, ['user', 'cert', 'add', '--cert', host.token().certs.leader, '--as', 'lanhdao']);
  const firstId = await approvedDraft(webHost.dataDir, first, firstPdf);
  await approvedDraft(webHost.dataDir, second, secondPdf);

  await signIn(page, webHost.url, 'lanhdao');
  await openSection(page, 'Dự thảo');
  await page.getByRole('tab', { name: /Chờ ký/ }).click();
  await row(page, first).click();
  const detail = page.getByTestId('outgoing-detail');
  await detail.getByRole('button', { name: 'Ký số' }).click();
  const dialog = page.getByTestId('sign-dialog');
  await expect(dialog.getByRole('heading', { name: 'Ký số văn bản' })).toBeVisible();
  // The token's certificates: the bound one usable, the others disabled with the reason.
  const certificates = dialog.getByTestId('token-certificate');
  await expect(certificates.filter({ hasText: 'Trần Quốc Hùng' }).filter({ hasNot: page.getByTestId('certificate-problem') })).toHaveCount(1);
  await expect(certificates.filter({ hasText: 'Chưa đăng ký chứng thư này cho bạn' }).first()).toBeVisible();
  await expect(certificates.filter({ hasText: 'Chưa đăng ký' }).first().getByRole('radio')).toBeDisabled();
  await dialog.getByRole('button', { name: 'Xem bản sẽ ký' }).click();
  // What you see is what you sign: the prepared revision, with the signature's place outlined.
  await expect(dialog.getByTestId('pdf-page')).toHaveText('Trang 1/1');
  await page.screenshot({ path: 'test-results/sign-dialog.png' });

  await dialog.getByLabel('Mã PIN của token').fill('000000');
  await dialog.getByRole('button', { name: 'Ký', exact: true }).click();
  await expect(dialog.getByTestId('sign-error')).toHaveText('PIN không đúng. Không văn bản nào được ký. Kiểm tra lại PIN rồi bấm Ký lần nữa.');
  await expect(dialog.getByLabel('Mã PIN của token')).toHaveValue('');
  // The token now says an earlier PIN was wrong (read again after the refusal, no PIN needed).
  await expect(dialog.getByTestId('pin-warning')).toHaveText('Trước đó đã có lần nhập sai PIN. Hãy nhập cẩn thận.');
  await page.screenshot({ path: 'test-results/sign-wrong-pin.png' });
  await dialog.getByRole('button', { name: 'Hủy' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(detail.getByTestId('outgoing-state')).toHaveText('Đã duyệt, chờ ký');
  const shown = JSON.parse(await cli(webHost.dataDir, ['doc', 'show', firstId, '--as', 'lanhdao', '--json'])) as { state: string; signatures: unknown[] };
  expect(shown.state).toBe('approved');
  expect(shown.signatures).toHaveLength(0);

  // Both approved drafts, one PIN, a progress bar and a result for each; the dialog stays while the list changes.
  for (const subject of [first, second]) await row(page, subject).getByRole('checkbox').check();
  await page.getByTestId('batch-bar').getByRole('button', { name: 'Ký 2 văn bản' }).click();
  await expect(dialog.getByRole('heading', { name: 'Ký số 2 văn bản' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Xem bản sẽ ký' }).click();
  await dialog.getByLabel('Mã PIN của token').fill(host.token().pin);
  await dialog.getByRole('button', { name: 'Ký 2 văn bản' }).click();
  const results = dialog.getByTestId('sign-results');
  await expect(results.locator('li[data-status="signed"]')).toHaveCount(2, { timeout: 60_000 });
  await expect(results).toContainText(first);
  await expect(results).toContainText(second);
  await expect(dialog.getByTestId('sign-progress')).toHaveAttribute('value', '2');
  // The open detail behind the dialog already shows the new state.
  await expect(detail.getByTestId('outgoing-state')).toHaveText('Đã ký, chờ phát hành');
  await page.screenshot({ path: 'test-results/sign-batch.png' });
  await dialog.getByRole('button', { name: 'Xong' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(row(page, first)).toHaveCount(0);

  // The signed document waits for the clerk under Văn bản đi; the leader downloads it and a PDF reader checks it.
  await openSection(page, 'Văn bản đi');
  await row(page, first).click();
  await expect(detail.getByTestId('outgoing-state')).toHaveText('Đã ký, chờ phát hành');
  await expect(detail.getByTestId('outgoing-signatures')).toContainText('Trần Quốc Hùng');
  const downloading = page.waitForEvent('download');
  await detail.getByRole('button', { name: 'Tải về: Chữ ký lãnh đạo' }).click();
  const download = await downloading;
  const saved = join(host.dir(), 'signed.pdf');
  await download.saveAs(saved);
  const report = pdfsig(saved);
  expect(report.signatures.filter((s) => s.signed).map((s) => s.validation), report.raw).toEqual(['Signature is Valid.']);
  expect(report.signatures.find((s) => s.signed)?.signerName, report.raw).toBe('Trần Quốc Hùng');
  expect(report.signatures.find((s) => s.signed)?.totalDocumentSigned, report.raw).toBe(true);
});
