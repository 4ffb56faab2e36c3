export { bindCertificate, listBoundCertificates, unbindCertificate, type BoundCertificate, type CertificateOwner } from './certificate-bindings.js';
export { certificateKind, CERTIFICATE_KIND_RULES, readKindRule, type CertificateKind, type CertificateKindRule } from './certificate-kind.js';
export { requireSigningCertificate, refuseUnfitCertificate, type SigningPurpose } from './signing-certificate-check.js';
