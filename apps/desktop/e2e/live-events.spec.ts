import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { runCli } from './run-cli.js';
import { expect, test } from './web-host-fixture.js';

// A real PDF from the shared fixtures, used by path (the CLI receives it as a clerk would).
const PDF = fileURLToPath(new URL('../../../../shared/fixtures/pdf-signed/dss/TeleSec_PKS_eIDAS_QES_CA_1-baseline-b.pdf', import.meta.url));
const PASSWORD = 'mat-khau-thu-nghiem';

interface SeenEvent {
  readonly name: string;
  readonly payload: { documentIds?: string[]; reason?: string };
}

/**
 * Opens a second event stream from inside the page, with the launch token, and keeps what arrives in
 * `globalThis.seenEvents`: the test reads exactly what the browser received. Resolves once the host has subscribed it.
 */
async function recordEvents(page: Page, token: string): Promise<void> {
  await page.evaluate(async (launchToken) => {
    const seen: unknown[] = [];
    (globalThis as unknown as { seenEvents: unknown[] }).seenEvents = seen;
    const response = await fetch('/events', { headers: { 'x-eoffice-token': launchToken } });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const data = buffer.slice(0, end).split('\n').filter((line) => line.startsWith('data:'));
          buffer = buffer.slice(end + 2);
          for (const line of data) seen.push(JSON.parse(line.slice(5)));
        }
      }
    })();
  }, token);
}

const seenEvents = (page: Page) => page.evaluate(() => (globalThis as unknown as { seenEvents: SeenEvent[] }).seenEvents);

test('a change made by the CLI on the same data folder, and one made by an RPC, reach the browser as events', async ({ page, webHost }) => {
  const cli = async (...args: string[]) => {
    const run = await runCli([...args, '--data-dir', webHost.dataDir], { EOFFICE_TEST_PASSWORD: PASSWORD });
    expect(run.code, run.stderr).toBe(0);
    return run.stdout;
  };
  await cli('db', 'init', '--agency', '000.00.02.Z99', '--name', 'Sở Nội vụ tỉnh Demo');
  await cli('user', 'add', 'admin', '--role', 'admin');
  await cli('user', 'add', 'vanthu', '--role', 'clerk', '--password-env', 'EOFFICE_TEST_PASSWORD', '--as', 'admin');

  await page.goto(webHost.url);
  // Counts need a signed-in page (system.info needs a session); until the sign-in screen exists the bar says so.
  await expect(page.getByTestId('status-signed-out')).toBeVisible();
  await recordEvents(page, webHost.token);

  // Another process writes: the host's watcher sees the audit head move and tells the browser.
  const received = await cli(
    'doc', 'receive', '--file', PDF, '--from', '000.00.16.Z99', '--number', '12', '--symbol', 'QĐ-SYT', '--date', '2026-03-02',
    '--type', 'QĐ', '--subject', 'Về việc quản lý đất đai', '--as', 'vanthu', '--json',
  );
  const id = (JSON.parse(received) as { id: string }).id;
  await expect.poll(() => seenEvents(page)).toContainEqual({ name: 'documents.changed', payload: { documentIds: [id], reason: 'document.receive' } });

  // A call through the web host's dispatcher: its event is out before its answer.
  const verified = await page.evaluate(async ({ documentId, password, token }) => {
    const post = async (path: string, body: unknown, session?: string) => {
      const headers: Record<string, string> = { 'x-eoffice-token': token, 'content-type': 'application/json' };
      if (session) headers['x-eoffice-session'] = session;
      return (await (await fetch(`/rpc/${path}`, { method: 'POST', headers, body: JSON.stringify(body) })).json()) as {
        ok: boolean;
        result: { token: string };
      };
    };
    const login = await post('users.login', { username: 'vanthu', password });
    return (await post('documents.verify', { id: documentId }, login.result.token)).ok;
  }, { documentId: id, password: PASSWORD, token: webHost.token });
  expect(verified).toBe(true);
  await expect.poll(() => seenEvents(page)).toContainEqual({ name: 'documents.changed', payload: { documentIds: [id], reason: 'document.verify' } });
});
