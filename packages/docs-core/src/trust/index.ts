export { addTrustAnchor, listTrustAnchors, removeTrustAnchor, storedTrustAnchors, type TrustAnchor } from './trust-anchors.js';
export { readRequireTrusted, writeRequireTrusted } from './trust-policy.js';
