import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The CSP the UI runs under, in Electron (app://) and in the browser alike. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // No 'unsafe-inline': React and the virtual list set styles through the CSSOM (element.style), which style-src does
  // not govern; only style attributes in markup and <style> elements are blocked, and the UI has neither.
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export function tokensEqual(expected: string, given: string | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Only our own page may call: the Host must be our loopback address (defeats DNS rebinding) and an Origin, when the
 * browser sends one, must be ours too.
 */
export function isSameLoopbackOrigin(request: IncomingMessage, port: number): boolean {
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  if (!allowedHosts.has(request.headers.host ?? '')) return false;
  const origin = request.headers.origin;
  return origin === undefined || allowedHosts.has(origin.replace(/^http:\/\//, '')) && origin.startsWith('http://');
}
