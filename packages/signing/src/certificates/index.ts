// Reading certificates and finding trust anchors, without the PDF and CMS code (pdf-lib, node-forge, the verifier):
// what a face needs at every start (packages/host's ports), while signing and verifying load on first use.
export { ParsedCertificate } from './parsed-certificate.js';
export { parsedCertificateOf } from './certificate-cache.js';
export { certificateFacts, type CertificateFacts } from './certificate-facts.js';
export { summariseCertificate, type CertificateSummary } from '../token/certificate-summary.js';
export { holdsCertificates, loadTrustAnchors, SHIPPED_TRUST_DIR, TrustAnchorError, trustAnchorFileReads } from '../verify/certificates/trust-anchors.js';
