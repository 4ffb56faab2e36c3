import { createHmac, timingSafeEqual } from 'node:crypto';
import forge from 'node-forge';
import { OID } from '../asn1/oids.js';

const { asn1, pkcs12 } = forge;

/** forge's RFC 7292 key derivation (the password as BMPString); present in forge, missing from its type declarations. */
type GenerateKey = (
  password: string,
  salt: forge.util.ByteBuffer,
  id: number,
  iterations: number,
  length: number,
  md: forge.md.MessageDigest,
) => forge.util.ByteBuffer;
const generateKey = (pkcs12 as unknown as { generateKey: GenerateKey }).generateKey;

const MAC_DIGESTS: Record<string, { name: string; bytes: number; md: () => forge.md.MessageDigest }> = {
  [OID.sha1]: { name: 'sha1', bytes: 20, md: () => forge.md.sha1.create() },
  [OID.sha256]: { name: 'sha256', bytes: 32, md: () => forge.md.sha256.create() },
  [OID.sha384]: { name: 'sha384', bytes: 48, md: () => forge.md.sha384.create() },
  [OID.sha512]: { name: 'sha512', bytes: 64, md: () => forge.md.sha512.create() },
};

/**
 * A PKCS#12 file made by OpenSSL 3 with a password outside ASCII ("mật khẩu"): its MAC key comes from the password as
 * BMPString (which forge does right) but its PBES2 bags from the password's UTF-8 bytes (which forge gets wrong: it
 * takes the low byte of each character). We check the MAC ourselves with the BMPString key, then let forge decrypt
 * the bags with the UTF-8 bytes. Returns undefined when the file does not have that shape.
 */
export function openWithUtf8Password(pfx: forge.asn1.Asn1, password: string): forge.pkcs12.Pkcs12Pfx | 'BAD_PASSWORD' | undefined {
  const parts = pfx.value as forge.asn1.Asn1[];
  const authSafe = parts[1]?.value as forge.asn1.Asn1[] | undefined;
  const explicit = authSafe?.[1]?.value as forge.asn1.Asn1[] | undefined;
  const content = explicit?.[0];
  const macData = parts[2]?.value as forge.asn1.Asn1[] | undefined;
  if (!content || content.constructed || !macData) return undefined;
  const digestInfo = macData[0]?.value as forge.asn1.Asn1[] | undefined;
  const algorithm = (digestInfo?.[0]?.value as forge.asn1.Asn1[] | undefined)?.[0];
  const digest = MAC_DIGESTS[algorithm ? asn1.derToOid(algorithm.value as string) : ''];
  const expected = digestInfo?.[1]?.value as string | undefined;
  const salt = macData[1]?.value as string | undefined;
  const iterationsNode = macData[2];
  if (!digest || expected === undefined || salt === undefined) return undefined;
  const iterations = iterationsNode ? asn1.derToInteger(iterationsNode.value as string) : 1;
  const key = generateKey(password, forge.util.createBuffer(salt, 'raw'), 3, iterations, digest.bytes, digest.md());
  const mac = createHmac(digest.name, Buffer.from(key.getBytes(), 'binary')).update(Buffer.from(content.value as string, 'binary')).digest();
  const want = Buffer.from(expected, 'binary');
  if (mac.length !== want.length || !timingSafeEqual(mac, want)) return 'BAD_PASSWORD';
  // MAC verified above: hand forge the PFX without macData, and the password as UTF-8 bytes.
  const withoutMac = asn1.create(pfx.tagClass, pfx.type, pfx.constructed, parts.slice(0, 2));
  return pkcs12.pkcs12FromAsn1(withoutMac, forge.util.encodeUtf8(password));
}
