import { EOfficeError } from '@eoffice/contract';

const PEM = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/;

/** The DER of a certificate given as PEM (the first block) or as base64 DER: the contract carries text. */
export function certificateDer(text: string): Uint8Array {
  const body = (PEM.exec(text)?.[1] ?? text).replace(/\s+/g, '');
  if (body === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(body)) {
    throw new EOfficeError('E_INVALID_INPUT', 'Chứng thư số phải ở dạng PEM hoặc base64 DER / the certificate must be PEM or base64 DER');
  }
  return new Uint8Array(Buffer.from(body, 'base64'));
}
