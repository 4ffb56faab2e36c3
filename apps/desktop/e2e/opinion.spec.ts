import { runCli } from './run-cli.js';
import { receiveByCli, seedDemo, signIn } from './sign-in.js';
import { expect, test } from './web-host-fixture.js';

test('Ý kiến phối hợp: the supporting assignee gives an opinion through the screen; the lead sees it on the assignment', async ({ page, webHost }) => {
  test.setTimeout(240_000);
  await seedDemo(webHost.dataDir);
  const subject = 'Về việc lấy ý kiến phối hợp';
  const id = await receiveByCli(webHost.dataDir, { subject, number: '47' });
  const cli = async (...args: string[]) => {
    const run = await runCli([...args, '--data-dir', webHost.dataDir]);
    expect(run.code, run.stderr).toBe(0);
  };
  // The fixture needs checking (Điều 21): registered with a confirmation, then assigned with a supporting assignee.
  await cli('doc', 'verify', id, '--as', 'vanthu');
  await cli('doc', 'register', id, '--confirm', '--reason', 'Đã xác minh', '--as', 'vanthu');
  await cli('doc', 'present', id, '--as', 'vanthu');
  await cli('doc', 'assign', id, '--lead', 'chuyenvien', '--support', 'vanthu', '--due-in', '5', '--as', 'lanhdao');

  await signIn(page, webHost.url, 'vanthu');
  await page.getByRole('tab', { name: /Đang giải quyết/ }).click();
  await page.getByTestId('incoming-row').filter({ hasText: subject }).click();
  const detail = page.getByTestId('incoming-detail');
  await detail.getByRole('button', { name: 'Cho ý kiến phối hợp' }).click();
  await detail.getByRole('button', { name: 'Ghi ý kiến' }).click();
  await expect(detail.getByRole('alert')).toHaveText('Nhập nội dung ý kiến.');
  await detail.getByLabel('Ý kiến phối hợp').fill('Thống nhất; hồ sơ lưu trữ đã đủ');
  await detail.getByRole('button', { name: 'Ghi ý kiến' }).click();
  await expect(detail.getByTestId('assignment-opinions')).toContainText('Nguyễn Thị Thu Hà: Thống nhất; hồ sơ lưu trữ đã đủ');

  // The lead has no such button, and reads the opinion under the supporting assignment.
  await page.getByTestId('sign-out').click();
  await signIn(page, webHost.url, 'chuyenvien');
  await page.getByRole('tab', { name: /Đang giải quyết/ }).click();
  await page.getByTestId('incoming-row').filter({ hasText: subject }).click();
  await expect(detail.getByTestId('assignment-opinions')).toContainText('Thống nhất; hồ sơ lưu trữ đã đủ');
  await expect(detail.getByRole('button', { name: 'Cho ý kiến phối hợp' })).toHaveCount(0);
});
