import pkcs11js from 'pkcs11js';
import { Pkcs11Module, readTokens, type OpenModuleOptions, type TokenDescription } from './pkcs11-module.js';
import { pkcs11FailureOf } from './pkcs11-errors.js';
import { readTokenCertificates, type TokenCertificate } from './token-certificates.js';

export interface TokenListing {
  readonly token: TokenDescription;
  /** Public certificates, read without a PIN. */
  readonly certificates: readonly TokenCertificate[];
  /** Set when the token's objects could not be read (CKR_… name); the token itself is still listed. */
  readonly readError?: string;
}

/**
 * Every present, initialised token of a module with its certificates, all read before login: what a user picks from before any
 * PIN is asked, including the PIN-state flags (COUNT_LOW, FINAL_TRY, LOCKED).
 */
export async function listTokensWithCertificates(modulePath: string, options: OpenModuleOptions = {}): Promise<TokenListing[]> {
  const module = await Pkcs11Module.open(modulePath, options);
  try {
    return await module.run((api) =>
      readTokens(api)
        .filter((located) => located.flags.present && located.flags.tokenInitialized)
        .map(({ slot, ...token }): TokenListing => {
          try {
            const session = api.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
            try {
              return { token, certificates: readTokenCertificates(api, session) };
            } finally {
              api.C_CloseSession(session);
            }
          } catch (error) {
            return { token, certificates: [], readError: pkcs11FailureOf(error)?.name ?? (error as Error).message };
          }
        }),
    );
  } finally {
    await module.close();
  }
}
