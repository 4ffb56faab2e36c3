import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

const CHROMIUM = process.env.EOFFICE_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  // Never skip silently: the browser tests are part of the test command.
  throw new Error(`Chromium not found at ${CHROMIUM}: install the Debian package "chromium" (apt-get install chromium)`);
}

export default defineConfig({
  testDir: 'apps/desktop/e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  // Each test starts its own host on a free port with its own data folder (web-host-fixture.ts), so two can run at
  // once; much of a test is waiting on the browser or a host starting, which leaves a core free.
  workers: 2,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    browserName: 'chromium',
    viewport: { width: 1366, height: 800 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
