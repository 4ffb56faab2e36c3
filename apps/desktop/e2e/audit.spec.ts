import { runCli } from './run-cli.js';
import { receiveByCli, seedDemo, signIn } from './sign-in.js';
import { expect, test } from './web-host-fixture.js';

test('Nhật ký: the admin sees the chain verified, filters by user, by document and by date', async ({ page, webHost }) => {
  test.setTimeout(240_000);
  await seedDemo(webHost.dataDir, 0);
  await receiveByCli(webHost.dataDir, { subject: 'Về việc quản lý Đất đai năm 2026', number: '91' });
  await receiveByCli(webHost.dataDir, { subject: 'Về việc tuyển dụng viên chức', number: '92' });

  await signIn(page, webHost.url, 'admin');
  await page.getByTestId('nav-audit').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nhật ký hệ thống');

  // The chain's verdict is the services' own: the same count `eoffice audit verify` gives.
  const chain = page.getByTestId('audit-chain');
  await expect(chain).toContainText('Chuỗi nhật ký toàn vẹn');
  const verify = await runCli(['audit', 'verify', '--json', '--as', 'admin', '--data-dir', webHost.dataDir]);
  expect(verify.code, verify.stderr).toBe(0);
  const report = JSON.parse(verify.stdout) as { ok: boolean; entries: number };
  expect(report.ok).toBe(true);
  await expect(chain).toContainText(`Chuỗi nhật ký toàn vẹn: ${report.entries} mục, không mục nào bị sửa, xóa hay cắt bớt.`);

  // By user: only the clerk's entries, her two receptions among them, with her name.
  const rows = page.getByTestId('audit-table').getByTestId('audit-row');
  await page.getByTestId('audit-user').selectOption('vanthu');
  await expect(rows.filter({ hasText: 'Tiếp nhận văn bản đến' })).toHaveCount(2);
  const actors = await rows.evaluateAll((list) => list.map((row) => row.getAttribute('data-actor')));
  expect(actors.length).toBeGreaterThan(0);
  expect(new Set(actors)).toEqual(new Set(['vanthu']));
  await expect(rows.first()).toContainText('Nguyễn Thị Thu Hà');
  await expect(rows.first().locator('td').first()).toHaveText(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
  await page.screenshot({ path: 'test-results/audit.png' });

  // By document, found by its words without diacritics: only that document's entries.
  await page.getByTestId('audit-document').fill('dat dai');
  await page.getByTestId('audit-document').press('Enter');
  await page.getByRole('button', { name: /Đất đai/ }).click();
  await expect(page.getByTestId('audit-chosen-document')).toContainText('Đất đai');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Tiếp nhận văn bản đến');
  await expect(rows.first()).toContainText('91/QĐ-SYT');

  // By date, typed dd/MM/yyyy: a period before anything happened is empty, said in words.
  await page.getByTestId('audit-to').fill('31/12/2020');
  await expect(page.getByTestId('audit-empty')).toContainText('Không có mục nhật ký nào');
  await page.getByRole('button', { name: 'Xóa bộ lọc' }).click();
  await expect(rows.filter({ hasText: 'Đăng nhập' }).first()).toBeVisible();

  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await expect(chain).toContainText('The audit chain is intact');
});
