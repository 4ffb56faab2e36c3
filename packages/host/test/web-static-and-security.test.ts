import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodePath, rendererPathFor, serveStatic } from '../src/web/static-files.js';
import { CONTENT_SECURITY_POLICY, isSameLoopbackOrigin, tokensEqual } from '../src/web/web-security.js';
import { useTempDir } from './temp-dir.js';

/**
 * The web host's guards one by one (issue 15), with expected values written out here rather than read from the code:
 * the path guard both faces share, the loopback-origin and token checks, and the headers every static answer carries.
 */
const tempDir = useTempDir();

describe('rendererPathFor: a URL path names a file inside the renderer folder, or is refused', () => {
  const root = '/srv/eoffice/renderer';

  it('the folder\'s own files, the query string cut off; "/" is index.html and "/." the folder itself', () => {
    expect(rendererPathFor(root, '/')).toEqual({ ok: true, path: '/srv/eoffice/renderer/index.html' });
    expect(rendererPathFor(root, '/assets/app.js?v=3')).toEqual({ ok: true, path: '/srv/eoffice/renderer/assets/app.js' });
    expect(rendererPathFor(root, '/?tab=1')).toEqual({ ok: true, path: '/srv/eoffice/renderer/index.html' });
    expect(rendererPathFor(root, '/t%E1%BB%87p.txt')).toEqual({ ok: true, path: '/srv/eoffice/renderer/tệp.txt' });
    expect(rendererPathFor(root, '/.')).toEqual({ ok: true, path: root });
    // Dots that are not a ".." segment are plain names.
    expect(rendererPathFor(root, '/a..b/...')).toEqual({ ok: true, path: '/srv/eoffice/renderer/a..b/...' });
  });

  it('a malformed escape is 400', () => {
    expect(rendererPathFor(root, '/%')).toEqual({ ok: false, status: 400 });
    expect(rendererPathFor(root, '/a%E1%BB')).toEqual({ ok: false, status: 400 });
  });

  it.each([
    ['no leading slash', 'assets/app.js'],
    ['an absolute path after the first slash', '//etc/passwd'],
    ['an encoded second slash', '/%2fetc/passwd'],
    ['a .. segment', '/../secret.txt'],
    ['an encoded .. segment', '/%2e%2e/secret.txt'],
    ['an encoded slash before ..', '/..%2fsecret.txt'],
    ['a .. segment inside that stays in the folder', '/assets/../index.html'],
    ['a backslash', '/assets\\app.js'],
    ['an encoded backslash', '/..%5csecret.txt'],
    ['a NUL byte', '/index.html%00.png'],
  ])('%s is 403', (_name, urlPath) => {
    expect(rendererPathFor(root, urlPath)).toEqual({ ok: false, status: 403 });
  });

  it('decodePath: undefined for a malformed escape, the decoded text otherwise', () => {
    expect(decodePath('/%E1%BB%87')).toBe('/ệ');
    expect(decodePath('/%zz')).toBeUndefined();
  });
});

describe('isSameLoopbackOrigin and tokensEqual', () => {
  const port = 41234;
  const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

  it('the Host must be our loopback address and port, by IP or as localhost', () => {
    expect(isSameLoopbackOrigin(request({ host: '127.0.0.1:41234' }), port)).toBe(true);
    expect(isSameLoopbackOrigin(request({ host: 'localhost:41234' }), port)).toBe(true);
    for (const host of ['127.0.0.1:41235', 'evil.example:41234', 'evil.example', '127.0.0.1', '[::1]:41234', '']) {
      expect({ host, allowed: isSameLoopbackOrigin(request({ host }), port) }).toEqual({ host, allowed: false });
    }
    expect(isSameLoopbackOrigin(request({}), port)).toBe(false);
  });

  it('an Origin, when sent, must be our own http:// origin', () => {
    const withOrigin = (origin: string) => isSameLoopbackOrigin(request({ host: '127.0.0.1:41234', origin }), port);
    expect(withOrigin('http://127.0.0.1:41234')).toBe(true);
    expect(withOrigin('http://localhost:41234')).toBe(true);
    for (const origin of ['http://evil.example', 'https://127.0.0.1:41234', '127.0.0.1:41234', 'http://127.0.0.1:41235', 'null', 'app://renderer']) {
      expect({ origin, allowed: withOrigin(origin) }).toEqual({ origin, allowed: false });
    }
  });

  it('tokensEqual: the same string only; another of the same length, another length or none is refused', () => {
    expect(tokensEqual('s3cret-token', 's3cret-token')).toBe(true);
    expect(tokensEqual('s3cret-token', 's3cret-tokeN')).toBe(false);
    expect(tokensEqual('s3cret-token', 's3cret-token-and-more')).toBe(false);
    expect(tokensEqual('s3cret-token', 's3cret')).toBe(false);
    expect(tokensEqual('s3cret-token', '')).toBe(false);
    expect(tokensEqual('s3cret-token', undefined)).toBe(false);
  });
});

describe('serveStatic: what every answer carries', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  });

  async function serve(root: string): Promise<string> {
    const server = createServer((req, res) => void serveStatic(root, req.url ?? '/', res));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('the exact CSP, written out here', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
  });

  it('each file type with its media type, the security headers on every answer, unknown types as octet-stream', async () => {
    const root = join(await tempDir(), 'renderer');
    await mkdir(root, { recursive: true });
    const expected: Record<string, string> = {
      'index.html': 'text/html; charset=utf-8',
      'a.js': 'text/javascript; charset=utf-8',
      'a.mjs': 'text/javascript; charset=utf-8',
      'a.css': 'text/css; charset=utf-8',
      'a.json': 'application/json; charset=utf-8',
      'a.svg': 'image/svg+xml',
      'a.png': 'image/png',
      'a.woff2': 'font/woff2',
      'a.ttf': 'font/ttf',
      'a.ico': 'image/x-icon',
      'a.bin': 'application/octet-stream',
    };
    for (const name of Object.keys(expected)) await writeFile(join(root, name), `nội dung ${name}`);
    const base = await serve(root);
    for (const [name, type] of Object.entries(expected)) {
      const response = await fetch(`${base}/${name}`);
      expect({
        name,
        status: response.status,
        type: response.headers.get('content-type'),
        csp: response.headers.get('content-security-policy'),
        nosniff: response.headers.get('x-content-type-options'),
        referrer: response.headers.get('referrer-policy'),
        cache: response.headers.get('cache-control'),
        body: await response.text(),
      }).toEqual({
        name,
        status: 200,
        type,
        csp: CONTENT_SECURITY_POLICY,
        nosniff: 'nosniff',
        referrer: 'no-referrer',
        cache: 'no-cache',
        body: `nội dung ${name}`,
      });
    }
  });

  it('an unknown path and the folder itself answer index.html; a refused path answers its status with no body', async () => {
    const root = join(await tempDir(), 'renderer');
    await mkdir(root, { recursive: true });
    await writeFile(join(root, 'index.html'), '<title>E-Office</title>');
    const base = await serve(root);
    for (const path of ['/so-den/123', '/.', '/']) {
      const response = await fetch(`${base}${path}`);
      expect([path, response.status, response.headers.get('content-type'), await response.text()]).toEqual([
        path,
        200,
        'text/html; charset=utf-8',
        '<title>E-Office</title>',
      ]);
    }
    const refused = await fetch(`${base}/a%5cb`);
    expect([refused.status, await refused.text()]).toEqual([403, '']);
    const malformed = await fetch(`${base}/%`);
    expect([malformed.status, await malformed.text()]).toEqual([400, '']);
  });

  it('without a built UI: 503 with a plain-text hint, not an empty page', async () => {
    const root = join(await tempDir(), 'renderer');
    await mkdir(root, { recursive: true });
    const response = await fetch(`${await serve(root)}/`);
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe('Giao diện chưa được build: chạy `pnpm build:renderer` / the UI is not built yet\n');
  });
});
