import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { runCli } from './run-cli.js';
import { expect } from './web-host-fixture.js';

/** The password the demo users get in these tests (passed through the environment, never on a command line). */
export const DEMO_PASSWORD = 'mat-khau-demo-e2e';

/** `eoffice demo seed` on the host's data folder: the demo agency, one user per role, and `docs` documents. */
export async function seedDemo(dataDir: string, docs = 3): Promise<void> {
  const run = await runCli(['demo', 'seed', '--docs', String(docs), '--password-env', 'EOFFICE_DEMO_PASSWORD', '--data-dir', dataDir], {
    EOFFICE_DEMO_PASSWORD: DEMO_PASSWORD,
  });
  expect(run.code, run.stderr).toBe(0);
}

/** A real PDF from the shared fixtures, used by path as the clerk's CLI receives it. */
export const FIXTURE_PDF = fileURLToPath(new URL('../../../../shared/fixtures/pdf-signed/dss/TeleSec_PKS_eIDAS_QES_CA_1-baseline-b.pdf', import.meta.url));

/** A signed PDF with a page added after signing: its signature carries MODIFIED_DISALLOWED and PAGE_COUNT_CHANGED. */
export const PAGE_ADDED_PDF = fileURLToPath(new URL('../../../../shared/fixtures/pdf-signed/dss/pdf-signed-added-page.pdf', import.meta.url));

/** Receives an incoming document through the CLI as the clerk; returns its id. */
export async function receiveByCli(
  dataDir: string,
  fields: { subject: string; number?: string; urgency?: string; secrecy?: string; file?: string },
): Promise<string> {
  const run = await runCli([
    'doc', 'receive', '--file', fields.file ?? FIXTURE_PDF, '--from', '000.00.16.Z99', '--number', fields.number ?? '12', '--symbol', 'QĐ-SYT',
    '--date', '2026-03-02', '--type', 'QĐ', '--subject', fields.subject, ...(fields.urgency ? ['--urgency', fields.urgency] : []),
    ...(fields.secrecy ? ['--secrecy', fields.secrecy] : []), '--as', 'vanthu', '--json', '--data-dir', dataDir,
  ]);
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { id: string }).id;
}

/** Signs in through the screen as a user would: type, press Enter. */
export async function signIn(page: Page, url: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  // A load, not a hash change on the open page: the session lives in the page's memory only, so this starts signed out.
  await page.goto(url);
  await page.reload();
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByLabel('Mật khẩu').press('Enter');
  await expect(page.getByTestId('user-name')).toBeVisible({ timeout: 30_000 });
}
