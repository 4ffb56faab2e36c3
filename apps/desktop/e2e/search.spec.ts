import { receiveByCli, seedDemo, signIn } from './sign-in.js';
import { expect, test } from './web-host-fixture.js';

test('Tìm kiếm: "dat dai" typed in the top bar finds "Đất đai", marks the words, and the filters narrow it', async ({ page, webHost }) => {
  test.setTimeout(240_000);
  await seedDemo(webHost.dataDir, 0);
  await receiveByCli(webHost.dataDir, { subject: 'Về việc quản lý Đất đai năm 2026', number: '81', urgency: 'urgent' });
  await receiveByCli(webHost.dataDir, { subject: 'Về việc tuyển dụng viên chức', number: '82' });

  await signIn(page, webHost.url, 'vanthu');
  await page.getByTestId('top-search').fill('dat dai');
  await page.getByTestId('top-search').press('Enter');

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tìm kiếm văn bản');
  const rows = page.getByTestId('search-table').getByTestId('search-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Về việc quản lý Đất đai năm 2026');
  await expect(rows.first()).toContainText('Văn bản đến');
  await expect(rows.first().locator('td').first()).toHaveText(/^\d{2}\/\d{2}\/\d{4}$/);
  // The matched words are marked as written, with their diacritics.
  await expect(rows.first().locator('mark')).toHaveText(['Đất', 'đai']);
  await expect(page.getByTestId('search-text')).toHaveValue('dat dai');
  await page.screenshot({ path: 'test-results/search.png' });

  // A filter the document does not meet empties the list, with words for the user.
  await page.getByRole('combobox', { name: 'Loại văn bản' }).selectOption('outgoing');
  await expect(page.getByTestId('search-empty')).toContainText('Không tìm thấy văn bản nào');
  await page.getByRole('combobox', { name: 'Loại văn bản' }).selectOption('incoming');
  await expect(rows).toHaveCount(1);
  // Dates are typed dd/MM/yyyy: a period that ends before the document arrived finds nothing.
  await page.getByTestId('search-date-to').fill('31/12/2020');
  await expect(page.getByTestId('search-empty')).toBeVisible();
  await page.getByRole('button', { name: 'Xóa bộ lọc' }).click();
  await expect(page.getByTestId('search-date-to')).toHaveValue('');
  await expect(rows).toHaveCount(1);

  // The search box on the page: another word, Enter.
  await page.getByTestId('search-text').fill('tuyen dung');
  await page.getByTestId('search-text').press('Enter');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('tuyển dụng viên chức');

  // English switch.
  await page.getByRole('button', { name: 'EN' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Search documents');
  await expect(rows.first()).toContainText('Incoming');
});

test('Tìm kiếm: a result opens its document — a click, or Enter on the focused row', async ({ page, webHost }) => {
  test.setTimeout(240_000);
  await seedDemo(webHost.dataDir, 0);
  const id = await receiveByCli(webHost.dataDir, { subject: 'Về việc quản lý Đất đai năm 2026', number: '81' });
  await receiveByCli(webHost.dataDir, { subject: 'Về việc tuyển dụng viên chức', number: '82' });

  await signIn(page, webHost.url, 'vanthu');
  await page.getByTestId('top-search').fill('dat dai');
  await page.getByTestId('top-search').press('Enter');
  const row = page.getByTestId('search-table').getByTestId('search-row');
  await expect(row).toHaveCount(1, { timeout: 30_000 });
  await row.first().click();

  // The document's own view: its section, its row selected, its detail pane.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Văn bản đến', { timeout: 30_000 });
  const detail = page.getByTestId('incoming-detail');
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText('Về việc quản lý Đất đai năm 2026', { timeout: 30_000 });
  await expect(page.locator(`[data-testid="incoming-row"][data-id="${id}"]`)).toHaveAttribute('aria-selected', 'true', { timeout: 30_000 });

  // From the keyboard: back to the results, focus the row, Enter.
  await page.getByTestId('top-search').fill('tuyen dung');
  await page.getByTestId('top-search').press('Enter');
  await expect(row).toHaveCount(1, { timeout: 30_000 });
  await expect(row.first()).toContainText('tuyển dụng viên chức', { timeout: 30_000 });
  await row.first().focus();
  await page.keyboard.press('Enter');
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText('Về việc tuyển dụng viên chức', { timeout: 30_000 });
  await page.screenshot({ path: 'test-results/search-open.png' });
});
