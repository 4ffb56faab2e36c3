import type { Page } from '@playwright/test';
import { expectNoSeriousViolations } from './axe-check.js';
import { runCli } from './run-cli.js';
import { seedDemo, signIn } from './sign-in.js';
import { expect, test } from './web-host-fixture.js';

const openSection = (page: Page, name: string) => page.getByRole('navigation').getByRole('button', { name, exact: true }).click();

test('Hồ sơ: the clerk opens a file from the approved file list, files a completed document into it and sees it listed', async ({ page, webHost }) => {
  test.setTimeout(240_000);
  await seedDemo(webHost.dataDir);
  // The demo's completed incoming document (handled, not yet filed), found the way the CLI lists it.
  const listed = await runCli(['doc', 'list', '--state', 'completed', '--json', '--as', 'vanthu', '--data-dir', webHost.dataDir]);
  expect(listed.code, listed.stderr).toBe(0);
  const [completed] = JSON.parse(listed.stdout) as Array<{ id: string; subject: string; number: string; symbol: string }>;
  expect(completed, 'the demo seeds a completed incoming document').toBeDefined();

  await signIn(page, webHost.url, 'vanthu');
  await openSection(page, 'Hồ sơ lưu trữ');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hồ sơ lưu trữ');
  const table = page.getByTestId('records-table');
  await expect(table.getByTestId('records-row').filter({ hasText: '02.TH' })).toHaveCount(0);

  // Mở hồ sơ: 02.TH of this year's approved list has no file yet.
  await page.getByRole('button', { name: 'Mở hồ sơ', exact: true }).click();
  const openForm = page.getByTestId('open-file-form');
  await openForm.getByLabel('Hồ sơ trong danh mục').selectOption('02.TH');
  await openForm.getByRole('button', { name: 'Mở hồ sơ' }).click();
  const row = table.getByTestId('records-row').filter({ hasText: '02.TH' });
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await expect(row.getByTestId('records-doc-total')).toHaveText('0');
  const detail = page.getByTestId('record-file-detail');
  await expect(detail.getByTestId('record-file-code')).toHaveText(/\/\d{4}\/02\.TH$/);
  await expect(detail.getByText('Hồ sơ chưa có văn bản nào.')).toBeVisible();

  // Lập hồ sơ: the completed document goes in as number 1.
  const form = page.getByTestId('file-document-form');
  await form.getByLabel('Văn bản đã giải quyết xong').selectOption(completed!.id);
  await form.getByRole('button', { name: 'Đưa vào hồ sơ' }).click();
  await expect(detail.getByRole('status')).toHaveText('Đã đưa văn bản vào hồ sơ, số thứ tự 1.');
  const filed = detail.getByTestId('record-document-row');
  await expect(filed).toHaveCount(1);
  await expect(filed).toHaveAttribute('data-id', completed!.id);
  await expect(filed).toContainText(completed!.subject);
  await expect(filed).toContainText(`${completed!.number}/${completed!.symbol}`);
  await expect(row.getByTestId('records-doc-total')).toHaveText('1');
  // Once in the file it is no longer offered for it.
  await expect(form.locator('option', { hasText: completed!.subject })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/records.png' });
  await expectNoSeriousViolations(page, 'a record file with its document index');

  // The service kept it: the CLI shows the same file with the document in its index.
  const fileCode = (await detail.getByTestId('record-file-code').textContent()) ?? '';
  const shown = await runCli(['files', 'show', fileCode, '--json', '--as', 'vanthu', '--data-dir', webHost.dataDir]);
  expect(shown.code, shown.stderr).toBe(0);
  const record = JSON.parse(shown.stdout) as { file: { docTotal: number }; documents: Array<{ documentId: string; docOrdinal: number }> };
  expect(record.file.docTotal).toBe(1);
  expect(record.documents).toEqual([expect.objectContaining({ documentId: completed!.id, docOrdinal: 1 })]);
  // The completed incoming document took its lifecycle's last step too: completed → filed (Đã lập hồ sơ).
  await expect
    .poll(async () => {
      const run = await runCli(['doc', 'show', completed!.id, '--json', '--as', 'vanthu', '--data-dir', webHost.dataDir]);
      return (JSON.parse(run.stdout) as { state: string }).state;
    })
    .toBe('filed');
});
