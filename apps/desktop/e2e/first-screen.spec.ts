import productPackage from '../../../package.json' with { type: 'json' };
import { runCli } from './run-cli.js';
import { expect, test } from './web-host-fixture.js';

const PASSWORD = 'mat-khau-thu-nghiem';

test('the first screen is the Vietnamese sign-in with a live status bar, then the office frame', async ({ page, webHost }) => {
  for (const args of [
    ['db', 'init', '--agency', '000.00.02.Z99', '--name', 'Sở Nội vụ tỉnh Demo'],
    ['user', 'add', 'admin', '--role', 'admin'],
    ['user', 'add', 'vanthu', '--role', 'clerk', '--password-env', 'EOFFICE_TEST_PASSWORD', '--as', 'admin'],
  ]) {
    const run = await runCli([...args, '--data-dir', webHost.dataDir], { EOFFICE_TEST_PASSWORD: PASSWORD });
    expect(run.code, run.stderr).toBe(0);
  }
  await page.goto(webHost.url);

  await expect(page).toHaveTitle(/E-Office/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đăng nhập');
  // Nobody has signed in: the status bar says so, and tells neither counts nor the data folder (system.info needs a
  // session, issue 13).
  await expect(page.getByTestId('status-signed-out')).toHaveText('Chưa đăng nhập');
  await expect(page.getByTestId('status-documents')).toHaveCount(0);
  await expect(page.getByTestId('status-data-dir')).toHaveCount(0);

  await page.getByLabel('Tên đăng nhập').fill('vanthu');
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  for (const label of ['Văn bản đến', 'Văn bản đi', 'Dự thảo', 'Sổ đăng ký', 'Hồ sơ lưu trữ', 'Thống kê', 'Đồng bộ', 'Cài đặt']) {
    await expect(page.getByRole('button', { name: label, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Văn bản đến');
  await expect(page.getByText('Chưa có văn bản đến')).toBeVisible();
  // Signed in, the status bar reads system.info for this very data folder: the version and the counts, never the
  // folder over HTTP.
  await expect(page.getByTestId('status-version')).toHaveText(`Phiên bản ${productPackage.version}`);
  await expect(page.getByTestId('status-documents')).toContainText('Văn bản: 0');
  await expect(page.getByTestId('status-data-dir')).toHaveCount(0);
  // The token left the address bar once read.
  expect(page.url()).not.toContain('token=');
  // Today's date in Vietnam time, dd/MM/yyyy.
  await expect(page.getByTestId('today')).toHaveText(/, \d{2}\/\d{2}\/\d{4}$/);

  await page.screenshot({ path: 'test-results/first-screen.png' });

  await page.getByRole('button', { name: 'Văn bản đi', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Văn bản đi');
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Outgoing documents');
  await expect(page.getByTestId('status-version')).toHaveText(`Version ${productPackage.version}`);

  expect(webHost.stdoutLines()).toHaveLength(1);
});

test('a contract call without the per-launch token is refused', async ({ page, request, webHost }) => {
  const withoutToken = await request.post(`${webHost.origin}/rpc/system.info`, { data: {} });
  expect(withoutToken.status()).toBe(401);
  expect(await withoutToken.json()).toMatchObject({ ok: false, error: { code: 'E_UNAUTHORIZED' } });

  // The launch token alone is not a session: system.info answers a signed-in caller only, and never with the folder.
  const withToken = await request.post(`${webHost.origin}/rpc/system.info`, {
    data: {},
    headers: { 'X-EOffice-Token': webHost.token },
  });
  expect(withToken.status()).toBe(401);
  const post = (path: string, data: unknown, session?: string) =>
    request.post(`${webHost.origin}/rpc/${path}`, { data, headers: { 'X-EOffice-Token': webHost.token, ...(session ? { 'X-EOffice-Session': session } : {}) } });
  expect((await post('users.setupFirstAdmin', { username: 'admin', fullName: 'Quản trị', password: 'mat-khau-admin' })).status()).toBe(200);
  const login = (await (await post('users.login', { username: 'admin', password: 'mat-khau-admin' })).json()) as { result: { token: string } };
  const signedIn = await post('system.info', {}, login.result.token);
  expect(signedIn.status()).toBe(200);
  expect(await signedIn.json()).toMatchObject({ ok: true, result: { version: productPackage.version, dataDir: null, databasePath: null, documentCounts: { total: 0 } } });

  // From inside the page too: the browser cannot call the services without the secret.
  await page.goto(`${webHost.origin}/`);
  const status = await page.evaluate(async () => (await fetch('/rpc/system.info', { method: 'POST', body: '{}' })).status);
  expect(status).toBe(401);
  // And the page opened without the token shows an error in the status bar rather than data.
  await expect(page.getByTestId('status-error')).toBeVisible();
});
