import type { ArrivalFinding } from '@eoffice/contract';
import { foldVietnamese } from '@eoffice/vietnamese';
import { certificateKind, type CertificateKindRule } from '../certificates/certificate-kind.js';
import type { VerifiedSignature } from '../ports/signature-verifier.js';
import type { SignatureCheck } from './signature-verdict.js';

/** Who sent the document, as the check compares it: the directory's certificates for the endpoint and its name. */
export interface ArrivalSender {
  /** SHA-256 fingerprints the directory lists for the sending endpoint. */
  readonly fingerprints: ReadonlySet<string>;
  /** The endpoint's name: the directory's, else the one given at receipt. */
  readonly name: string | null;
}

export interface ArrivalPolicy {
  readonly kindRule: CertificateKindRule;
  readonly requireTrusted: boolean;
}

const fold = (text: string) => foldVietnamese(text).replace(/\s+/g, ' ').trim();

/**
 * Điều 21: an electronic document counts only when it carries a sound signature of the sending agency. Returns what
 * stands in the way, empty when nothing does. "Of the sending agency": the certificate is one the directory lists
 * for the sender, or else its organisation name, folded, is the sender's name. Trust is a finding only when the
 * agency requires it; otherwise it stays the warning it was (signature-untrusted).
 */
export function judgeArrival(check: SignatureCheck, sender: ArrivalSender, policy: ArrivalPolicy): ArrivalFinding[] {
  if (check.paper) return [];
  if (!check.signed || check.signatures.length === 0) {
    return [{ code: 'UNSIGNED', message: 'Văn bản điện tử không có chữ ký số / the electronic document carries no digital signature' }];
  }
  const findings: ArrivalFinding[] = [];
  if (!check.valid) {
    findings.push({ code: 'SIGNATURE_INVALID', message: 'Chữ ký số không hợp lệ hoặc văn bản đã bị sửa sau khi ký / a signature does not verify or the file changed after it' });
  }
  const organisational = check.signatures.filter((s) => isOrganisationSignature(s, policy.kindRule));
  if (organisational.length === 0) {
    findings.push({ code: 'NO_AGENCY_SIGNATURE', message: 'Chỉ có chữ ký cá nhân, không có chữ ký số của cơ quan gửi / a person signed but no agency signature' });
  } else if (!organisational.some((s) => isFromSender(s, sender))) {
    findings.push({
      code: 'AGENCY_NOT_SENDER',
      message: `Chữ ký số cơ quan không phải của cơ quan gửi${sender.name ? ` "${sender.name}"` : ''} / the agency signature is not the sender's`,
    });
  }
  if (policy.requireTrusted && check.trusted !== true) {
    findings.push({ code: 'NOT_TRUSTED', message: 'Chuỗi chứng thư không dẫn tới chứng thư gốc tin cậy, mà cơ quan yêu cầu / the chain reaches no trust anchor, which the agency requires' });
  }
  return findings;
}

function isOrganisationSignature(signature: VerifiedSignature, rule: CertificateKindRule): boolean {
  const certificate = signature.certificate;
  if (!certificate) return false;
  // With the "any" rule kinds cannot be told apart: a certificate naming an organisation is taken as one.
  return rule === 'any' ? certificate.organization !== null : certificateKind(certificate) === 'organisation';
}

function isFromSender(signature: VerifiedSignature, sender: ArrivalSender): boolean {
  const certificate = signature.certificate;
  if (!certificate) return false;
  if (sender.fingerprints.has(certificate.fingerprintSha256)) return true;
  return certificate.organization !== null && sender.name !== null && fold(certificate.organization) === fold(sender.name);
}
