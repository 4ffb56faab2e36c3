import type { Page } from '@playwright/test';
import { expectNoSeriousViolations } from './axe-check.js';
import { seedDemo, signIn } from './sign-in.js';
import { expect, test } from './web-host-fixture.js';

/** Every section a user's navigation lists, opened in turn and checked as it shows once loaded. */
async function checkEverySection(page: Page, who: string): Promise<string[]> {
  const nav = page.getByRole('navigation').getByRole('button');
  const labels = (await nav.allInnerTexts()).map((text) => text.split('\n')[0]!.trim());
  for (const [index, label] of labels.entries()) {
    await nav.nth(index).click();
    await expect(nav.nth(index)).toHaveAttribute('aria-current', 'page');
    // Wait for the section's own content rather than its loading dots.
    await expect(page.locator('main.content').getByText('…', { exact: true })).toHaveCount(0);
    await expectNoSeriousViolations(page, `${who}: ${label}`);
  }
  return labels;
}

test('axe-core finds no serious or critical violation on the sign-in screen and on every section of the clerk and the admin', async ({ page, webHost }) => {
  test.setTimeout(300_000);
  await seedDemo(webHost.dataDir);
  await page.goto(webHost.url);
  await expect(page.getByLabel('Tên đăng nhập')).toBeVisible();
  await expectNoSeriousViolations(page, 'sign-in');

  await signIn(page, webHost.url, 'vanthu');
  const sections = await checkEverySection(page, 'vanthu');
  expect(sections.length).toBeGreaterThan(4);

  // The detail panes and forms the lists open.
  const nav = (name: string) => page.getByRole('navigation').getByRole('button', { name, exact: true }).click();
  await nav('Văn bản đến');
  await page.getByRole('tab', { name: /Tất cả/ }).click();
  await page.getByTestId('incoming-row').first().click();
  await expect(page.getByTestId('incoming-detail')).toBeVisible();
  await expectNoSeriousViolations(page, 'vanthu: incoming detail');
  await page.getByRole('button', { name: 'Tiếp nhận văn bản' }).click();
  await expect(page.getByLabel('Trích yếu')).toBeVisible();
  await expectNoSeriousViolations(page, 'vanthu: receive form');
  await nav('Dự thảo');
  await page.getByRole('button', { name: 'Tạo dự thảo' }).click();
  await expectNoSeriousViolations(page, 'vanthu: new draft form');
  await nav('Hồ sơ lưu trữ');
  await page.getByTestId('records-row').first().click();
  await expect(page.getByTestId('record-file-detail')).toBeVisible();
  await expectNoSeriousViolations(page, 'vanthu: record file');
  await page.getByTestId('change-password').click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectNoSeriousViolations(page, 'vanthu: password dialog');
  await page.keyboard.press('Escape');

  // English, as the switch shows it.
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await expectNoSeriousViolations(page, 'vanthu: English');
  await page.getByRole('button', { name: 'VI', exact: true }).click();

  await signIn(page, webHost.url, 'admin');
  await checkEverySection(page, 'admin');
});
