import type { Page } from '@playwright/test';
import { DEMO_PASSWORD, seedDemo, signIn } from './sign-in.js';
import { expect, test } from './web-host-fixture.js';

/** The admin resets a password through the web host's contract, as any face would; the answer holds the temporary one. */
async function resetAsAdmin(page: Page, token: string, username: string): Promise<string> {
  return page.evaluate(async ({ token, username, password }) => {
    const post = async (path: string, body: unknown, session?: string) => {
      const headers: Record<string, string> = { 'x-eoffice-token': token, 'content-type': 'application/json' };
      if (session) headers['x-eoffice-session'] = session;
      const answer = (await (await fetch(`/rpc/${path}`, { method: 'POST', headers, body: JSON.stringify(body) })).json()) as {
        ok: boolean;
        result: Record<string, string>;
      };
      if (!answer.ok) throw new Error(`${path}: ${JSON.stringify(answer)}`);
      return answer.result;
    };
    const admin = await post('users.login', { username: 'admin', password });
    return (await post('users.resetPassword', { username }, admin['token']))['temporaryPassword'] ?? '';
  }, { token, username, password: DEMO_PASSWORD });
}

async function fillPasswords(page: Page, current: string, next: string, repeat = next): Promise<void> {
  await page.getByLabel(/^Mật khẩu (hiện tại|tạm thời)/).fill(current);
  await page.getByLabel(/^Mật khẩu mới/).fill(next);
  await page.getByLabel('Nhập lại mật khẩu mới').fill(repeat);
  await page.getByLabel('Nhập lại mật khẩu mới').press('Enter');
}

// The host's start (compiled from source) counts against the test's time: on a loaded machine it alone took 40 s.
test.describe.configure({ timeout: 300_000 });

test('after an admin’s reset the sign-in screen asks for a new password first; the top bar changes it later', async ({ page, webHost }) => {
  await seedDemo(webHost.dataDir, 1);
  await page.goto(webHost.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đăng nhập');
  const temporary = await resetAsAdmin(page, webHost.token, 'chuyenvien');
  expect(temporary).toMatch(/^[a-zA-Z2-9]{14}$/);

  // The old password is gone.
  await page.getByLabel('Tên đăng nhập').fill('chuyenvien');
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByLabel('Mật khẩu').press('Enter');
  await expect(page.getByRole('alert')).toHaveText(/^Sai tên đăng nhập hoặc mật khẩu/, { timeout: 30_000 });

  // The temporary one opens the "đổi mật khẩu" form, not the app.
  await page.getByLabel('Mật khẩu').fill(temporary);
  await page.getByLabel('Mật khẩu').press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đổi mật khẩu');
  await expect(page.getByText(/đặt lại mật khẩu của tài khoản chuyenvien/)).toBeVisible();
  await expect(page.getByTestId('user-name')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/password-forced.png' });

  // Each refusal is said plainly and keeps the form (a mistyped temporary password does not end the session).
  await fillPasswords(page, temporary, 'mat-khau-rieng-1', 'mat-khau-rieng-2');
  await expect(page.getByTestId('change-password-error')).toHaveText('Mật khẩu nhập lại không khớp.');
  await fillPasswords(page, temporary, 'ngan');
  await expect(page.getByTestId('change-password-error')).toHaveText('Dữ liệu không hợp lệ: Mật khẩu tối thiểu 8 ký tự');
  await fillPasswords(page, 'khong-dung-mat-khau-tam', 'mat-khau-rieng-1');
  await expect(page.getByTestId('change-password-error')).toHaveText('Mật khẩu hiện tại không đúng');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đổi mật khẩu');
  await expect(page.getByLabel(/^Mật khẩu mới/)).toHaveValue('');

  // The right one: the same session now opens the app with the user's roles.
  await fillPasswords(page, temporary, 'mat-khau-rieng-1');
  await expect(page.getByTestId('user-name')).toBeVisible();
  await expect(page.getByTestId('user-roles')).toHaveText('Chuyên viên');
  await expect(page.getByTestId('nav-incoming')).toHaveAttribute('aria-current', 'page');

  // From the top bar: a mistyped current password is refused without signing out; then the change is made.
  await page.getByTestId('change-password').click();
  const dialog = page.getByTestId('change-password-dialog');
  await expect(dialog.getByRole('heading', { level: 2 })).toHaveText('Đổi mật khẩu');
  await fillPasswords(page, 'sai-mat-khau-hien-tai', 'mat-khau-rieng-2');
  await expect(dialog.getByTestId('change-password-error')).toHaveText('Mật khẩu hiện tại không đúng');
  await expect(page.getByTestId('user-name')).toBeVisible();
  await fillPasswords(page, 'mat-khau-rieng-1', 'mat-khau-rieng-2');
  await expect(dialog.getByTestId('change-password-done')).toHaveText('Đã đổi mật khẩu.');
  await page.screenshot({ path: 'test-results/password-dialog.png' });
  await dialog.getByRole('button', { name: 'Đóng' }).first().click();
  await expect(dialog).toHaveCount(0);

  // Signed out, only the newest password opens the account.
  await page.getByTestId('sign-out').click();
  await page.getByLabel('Tên đăng nhập').fill('chuyenvien');
  await page.getByLabel('Mật khẩu').fill('mat-khau-rieng-1');
  await page.getByLabel('Mật khẩu').press('Enter');
  await expect(page.getByRole('alert')).toHaveText(/^Sai tên đăng nhập hoặc mật khẩu/);
  await signIn(page, webHost.url, 'chuyenvien', 'mat-khau-rieng-2');
  await expect(page.getByTestId('user-roles')).toHaveText('Chuyên viên');
});
