import { openStore } from '../../../packages/docs-core/src/store/store.js';
import { runCli } from './run-cli.js';
import { receiveByCli, seedDemo, signIn } from './sign-in.js';
import { expect, test } from './web-host-fixture.js';

test('Sổ đăng ký: the archivist lands on the register, searches it without diacritics and prints it to PDF', async ({ page, webHost }) => {
  test.setTimeout(240_000);
  await seedDemo(webHost.dataDir);
  const subjects = ['Về việc quản lý Đất đai năm 2026', 'Về việc tuyển dụng viên chức'];
  for (const [index, subject] of subjects.entries()) {
    const id = await receiveByCli(webHost.dataDir, { subject, number: String(70 + index) });
    // The fixture is signed abroad, not sealed by Sở Y tế: the arrival check holds it (Điều 21); the clerk confirms it.
    for (const step of [['verify'], ['register', '--confirm', '--reason', 'Bản mẫu ký số nước ngoài, đã xác minh']]) {
      const run = await runCli(['doc', step[0]!, id, ...step.slice(1), '--as', 'vanthu', '--data-dir', webHost.dataDir]);
      expect(run.code, run.stderr).toBe(0);
    }
  }

  await signIn(page, webHost.url, 'luutru');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sổ đăng ký');
  const table = page.getByTestId('register-table');
  for (const subject of subjects) await expect(table.getByTestId('register-row').filter({ hasText: subject })).toHaveCount(1);
  const total = await table.getByTestId('register-row').count();

  // Search as you type, folded: "dat dai" finds "Đất đai" and nothing else.
  await page.getByTestId('register-search').pressSequentially('dat dai');
  await expect(table.getByTestId('register-row')).toHaveCount(1);
  await expect(table.getByTestId('register-row')).toContainText('Đất đai');
  await expect(page.getByTestId('register-count')).toHaveText(`1 / ${total} dòng`);
  await page.getByTestId('register-search').fill('khong co dong nao nhu the');
  await expect(page.getByText('Không có dòng nào khớp với điều kiện tìm.')).toBeVisible();
  await page.getByTestId('register-search').fill('');

  await page.getByRole('button', { name: 'In sổ ra PDF' }).click();
  await expect(page.getByRole('status')).toHaveText(new RegExp(`^Đã in ${total} dòng \\(0 số hủy\\) ra tệp [^/]+\\.pdf\\.$`));
  await page.screenshot({ path: 'test-results/registers.png' });

  // The outgoing register of the same year is another book.
  await page.getByRole('combobox', { name: /^Sổ/ }).selectOption('outgoing');
  await expect(table.getByTestId('register-row').filter({ hasText: subjects[0]! })).toHaveCount(0);

  // A longer register comes by pages (the first one small, the rest behind it): 450 more lines, written straight into
  // the book as the numbering writes them, show in full, in order, and the search covers the lines loaded later.
  const extra = 450;
  const store = await openStore({ dataDir: webHost.dataDir });
  try {
    const first = await store.db.selectFrom('register_entries').selectAll().orderBy('number', 'desc').executeTakeFirstOrThrow();
    await store.db
      .insertInto('register_entries')
      .values(Array.from({ length: extra }, (_, i) => ({
        register_id: first.register_id, sequence_key: first.sequence_key, number: first.number + i + 1, document_id: `e2e-them-${i + 1}`,
        code: `Dòng thêm ${i + 1}/E2E`, status: 'active' as const, note: null, registered_at: first.registered_at, registered_by: first.registered_by,
      })))
      .execute();
  } finally {
    await store.close();
  }
  const lines = total + extra;
  await page.getByRole('combobox', { name: /^Sổ/ }).selectOption('incoming');
  await expect(table).toHaveAttribute('aria-rowcount', String(lines + 1));
  await expect(table).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByTestId('register-count')).toHaveText(`${lines} / ${lines} dòng`);
  await table.locator('.vbody').evaluate((body) => (body.scrollTop = body.scrollHeight));
  await expect(table.getByTestId('register-row').filter({ hasText: `Dòng thêm ${extra}/E2E` })).toHaveCount(1);
  await page.getByTestId('register-search').fill(`dong them ${extra - 1}/e2e`);
  await expect(table.getByTestId('register-row')).toHaveCount(1);
  await expect(page.getByTestId('register-count')).toHaveText(`1 / ${lines} dòng`);

  // The search asks the service over every line, not the lines loaded so far: with the pages behind the first one
  // held back (never answered), a line past the first page is still found.
  await page.getByTestId('register-search').fill('');
  await page.route('**/rpc/registers.entries', async (route) => {
    const input = route.request().postDataJSON() as { after?: unknown; offset?: unknown; query?: unknown };
    if (input.query === undefined && (input.after !== undefined || input.offset !== undefined)) return;
    await route.continue();
  });
  await page.getByRole('combobox', { name: /^Sổ/ }).selectOption('outgoing');
  await page.getByRole('combobox', { name: /^Sổ/ }).selectOption('incoming');
  await expect(page.getByTestId('register-loading')).toBeVisible();
  await expect(table.getByTestId('register-row').filter({ hasText: `Dòng thêm ${extra - 1}/E2E` })).toHaveCount(0);
  await page.getByTestId('register-search').fill(`dong them ${extra - 1}/e2e`);
  await expect(table.getByTestId('register-row')).toHaveCount(1);
  await expect(table.getByTestId('register-row')).toContainText(`Dòng thêm ${extra - 1}/E2E`);
  await expect(page.getByTestId('register-count')).toHaveText(`1 / ${lines} dòng`);
});
