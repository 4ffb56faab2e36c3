import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './agency-server-fixture.js';
import { makeDevToken } from './dev-token.js';
import { makeDraftPdf } from './draft-pdf.js';
import { receivePaperThroughForm } from './receive-form.js';
import { runCli } from './run-cli.js';
import { seedDemo, signIn } from './sign-in.js';

/**
 * Issue 10: an agency on one server (`eoffice serve`), its people on their own workstations' browser faces
 * (`start:web --server --fingerprint`), the renderer unchanged. The clerk registers on one, the leader sees it at once
 * on another; the leader signs with the token plugged into their own workstation.
 */
const incomingRow = (page: Page, subject: string) => page.getByTestId('incoming-row').filter({ hasText: subject });
const outgoingRow = (page: Page, subject: string) => page.getByTestId('outgoing-row').filter({ hasText: subject });

async function cli(dataDir: string, args: readonly string[]): Promise<string> {
  const run = await runCli([...args, '--data-dir', dataDir]);
  expect(run.code, run.stderr).toBe(0);
  return run.stdout;
}

test('Máy chủ cơ quan: the clerk signs in on a workstation connected to the server and registers a document through the screen; the leader on another workstation sees it at once', async ({ agency, page, browser }) => {
  test.setTimeout(360_000);
  const subject = 'Về việc kiểm tra công tác văn thư qua máy chủ cơ quan';
  const [, scan, clerkUrl, leaderUrl] = await Promise.all([
    seedDemo(agency.dataDir, 0),
    makeDraftPdf(agency.dir, 'ban-quet.pdf', subject),
    agency.face(),
    agency.face(),
  ]);

  // The leader's workstation, open on the registered documents before anything is registered.
  const leaderContext = await browser.newContext();
  const leader = await leaderContext.newPage();
  await signIn(leader, leaderUrl, 'lanhdao');
  await leader.getByRole('tab', { name: /Đã vào sổ/ }).click();
  await expect(incomingRow(leader, subject)).toHaveCount(0);

  await signIn(page, clerkUrl, 'vanthu');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Văn bản đến');
  // The file goes from the browser to the workstation and on to the server as content, never as a path.
  await receivePaperThroughForm(page, { number: '318', symbol: 'STC-VP', subject, file: scan });

  const detail = page.getByTestId('incoming-detail');
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText(subject);
  await expect(detail.getByTestId('state-tag')).toHaveText('Mới tiếp nhận');
  await detail.getByRole('button', { name: 'Kiểm tra chữ ký số' }).click();
  await detail.getByRole('button', { name: 'Vào sổ', exact: true }).click();
  await expect(detail.getByTestId('state-tag')).toHaveText('Đã vào sổ');
  await expect(detail.getByTestId('detail-arrival-number')).toHaveText('1');
  await page.screenshot({ path: 'test-results/agency-server-clerk.png' });

  // The server's event reaches the other workstation's open list, with no reload.
  await expect(incomingRow(leader, subject)).toHaveCount(1);
  await leader.screenshot({ path: 'test-results/agency-server-leader.png' });
  await leaderContext.close();

  // It is the server's document: the server's own store holds it, numbered.
  const documents = JSON.parse(await cli(agency.dataDir, ['doc', 'list', '--direction', 'in', '--as', 'vanthu', '--json'])) as Array<{ subject: string; arrivalNumber: number | null }>;
  expect(documents.filter((d) => d.subject === subject).map((d) => d.arrivalNumber)).toEqual([1]);
});

test('Máy chủ cơ quan: the leader signs with the SoftHSM2 token of their own workstation, which the server never sees', async ({ agency, page }) => {
  test.setTimeout(360_000);
  const subject = 'Về việc ký số tại máy trạm của lãnh đạo';
  const [token, , draft] = await Promise.all([
    makeDevToken(join(agency.dir, 'token'), { agency: 'Sở Nội vụ tỉnh Demo', leader: 'Trần Quốc Hùng' }),
    seedDemo(agency.dataDir, 0),
    makeDraftPdf(agency.dir, 'du-thao.pdf', subject),
  ]);
  // The leader's certificate is bound to the leader on the server (a signature counts only with a bound certificate).
  await cli(agency.dataDir, ['user', 'cert', 'add', '--cert', token.certs.leader, '--as', 'lanhdao']);
  const { id } = JSON.parse(
    await cli(agency.dataDir, ['doc', 'draft', '--type', 'QĐ', '--subject', subject, '--file', draft, '--to', '000.00.03.Z99', '--signer', 'lanhdao', '--as', 'chuyenvien', '--json']),
  ) as { id: string };
  await cli(agency.dataDir, ['doc', 'submit', id, '--as', 'chuyenvien']);
  await cli(agency.dataDir, ['doc', 'approve', id, '--as', 'lanhdao']);

  // The token is plugged into the leader's workstation only.
  const url = await agency.face({ SOFTHSM2_CONF: token.softhsm2Conf, EOFFICE_PKCS11_MODULES: token.module });
  await signIn(page, url, 'lanhdao');
  await page.getByRole('navigation').getByRole('button', { name: 'Dự thảo', exact: true }).click();
  await page.getByRole('tab', { name: /Chờ ký/ }).click();
  await outgoingRow(page, subject).click();
  const detail = page.getByTestId('outgoing-detail');
  await detail.getByRole('button', { name: 'Ký số' }).click();
  const dialog = page.getByTestId('sign-dialog');
  await expect(dialog.getByTestId('token-certificate').filter({ hasText: 'Trần Quốc Hùng' }).filter({ hasNot: page.getByTestId('certificate-problem') })).toHaveCount(1);
  // What you see is what you sign: the revision the server prepared, shown before the PIN.
  await dialog.getByRole('button', { name: 'Xem bản sẽ ký' }).click();
  await expect(dialog.getByTestId('pdf-page')).toHaveText('Trang 1/1');
  await dialog.getByLabel('Mã PIN của token').fill(token.pin);
  await dialog.getByRole('button', { name: 'Ký', exact: true }).click();
  await expect(dialog.getByTestId('sign-results').locator('li[data-status="signed"]')).toHaveCount(1, { timeout: 60_000 });
  await expect(detail.getByTestId('outgoing-state')).toHaveText('Đã ký, chờ phát hành');
  await page.screenshot({ path: 'test-results/agency-server-signed.png' });

  // The server's store has the signed revision, verified there.
  const shown = JSON.parse(await cli(agency.dataDir, ['doc', 'show', id, '--as', 'lanhdao', '--json'])) as { state: string; signatures: Array<{ kind: string; valid: boolean }> };
  expect(shown.state).toBe('signed');
  expect(shown.signatures.map((s) => [s.kind, s.valid])).toEqual([['person', true]]);
});
