import type { Page } from '@playwright/test';

/** What a clerk types into the Tiếp nhận form for a scanned paper document from Sở Tài chính. */
export interface PaperReceipt {
  readonly number: string;
  readonly symbol: string;
  readonly subject: string;
  /** The PDF picked in the form: its content is uploaded, never its path. */
  readonly file: string;
}

/** Văn bản đến → Tiếp nhận văn bản, filled and sent as a clerk does it: the sender picked by its folded name. */
export async function receivePaperThroughForm(page: Page, receipt: PaperReceipt): Promise<void> {
  await page.getByRole('button', { name: 'Tiếp nhận văn bản' }).click();
  const form = page.getByTestId('receive-form');
  await form.getByLabel('Hình thức nhận').selectOption({ label: 'Bản giấy (đã quét)' });
  await form.getByRole('combobox', { name: 'Tìm nơi gửi theo tên hoặc mã định danh' }).fill('so tai chinh');
  await form.getByRole('listbox').getByRole('option', { name: /^Sở Tài chính/ }).first().click();
  await form.getByLabel('Số', { exact: true }).fill(receipt.number);
  await form.getByLabel('Ký hiệu').fill(receipt.symbol);
  await form.getByLabel('Ngày ban hành').fill('2026-12-01');
  await form.getByLabel('Loại văn bản').selectOption({ label: 'Công văn' });
  await form.getByLabel('Trích yếu').fill(receipt.subject);
  await form.getByLabel('Tệp văn bản (PDF)').setInputFiles(receipt.file);
  await form.getByRole('button', { name: 'Tiếp nhận' }).click();
}
