import { runCli } from './run-cli.js';
import { DEMO_PASSWORD, receiveByCli, seedDemo, signIn } from './sign-in.js';
import { expect, test } from './web-host-fixture.js';

const nav = (names: string[]) => names;

test('each role signs in through the screen, sees only its sections and lands on its own work', async ({ page, webHost }) => {
  test.setTimeout(180_000);
  await seedDemo(webHost.dataDir);
  await receiveByCli(webHost.dataDir, { subject: 'Về việc quản lý đất đai' });
  await page.goto(webHost.url);

  // The sign-in screen first: a password field, Enter submits, a wrong password is said plainly and not retried.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đăng nhập');
  await expect(page.getByLabel('Mật khẩu')).toHaveAttribute('type', 'password');
  await page.getByLabel('Tên đăng nhập').fill('vanthu');
  await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
  await page.getByLabel('Mật khẩu').press('Enter');
  // The first call after a seed waits behind the host's text extraction of the new PDFs: a wait, not a measure.
  await expect(page.getByRole('alert')).toHaveText(/^Sai tên đăng nhập hoặc mật khẩu/, { timeout: 30_000 });
  await expect(page.getByLabel('Mật khẩu')).toHaveValue('');
  await page.screenshot({ path: 'test-results/sign-in.png' });

  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByLabel('Mật khẩu').press('Enter');
  await expect(page.getByTestId('user-name')).toHaveText('Nguyễn Thị Thu Hà');
  await expect(page.getByTestId('user-roles')).toHaveText('Văn thư');
  // The clerk lands on Văn bản đến; the count of unread incoming documents is on it.
  await expect(page.getByTestId('nav-incoming')).toHaveAttribute('aria-current', 'page');
  const navigation = page.getByRole('navigation', { name: 'Điều hướng chính' });
  const clerkSections = nav(['Văn bản đến', 'Văn bản đi', 'Dự thảo', 'Sổ đăng ký', 'Hồ sơ lưu trữ', 'Thống kê', 'Đồng bộ', 'Cài đặt']);
  await expect(navigation.getByRole('button')).toHaveText(clerkSections.map((name) => new RegExp(`^${name}`)));
  const unread = await page.getByTestId('nav-incoming').getByTestId('badge-unread').textContent();
  expect(Number(unread)).toBeGreaterThan(0);
  await expect(page.getByTestId('nav-incoming')).toHaveAccessibleDescription(new RegExp(`^${unread} văn bản chưa đọc`));
  await page.screenshot({ path: 'test-results/shell-clerk.png' });

  // Signing out returns to the sign-in screen; the old session no longer works.
  await page.getByTestId('sign-out').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đăng nhập');

  // The archivist lands on the registers and has no drafting or exchange.
  await signIn(page, webHost.url, 'luutru');
  await expect(page.getByTestId('nav-registers')).toHaveAttribute('aria-current', 'page');
  await expect(navigation.getByRole('button')).toHaveText(
    nav(['Văn bản đến', 'Văn bản đi', 'Sổ đăng ký', 'Hồ sơ lưu trữ', 'Thống kê', 'Nhật ký hệ thống', 'Cài đặt']).map((n) => new RegExp(`^${n}`)),
  );

  // A specialist sees neither the registers nor statistics, audit or exchange.
  await signIn(page, webHost.url, 'chuyenvien');
  await expect(page.getByTestId('nav-incoming')).toHaveAttribute('aria-current', 'page');
  await expect(navigation.getByRole('button')).toHaveText(
    nav(['Văn bản đến', 'Văn bản đi', 'Dự thảo', 'Hồ sơ lưu trữ', 'Cài đặt']).map((n) => new RegExp(`^${n}`)),
  );

  // The English switch relabels the shell.
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await expect(page.getByTestId('nav-incoming')).toContainText('Incoming');
  await expect(page.getByTestId('user-roles')).toHaveText('Specialist');
});

test('a data folder with no user starts with the first administrator, then signs in', async ({ page, webHost }) => {
  const init = await runCli(['db', 'init', '--agency', '000.00.02.Z99', '--name', 'Sở Nội vụ tỉnh Demo', '--data-dir', webHost.dataDir]);
  expect(init.code, init.stderr).toBe(0);
  await page.goto(webHost.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thiết lập lần đầu');
  await page.getByLabel('Tên đăng nhập').fill('quantri');
  await page.getByLabel('Họ và tên').fill('Quản trị viên Sở');
  await page.getByLabel('Mật khẩu').fill('ngan');
  await page.getByLabel('Mật khẩu').press('Enter');
  await expect(page.getByRole('alert')).toHaveText('Dữ liệu không hợp lệ: Mật khẩu tối thiểu 8 ký tự');
  await page.getByLabel('Mật khẩu').fill('mat-khau-quan-tri');
  await page.getByLabel('Mật khẩu').press('Enter');
  await expect(page.getByTestId('user-name')).toHaveText('Quản trị viên Sở');
  await expect(page.getByTestId('nav-settings')).toHaveAttribute('aria-current', 'page');
  // The account is real: signed out, it signs in again with that password.
  await page.getByTestId('sign-out').click();
  await signIn(page, webHost.url, 'quantri', 'mat-khau-quan-tri');
  await expect(page.getByTestId('user-roles')).toHaveText('Quản trị viên');
});
