import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { makeDraftPdf } from './draft-pdf.js';
import { seedDemo, signIn } from './sign-in.js';
import { useTokenHost } from './token-host.js';
import { expect, launchWebHost, test } from './web-host-fixture.js';

/** The demo agency of `demo seed` and the recipient the drafts of token-host.ts go to. */
const SENDER = '000.00.02.Z99';
const RECIPIENT = '000.00.03.Z99';

const openSection = (page: Page, name: string) => page.getByRole('navigation').getByRole('button', { name, exact: true }).click();
const host = useTokenHost({ agency: 'Sở Nội vụ tỉnh Demo', leader: 'Trần Quốc Hùng' });

// README: `pnpm start` on the embedded defaults. A demo agency with no axis configured gets the local demo axis, and
// the other demo endpoints, played by the software, answer a dispatched document with 01 and 03.
test('the local demo axis: with no axis configured, a demo agency dispatches and sees the demo recipient answer 01 and 03', async ({ page }) => {
  test.setTimeout(360_000);
  const dataDir = await mkdtemp(join(tmpdir(), 'eoffice-e2e-demo-axis-'));
  try {
    const subject = 'Về việc thử trục thử nghiệm cục bộ';
    const [, pdf] = await Promise.all([seedDemo(dataDir, 0), makeDraftPdf(dataDir, 'demo-axis.pdf', subject)]);
    const { cli } = host;
    const pin = { E2E_TOKEN_PIN: host.token().pin };
    const key = ['--pkcs11', host.token().module, '--token', host.token().token, '--pin-env', 'E2E_TOKEN_PIN'];
    await cli(dataDir, ['user', 'cert', 'add', '--cert', host.token().certs.leader, '--as', 'lanhdao']);
    await cli(dataDir, ['agency', 'cert', 'add', '--cert', host.token().certs.agency, '--as', 'vanthu']);
    const id = await host.approvedDraft(dataDir, subject, pdf);
    await cli(dataDir, ['doc', 'sign', id, ...key, '--key-id', '01', '--as', 'lanhdao'], pin);
    await cli(dataDir, ['doc', 'issue', id, ...key, '--key-id', '02', '--as', 'vanthu'], pin);

    // Started after the agency exists, with no EOFFICE_AXIS_* in its environment, as `pnpm start` is.
    const env: NodeJS.ProcessEnv = { SOFTHSM2_CONF: host.token().softhsm2Conf, EOFFICE_PKCS11_MODULES: host.token().module, EOFFICE_AXIS_URL: '', EOFFICE_AXIS_SYSTEM_ID: '', EOFFICE_DEMO_AXIS: '' };
    const webHost = await launchWebHost(dataDir, env);
    try {
      await signIn(page, webHost.url, 'vanthu');
      await page.getByTestId('nav-settings').click();
      await page.getByTestId('settings-tab-exchange').click();
      await expect(page.getByTestId('exchange-demo-axis')).toContainText('trục thử nghiệm cục bộ');
      await expect(page.getByTestId('exchange-system')).toHaveText(SENDER);
      await expect(page.getByTestId('exchange-url')).toHaveText(/^http:\/\/127\.0\.0\.1:\d+\/?$/);
      // Kết nối says the mode and the demo axis as the services report them (system.info, sync.status's axis.demo).
      await page.getByTestId('settings-tab-connection').click();
      await expect(page.getByTestId('connection-mode')).toHaveText('Một máy: dữ liệu nằm trên máy này');
      await expect(page.getByTestId('connection-axis')).toHaveText('Trục thử nghiệm cục bộ: văn bản gửi đi không rời khỏi máy này');

      await openSection(page, 'Văn bản đi');
      await page.getByTestId('outgoing-row').filter({ hasText: subject }).click();
      const detail = page.getByTestId('outgoing-detail');
      await detail.getByRole('button', { name: 'Phát hành qua trục' }).click();
      await expect(detail.getByTestId('outgoing-state')).toHaveText('Đã phát hành');
      const row = detail.getByTestId('delivery-row').and(page.locator(`[data-recipient="${RECIPIENT}"]`));
      const codes = row.getByTestId('delivery-status');
      // Sent on the engine's next pass (5 s), answered by the demo peers (5 s), taken in on the pass after.
      await expect(codes).toHaveCount(2, { timeout: 90_000 });
      await expect(codes.nth(0)).toHaveAttribute('data-code', '01');
      await expect(codes.nth(1)).toHaveAttribute('data-code', '03');
      await page.screenshot({ path: 'test-results/demo-axis-deliveries.png' });
    } finally {
      await webHost.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
