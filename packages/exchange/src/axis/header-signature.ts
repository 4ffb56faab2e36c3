import { createHmac, timingSafeEqual } from 'node:crypto';
import { gsonQuote } from './gson-quote.js';

export const HEADER_PREFIX = 'XroadVnpt-';

/** The HMAC input: `{"XroadVnpt-n1":"v1",...}` in the given order with Gson's quoting. */
export function signHeaderText(entries: ReadonlyArray<readonly [string, string]>): string {
  return `{${entries.map(([name, value]) => `${gsonQuote(HEADER_PREFIX + name)}:${gsonQuote(value)}`).join(',')}}`;
}

/** Lowercase hex of HMAC-SHA256(secret, text), both UTF-8. */
export function headerHash(secret: string, text: string): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(Buffer.from(text, 'utf8')).digest('hex');
}

/**
 * Checks a request's signature the way the capture README prescribes: rebuild the text from the headers named in
 * `sign-header-key` (names exactly as listed, values from the headers actually received), HMAC, compare in
 * constant time. `header(name)` looks a header up case-insensitively.
 */
export function verifyHeaderSignature(header: (name: string) => string | undefined, secret: string): boolean {
  const keyList = header(`${HEADER_PREFIX}sign-header-key`);
  const given = header(`${HEADER_PREFIX}hash-header`);
  if (keyList === undefined || given === undefined) return false;
  const entries: Array<[string, string]> = [];
  for (const name of keyList.split(';')) {
    const value = header(HEADER_PREFIX + name);
    if (value === undefined) return false;
    entries.push([name, value]);
  }
  const expected = Buffer.from(headerHash(secret, signHeaderText(entries)), 'utf8');
  const actual = Buffer.from(given.toLowerCase(), 'utf8');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** SHA-256 bytes in hex as the SDK writes them: `Integer.toHexString` per byte, no zero padding. */
export function sdkHex(digest: Uint8Array): string {
  return Array.from(digest, (b) => b.toString(16)).join('');
}

/** The SDK's timestamp: ddMMyyyy'T'HHmmss+SSSS in the given zone offset (minutes); +SSSS is milliseconds, not a zone. */
export function sdkTimestamp(at: Date, offsetMinutes: number): string {
  const local = new Date(at.getTime() + offsetMinutes * 60_000);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${p(local.getUTCDate())}${p(local.getUTCMonth() + 1)}${local.getUTCFullYear()}T${p(local.getUTCHours())}${p(local.getUTCMinutes())}${p(local.getUTCSeconds())}+${p(local.getUTCMilliseconds(), 4)}`;
}
