import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { AxisClient } from '../../../packages/exchange/src/axis/axis-client.js';
import { expectNoSeriousViolations } from './axe-check.js';
import { runCli } from './run-cli.js';
import { seedDemo, signIn } from './sign-in.js';
import { expect, test } from './web-host-fixture.js';

const CLI = fileURLToPath(new URL('../../../scripts/eoffice/build/eoffice.mjs', import.meta.url));
/** The demo agency (`demo seed`) and a neighbour of the demo province, each its own system on the local axis. */
const AGENCY = '000.00.02.Z99';
const NEIGHBOUR = '000.13.37.Z99';
/** The axis's shared secret in these tests: handed over in the environment only, never on a command line. */
const SECRET = 'bi-mat-truc-e2e-dong-bo';

const openSection = (page: Page, name: string) => page.getByRole('navigation').getByRole('button', { name, exact: true }).click();

interface Axis {
  readonly url: string;
  readonly child: ChildProcess;
}

/** `eoffice axis serve` on a free port over the demo province, as a separate process (every endpoint its own system). */
async function serveAxis(data: string, extra: readonly string[] = []): Promise<Axis> {
  const child = spawn(process.execPath, [CLI, 'axis', 'serve', '--port', '0', '--data', data, '--json', ...extra], {
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
  return { url, child };
}

async function stop(axis: Axis | undefined): Promise<void> {
  if (!axis || axis.child.exitCode !== null) return;
  const exited = new Promise((resolve) => axis.child.once('exit', resolve));
  axis.child.kill('SIGTERM');
  await exited;
}

let dir = '';
let axis: Axis | undefined;
/** The same kind of axis, refusing every call (--fail-rate 1): where the failed send comes from. */
let busyAxis: Axis | undefined;
test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eoffice-e2e-sync-'));
  [axis, busyAxis] = await Promise.all([serveAxis(join(dir, 'axis')), serveAxis(join(dir, 'busy-axis'), ['--fail-rate', '1'])]);
});
test.afterAll(async () => {
  await Promise.all([stop(axis), stop(busyAxis)]);
  if (dir) await rm(dir, { recursive: true, force: true });
});
test.use({ webHostEnv: {} });
test.beforeEach(({ webHostEnv }) => {
  // The web host runs the sync engine against the healthy axis; it passes when asked (the interval is a day).
  Object.assign(webHostEnv, { EOFFICE_AXIS_URL: axis!.url, EOFFICE_AXIS_SYSTEM_ID: AGENCY, EOFFICE_AXIS_SECRET: SECRET, EOFFICE_SYNC_INTERVAL_S: '86400' });
});

test('Đồng bộ: the clerk sees a quarantined message with its reason, and a retry re-queues a failed send that then leaves', async ({ page, webHost }) => {
  test.setTimeout(240_000);
  await seedDemo(webHost.dataDir);
  // The demo queued statuses for its neighbour. Two passes against the refusing axis, with no back-off left after the
  // first try, stop the first one as failed.
  for (let pass = 0; pass < 2; pass += 1) {
    const run = await runCli(['sync', '--once', '--json', '--data-dir', webHost.dataDir, '--axis', busyAxis!.url, '--system-id', AGENCY, '--secret-env', 'EOFFICE_E2E_AXIS_SECRET', '--backoff-ms', '0'], {
      EOFFICE_E2E_AXIS_SECRET: SECRET,
    });
    expect(run.code, run.stderr).toBe(1);
  }
  // Which document the stopped status is about, as the CLI says: the screen names it by its number.
  const before = await runCli(['sync', 'status', '--json', '--data-dir', webHost.dataDir]);
  const stopped = (JSON.parse(before.stdout) as { problems: Array<{ documentId: string; state: string }> }).problems.find((p) => p.state === 'failed');
  expect(stopped, before.stdout).toBeDefined();
  const listed = await runCli(['doc', 'list', '--json', '--as', 'vanthu', '--data-dir', webHost.dataDir]);
  const about = (JSON.parse(listed.stdout) as Array<{ id: string; number: string; symbol: string }>).find((d) => d.id === stopped!.documentId)!;
  expect(about).toBeDefined();

  // A message that is not edXML, sent to the agency by its neighbour through the healthy axis.
  const junk = join(dir, 'khong-phai-edxml.edxml');
  await writeFile(junk, '<khong-phai-edxml/>');
  await new AxisClient({ endpoint: axis!.url, systemId: NEIGHBOUR, secret: SECRET }).sendEdoc(junk, { from: NEIGHBOUR, to: AGENCY, messagetype: 'edoc' });

  await signIn(page, webHost.url, 'vanthu');
  await openSection(page, 'Đồng bộ');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đồng bộ');
  await expect(page.getByTestId('sync-not-configured')).toHaveCount(0);
  const failed = page.getByTestId('sync-problem-row').and(page.locator('[data-state="failed"]'));
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText('Trạng thái 01');
  await expect(failed).toContainText(NEIGHBOUR);
  await expect(failed).toContainText(`${about.number}/${about.symbol}`);
  await expect(failed).toContainText('Đã dừng sau nhiều lần thử');
  await expect(failed).toContainText('Trục từ chối sendEdoc');
  await expect(page.getByTestId('outbox-failed')).toHaveText('1');
  await expect(page.getByTestId('sync-last-error')).toContainText('Trục từ chối');

  // Đồng bộ ngay: the engine takes the junk in and quarantines it, with its reason; the failed send stays stopped.
  await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
  await expect(page.getByRole('status')).toContainText('1 thông điệp bị cách ly');
  const quarantined = page.getByTestId('sync-quarantine-row');
  await expect(quarantined).toHaveCount(1);
  await expect(quarantined).toContainText(NEIGHBOUR);
  await expect(quarantined.getByTestId('sync-quarantine-reason')).toContainText(/E_[A-Z_]+/);
  await expect(page.getByTestId('inbox-quarantined')).toHaveText('1');
  await expect(failed).toHaveCount(1);
  await page.screenshot({ path: 'test-results/sync.png', fullPage: true });
  await expectNoSeriousViolations(page, 'sync with a failed send and a quarantined message');

  // Gửi lại: the failed send goes back to the queue, and the engine's pass that follows sends it and the one behind it.
  const failedId = await failed.getAttribute('data-id');
  await failed.getByRole('button', { name: `Gửi lại thông điệp ${failedId}` }).click();
  await expect(page.getByRole('status')).toHaveText('Đã đưa 1 thông điệp trở lại hàng đợi gửi.');
  await expect(page.getByTestId('sync-problems-none')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('outbox-failed')).toHaveText('0');
  await expect(page.getByTestId('outbox-sent')).toHaveText('2');
  const status = await runCli(['sync', 'status', '--json', '--data-dir', webHost.dataDir]);
  expect(status.code, status.stderr).toBe(0);
  expect(JSON.parse(status.stdout)).toMatchObject({ outgoing: { pending: 0, failed: 0, sent: 2 }, incoming: { quarantined: 1 } });
});
