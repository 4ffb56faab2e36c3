import pkcs11js from 'pkcs11js';
import type { DigestAlgorithm, KeyAlgorithm, Signer } from '../signer/signer.js';
import { SigningError } from '../signing-error.js';
import { canSignDocuments } from './certificate-summary.js';
import { findPrivateKeyFor } from './key-matching.js';
import { CKR, isRemovalFailure, pkcs11FailureOf } from './pkcs11-errors.js';
import {
  Pkcs11Module,
  readTokenFlags,
  type LocatedToken,
  type OpenModuleOptions,
  type Pkcs11Api,
  type TokenDescription,
  type TokenSelector,
} from './pkcs11-module.js';
import { digestInfo, ecdsaRawToDer, hash } from './signature-encoding.js';
import { readTokenCertificates, type TokenCertificate } from './token-certificates.js';
import { TokenError, type KeyCandidate } from './token-error.js';
import { CKA_ALWAYS_AUTHENTICATE, readAttribute } from './token-objects.js';

export interface Pkcs11SignerOptions extends OpenModuleOptions {
  readonly modulePath: string;
  readonly token: TokenSelector;
  /** CKA_ID (hex) of the certificate and key; required when the token holds several signing certificates. */
  readonly keyId?: string;
  /** Used for one C_Login and dropped. Omit on a PIN-pad reader (protected authentication path). */
  readonly pin?: string;
  /** The user saw "the next wrong PIN locks the token" and chose to go on. */
  readonly confirmFinalTry?: boolean;
  /** Certificates to embed after those found on the token (intermediates the token lacks), DER. */
  readonly extraChain?: readonly Uint8Array[];
}

/** A logged-in key on a token. Close it to log out and release the module; the session stays open until then. */
export interface Pkcs11Signer extends Signer {
  readonly token: TokenDescription;
  readonly keyId: string;
  /** Token flags read before login (COUNT_LOW tells the user an earlier PIN was wrong). */
  readonly flagsBeforeLogin: TokenDescription['flags'];
  close(): Promise<void>;
}

const CKM = {
  RSA_PKCS: pkcs11js.CKM_RSA_PKCS,
  SHA256_RSA_PKCS: pkcs11js.CKM_SHA256_RSA_PKCS,
  SHA384_RSA_PKCS: pkcs11js.CKM_SHA384_RSA_PKCS,
  SHA512_RSA_PKCS: pkcs11js.CKM_SHA512_RSA_PKCS,
  ECDSA: pkcs11js.CKM_ECDSA,
} as const;

const COMBINED_RSA: Readonly<Record<DigestAlgorithm, number>> = {
  sha256: CKM.SHA256_RSA_PKCS,
  sha384: CKM.SHA384_RSA_PKCS,
  sha512: CKM.SHA512_RSA_PKCS,
};

/**
 * Finds the token by label/serial, refuses a locked token (and a final-try one unless confirmed) BEFORE using the PIN,
 * picks the certificate (by key id, or the only signing one), logs in once and returns a Signer bound to that session.
 */
export async function openPkcs11Signer(options: Pkcs11SignerOptions): Promise<Pkcs11Signer> {
  const module = await Pkcs11Module.open(options.modulePath, { interpose: options.interpose });
  try {
    const token = await module.locateToken(options.token);
    refuseUnusablePinState(token, options.confirmFinalTry === true);
    return await module.run((api) => openSession(module, api, token, options));
  } catch (error) {
    await module.close();
    throw translate(error, module);
  }
}

function refuseUnusablePinState(token: LocatedToken, confirmFinalTry: boolean): void {
  if (token.flags.userPinLocked) {
    throw new TokenError(
      'PIN_LOCKED',
      `Mã PIN của token "${token.label}" đã bị khoá; cần mở khoá bằng mã PUK/SO PIN hoặc công cụ của nhà cung cấp / ` +
        'user PIN is locked; unblock it with the SO PIN or the vendor tool',
      { tokenFlags: token.flags },
    );
  }
  if (token.flags.userPinFinalTry && !confirmFinalTry) {
    throw new TokenError(
      'PIN_FINAL_TRY',
      `Chỉ còn một lần thử PIN cho token "${token.label}": nhập sai sẽ khoá token. Hãy xác nhận trước khi thử / ` +
        'one PIN attempt left: a wrong PIN locks the token; confirm explicitly to try',
      { tokenFlags: token.flags },
    );
  }
}

async function openSession(
  module: Pkcs11Module,
  api: Pkcs11Api,
  token: LocatedToken,
  options: Pkcs11SignerOptions,
): Promise<Pkcs11Signer> {
  const session = api.C_OpenSession(token.slot, pkcs11js.CKF_SERIAL_SESSION);
  let loggedIn = false;
  try {
    const certificates = readTokenCertificates(api, session);
    const certificate = chooseCertificate(certificates, options.keyId, token);
    loggedIn = login(module, api, session, token, options.pin);
    const key = findPrivateKeyFor(api, session, certificate);
    if (!key) {
      throw new TokenError(
        'KEY_NOT_FOUND',
        `Không tìm thấy khoá bí mật cho chứng thư "${certificate.subjectCommonName}" (id ${certificate.keyId}) / ` +
          'no private key matches the certificate',
      );
    }
    const alwaysAuthenticate = readAttribute(api, session, key, CKA_ALWAYS_AUTHENTICATE);
    if (alwaysAuthenticate?.[0] === 1) {
      // It needs the PIN again before every C_Sign; we keep no PIN, so we refuse rather than prompt behind the user.
      throw new TokenError(
        'KEY_UNSUPPORTED',
        'Khoá yêu cầu nhập PIN cho mỗi lần ký (CKA_ALWAYS_AUTHENTICATE), chưa hỗ trợ / key needs the PIN for every signature, not supported',
      );
    }
    const keyAlgorithm = certificate.keyAlgorithm;
    if (keyAlgorithm.kind === 'other') {
      throw new TokenError('KEY_UNSUPPORTED', `Loại khoá không hỗ trợ / unsupported key type: ${keyAlgorithm.name}`);
    }
    const mechanisms = new Set(api.C_GetMechanismList(token.slot));
    const chain = [...chainFor(certificate, certificates), ...(options.extraChain ?? [])];
    const signer = new TokenSigner(module, token, session, key, certificate, keyAlgorithm, mechanisms, chain);
    module.noteSessionOpened();
    return signer;
  } catch (error) {
    if (loggedIn && module.noteLogout(token.slot)) ignoreFailure(() => api.C_Logout(session));
    ignoreFailure(() => api.C_CloseSession(session));
    throw error;
  }
}

/** The certificate named by `keyId`, or the only one on the token fit for signing; otherwise a typed refusal. */
function chooseCertificate(certificates: TokenCertificate[], keyId: string | undefined, token: LocatedToken): TokenCertificate {
  const signing = certificates.filter(canSignDocuments);
  const candidates = (signing.length > 0 ? signing : certificates).map(candidateOf);
  if (keyId !== undefined) {
    const wanted = keyId.trim().toLowerCase();
    const found = certificates.find((certificate) => certificate.keyId === wanted);
    if (found) return found;
    throw new TokenError(
      'KEY_NOT_FOUND',
      `Token "${token.label}" không có chứng thư với id ${wanted} / no certificate with that key id; có / present: ` +
        describeCandidates(candidates),
      { candidates },
    );
  }
  if (signing.length === 1) return signing[0] as TokenCertificate;
  if (signing.length === 0) {
    throw new TokenError(
      'CERTIFICATE_NOT_FOUND',
      `Token "${token.label}" không có chứng thư ký số / no signing certificate on the token`,
      { candidates },
    );
  }
  throw new TokenError(
    'KEY_AMBIGUOUS',
    `Token "${token.label}" có nhiều khoá ký, hãy chọn một (--key-id) / several signing keys, choose one: ` +
      describeCandidates(candidates),
    { candidates },
  );
}

function candidateOf(certificate: TokenCertificate): KeyCandidate {
  return {
    keyId: certificate.keyId,
    subjectCommonName: certificate.subjectCommonName,
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
  };
}

function describeCandidates(candidates: readonly KeyCandidate[]): string {
  const day = (date: Date) => date.toISOString().slice(0, 10);
  return candidates
    .map((candidate) => `${candidate.keyId} "${candidate.subjectCommonName}" (${day(candidate.notBefore)}…${day(candidate.notAfter)})`)
    .join('; ');
}

/** Logs in with `pin` once; returns true when this signer holds a login it must release. */
function login(module: Pkcs11Module, api: Pkcs11Api, session: Buffer, token: LocatedToken, pin: string | undefined): boolean {
  if (!token.flags.loginRequired) return false;
  if (module.isLoggedIn(token.slot)) {
    // Login state is per application and token: another signer of ours is already in, so this one rides along.
    module.noteLogin(token.slot);
    return true;
  }
  if (pin === undefined && !token.flags.protectedAuthenticationPath) {
    throw new TokenError('PIN_REQUIRED', 'Cần nhập mã PIN / a PIN is required', { tokenFlags: token.flags });
  }
  try {
    if (pin === undefined) api.C_Login(session, pkcs11js.CKU_USER);
    else api.C_Login(session, pkcs11js.CKU_USER, pin);
  } catch (error) {
    const failure = pkcs11FailureOf(error);
    if (failure?.code === CKR.USER_ALREADY_LOGGED_IN) {
      module.noteLogin(token.slot);
      return true;
    }
    if (failure?.code === CKR.PIN_INCORRECT || failure?.code === CKR.PIN_LEN_RANGE) {
      const tokenFlags = readFlagsAfterFailure(api, token);
      const warning = tokenFlags?.userPinLocked
        ? ' Mã PIN đã bị khoá / the PIN is now locked.'
        : tokenFlags?.userPinFinalTry
          ? ' Chỉ còn một lần thử / one attempt left.'
          : '';
      throw new TokenError('PIN_INCORRECT', `Sai mã PIN / incorrect PIN.${warning}`, {
        tokenFlags,
        pkcs11Code: failure.name,
      });
    }
    if (failure?.code === CKR.PIN_LOCKED) {
      throw new TokenError('PIN_LOCKED', 'Mã PIN đã bị khoá / the user PIN is locked', {
        tokenFlags: readFlagsAfterFailure(api, token),
        pkcs11Code: failure.name,
      });
    }
    throw error;
  }
  module.noteLogin(token.slot);
  return true;
}

function readFlagsAfterFailure(api: Pkcs11Api, token: LocatedToken) {
  try {
    return readTokenFlags(api, token.slot);
  } catch {
    return undefined;
  }
}

/** Issuers of `certificate` found on the token, nearest first, stopping at a self-signed root or a loop. */
function chainFor(certificate: TokenCertificate, all: readonly TokenCertificate[]): Uint8Array[] {
  const chain: Uint8Array[] = [];
  const seen = new Set<string>([certificate.der.toString('hex')]);
  let current = certificate;
  for (;;) {
    if (current.issuerDer.equals(current.subjectDer)) break;
    const issuer = all.find((candidate) => candidate.subjectDer.equals(current.issuerDer) && !seen.has(candidate.der.toString('hex')));
    if (!issuer) break;
    chain.push(issuer.der);
    seen.add(issuer.der.toString('hex'));
    current = issuer;
  }
  return chain;
}

class TokenSigner implements Pkcs11Signer {
  readonly certificate: Uint8Array;
  readonly keyId: string;
  readonly flagsBeforeLogin: TokenDescription['flags'];
  readonly token: TokenDescription;
  private state: 'open' | 'closed' | 'removed' = 'open';

  constructor(
    private readonly module: Pkcs11Module,
    private readonly located: LocatedToken,
    private readonly session: Buffer,
    private readonly key: Buffer,
    certificate: TokenCertificate,
    readonly keyAlgorithm: KeyAlgorithm,
    private readonly mechanisms: ReadonlySet<number>,
    readonly chain: readonly Uint8Array[],
  ) {
    this.certificate = certificate.der;
    this.keyId = certificate.keyId;
    this.flagsBeforeLogin = located.flags;
    const { slot: _slot, ...description } = located;
    this.token = description;
  }

  async sign(data: Uint8Array, digest: DigestAlgorithm): Promise<Uint8Array> {
    if (this.state === 'removed') {
      throw new TokenError('TOKEN_REMOVED', 'Token đã bị rút ra / the token was removed');
    }
    if (this.state === 'closed') throw new SigningError('BAD_ARGUMENT', 'Phiên ký đã đóng / signer is closed');
    if (digest !== 'sha256' && digest !== 'sha384' && digest !== 'sha512') {
      throw new SigningError('BAD_ARGUMENT', `Thuật toán băm không được phép / digest not allowed: ${String(digest)}`);
    }
    const { mechanism, input, isEcdsa } = this.prepare(data, digest);
    try {
      const raw = await this.module.run((api) => {
        api.C_SignInit(this.session, { mechanism }, this.key);
        return api.C_SignAsync(this.session, input, Buffer.alloc(1024));
      });
      return isEcdsa ? ecdsaRawToDer(raw) : new Uint8Array(raw);
    } catch (error) {
      if (isRemovalFailure(error)) this.state = 'removed';
      throw translate(error, this.module);
    }
  }

  private prepare(data: Uint8Array, digest: DigestAlgorithm): { mechanism: number; input: Buffer; isEcdsa: boolean } {
    if (this.keyAlgorithm.kind === 'ec') {
      if (!this.mechanisms.has(CKM.ECDSA)) throw mechanismMissing('CKM_ECDSA');
      return { mechanism: CKM.ECDSA, input: hash(data, digest), isEcdsa: true };
    }
    const combined = COMBINED_RSA[digest];
    if (this.mechanisms.has(combined)) return { mechanism: combined, input: Buffer.from(data), isEcdsa: false };
    if (this.mechanisms.has(CKM.RSA_PKCS)) return { mechanism: CKM.RSA_PKCS, input: digestInfo(data, digest), isEcdsa: false };
    throw mechanismMissing(`CKM_${digest.toUpperCase()}_RSA_PKCS / CKM_RSA_PKCS`);
  }

  async close(): Promise<void> {
    if (this.state === 'closed') return;
    const wasRemoved = this.state === 'removed';
    this.state = 'closed';
    this.module.noteSessionClosed();
    await this.module.run((api) => {
      if (this.located.flags.loginRequired && this.module.noteLogout(this.located.slot) && !wasRemoved) {
        ignoreFailure(() => api.C_Logout(this.session));
      }
      if (!wasRemoved) ignoreFailure(() => api.C_CloseSession(this.session));
    });
    await this.module.close();
  }
}

function mechanismMissing(name: string): TokenError {
  return new TokenError('MECHANISM_UNSUPPORTED', `Token không hỗ trợ cơ chế ký / token lacks mechanism ${name}`);
}

/** PKCS#11 failures become typed errors; a removal also tells the module to restart before its next use. */
function translate(error: unknown, module: Pkcs11Module): unknown {
  if (error instanceof SigningError) return error;
  const failure = pkcs11FailureOf(error);
  if (isRemovalFailure(error)) {
    module.markTokenRemoved();
    return new TokenError('TOKEN_REMOVED', 'Token đã bị rút ra trong khi ký / the token was removed while signing', {
      pkcs11Code: failure?.name,
      cause: error,
    });
  }
  if (failure) {
    return new TokenError('TOKEN_FAILURE', `Lỗi token / token error ${failure.name}`, { pkcs11Code: failure.name, cause: error });
  }
  return error;
}

function ignoreFailure(action: () => void): void {
  try {
    action();
  } catch {
    // Cleanup on a token that may already be gone: nothing useful to report.
  }
}
