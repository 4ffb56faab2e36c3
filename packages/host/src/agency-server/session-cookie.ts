import type { IncomingMessage } from 'node:http';

/**
 * The agency server's session cookie. `__Host-`: the browser accepts it only with Secure, Path=/ and no Domain, so no
 * other host of the LAN (nor a plain-HTTP page) can set or shadow it.
 */
export const SESSION_COOKIE = '__Host-eoffice-session';

/** A session token as `users.login` makes it (base64url); anything else in the cookie is no session. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

/** The session a request carries in its cookie, or null. */
export function sessionFromCookie(request: IncomingMessage): string | null {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return null;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at < 0 || part.slice(0, at).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(at + 1).trim();
    return TOKEN_PATTERN.test(value) ? value : null;
  }
  return null;
}

/** HttpOnly (no script reads it), Secure (HTTPS only), SameSite=Strict (no other site's page sends it), with expiry. */
export function sessionCookie(token: string, expiresAt: string): string {
  return `${SESSION_COOKIE}=${token}; Path=/; Expires=${new Date(expiresAt).toUTCString()}; HttpOnly; Secure; SameSite=Strict`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict`;
}
