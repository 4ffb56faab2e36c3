import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { makeDraftPdf } from './draft-pdf.js';
import { expectNoSeriousViolations } from './axe-check.js';
import { runCli } from './run-cli.js';
import { seedDemo, signIn } from './sign-in.js';
import { useTokenHost } from './token-host.js';
import { expect, test } from './web-host-fixture.js';

const CLI = fileURLToPath(new URL('../../../scripts/eoffice/build/eoffice.mjs', import.meta.url));
/** The demo agency (the web host, the sender) and the recipient the drafts of token-host.ts go to. */
const SENDER = '000.00.02.Z99';
const RECIPIENT = '000.00.03.Z99';
const SECRET = 'bi-mat-truc-e2e-trang-thai';

const openSection = (page: Page, name: string) => page.getByRole('navigation').getByRole('button', { name, exact: true }).click();

const host = useTokenHost({ agency: 'Sở Nội vụ tỉnh Demo', leader: 'Trần Quốc Hùng' });

let dir = '';
let axis: { url: string; child: ChildProcess } | undefined;
test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eoffice-e2e-deliveries-'));
  // `eoffice axis serve` over the demo province: every endpoint is its own system, all with the secret given here.
  const child = spawn(process.execPath, [CLI, 'axis', 'serve', '--port', '0', '--data', join(dir, 'axis'), '--json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, EOFFICE_AXIS_SECRET: SECRET },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve((JSON.parse(out) as { url: string }).url);
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`axis serve exited ${code}: ${err}`)));
  });
  axis = { url, child };
});
test.afterAll(async () => {
  if (axis && axis.child.exitCode === null) {
    const exited = new Promise((resolve) => axis!.child.once('exit', resolve));
    axis.child.kill('SIGTERM');
    await exited;
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});
test.beforeEach(({ webHostEnv }) => {
  // The sender's host runs its sync engine every 5 seconds (the shortest allowed): statuses come in on their own.
  Object.assign(webHostEnv, { EOFFICE_AXIS_URL: axis!.url, EOFFICE_AXIS_SYSTEM_ID: SENDER, EOFFICE_AXIS_SECRET: SECRET, EOFFICE_SYNC_INTERVAL_S: '5' });
});

test('Văn bản đi: after dispatch through the axis the clerk sees each recipient’s statuses 01 and 03 arrive on the sent document', async ({ page, webHost }) => {
  test.setTimeout(300_000);
  const subject = 'Về việc thử liên thông trạng thái văn bản';
  const [, pdf] = await Promise.all([seedDemo(webHost.dataDir, 0), makeDraftPdf(webHost.dataDir, 'lt.pdf', subject)]);
  const { cli } = host;
  const pin = { E2E_TOKEN_PIN: host.token().pin };
  const key = ['--pkcs11', host.token().module, '--token', host.token().token, '--pin-env', 'E2E_TOKEN_PIN'];
  await cli(webHost.dataDir, ['user', 'cert', 'add', '--cert', host.token().certs.leader, '--as', 'lanhdao']);
  await cli(webHost.dataDir, ['agency', 'cert', 'add', '--cert', host.token().certs.agency, '--as', 'vanthu']);
  const id = await host.approvedDraft(webHost.dataDir, subject, pdf);
  await cli(webHost.dataDir, ['doc', 'sign', id, ...key, '--key-id', '01', '--as', 'lanhdao'], pin);
  await cli(webHost.dataDir, ['doc', 'issue', id, ...key, '--key-id', '02', '--as', 'vanthu'], pin);

  // The recipient: another agency on its own data folder, syncing from the command line.
  const recipient = join(dir, 'recipient');
  await cli(recipient, ['db', 'init', '--agency', RECIPIENT, '--name', 'Sở Tài chính tỉnh Demo', '--abbr', 'STC']);
  await cli(recipient, ['user', 'add', 'admin', '--role', 'admin', '--full-name', 'Quản trị']);
  await cli(recipient, ['user', 'add', 'vanthu', '--role', 'clerk', '--full-name', 'Văn thư Sở Tài chính', '--as', 'admin']);
  const recipientSync = async () => {
    const run = await runCli(['sync', '--once', '--json', '--data-dir', recipient, '--axis', axis!.url, '--system-id', RECIPIENT, '--secret-env', 'E2E_AXIS_SECRET'], {
      E2E_AXIS_SECRET: SECRET,
    });
    expect(run.code, run.stderr + run.stdout).toBe(0);
  };

  // Phát hành qua trục through the screen.
  await signIn(page, webHost.url, 'vanthu');
  await openSection(page, 'Văn bản đi');
  await page.getByTestId('outgoing-row').filter({ hasText: subject }).click();
  const detail = page.getByTestId('outgoing-detail');
  await expect(detail.getByTestId('outgoing-state')).toHaveText('Đã cấp số, đóng dấu');
  await expect(detail.getByTestId('deliveries')).toHaveCount(0);
  await detail.getByRole('button', { name: 'Phát hành qua trục' }).click();
  await expect(detail.getByTestId('outgoing-state')).toHaveText('Đã phát hành');
  const row = detail.getByTestId('delivery-row').and(page.locator(`[data-recipient="${RECIPIENT}"]`));
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Chưa có phản hồi');
  // The sender's engine sends it on its next pass; the page follows without a reload.
  await expect(row.getByTestId('delivery-message')).toHaveText('Đã gửi lên trục', { timeout: 60_000 });

  // The recipient takes it in (01 queued on arrival, sent on its next pass): 01 shows on the sender's screen.
  await recipientSync();
  await recipientSync();
  const codes = row.getByTestId('delivery-status');
  await expect(codes).toHaveCount(1, { timeout: 60_000 });
  await expect(codes.first()).toHaveAttribute('data-code', '01');
  await expect(codes.first()).toContainText('Đã đến');

  // Its clerk registers it (the seal's issuer is not among its trust anchors, so the arrival check asks to confirm): 03.
  const listed = await runCli(['doc', 'list', '--direction', 'in', '--json', '--as', 'vanthu', '--data-dir', recipient]);
  const [arrived] = JSON.parse(listed.stdout) as Array<{ id: string; subject: string; state: string }>;
  expect(arrived?.subject).toBe(subject);
  const register = arrived!.state === 'verified' ? [] : ['--confirm', '--reason', 'Đã xác minh với cơ quan gửi'];
  await cli(recipient, ['doc', 'register', arrived!.id, ...register, '--as', 'vanthu']);
  await recipientSync();
  await expect(codes).toHaveCount(2, { timeout: 60_000 });
  await expect(codes.nth(1)).toHaveAttribute('data-code', '03');
  await expect(codes.nth(1)).toContainText('Đã tiếp nhận');
  await page.screenshot({ path: 'test-results/outgoing-deliveries.png' });
  await expectNoSeriousViolations(page, 'a sent document with its recipients statuses');
});
