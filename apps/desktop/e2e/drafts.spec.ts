import type { Page } from '@playwright/test';
import { makeDraftPdf } from './draft-pdf.js';
import { seedDemo, signIn } from './sign-in.js';
import { expect, test } from './web-host-fixture.js';

const openSection = (page: Page, name: string) => page.getByRole('navigation').getByRole('button', { name, exact: true }).click();
const row = (page: Page, subject: string) => page.getByTestId('outgoing-row').filter({ hasText: subject });

test('Dự thảo: a specialist drafts with an uploaded PDF and recipients from the directory, the leader returns it with a comment, then approves the new version', async ({ page, webHost }) => {
  test.setTimeout(240_000);
  await seedDemo(webHost.dataDir);
  const subject = 'Về việc thành lập Tổ công tác chuyển đổi số';
  const first = await makeDraftPdf(webHost.dataDir, 'du-thao-1.pdf', subject);
  const second = await makeDraftPdf(webHost.dataDir, 'du-thao-2.pdf', `${subject} (sửa)`);

  await signIn(page, webHost.url, 'chuyenvien');
  await openSection(page, 'Dự thảo');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dự thảo');
  await page.getByRole('button', { name: 'Tạo dự thảo' }).click();
  const form = page.getByTestId('draft-form');
  await form.getByLabel('Loại văn bản').selectOption({ label: 'Quyết định' });
  await form.getByLabel('Trích yếu').fill(subject);
  // The directory is searched folded: no diacritics typed, the right unit offered.
  const recipientBox = form.getByRole('combobox', { name: 'Tìm nơi nhận theo tên hoặc mã định danh' });
  await recipientBox.fill('so tai chinh');
  await form.getByRole('listbox').getByRole('option', { name: /^Sở Tài chính/ }).first().click();
  // By code, picked with the keyboard.
  await recipientBox.fill('000.00.04');
  await form.getByRole('listbox').getByRole('option').first().waitFor();
  await recipientBox.press('Enter');
  await expect(form.getByTestId('recipients').getByRole('listitem')).toHaveCount(2);
  await form.getByLabel('Độ khẩn').selectOption({ label: 'Khẩn' });
  await form.getByLabel('Độ mật').selectOption({ label: 'Thường' });
  await form.getByLabel('Người ký').selectOption({ label: 'Trần Quốc Hùng (Giám đốc)' });
  // A file that is not a PDF is refused before anything is sent.
  await form.getByLabel('Tệp dự thảo (PDF)').setInputFiles({ name: 'du-thao.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK\u0003\u0004 not a pdf') });
  await form.getByRole('button', { name: 'Lưu dự thảo' }).click();
  await expect(form.getByRole('alert')).toContainText('phải là PDF');
  await form.getByLabel('Tệp dự thảo (PDF)').setInputFiles(first);
  await page.screenshot({ path: 'test-results/drafts-form.png' });
  await form.getByRole('button', { name: 'Lưu dự thảo' }).click();

  const detail = page.getByTestId('outgoing-detail');
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText(subject);
  await expect(detail.getByTestId('outgoing-state')).toHaveText('Dự thảo');
  await expect(detail.getByTestId('outgoing-recipients')).toContainText('000.00.03.Z99');
  await expect(detail.getByTestId('versions').getByRole('listitem')).toHaveCount(1);
  await expect(row(page, subject)).toHaveCount(1);
  // The uploaded draft opens in the preview (pdf.js) and its words can be found, folded.
  await detail.getByRole('button', { name: 'Xem tệp' }).click();
  await expect(detail.getByTestId('pdf-page')).toHaveText('Trang 1/1');
  await detail.getByRole('searchbox', { name: 'Tìm trong văn bản' }).fill('chuyen doi so');
  await detail.getByRole('searchbox', { name: 'Tìm trong văn bản' }).press('Enter');
  await expect(detail.getByTestId('pdf-find-result')).toHaveText('Thấy ở trang 1');

  // A second version, kept beside the first.
  await detail.getByRole('button', { name: 'Tải phiên bản mới' }).click();
  await detail.getByLabel('Tệp phiên bản mới (PDF)').setInputFiles(second);
  await detail.getByLabel('Ghi chú thay đổi').fill('Sửa trích yếu');
  await detail.getByRole('button', { name: 'Lưu phiên bản' }).click();
  await expect(detail.getByTestId('versions').getByRole('listitem')).toHaveCount(2);
  await detail.getByRole('button', { name: 'Trình duyệt' }).click();
  await expect(detail.getByTestId('outgoing-state')).toHaveText('Chờ duyệt');

  // The leader returns it with a comment, which the author then reads.
  await page.getByTestId('sign-out').click();
  await signIn(page, webHost.url, 'lanhdao');
  await openSection(page, 'Dự thảo');
  await page.getByRole('tab', { name: /Chờ duyệt/ }).click();
  await row(page, subject).click();
  await detail.getByRole('button', { name: 'Trả lại' }).click();
  await detail.getByRole('button', { name: 'Xác nhận trả lại' }).click();
  await expect(detail.getByRole('alert')).toHaveText('Cần ghi ý kiến khi trả lại dự thảo.');
  await detail.getByLabel('Ý kiến trả lại').fill('Bổ sung căn cứ pháp lý tại phần mở đầu');
  await detail.getByRole('button', { name: 'Xác nhận trả lại' }).click();
  await expect(detail.getByTestId('outgoing-state')).toHaveText('Bị trả lại');

  await page.getByTestId('sign-out').click();
  await signIn(page, webHost.url, 'chuyenvien');
  await openSection(page, 'Dự thảo');
  await row(page, subject).click();
  await expect(detail.getByTestId('comments')).toContainText('Bổ sung căn cứ pháp lý tại phần mở đầu');
  await detail.getByRole('button', { name: 'Trình duyệt' }).click();
  await expect(detail.getByTestId('outgoing-state')).toHaveText('Chờ duyệt');

  await page.getByTestId('sign-out').click();
  await signIn(page, webHost.url, 'lanhdao');
  await openSection(page, 'Dự thảo');
  await page.getByRole('tab', { name: /Chờ duyệt/ }).click();
  await row(page, subject).click();
  await detail.getByRole('button', { name: 'Duyệt' }).click();
  await detail.getByLabel('Ý kiến (không bắt buộc)').fill('Đồng ý');
  await detail.getByRole('button', { name: 'Duyệt' }).last().click();
  await expect(detail.getByTestId('outgoing-state')).toHaveText('Đã duyệt, chờ ký');
  await expect(detail.getByTestId('timeline')).toContainText('Đã duyệt, chờ ký');
  await page.screenshot({ path: 'test-results/drafts-approved.png' });
});
