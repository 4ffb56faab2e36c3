import { generateKeyPairSync, randomBytes, sign as cryptoSign, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import type { DocumentSigner } from '@eoffice/docs-core';
import type { DigestAlgorithm, Signer } from '@eoffice/signing';
import { signingLibraryDocumentSigner, type DocumentSignerOptions } from '@eoffice/host';

const YEAR_MS = 365 * 24 * 3_600_000;

/**
 * A throw-away RSA key with a self-signed certificate, made in memory for `demo seed` only: it lets the demo sign
 * and seal through the real signing library without a token. Never trusted (no trust anchor knows it), never
 * written to disk, gone when the command ends.
 */
export function demoKey(commonName: string, organisation: string, validFrom: Date, validTo: Date, keyPair: DemoKeyPair = demoKeyPair()): Signer {
  const { privateKey, publicKey } = keyPair;
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  certificate.serialNumber = `01${randomBytes(8).toString('hex')}`;
  certificate.validity.notBefore = validFrom;
  certificate.validity.notAfter = validTo;
  // UTF8String, so that Vietnamese names survive (forge would otherwise write a PrintableString). The value is the
  // JavaScript string: forge encodes it to UTF-8 itself (x509.js _dnToAsn1), so encoding it here wrote it twice.
  const utf8 = (value: string) => ({ value, valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class });
  const subject = [
    { name: 'commonName', ...utf8(commonName) },
    { name: 'organizationName', ...utf8(organisation) },
    { name: 'countryName', value: 'VN' },
  ];
  certificate.setSubject(subject);
  certificate.setIssuer(subject);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
  ]);
  // Signed by Node's crypto, not forge's sign(): forge's RSA in JavaScript took ~160 ms a certificate, a third of each
  // demo key, and a seed makes one per sender. The fields are those forge's sign() sets, in the same order.
  certificate.signatureOid = certificate.siginfo.algorithmOid = forge.pki.oids.sha256WithRSAEncryption!;
  // The first element of the certificate's structure is its TBSCertificate (forge's types leave getTBSCertificate out).
  certificate.tbsCertificate = (forge.pki.certificateToAsn1(certificate).value as forge.asn1.Asn1[])[0]!;
  const tbs = Buffer.from(forge.asn1.toDer(certificate.tbsCertificate).getBytes(), 'binary');
  certificate.signature = cryptoSign('sha256', tbs, privateKey).toString('binary');
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes(), 'binary');
  return {
    certificate: der,
    chain: [],
    keyAlgorithm: { kind: 'rsa', modulusBits: 2048 },
    sign: async (data: Uint8Array, digest: DigestAlgorithm) => cryptoSign(digest, data, privateKey),
  };
}

interface DemoKeyPair {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

/** A fresh RSA-2048 pair: ~0.05–0.5 s of CPU each (the search for primes varies). */
const demoKeyPair = (): DemoKeyPair => generateKeyPairSync('rsa', { modulusLength: 2048 });

/**
 * The leader's signature and the agency seal of the demo, each with its own demo key, valid over the demo years, and
 * their certificates for the seed to bind (the agency's CN equals its O: an organisation's, as Vietnamese CAs issue).
 */
export function demoDocumentSigner(
  leaderName: string,
  agencyName: string,
  until: Date,
  options: DocumentSignerOptions = {},
): { signer: DocumentSigner; certificates: { leader: Uint8Array; agency: Uint8Array } } {
  const { from, to } = demoValidity(until);
  const leaderKey = demoKey(`${leaderName} (DEMO)`, agencyName, from, to);
  const agencyKey = demoKey(`${agencyName} (DEMO)`, `${agencyName} (DEMO)`, from, to);
  const leader = signingLibraryDocumentSigner(leaderKey, options);
  const agency = signingLibraryDocumentSigner(agencyKey, options);
  return {
    signer: { signAsPerson: (request) => leader.signAsPerson(request), sealAsAgency: (request) => agency.sealAsAgency(request) },
    certificates: { leader: leaderKey.certificate, agency: agencyKey.certificate },
  };
}

/**
 * The seals of the agencies that send the demo's axis arrivals: one demo certificate per sender (CN = O = its name and
 * " (DEMO)", as the demo agency's own), made at its first arrival and kept for the rest of the seed. Like demoKey's,
 * in memory only and never trusted: the arrival check holds these arrivals, honestly.
 */
export function demoArrivalSealer(until: Date, options: DocumentSignerOptions = {}): (senderName: string) => DocumentSigner {
  const { from, to } = demoValidity(until);
  const sealers = new Map<string, DocumentSigner>();
  // One key pair behind every sender's certificate: a seed of 400 documents meets dozens of senders, and a pair each
  // spent more CPU than the documents. Each sender still has its own certificate; none is trusted either way.
  let keyPair: DemoKeyPair | undefined;
  return (senderName) => {
    let sealer = sealers.get(senderName);
    if (!sealer) {
      const name = `${senderName} (DEMO)`;
      keyPair ??= demoKeyPair();
      sealer = signingLibraryDocumentSigner(demoKey(name, name, from, to, keyPair), options);
      sealers.set(senderName, sealer);
    }
    return sealer;
  };
}

/** The demo keys' validity: from before the demo's first year to a year after its "now". */
function demoValidity(until: Date): { from: Date; to: Date } {
  return { from: new Date(until.getTime() - 4 * YEAR_MS), to: new Date(until.getTime() + YEAR_MS) };
}
