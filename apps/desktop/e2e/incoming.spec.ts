import type { Page } from '@playwright/test';
import { PAGE_ADDED_PDF, receiveByCli, seedDemo, signIn } from './sign-in.js';
import { expect, test } from './web-host-fixture.js';

const row = (page: Page, subject: string) => page.getByTestId('incoming-row').filter({ hasText: subject });

test('Văn bản đến: the clerk verifies, registers and presents, the leader assigns, the specialist completes — all through the screen', async ({ page, webHost }) => {
  test.setTimeout(240_000);
  await seedDemo(webHost.dataDir);
  const subject = 'Về việc quản lý đất đai năm 2026';
  await receiveByCli(webHost.dataDir, { subject, urgency: 'flash', number: '45' });
  const rejected = 'Về việc gửi nhầm cơ quan';
  await receiveByCli(webHost.dataDir, { subject: rejected, number: '46' });

  await signIn(page, webHost.url, 'vanthu');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Văn bản đến');
  const flash = row(page, subject);
  await expect(flash).toHaveClass(/unread/);
  await expect(flash.getByTestId('urgency-tag')).toHaveText('Hỏa tốc');
  const unreadBefore = Number(await page.getByTestId('badge-unread').textContent());

  // Opening it marks it read (for this user) and lowers the badge.
  await flash.click();
  const detail = page.getByTestId('incoming-detail');
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText(subject);
  await expect(flash).not.toHaveClass(/unread/);
  await expect(page.getByTestId('badge-unread')).toHaveText(String(unreadBefore - 1));

  await detail.getByRole('button', { name: 'Kiểm tra chữ ký số' }).click();
  await expect(detail.getByRole('status')).toHaveText('Đã thực hiện: Kiểm tra chữ ký số.');
  // Each part of the verdict in words: never one tick.
  const signature = detail.getByTestId('signature').first();
  await expect(signature.getByTestId('sig-intact')).toContainText(/nguyên vẹn|sửa sau khi ký|Chưa xác định/);
  await expect(signature.getByTestId('sig-valid')).toContainText(/Chữ ký (không )?hợp lệ/);
  await expect(signature.getByTestId('sig-trusted')).toContainText(/tin cậy/);
  // The fixture is signed by a person of another country's CA, not sealed by the sending agency: it needs checking
  // (Điều 21), and the clerk registers it only by confirming with a reason.
  await expect(detail.getByTestId('checking-findings')).toContainText('Cần xác minh');
  // The timeline says the check's findings in words; the code is only the tooltip.
  const timeline = detail.getByTestId('timeline');
  await expect(timeline).toContainText('cần xác minh: Chỉ có chữ ký cá nhân, không có chữ ký số của cơ quan gửi');
  await expect(timeline.getByTestId('timeline-code').first()).toHaveAttribute('title', 'NO_AGENCY_SIGNATURE');
  await expect(timeline).not.toContainText(/[A-Z]+_[A-Z_]+/);
  await detail.getByRole('button', { name: 'Vào sổ có xác nhận' }).click();
  await detail.getByRole('button', { name: 'Xác nhận vào sổ' }).click();
  await expect(detail.getByRole('alert')).toHaveText('Cần ghi lý do xác nhận.');
  await detail.getByLabel('Lý do vào sổ dù cần xác minh').fill('Đã gọi điện xác minh với Sở Y tế');
  await detail.getByRole('button', { name: 'Xác nhận vào sổ' }).click();
  await expect(detail.getByTestId('detail-arrival-number')).toHaveText(/^\d+$/);
  await detail.getByRole('button', { name: 'Trình lãnh đạo' }).click();
  await expect(detail.getByTestId('timeline')).toContainText('Đã trình lãnh đạo');
  await page.screenshot({ path: 'test-results/incoming-clerk.png' });

  // Reject needs a reason, and keeps it.
  await page.getByRole('tab', { name: /Chờ xử lý/ }).click();
  await row(page, rejected).click();
  await detail.getByRole('button', { name: 'Từ chối' }).click();
  await detail.getByRole('button', { name: 'Xác nhận từ chối' }).click();
  await expect(detail.getByRole('alert')).toHaveText('Cần ghi lý do từ chối.');
  await detail.getByLabel('Lý do từ chối').fill('Văn bản gửi nhầm, không thuộc thẩm quyền');
  await detail.getByRole('button', { name: 'Xác nhận từ chối' }).click();
  await expect(detail.getByTestId('detail-reject-reason')).toHaveText('Văn bản gửi nhầm, không thuộc thẩm quyền');

  // The leader fills the Phiếu giải quyết.
  await page.getByTestId('sign-out').click();
  await signIn(page, webHost.url, 'lanhdao');
  await page.getByRole('tab', { name: /Đã vào sổ/ }).click();
  await row(page, subject).click();
  await detail.getByRole('button', { name: 'Phân công xử lý' }).click();
  const form = detail.getByTestId('assign-form');
  await form.getByLabel('Người chủ trì').selectOption({ label: 'Lê Minh Tuấn (Chuyên viên)' });
  await form.getByRole('spinbutton', { name: 'Số ngày' }).fill('5');
  await expect(form.getByTestId('assign-due')).toHaveText(/^Hạn: \d{2}\/\d{2}\/\d{4}$/);
  await form.getByLabel('Ý kiến chỉ đạo').fill('Đề nghị chủ trì tham mưu văn bản trả lời');
  await page.screenshot({ path: 'test-results/incoming-assign.png' });
  await form.getByRole('button', { name: 'Giao xử lý' }).click();
  await expect(detail.getByTestId('assignments')).toContainText('Chủ trì: Lê Minh Tuấn');
  await expect(detail.getByTestId('assignments')).toContainText('Đề nghị chủ trì tham mưu văn bản trả lời');

  // The specialist starts and completes it.
  await page.getByTestId('sign-out').click();
  await signIn(page, webHost.url, 'chuyenvien');
  await page.getByRole('tab', { name: /Đang giải quyết/ }).click();
  await row(page, subject).click();
  await detail.getByRole('button', { name: 'Bắt đầu xử lý' }).click();
  await detail.getByRole('button', { name: 'Hoàn thành xử lý' }).click();
  await detail.getByLabel('Kết quả xử lý').fill('Đã tham mưu văn bản trả lời');
  await detail.getByRole('button', { name: 'Xác nhận hoàn thành' }).click();
  await expect(detail.locator('.state-tag')).toHaveText('Đã hoàn thành');
  await expect(detail.getByTestId('timeline')).toContainText('Đã hoàn thành');
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: 'test-results/incoming-specialist-1280.png' });
});

test('Văn bản đến: a sender stored by its code alone shows under the directory’s name, the code a small hint beside it', async ({ page, webHost }) => {
  test.setTimeout(240_000);
  await seedDemo(webHost.dataDir, 0);
  // The CLI's --from gives the code only (000.00.16.Z99: the demo province's Sở Y tế).
  const subject = 'Về việc tiêm chủng mở rộng';
  await receiveByCli(webHost.dataDir, { subject, number: '47' });

  await signIn(page, webHost.url, 'vanthu');
  const issuer = row(page, subject).getByTestId('incoming-issuer');
  await expect(issuer).toContainText('Sở Y tế', { timeout: 30_000 });
  await expect(issuer.getByTestId('organ-code')).toHaveText('000.00.16.Z99');
  await row(page, subject).click();
  const detailIssuer = page.getByTestId('incoming-detail').getByTestId('detail-issuer');
  await expect(detailIssuer).toContainText('Sở Y tế', { timeout: 30_000 });
  await expect(detailIssuer.getByTestId('organ-code')).toHaveText('000.00.16.Z99');

  // The search results name it the same way.
  await page.getByTestId('top-search').fill('tiem chung');
  await page.getByTestId('top-search').press('Enter');
  const hit = page.getByTestId('search-row').filter({ hasText: subject });
  await expect(hit).toContainText('Sở Y tế', { timeout: 30_000 });
  await expect(hit.getByTestId('organ-code')).toHaveText('000.00.16.Z99');
  await page.screenshot({ path: 'test-results/incoming-issuer-name.png' });
});

test('Văn bản đến: the signature panel says each problem in words, Vietnamese first, the code a small hint', async ({ page, webHost }) => {
  test.setTimeout(240_000);
  await seedDemo(webHost.dataDir, 0);
  const subject = 'Về việc kiểm tra chữ ký số';
  await receiveByCli(webHost.dataDir, { subject, number: '48', file: PAGE_ADDED_PDF });

  await signIn(page, webHost.url, 'vanthu');
  await row(page, subject).click();
  const detail = page.getByTestId('incoming-detail');
  await detail.getByRole('button', { name: 'Kiểm tra chữ ký số' }).click();
  await expect(detail.getByRole('status')).toHaveText('Đã thực hiện: Kiểm tra chữ ký số.', { timeout: 60_000 });

  // A page was added after signing: PAGE_COUNT_CHANGED, in words.
  const problems = detail.getByTestId('sig-problem');
  const pages = problems.and(page.locator('[data-code="PAGE_COUNT_CHANGED"]')).first();
  await expect(pages).toContainText('Số trang đã thay đổi sau khi ký', { timeout: 30_000 });
  await expect(pages.locator('.code-hint')).toHaveText('PAGE_COUNT_CHANGED');
  // Every problem reads as a sentence before its code: none is a bare code.
  const codes = await problems.evaluateAll((items) => items.map((item) => item.getAttribute('data-code') ?? ''));
  expect(codes.length).toBeGreaterThan(0);
  for (const [index, code] of codes.entries()) {
    const text = (await problems.nth(index).innerText()).replace(code, '').trim();
    expect(text, code).toMatch(/[a-zà-ỹđ]{3}/);
    expect(text, code).not.toContain('chưa có mô tả');
  }
  await page.screenshot({ path: 'test-results/incoming-signature-problems.png' });

  await page.getByRole('button', { name: 'EN' }).click();
  await expect(pages).toContainText('The number of pages changed after signing');
  await expect(pages.locator('.code-hint')).toHaveText('PAGE_COUNT_CHANGED');
});
