export { openPkcs11Signer, type Pkcs11Signer, type Pkcs11SignerOptions } from './pkcs11-signer.js';
export { Pkcs11Module, type TokenDescription, type TokenSelector, type OpenModuleOptions, type Pkcs11Api } from './pkcs11-module.js';
export { listTokensWithCertificates, type TokenListing } from './token-listing.js';
export type { TokenCertificate } from './token-certificates.js';
export { summariseCertificate, canSignDocuments, type CertificateSummary } from './certificate-summary.js';
export { TokenError, type TokenErrorCode, type KeyCandidate, type TokenErrorDetails } from './token-error.js';
export { decodeTokenFlags, describeTokenFlags, TOKEN_FLAG_BITS, type TokenFlags } from './token-flags.js';
export { ecdsaRawToDer, digestInfo } from './signature-encoding.js';
