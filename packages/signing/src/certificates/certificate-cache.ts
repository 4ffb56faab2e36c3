import { createHash } from 'node:crypto';
import { ParsedCertificate } from './parsed-certificate.js';

const MAX_ENTRIES = 512;
const cache = new Map<string, ParsedCertificate>();

/**
 * A certificate read once per process: the same signers, seals, CAs and trust anchors come back in every document an
 * agency receives, and reading one costs ~2 ms (OpenSSL's X509 plus the ASN.1 schema library; measured: 9 ms of a
 * 53 ms verification of a 1 MB PDF). Keyed by the SHA-256 of the whole DER, so a different byte is a different
 * certificate; the entry holds its own copy of the bytes (never a view into the PDF it came from). A ParsedCertificate
 * is immutable, so sharing it between verifications changes nothing. Oldest entries go first past MAX_ENTRIES.
 */
export function parsedCertificateOf(der: Uint8Array): ParsedCertificate {
  const key = createHash('sha256').update(der).digest('base64');
  const known = cache.get(key);
  if (known) return known;
  const parsed = new ParsedCertificate(new Uint8Array(der));
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(key, parsed);
  return parsed;
}
