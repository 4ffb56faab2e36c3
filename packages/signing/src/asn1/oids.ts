/**
 * The one table of object identifiers the signing package reads or writes. Every other module names an OID through
 * this table, so a typo cannot make two places disagree about what an identifier means.
 */
export const OID = {
  // RFC 5652 §4, §5: content types.
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  // RFC 3161 §2.4.2: the eContentType of a time-stamp token.
  tstInfo: '1.2.840.113549.1.9.16.1.4',

  // RFC 5652 §11 and RFC 2985: signed attributes.
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  // RFC 2634 §5.4 (v1) and RFC 5035 §3 (v2): ESS signing-certificate attributes.
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  // RFC 3161 Appendix A: the unsigned signature-time-stamp attribute.
  signatureTimeStamp: '1.2.840.113549.1.9.16.2.14',

  // Digests: RFC 3279 §2.2.1 (SHA-1), RFC 5754 §2 (SHA-2).
  sha1: '1.3.14.3.2.26',
  sha224: '2.16.840.1.101.3.4.2.4',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',

  // RSA: RFC 8017 Appendix C.
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha1WithRsa: '1.2.840.113549.1.1.5',
  sha224WithRsa: '1.2.840.113549.1.1.14',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  sha384WithRsa: '1.2.840.113549.1.1.12',
  sha512WithRsa: '1.2.840.113549.1.1.13',
  rsaPss: '1.2.840.113549.1.1.10',

  // ECDSA: RFC 5480 §2.1.1 (key and curves), RFC 3279 §2.2.3 and RFC 5758 §3.2 (signatures).
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSha1: '1.2.840.10045.4.1',
  ecdsaWithSha224: '1.2.840.10045.4.3.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecdsaWithSha384: '1.2.840.10045.4.3.3',
  ecdsaWithSha512: '1.2.840.10045.4.3.4',
  p256: '1.2.840.10045.3.1.7',
  p384: '1.3.132.0.34',
  p521: '1.3.132.0.35',
  // BSI TR-03111 §5.2.1: "plain" ECDSA, the signature as r‖s instead of DER.
  plainEcdsaWithSha1: '0.4.0.127.0.7.1.1.4.1.1',
  plainEcdsaWithSha224: '0.4.0.127.0.7.1.1.4.1.2',
  plainEcdsaWithSha256: '0.4.0.127.0.7.1.1.4.1.3',
  plainEcdsaWithSha384: '0.4.0.127.0.7.1.1.4.1.4',
  plainEcdsaWithSha512: '0.4.0.127.0.7.1.1.4.1.5',
  // RFC 8410 §3: EdDSA.
  ed25519: '1.3.101.112',
  ed448: '1.3.101.113',

  // X.520 / RFC 5280 Appendix A: attribute types of a distinguished name.
  commonName: '2.5.4.3',
  surname: '2.5.4.4',
  serialNumber: '2.5.4.5',
  countryName: '2.5.4.6',
  localityName: '2.5.4.7',
  stateOrProvinceName: '2.5.4.8',
  streetAddress: '2.5.4.9',
  organizationName: '2.5.4.10',
  organizationalUnitName: '2.5.4.11',
  title: '2.5.4.12',
  givenName: '2.5.4.42',
  // RFC 2985 §5.2.1 (PKCS #9 emailAddress) and RFC 4519 §2.39, §2.4 (uid, dc).
  emailAddress: '1.2.840.113549.1.9.1',
  userId: '0.9.2342.19200300.100.1.1',
  domainComponent: '0.9.2342.19200300.100.1.25',
} as const;

/** RFC 4514 §3: the attribute types that have a standard short name in a string representation of a Name. */
export const RFC4514_SHORT_NAMES: Readonly<Record<string, string>> = {
  [OID.commonName]: 'CN',
  [OID.localityName]: 'L',
  [OID.stateOrProvinceName]: 'ST',
  [OID.organizationName]: 'O',
  [OID.organizationalUnitName]: 'OU',
  [OID.countryName]: 'C',
  [OID.streetAddress]: 'STREET',
  [OID.domainComponent]: 'DC',
  [OID.userId]: 'UID',
};

/**
 * The names shown to a person choosing a certificate: RFC 4514's and those that Vietnamese CA certificates also carry
 * (T for the signer's title; UID carries "CMND:…", "MST:…", "CCCD:…"), spelled as openssl and Windows show them.
 */
export const DISPLAY_SHORT_NAMES: Readonly<Record<string, string>> = {
  ...RFC4514_SHORT_NAMES,
  [OID.surname]: 'SN',
  [OID.serialNumber]: 'SERIALNUMBER',
  [OID.title]: 'T',
  [OID.givenName]: 'GN',
  [OID.emailAddress]: 'E',
};
