import { X509Certificate, createPrivateKey, createPublicKey, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import forge from 'node-forge';
import { readCertificateInfo } from '../cms/certificate-info.js';
import { SigningError } from '../signing-error.js';
import { openWithUtf8Password } from './pkcs12-utf8-password.js';
import type { DigestAlgorithm, KeyAlgorithm, Signer } from './signer.js';

const { asn1, pki, pkcs12 } = forge;

/**
 * A key and certificate chain from a PKCS#12 (.p12/.pfx) file. forge decrypts the container; the key itself is
 * handed to Node's crypto as PKCS#8 (forge cannot use EC keys). The password is used once and not kept.
 */
export class Pkcs12Signer implements Signer {
  readonly certificate: Uint8Array;
  readonly chain: readonly Uint8Array[];
  readonly keyAlgorithm: KeyAlgorithm;
  private readonly key: KeyObject;

  private constructor(key: KeyObject, certificate: Uint8Array, chain: Uint8Array[]) {
    this.key = key;
    this.certificate = certificate;
    this.chain = chain;
    this.keyAlgorithm = readCertificateInfo(certificate).keyAlgorithm;
  }

  static fromFile(path: string, password: string): Pkcs12Signer {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (cause) {
      throw new SigningError('IO_ERROR', `Không đọc được tệp PKCS#12 / cannot read PKCS#12 file: ${path}`, { cause });
    }
    return Pkcs12Signer.fromBytes(bytes, password);
  }

  static fromBytes(bytes: Uint8Array, password: string): Pkcs12Signer {
    const container = openContainer(bytes, password);
    const keyBags = [
      ...(container.getBags({ bagType: pki.oids.pkcs8ShroudedKeyBag! })[pki.oids.pkcs8ShroudedKeyBag!] ?? []),
      ...(container.getBags({ bagType: pki.oids.keyBag! })[pki.oids.keyBag!] ?? []),
    ];
    const certBags = container.getBags({ bagType: pki.oids.certBag! })[pki.oids.certBag!] ?? [];
    if (keyBags.length !== 1) {
      throw new SigningError('PKCS12_INVALID', `Tệp PKCS#12 cần đúng một khoá, có ${keyBags.length} / expected one private key, found ${keyBags.length}`);
    }
    const keyBag = keyBags[0]!;
    // forge parses RSA keys (bag.key); other kinds stay as ASN.1 (bag.asn1), already decrypted PKCS#8.
    const pkcs8 = keyBag.key
      ? asn1.toDer(pki.wrapRsaPrivateKey(pki.privateKeyToAsn1(keyBag.key))).getBytes()
      : asn1.toDer(keyBag.asn1!).getBytes();
    const key = createPrivateKey({ key: Buffer.from(pkcs8, 'binary'), format: 'der', type: 'pkcs8' });
    const certs = certBags.map((bag) =>
      Buffer.from(asn1.toDer(bag.cert ? pki.certificateToAsn1(bag.cert) : bag.asn1!).getBytes(), 'binary'),
    );
    const publicKey = createPublicKey(key).export({ type: 'spki', format: 'der' });
    const own = certs.find((c) => new X509Certificate(c).publicKey.export({ type: 'spki', format: 'der' }).equals(publicKey));
    if (!own) throw new SigningError('PKCS12_INVALID', 'Không có chứng thư khớp với khoá / no certificate matches the key');
    return new Pkcs12Signer(key, own, orderChain(own, certs.filter((c) => c !== own)));
  }

  async sign(data: Uint8Array, digest: DigestAlgorithm): Promise<Uint8Array> {
    // ECDSA signatures come out DER-encoded (SEQUENCE { r, s }), which is what CMS wants.
    return cryptoSign(digest, data, this.key);
  }
}

function openContainer(bytes: Uint8Array, password: string): forge.pkcs12.Pkcs12Pfx {
  const badPassword = (): SigningError => new SigningError('PKCS12_BAD_PASSWORD', 'Sai mật khẩu tệp PKCS#12 / incorrect PKCS#12 password');
  let pfx: forge.asn1.Asn1;
  try {
    pfx = asn1.fromDer(Buffer.from(bytes).toString('binary'));
  } catch (cause) {
    throw new SigningError('PKCS12_INVALID', `Tệp PKCS#12 hỏng / invalid PKCS#12 file: ${(cause as Error).message}`);
  }
  try {
    return pkcs12.pkcs12FromAsn1(pfx, password);
  } catch (cause) {
    const message = String((cause as Error).message);
    // eslint-disable-next-line no-control-regex -- ASCII passwords mean the same in every encoding
    if (!/^[\x00-\x7f]*$/.test(password)) {
      try {
        const retried = openWithUtf8Password(pfx, password);
        if (retried === 'BAD_PASSWORD') throw badPassword();
        if (retried) return retried;
      } catch (error) {
        if (error instanceof SigningError) throw error;
      }
    }
    if (/password|MAC|decrypt/i.test(message)) throw badPassword();
    throw new SigningError('PKCS12_INVALID', `Tệp PKCS#12 hỏng / invalid PKCS#12 file: ${message}`);
  }
}

/** Issuer of the signer first, then its issuer, and so on; certificates not on the path are dropped. */
function orderChain(leaf: Uint8Array, others: Buffer[]): Uint8Array[] {
  const ordered: Uint8Array[] = [];
  let current = new X509Certificate(leaf);
  const pool = others.map((der) => ({ der, x509: new X509Certificate(der) }));
  for (;;) {
    if (current.checkIssued(current)) break; // self-signed: the top
    const next = pool.find((c) => !ordered.includes(c.der) && current.checkIssued(c.x509) && current.verify(c.x509.publicKey));
    if (!next) break;
    ordered.push(next.der);
    current = next.x509;
  }
  return ordered;
}
