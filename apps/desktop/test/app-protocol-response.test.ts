import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appProtocolResponse } from '../src/main/app-protocol-response.js';

/** Electron's app:// handler, minus Electron: the same guard as the web host, on URLs as a page could make them. */
describe('app:// answers', () => {
  let dir: string;
  let rendererDir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'eoffice-app-protocol-'));
    rendererDir = join(dir, 'renderer');
    await mkdir(join(rendererDir, 'assets'), { recursive: true });
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>E-Office</title>');
    await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(dir, 'secret.txt'), 'outside');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('serves the renderer’s files under the CSP, with their media type', async () => {
    const page = await appProtocolResponse(rendererDir, 'app://eoffice/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('E-Office');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const script = await appProtocolResponse(rendererDir, 'app://eoffice/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
  });

  it('refuses every way out of the renderer folder, a malformed escape and another host', async () => {
    const cases: Array<[string, number]> = [
      ['app://eoffice/%2e%2e%2fsecret.txt', 403],
      ['app://eoffice/assets/..%2f..%2fsecret.txt', 403],
      ['app://eoffice/..%5csecret.txt', 403],
      [`app://eoffice/${encodeURIComponent(join(dir, 'secret.txt'))}`, 403],
      ['app://eoffice/assets/app.js%00', 403],
      ['app://eoffice/%E0%A4%A', 400],
      ['app://evil/index.html', 404],
      ['app://eoffice/missing.js', 404],
    ];
    for (const [url, status] of cases) {
      const response = await appProtocolResponse(rendererDir, url);
      expect({ url, status: response.status }).toEqual({ url, status });
      if (response.status !== 404) expect(await response.text()).not.toContain('outside');
    }
  });
});
