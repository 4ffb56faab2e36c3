import { join } from 'node:path';
import productPackage from '../../../package.json' with { type: 'json' };
import { expect, test } from './web-host-fixture.js';

test('the first screen is the Vietnamese office frame with a live status bar', async ({ page, webHost }) => {
  await page.goto(webHost.url);

  await expect(page).toHaveTitle(/E-Office/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  for (const label of ['Văn bản đến', 'Văn bản đi', 'Dự thảo', 'Sổ đăng ký', 'Hồ sơ lưu trữ', 'Thống kê', 'Đồng bộ', 'Cài đặt']) {
    await expect(page.getByRole('button', { name: label, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Văn bản đến');
  await expect(page.getByText('Chưa có văn bản đến')).toBeVisible();

  // The status bar shows what system.info returns for this very data folder.
  await expect(page.getByTestId('status-version')).toHaveText(`Phiên bản ${productPackage.version}`);
  await expect(page.getByTestId('status-schema')).toHaveText(/^Lược đồ CSDL v[1-9]\d*$/);
  await expect(page.getByTestId('status-data-dir')).toContainText(webHost.dataDir);
  await expect(page.getByTestId('status-database')).toContainText(join(webHost.dataDir, 'eoffice.sqlite'));
  await expect(page.getByTestId('status-documents')).toContainText('Văn bản: 0');
  // The token left the address bar once read.
  expect(page.url()).not.toContain('token=');
  // Today's date in Vietnam time, dd/MM/yyyy.
  await expect(page.getByTestId('today')).toHaveText(/, \d{2}\/\d{2}\/\d{4}$/);

  await page.screenshot({ path: 'test-results/first-screen.png' });

  await page.getByRole('button', { name: 'Văn bản đi', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Văn bản đi');
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Outgoing');
  await expect(page.getByTestId('status-version')).toHaveText(`Version ${productPackage.version}`);

  expect(webHost.stdoutLines()).toHaveLength(1);
});

test('a contract call without the per-launch token is refused', async ({ page, request, webHost }) => {
  const withoutToken = await request.post(`${webHost.origin}/rpc/system.info`, { data: {} });
  expect(withoutToken.status()).toBe(401);
  expect(await withoutToken.json()).toMatchObject({ ok: false, error: { code: 'E_UNAUTHORIZED' } });

  const withToken = await request.post(`${webHost.origin}/rpc/system.info`, {
    data: {},
    headers: { 'X-EOffice-Token': webHost.token },
  });
  expect(withToken.status()).toBe(200);

  // From inside the page too: the browser cannot call the services without the secret.
  await page.goto(`${webHost.origin}/`);
  const status = await page.evaluate(async () => (await fetch('/rpc/system.info', { method: 'POST', body: '{}' })).status);
  expect(status).toBe(401);
  // And the page opened without the token shows an error in the status bar rather than data.
  await expect(page.getByTestId('status-error')).toBeVisible();
});
