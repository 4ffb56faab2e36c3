import { runCli } from './run-cli.js';
import { seedDemo, signIn } from './sign-in.js';
import { expect, test } from './web-host-fixture.js';

interface Row { received: number; issued: number; handledOnTime: number; handledLate: number; pendingOverdue: number }

test('Thống kê: the leader picks a period and sees the statistics service\'s counts, drawn as charts', async ({ page, webHost }) => {
  test.setTimeout(300_000);
  await seedDemo(webHost.dataDir, 40);
  const stats = async (args: string[]) => {
    const run = await runCli(['stats', ...args, '--json', '--as', 'lanhdao', '--data-dir', webHost.dataDir]);
    expect(run.code, run.stderr).toBe(0);
    return (JSON.parse(run.stdout) as { total: Row }).total;
  };
  const year = new Date().getUTCFullYear();
  const whole = await stats(['--year', String(year)]);
  expect(whole.received + whole.issued).toBeGreaterThan(0);

  await signIn(page, webHost.url, 'lanhdao');
  await page.getByTestId('nav-statistics').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thống kê văn bản');
  await expect(page.getByTestId('stat-period')).toHaveText(`Từ 01/01/${year} đến 31/12/${year}`);
  const card = (id: string) => page.getByTestId(`stat-${id}`).locator('.stat-value');
  await expect(card('received')).toHaveText(String(whole.received));
  await expect(card('issued')).toHaveText(String(whole.issued));
  await expect(card('on-time')).toHaveText(String(whole.handledOnTime));
  await expect(card('late')).toHaveText(String(whole.handledLate));
  await expect(card('overdue')).toHaveText(String(whole.pendingOverdue));
  for (const chart of ['chart-per-month', 'chart-handling', 'chart-by-type']) await expect(page.getByTestId(chart)).toBeVisible();
  await page.screenshot({ path: 'test-results/statistics.png' });

  // Another period through the picker: the first quarter, as the service counts it.
  const q1 = await stats(['--year', String(year), '--quarter', '1']);
  await page.getByRole('combobox', { name: 'Theo' }).selectOption('quarter');
  await page.getByRole('combobox', { name: 'Quý' }).selectOption('1');
  await expect(page.getByTestId('stat-period')).toHaveText(`Từ 01/01/${year} đến 31/03/${year}`);
  await expect(card('received')).toHaveText(String(q1.received));
  await expect(card('issued')).toHaveText(String(q1.issued));

  // A year with nothing says so in words.
  await page.getByRole('combobox', { name: 'Năm' }).selectOption(String(year - 7));
  await expect(page.getByTestId('stat-empty')).toContainText('Chưa có văn bản nào trong kỳ này');
});
