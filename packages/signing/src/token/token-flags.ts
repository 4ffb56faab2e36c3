/** CK_TOKEN_INFO flag bits we act on (PKCS#11 2.40 pkcs11t.h). */
const CKF_LOGIN_REQUIRED = 0x4;
const CKF_TOKEN_INITIALIZED = 0x400;
const CKF_PROTECTED_AUTHENTICATION_PATH = 0x100;
const CKF_USER_PIN_COUNT_LOW = 0x10000;
const CKF_USER_PIN_FINAL_TRY = 0x20000;
const CKF_USER_PIN_LOCKED = 0x40000;
const CKF_USER_PIN_TO_BE_CHANGED = 0x80000;

/**
 * The token state a user must see BEFORE typing a PIN: a wrong guess on FINAL_TRY locks the token, and a LOCKED token
 * must not be tried at all (only the SO PIN or the vendor tool can unblock it).
 */
export interface TokenFlags {
  readonly present: boolean;
  readonly loginRequired: boolean;
  readonly tokenInitialized: boolean;
  /** PIN pad on the reader: C_Login is called without a PIN. */
  readonly protectedAuthenticationPath: boolean;
  /** At least one wrong PIN since the last correct one. */
  readonly userPinCountLow: boolean;
  /** The next wrong PIN locks the token. */
  readonly userPinFinalTry: boolean;
  readonly userPinLocked: boolean;
  readonly userPinToBeChanged: boolean;
  /** The raw CK_FLAGS value, for diagnostics. */
  readonly raw: number;
}

export function decodeTokenFlags(raw: number, present = true): TokenFlags {
  const has = (bit: number) => (raw & bit) !== 0;
  return {
    present,
    loginRequired: has(CKF_LOGIN_REQUIRED),
    tokenInitialized: has(CKF_TOKEN_INITIALIZED),
    protectedAuthenticationPath: has(CKF_PROTECTED_AUTHENTICATION_PATH),
    userPinCountLow: has(CKF_USER_PIN_COUNT_LOW),
    userPinFinalTry: has(CKF_USER_PIN_FINAL_TRY),
    userPinLocked: has(CKF_USER_PIN_LOCKED),
    userPinToBeChanged: has(CKF_USER_PIN_TO_BE_CHANGED),
    raw,
  };
}

export const TOKEN_FLAG_BITS = {
  CKF_LOGIN_REQUIRED,
  CKF_TOKEN_INITIALIZED,
  CKF_PROTECTED_AUTHENTICATION_PATH,
  CKF_USER_PIN_COUNT_LOW,
  CKF_USER_PIN_FINAL_TRY,
  CKF_USER_PIN_LOCKED,
  CKF_USER_PIN_TO_BE_CHANGED,
} as const;

/** Short names of the flags that are set, for `eoffice token list` and logs. */
export function describeTokenFlags(flags: TokenFlags): string[] {
  const names: string[] = [];
  if (!flags.present) names.push('TOKEN_NOT_PRESENT');
  if (flags.loginRequired) names.push('LOGIN_REQUIRED');
  if (flags.protectedAuthenticationPath) names.push('PROTECTED_AUTHENTICATION_PATH');
  if (flags.userPinCountLow) names.push('USER_PIN_COUNT_LOW');
  if (flags.userPinFinalTry) names.push('USER_PIN_FINAL_TRY');
  if (flags.userPinLocked) names.push('USER_PIN_LOCKED');
  if (flags.userPinToBeChanged) names.push('USER_PIN_TO_BE_CHANGED');
  return names;
}
