import type { MethodOutput } from '@eoffice/contract';

export type TokenView = MethodOutput<'tokens', 'certificates'>['tokens'][number];
export type TokenCertificate = TokenView['certificates'][number];
export type BoundCertificate = MethodOutput<'certificates', 'list'>['certificates'][number];

/** Why a certificate on the token cannot sign here: its own problem first, then whether the agency bound it. */
export type Unusable = TokenCertificate['problem'] | 'unbound' | null;

const hexOnly = (text: string) => text.toLowerCase().replace(/[^0-9a-f]/g, '');

/** SHA-256 of the DER, as the bindings store it: a certificate is "bound" when a binding has that fingerprint. */
export async function fingerprintOf(certificateBase64: string): Promise<string> {
  const der = Uint8Array.from(atob(certificateBase64), (c) => c.charCodeAt(0));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', der));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function unusableReason(certificate: TokenCertificate, bound: readonly BoundCertificate[]): Promise<Unusable> {
  if (certificate.problem) return certificate.problem;
  const fingerprint = await fingerprintOf(certificate.certificate);
  return bound.some((b) => hexOnly(b.fingerprintSha256) === fingerprint && b.validNow) ? null : 'unbound';
}

export function base64ToBytes(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}
