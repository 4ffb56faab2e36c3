import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from './web-security.js';

const MEDIA_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.ico': 'image/x-icon',
  '.mjs': 'text/javascript; charset=utf-8',
};

/** Serves the built renderer; paths outside its folder are refused, unknown paths fall back to index.html. */
export async function serveStatic(root: string, urlPath: string, response: ServerResponse): Promise<void> {
  const decoded = decodePath(urlPath.split('?')[0] ?? '/');
  if (decoded === undefined) {
    response.writeHead(400).end();
    return;
  }
  const relativePath = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const candidate = normalize(join(root, relativePath));
  if (candidate !== root && !candidate.startsWith(root + sep)) {
    response.writeHead(403).end();
    return;
  }
  const file = (await isFile(candidate)) ? candidate : join(root, 'index.html');
  if (!(await isFile(file))) {
    response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('Giao diện chưa được build: chạy `pnpm build:renderer` / the UI is not built yet\n');
    return;
  }
  response.writeHead(200, {
    'content-type': MEDIA_TYPES[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  });
  createReadStream(file).pipe(response);
}

/**
 * decodeURIComponent throws on a malformed escape (`/%`): a client's typo is a 400, not a failed request logged with a
 * stack trace.
 */
export function decodePath(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}
