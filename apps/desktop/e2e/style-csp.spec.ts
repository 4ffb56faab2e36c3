import { runCli } from './run-cli.js';
import { receiveByCli, seedDemo, signIn } from './sign-in.js';
import { expect, test } from './web-host-fixture.js';

// The host's start (compiled from source) counts against the test's time: on a loaded machine it alone took 40 s.
test.describe.configure({ timeout: 300_000 });

/**
 * style-src 'self' without 'unsafe-inline' (issue 13 item 7): every violation the page reports is recorded from the
 * first script on, and the screens that set styles from code (the register's virtual rows, dialogs) must report none.
 */
test('the UI runs under a style CSP without unsafe-inline: no screen trips it, and a style attribute in markup would', async ({ page, webHost }) => {
  // Page-side code as text: this project's e2e types have no DOM.
  await page.addInitScript(`
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => window.cspViolations.push(event.violatedDirective + ': ' + (event.sample || event.blockedURI)));
  `);
  // Every violation counts: zod runs without its `new Function` parser (zod-without-eval.ts), so script-src is quiet too.
  const violations = async () => (await page.evaluate('window.cspViolations')) as string[];

  await seedDemo(webHost.dataDir, 1);
  const id = await receiveByCli(webHost.dataDir, { subject: 'Về việc quản lý đất đai', number: '71' });
  for (const step of [['verify'], ['register', '--confirm', '--reason', 'Bản mẫu ký số nước ngoài, đã xác minh']]) {
    const run = await runCli(['doc', step[0]!, id, ...step.slice(1), '--as', 'vanthu', '--data-dir', webHost.dataDir]);
    expect(run.code, run.stderr).toBe(0);
  }
  const response = await page.goto(webHost.url);
  expect(response?.headers()['content-security-policy']).toMatch(/style-src 'self'(;|$)/);

  // The archivist's register: rows placed by the virtual list's style props (translateY), measured on screen.
  await signIn(page, webHost.url, 'luutru');
  const row = page.getByTestId('register-table').getByTestId('register-row').first();
  await expect(row).toBeVisible();
  await expect(row).toHaveCSS('position', 'absolute');
  // The statistics' Chart.js canvases (sized through the style object, never a style attribute).
  await page.getByTestId('nav-statistics').click();
  await expect(page.getByTestId('chart-per-month')).toBeVisible();
  await expect(page.getByTestId('chart-handling')).toBeVisible();
  // A dialog from the top bar.
  await page.getByTestId('change-password').click();
  await expect(page.getByTestId('change-password-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  expect(await violations()).toEqual([]);

  // The recorder works: a style attribute written as markup is refused and reported.
  await page.evaluate(`document.body.insertAdjacentHTML('beforeend', '<span style="color: red">x</span>')`);
  await expect.poll(violations).toContainEqual('style-src-attr: inline');
});
