import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { corpusSample, renderScan } from '../../../packages/docs-core/test/ocr/scan-corpus.js';
import { makeDraftPdf } from './draft-pdf.js';
import { seedDemo, signIn } from './sign-in.js';
import { expect, test } from './web-host-fixture.js';

const row = (page: Page, subject: string) => page.getByTestId('incoming-row').filter({ hasText: subject });

test('Tiếp nhận: the clerk receives a scanned paper document through the form (content uploaded, sender from the directory), previews it and registers it', async ({ page, webHost }) => {
  test.setTimeout(240_000);
  const subject = 'Về việc hướng dẫn quyết toán ngân sách năm 2026';
  const [, scan] = await Promise.all([seedDemo(webHost.dataDir, 0), makeDraftPdf(webHost.dataDir, 'ban-quet.pdf', subject)]);

  await signIn(page, webHost.url, 'vanthu');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Văn bản đến');
  await page.getByRole('button', { name: 'Tiếp nhận văn bản' }).click();
  const form = page.getByTestId('receive-form');
  await form.getByLabel('Hình thức nhận').selectOption({ label: 'Bản giấy (đã quét)' });
  // Nothing is sent while a field is missing.
  await form.getByRole('button', { name: 'Tiếp nhận' }).click();
  await expect(form.getByRole('alert')).toContainText('Cần chọn tệp PDF, nơi gửi');
  // The sender by folded name, no diacritics typed; one sender only.
  await form.getByRole('combobox', { name: 'Tìm nơi gửi theo tên hoặc mã định danh' }).fill('so tai chinh');
  await form.getByRole('listbox').getByRole('option', { name: /^Sở Tài chính/ }).first().click();
  await expect(form.getByTestId('recipients').getByRole('listitem')).toHaveCount(1);
  await expect(form.getByRole('combobox', { name: 'Tìm nơi gửi theo tên hoặc mã định danh' })).toHaveCount(0);
  await form.getByLabel('Số', { exact: true }).fill('215');
  await form.getByLabel('Ký hiệu').fill('STC-NS');
  await form.getByLabel('Ngày ban hành').fill('2026-12-01');
  await form.getByLabel('Loại văn bản').selectOption({ label: 'Công văn' });
  await form.getByLabel('Trích yếu').fill(subject);
  await form.getByLabel('Độ khẩn').selectOption({ label: 'Khẩn' });
  // A file that is not a PDF is refused before anything is uploaded.
  await form.getByLabel('Tệp văn bản (PDF)').setInputFiles({ name: 'ban-quet.jpg', mimeType: 'image/jpeg', buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0]) });
  await form.getByRole('button', { name: 'Tiếp nhận' }).click();
  await expect(form.getByRole('alert')).toHaveText('Tệp văn bản phải là PDF (bản quét cũng lưu dưới dạng PDF).');
  await form.getByLabel('Tệp văn bản (PDF)').setInputFiles(scan);
  await page.screenshot({ path: 'test-results/receive-form.png' });
  await form.getByRole('button', { name: 'Tiếp nhận' }).click();

  const detail = page.getByTestId('incoming-detail');
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText(subject);
  await expect(detail.getByTestId('state-tag')).toHaveText('Mới tiếp nhận');
  await expect(detail.getByTestId('detail-code')).toHaveText('215/STC-NS');
  await expect(detail.getByTestId('detail-issued')).toHaveText('01/12/2026');
  await expect(detail.getByTestId('detail-issuer')).toContainText('Sở Tài chính');
  await expect(row(page, subject)).toHaveCount(1);
  await expect(row(page, subject).getByTestId('urgency-tag')).toHaveText('Khẩn');
  // The uploaded scan opens in the preview and its words are found folded.
  await detail.getByTestId('incoming-files').getByRole('button', { name: 'Xem tệp' }).click();
  await expect(detail.getByTestId('pdf-page')).toHaveText('Trang 1/1');
  await detail.getByRole('searchbox', { name: 'Tìm trong văn bản' }).fill('quyet toan ngan sach');
  await detail.getByRole('searchbox', { name: 'Tìm trong văn bản' }).press('Enter');
  await expect(detail.getByTestId('pdf-find-result')).toHaveText('Thấy ở trang 1');
  await page.screenshot({ path: 'test-results/receive-detail.png' });

  // Then the next step of Điều 22: checked and registered, taking the next arrival number.
  await detail.getByRole('button', { name: 'Kiểm tra chữ ký số' }).click();
  await detail.getByRole('button', { name: 'Vào sổ', exact: true }).click();
  await expect(detail.getByTestId('detail-arrival-number')).toHaveText(/^\d+$/);
  await expect(detail.getByTestId('state-tag')).toHaveText('Đã vào sổ');
});

test('Tiếp nhận: "Đề xuất từ tệp" reads a scan (Tesseract) and prefills số, ký hiệu, date, sender, type and subject, each with its confidence', async ({ page, webHost }) => {
  test.setTimeout(240_000);
  const sample = corpusSample(2);
  const scan = join(webHost.dataDir, '..', 'ban-quet-so-y-te.pdf');
  const [, bytes] = await Promise.all([seedDemo(webHost.dataDir, 0), renderScan(sample, { dpi: 300, skew: 0, noise: 0, jpegQuality: 90 })]);
  await writeFile(scan, bytes);

  await signIn(page, webHost.url, 'vanthu');
  await page.getByRole('button', { name: 'Tiếp nhận văn bản' }).click();
  const form = page.getByTestId('receive-form');
  await form.getByLabel('Hình thức nhận').selectOption({ label: 'Bản giấy (đã quét)' });
  // What the clerk typed stays: a proposal fills only the empty fields.
  await form.getByLabel('Trích yếu').fill('Trích yếu do văn thư nhập');
  await form.getByLabel('Tệp văn bản (PDF)').setInputFiles(scan);
  await form.getByRole('button', { name: 'Đề xuất từ tệp' }).click();
  await expect(form.getByTestId('receive-suggested')).toContainText('Đã điền đề xuất', { timeout: 120_000 });
  await expect(form.getByTestId('receive-suggested')).toContainText(/Số \d+%, Ký hiệu \d+%, Ngày ban hành \d+%, Nơi gửi \d+%, Loại văn bản \d+%$/);
  await expect(form.getByLabel('Số', { exact: true })).toHaveValue(sample.number);
  await expect(form.getByLabel('Ký hiệu')).toHaveValue(sample.symbol);
  await expect(form.getByLabel('Ngày ban hành')).toHaveValue(sample.date);
  await expect(form.getByLabel('Loại văn bản')).toHaveValue(sample.type);
  await expect(form.getByLabel('Trích yếu')).toHaveValue('Trích yếu do văn thư nhập');
  await expect(form.getByTestId('recipients').getByRole('listitem')).toContainText('Sở Y tế');
  await page.screenshot({ path: 'test-results/receive-suggested.png' });

  await form.getByRole('button', { name: 'Tiếp nhận' }).click();
  const detail = page.getByTestId('incoming-detail');
  await expect(detail.getByTestId('detail-code')).toHaveText(`${sample.number}/${sample.symbol}`);
  await expect(detail.getByTestId('detail-issuer')).toContainText('Sở Y tế');
});
