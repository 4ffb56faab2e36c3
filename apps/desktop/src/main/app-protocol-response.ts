import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { CONTENT_SECURITY_POLICY, MEDIA_TYPES, rendererPathFor } from '@eoffice/host';

/** The UI is served from app://eoffice/…, never file://, so the CSP and the sender check have one origin to trust. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'eoffice';

/**
 * What app://eoffice/… answers, apart from Electron so that it can be tested under Node: a file of the renderer
 * folder under the CSP, 404 for another host or a missing file, and the web host's own path guard (400/403).
 */
export async function appProtocolResponse(rendererDir: string, requestUrl: string): Promise<Response> {
  const url = new URL(requestUrl);
  if (url.host !== APP_HOST) return new Response(null, { status: 404 });
  const resolved = rendererPathFor(rendererDir, url.pathname);
  if (!resolved.ok) return new Response(null, { status: resolved.status });
  try {
    const body = await readFile(resolved.path);
    return new Response(body, {
      headers: {
        'content-type': MEDIA_TYPES[extname(resolved.path)] ?? 'application/octet-stream',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
      },
    });
  } catch {
    return new Response(null, { status: 404 });
  }
}
