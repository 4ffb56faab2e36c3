import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from './web-security.js';

export const MEDIA_TYPES: Readonly<Record<string, string>> = {
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

export type RendererPath = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly status: 400 | 403 };

/**
 * The one guard both faces use (the web host here, Electron's app:// handler in main): a URL path names a file inside
 * the renderer folder, or it is refused — 400 for a malformed escape, 403 for any way out.
 */
export function rendererPathFor(root: string, urlPath: string): RendererPath {
  const decoded = decodePath(urlPath.split('?')[0] ?? '/');
  if (decoded === undefined) return { ok: false, status: 400 };
  if (!decoded.startsWith('/')) return { ok: false, status: 403 };
  const relativePath = decoded === '/' ? 'index.html' : decoded.slice(1);
  const candidate = normalize(join(root, relativePath));
  if (!isPlainRelative(relativePath) || (candidate !== root && !candidate.startsWith(root + sep))) return { ok: false, status: 403 };
  return { ok: true, path: candidate };
}

/** Serves the built renderer; paths outside its folder are refused, unknown paths fall back to index.html. */
export async function serveStatic(root: string, urlPath: string, response: ServerResponse): Promise<void> {
  const resolved = rendererPathFor(root, urlPath);
  if (!resolved.ok) {
    response.writeHead(resolved.status).end();
    return;
  }
  const candidate = resolved.path;
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

/**
 * The built renderer names its files plainly: a `..` segment, a second leading slash (an absolute path once the first
 * is cut), a backslash or a NUL byte is somebody probing, answered 403 rather than quietly served index.html.
 */
function isPlainRelative(relativePath: string): boolean {
  if (relativePath.startsWith('/') || /[\\\0]/.test(relativePath)) return false;
  return !relativePath.split('/').includes('..');
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}
