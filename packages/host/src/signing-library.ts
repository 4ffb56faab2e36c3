import type * as SigningLibrary from '@eoffice/signing';

/**
 * packages/signing's PDF and CMS code (pdf-lib, node-forge, the Decree 30 layouts, the LTV client), loaded on the
 * first signature or LTV extension rather than by every face at its start. Certificate reading and trust anchors
 * stay static (`@eoffice/signing/certificates`).
 */
let library: Promise<typeof SigningLibrary> | undefined;

export function signingLibrary(): Promise<typeof SigningLibrary> {
  return (library ??= import('@eoffice/signing'));
}
