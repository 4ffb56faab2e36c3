import { vietnamDate, addCalendarDays } from '@eoffice/vietnamese';
import { runCli } from './run-cli.js';
import { DEMO_PASSWORD, seedDemo, signIn } from './sign-in.js';
import { expect, test } from './web-host-fixture.js';

const dmy = (iso: string) => iso.split('-').reverse().join('/');

test('Cài đặt → Ký thay: a leader names another leader deputy for a period, both see it, the leader ends it early; an admin names and ends one for an absent leader; a specialist has no such page', async ({ page, webHost }) => {
  test.setTimeout(240_000);
  await seedDemo(webHost.dataDir, 0);
  // A second leader (the demo seed has one): the deputy.
  const added = await runCli(['user', 'add', 'phogiamdoc', '--role', 'leader', '--full-name', 'Nguyễn Văn Phó', '--position', 'Phó Giám đốc',
    '--password-env', 'E2E_PASSWORD', '--as', 'admin', '--data-dir', webHost.dataDir], { E2E_PASSWORD: DEMO_PASSWORD });
  expect(added.code, added.stderr).toBe(0);
  const today = vietnamDate(new Date());
  const until = addCalendarDays(today, 7);

  await signIn(page, webHost.url, 'lanhdao');
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-tab-deputies').click();
  await expect(page.getByRole('heading', { level: 2, name: 'Ký thay' })).toBeVisible();
  await expect(page.getByTestId('deputies-empty')).toBeVisible();
  const form = page.getByTestId('deputy-form');
  // Nothing is sent while a field is missing.
  await form.getByRole('button', { name: 'Giao ký thay' }).click();
  await expect(page.getByTestId('settings-error')).toHaveText('Cần chọn người ký thay và ghi đủ từ ngày, đến ngày (dd/mm/yyyy).');
  await form.getByLabel('Người ký thay').selectOption({ label: 'Nguyễn Văn Phó' });
  await page.getByTestId('deputy-from').fill(dmy(today));
  await page.getByTestId('deputy-to').fill(dmy(until));
  await form.getByRole('button', { name: 'Giao ký thay' }).click();
  await expect(page.getByTestId('settings-notice')).toHaveText(`Đã giao Nguyễn Văn Phó ký thay từ ${dmy(today)} đến ${dmy(until)}.`);
  const row = page.getByTestId('deputy-row');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-state', 'active');
  await expect(row).toContainText('Trần Quốc Hùng');
  await expect(row).toContainText(`${dmy(today)} – ${dmy(until)}`);
  await expect(row).toContainText('Đang hiệu lực');
  await page.screenshot({ path: 'test-results/settings-deputies.png' });

  // The deputy sees the period from the other side, without the leader's controls.
  await page.getByTestId('sign-out').click();
  await signIn(page, webHost.url, 'phogiamdoc');
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-tab-deputies').click();
  await expect(row).toContainText('Nguyễn Văn Phó');
  await expect(row.getByRole('button', { name: 'Kết thúc' })).toHaveCount(0);

  // The leader ends it early.
  await page.getByTestId('sign-out').click();
  await signIn(page, webHost.url, 'lanhdao');
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-tab-deputies').click();
  await row.getByRole('button', { name: 'Kết thúc ký thay của Nguyễn Văn Phó' }).click();
  await expect(page.getByTestId('settings-notice')).toHaveText('Đã kết thúc ký thay của Nguyễn Văn Phó.');
  await expect(row).toHaveAttribute('data-state', 'ended');
  await expect(row).toContainText('Đã kết thúc sớm');

  // The leader is away and named nobody: an admin picks the leader and names the deputy for them, then ends it.
  await page.getByTestId('sign-out').click();
  await signIn(page, webHost.url, 'admin');
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-tab-deputies').click();
  await expect(row).toHaveCount(1);
  await form.getByLabel('Người ký thay').selectOption({ label: 'Nguyễn Văn Phó' });
  await page.getByTestId('deputy-from').fill(dmy(today));
  await page.getByTestId('deputy-to').fill(dmy(until));
  await form.getByRole('button', { name: 'Giao ký thay' }).click();
  await expect(page.getByTestId('settings-error')).toHaveText('Cần chọn lãnh đạo được ký thay.');
  await form.getByLabel('Ký thay cho lãnh đạo').selectOption({ label: 'Trần Quốc Hùng' });
  // The leader is not offered as their own deputy.
  await expect(form.getByLabel('Người ký thay').locator('option', { hasText: 'Trần Quốc Hùng' })).toHaveCount(0);
  await form.getByLabel('Người ký thay').selectOption({ label: 'Nguyễn Văn Phó' });
  await form.getByRole('button', { name: 'Giao ký thay' }).click();
  await expect(page.getByTestId('settings-notice')).toHaveText(`Đã giao Nguyễn Văn Phó ký thay Trần Quốc Hùng từ ${dmy(today)} đến ${dmy(until)}.`);
  const named = row.filter({ hasText: 'do admin giao' });
  await expect(named).toHaveAttribute('data-state', 'active');
  await page.screenshot({ path: 'test-results/settings-deputies-admin.png' });
  await named.getByRole('button', { name: 'Kết thúc ký thay của Nguyễn Văn Phó' }).click();
  await expect(page.getByTestId('settings-notice')).toHaveText('Đã kết thúc ký thay của Nguyễn Văn Phó.');
  await expect(named).toHaveAttribute('data-state', 'ended');

  // A specialist has no Ký thay page.
  await page.getByTestId('sign-out').click();
  await signIn(page, webHost.url, 'chuyenvien');
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings-tab-agency')).toBeVisible();
  await expect(page.getByTestId('settings-tab-deputies')).toHaveCount(0);
});
