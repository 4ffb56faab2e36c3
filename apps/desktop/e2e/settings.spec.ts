import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expectNoSeriousViolations } from './axe-check.js';
import { receiveByCli, seedDemo, signIn } from './sign-in.js';
import { useTokenHost } from './token-host.js';
import { expect, test } from './web-host-fixture.js';

const SEAL = fileURLToPath(new URL('../../../resources/samples/seal-sample.png', import.meta.url));
const SIGNATURE = fileURLToPath(new URL('../../../resources/samples/signature-sample.png', import.meta.url));

// A real token (the workstation's module an admin configured) and an axis named in the machine's configuration that
// no one answers at: the settings show it and set its interval; no message needs to travel here.
const tokenHost = useTokenHost({ agency: 'Sở Nội vụ tỉnh Demo', leader: 'Nguyễn Văn Lãnh Đạo' });
test.beforeEach(({ webHostEnv }) => {
  Object.assign(webHostEnv, {
    EOFFICE_AXIS_URL: 'http://127.0.0.1:9/vdxp', EOFFICE_AXIS_SYSTEM_ID: '000.00.02.Z99', EOFFICE_AXIS_SECRET: 'bi-mat-e2e-cai-dat', EOFFICE_SYNC_INTERVAL_S: '86400',
  });
});

// The host's start (compiled from source) counts against the test's time: on a loaded machine it alone took 40 s.
test.describe.configure({ timeout: 360_000 });

async function openSettingsPage(page: Page, tab: string, heading: string): Promise<void> {
  await page.getByTestId(`settings-tab-${tab}`).click();
  await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
}

const notice = (page: Page) => page.getByTestId('settings-notice');

test('Cài đặt (admin): the agency, users and roles, trust anchors, holidays and the connection, each changed through the screen', async ({ page, webHost }) => {
  await seedDemo(webHost.dataDir, 0);
  await signIn(page, webHost.url, 'admin');
  // The admin lands on the settings.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cài đặt');

  await test.step('Cơ quan: the identity shown, the place changed, the seal replaced', async () => {
    await expect(page.getByRole('heading', { level: 2, name: 'Cơ quan' })).toBeVisible();
    await expect(page.getByTestId('agency-code')).toHaveText('000.00.02.Z99');
    await expect(page.getByTestId('agency-name')).toHaveText('Sở Nội vụ tỉnh Demo');
    await page.getByLabel('Địa danh ghi trước ngày ban hành').fill('Thành phố Demo');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await expect(notice(page)).toHaveText('Đã lưu thông tin cơ quan.');
    await expect(page.getByTestId('agency-place')).toHaveText('Thành phố Demo');
    await page.getByTestId('agency-seal-file').setInputFiles(SEAL);
    await expect(notice(page)).toHaveText('Đã cập nhật ảnh con dấu (426×426 điểm ảnh).');
    await expect(page.getByTestId('agency-seal')).toHaveText('Đã có (426×426 điểm ảnh)');
    await expectNoSeriousViolations(page, 'Cài đặt — Cơ quan');
    await page.screenshot({ path: 'test-results/settings-agency.png' });
  });

  await test.step('Người dùng và vai trò: add, reset a password, deactivate', async () => {
    await openSettingsPage(page, 'users', 'Người dùng và vai trò');
    const form = page.getByTestId('add-user-form');
    await form.getByLabel('Họ và tên').fill('Trần Thị Mới');
    await form.getByLabel('Tên đăng nhập').fill('tranthimoi');
    await form.getByLabel('Chức vụ').fill('Chuyên viên');
    await form.getByLabel('Văn thư').check();
    await form.getByLabel('Mật khẩu ban đầu').fill('mat-khau-ban-dau');
    await form.getByRole('button', { name: 'Thêm người dùng' }).click();
    await expect(notice(page)).toHaveText('Đã thêm người dùng tranthimoi.');
    await expect(page.getByTestId('user-row-tranthimoi')).toContainText('Văn thư, Chuyên viên');

    await page.getByRole('button', { name: 'Đặt lại mật khẩu của chuyenvien' }).click();
    await expect(notice(page)).toHaveText(/^Mật khẩu tạm của chuyenvien: [a-zA-Z2-9]{14} — /);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Khóa tài khoản tranthimoi' }).click();
    await expect(notice(page)).toHaveText('Đã khóa tài khoản tranthimoi.');
    await expect(page.getByTestId('user-state-tranthimoi')).toHaveText('Đã khóa');
    await expect(page.getByRole('button', { name: 'Mở lại tài khoản tranthimoi' })).toBeVisible();
    await expectNoSeriousViolations(page, 'Cài đặt — Người dùng');
    await page.screenshot({ path: 'test-results/settings-users.png' });
  });

  await test.step('Chứng thư gốc tin cậy: add from a file, require a trusted chain, remove', async () => {
    await openSettingsPage(page, 'trust', 'Chứng thư gốc tin cậy');
    await expect(page.getByTestId('trust-empty')).toBeVisible();
    await page.getByTestId('trust-file').setInputFiles(tokenHost.token().caCert);
    await expect(notice(page)).toHaveText(/^Đã thêm chứng thư gốc /);
    await expect(page.getByTestId('trust-table').locator('tbody tr')).toHaveCount(1);
    await page.getByTestId('trust-require').click();
    await expect(notice(page)).toHaveText('Đã bật: văn bản không có chuỗi tin cậy cần kiểm tra lại.');
    await expect(page.getByTestId('trust-require')).toBeChecked();
    await expectNoSeriousViolations(page, 'Cài đặt — Chứng thư gốc');
    await page.screenshot({ path: 'test-results/settings-trust.png' });
    await page.getByTestId('trust-table').getByRole('button', { name: /^Gỡ chứng thư / }).click();
    await expect(notice(page)).toHaveText(/^Đã gỡ chứng thư gốc /);
    await expect(page.getByTestId('trust-empty')).toBeVisible();
  });

  await test.step('Lịch nghỉ lễ: a day off entered dd/mm/yyyy, then removed', async () => {
    await openSettingsPage(page, 'calendar', 'Lịch nghỉ lễ');
    await page.getByTestId('calendar-year').selectOption('2026');
    await expect(page.getByTestId('calendar-fixed')).toContainText('02/09');
    const form = page.getByTestId('calendar-form');
    await page.getByTestId('calendar-date').fill('17/02/2026');
    await form.getByLabel('Tên ngày').fill('Tết Nguyên đán (mùng 1)');
    await form.getByRole('button', { name: 'Thêm ngày' }).click();
    await expect(notice(page)).toHaveText('Đã lưu ngày 17/02/2026.');
    await expect(page.getByTestId('calendar-days')).toContainText('Tết Nguyên đán (mùng 1)');
    await expectNoSeriousViolations(page, 'Cài đặt — Lịch');
    await page.screenshot({ path: 'test-results/settings-calendar.png' });
    await page.getByRole('button', { name: 'Gỡ ngày 17/02/2026' }).click();
    await expect(notice(page)).toHaveText('Đã gỡ ngày 17/02/2026.');
    await expect(page.getByRole('cell', { name: 'Tết Nguyên đán (mùng 1)' })).toHaveCount(0);
  });

  await test.step('Kết nối and Trục liên thông: the mode this face runs in, the axis without its secret', async () => {
    await openSettingsPage(page, 'connection', 'Kết nối');
    // The mode and the axis as the services say them (system.info, sync.status), not guessed from the address.
    await expect(page.getByTestId('connection-mode')).toHaveText('Một máy: dữ liệu nằm trên máy này');
    await expect(page.getByTestId('connection-axis')).toHaveText('Trục liên thông tại http://127.0.0.1:9/vdxp');
    await expect(page.getByTestId('connection-server')).toHaveCount(0);
    await expect(page.getByTestId('connection-face')).toHaveText('Trình duyệt web');
    await expect(page.getByTestId('connection-address')).toHaveText(webHost.origin);
    await page.screenshot({ path: 'test-results/settings-connection.png' });
    await openSettingsPage(page, 'exchange', 'Trục liên thông');
    await expect(page.getByTestId('exchange-url')).toHaveText('http://127.0.0.1:9/vdxp');
    await expect(page.getByTestId('exchange-system')).toHaveText('000.00.02.Z99');
    await expect(page.locator('body')).not.toContainText('bi-mat-e2e-cai-dat');
  });

  // English mirrors every page.
  await page.getByRole('button', { name: 'EN' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  await expect(page.getByTestId('settings-tab-users')).toHaveText('Users and roles');
});

test('Cài đặt (clerk, leader): certificates from a token and a file, the signature image, token modules, the axis interval, notifications', async ({ page, webHost }) => {
  await seedDemo(webHost.dataDir, 0);
  await page.context().grantPermissions(['notifications'], { origin: webHost.origin });
  await signIn(page, webHost.url, 'vanthu');
  await page.getByTestId('nav-settings').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cài đặt');
  // A clerk sees no user administration.
  await expect(page.getByTestId('settings-tab-users')).toHaveCount(0);

  await test.step('Thiết bị ký số: the module the admin configured, its token read without a PIN', async () => {
    await openSettingsPage(page, 'tokens', 'Thiết bị ký số');
    await expect(page.getByTestId('tokens-table')).toContainText('Quản trị viên thêm');
    await page.getByRole('button', { name: 'Đọc token của mô-đun Cấu hình' }).click();
    await expect(page.getByTestId('token-card')).toContainText(`Token ${tokenHost.token().token}`);
    await expect(page.getByTestId('token-card')).toContainText('Sở Nội vụ tỉnh Demo');
    await expect(page.getByTestId('tokens-how-to-add')).toContainText('EOFFICE_PKCS11_MODULES');
    await expectNoSeriousViolations(page, 'Cài đặt — Thiết bị ký số');
    await page.screenshot({ path: 'test-results/settings-tokens.png' });
  });

  await test.step('Chứng thư số: the agency’s seal certificate bound from the token, then removed', async () => {
    await openSettingsPage(page, 'certificates', 'Chứng thư số, chữ ký và con dấu');
    await expect(page.getByTestId('certs-agency').or(page.getByTestId('certs-empty-agency'))).toBeVisible();
    const before = await page.getByTestId('certs-agency').locator('tbody tr').count();
    await page.getByTestId('cert-token-agency').click();
    const form = page.getByTestId('cert-token-form-agency');
    await form.getByLabel('Mô-đun').selectOption({ label: 'Cấu hình' });
    await form.getByRole('button', { name: 'Đọc chứng thư trên token' }).click();
    await form.getByRole('button', { name: 'Đăng ký chứng thư này: Sở Nội vụ tỉnh Demo' }).click();
    await expect(notice(page)).toHaveText('Đã đăng ký chứng thư Sở Nội vụ tỉnh Demo.');
    await expect(page.getByTestId('certs-agency').locator('tbody tr')).toHaveCount(before + 1);
    await expectNoSeriousViolations(page, 'Cài đặt — Chứng thư số');
    await page.screenshot({ path: 'test-results/settings-certificates.png' });
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByTestId('certs-agency').getByRole('button', { name: 'Gỡ chứng thư Sở Nội vụ tỉnh Demo' }).last().click();
    await expect(notice(page)).toHaveText('Đã gỡ chứng thư Sở Nội vụ tỉnh Demo.');
    await expect(page.getByTestId('certs-agency').locator('tbody tr')).toHaveCount(before);
  });

  await test.step('Trục liên thông: the automatic interval set', async () => {
    await openSettingsPage(page, 'exchange', 'Trục liên thông');
    await expect(page.getByTestId('exchange-interval')).toHaveText('86400 giây');
    await page.getByLabel('Chu kỳ mới (giây, từ 5 đến 86400)').fill('600');
    await page.getByRole('button', { name: 'Đặt chu kỳ' }).click();
    await expect(notice(page)).toHaveText('Đã đặt chu kỳ đồng bộ 600 giây.');
    await expect(page.getByTestId('exchange-interval')).toHaveText('600 giây');
    await page.screenshot({ path: 'test-results/settings-exchange.png' });
  });

  await test.step('Thông báo: turned on, a document received elsewhere is announced', async () => {
    await openSettingsPage(page, 'notifications', 'Thông báo');
    await page.getByTestId('notify-enable').check();
    await expect(page.getByTestId('notify-permission')).toHaveText('Đã cho phép');
    await receiveByCli(webHost.dataDir, { subject: 'Về việc báo cáo tình hình thông báo mới', number: '91' });
    await expect(page.getByTestId('notify-recent')).toContainText('Văn bản đến mới: Về việc báo cáo tình hình thông báo mới', { timeout: 30_000 });
    await expectNoSeriousViolations(page, 'Cài đặt — Thông báo');
    await page.screenshot({ path: 'test-results/settings-notifications.png' });
  });

  await test.step('Chứng thư số (leader): my own certificate from a file and my signature image', async () => {
    await signIn(page, webHost.url, 'lanhdao');
    await page.getByTestId('nav-settings').click();
    await openSettingsPage(page, 'certificates', 'Chứng thư số, chữ ký và con dấu');
    await expect(page.getByTestId('certs-person').or(page.getByTestId('certs-empty-person'))).toBeVisible();
    const mine = page.getByTestId('certs-person').locator('tbody tr');
    const before = await mine.count();
    await page.getByTestId('cert-file-person').setInputFiles(tokenHost.token().certs.deputy);
    await expect(notice(page)).toHaveText(/^Đã đăng ký chứng thư /);
    await expect(mine).toHaveCount(before + 1);
    await page.getByTestId('signature-image-file').setInputFiles(SIGNATURE);
    await expect(notice(page)).toHaveText('Đã cập nhật ảnh chữ ký (709×260 điểm ảnh).');
    // A leader sees the agency's certificates but binds none.
    await expect(page.getByTestId('cert-file-agency')).toHaveCount(0);
  });
});
