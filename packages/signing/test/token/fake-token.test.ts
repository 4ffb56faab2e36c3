import { createPublicKey, verify as cryptoVerify } from 'node:crypto';
import pkcs11js from 'pkcs11js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Pkcs11Module } from '../../src/token/pkcs11-module.js';
import { openPkcs11Signer } from '../../src/token/pkcs11-signer.js';
import { TokenError } from '../../src/token/token-error.js';
import { TOKEN_FLAG_BITS } from '../../src/token/token-flags.js';
import { listTokensWithCertificates } from '../../src/token/token-listing.js';
import { makeDevToken, type DevToken } from '../helpers/dev-token.js';
import { fakeTokenState, interposeFake, type FakeTokenState } from '../helpers/fake-token.js';

let dev: DevToken;
let state: FakeTokenState;

beforeAll(() => {
  dev = makeDevToken();
});
afterAll(() => dev?.remove());
beforeEach(() => {
  state = fakeTokenState();
});

const data = Buffer.from('signed attributes of Quyết định số 12/QĐ-UBND', 'utf8');

function open(options: { keyId?: string; pin?: string; confirmFinalTry?: boolean } = {}) {
  return openPkcs11Signer({
    modulePath: dev.module,
    token: { label: dev.token },
    keyId: options.keyId ?? '01',
    pin: options.pin ?? dev.pin,
    confirmFinalTry: options.confirmFinalTry,
    interpose: interposeFake(state),
  });
}

async function rejection(promise: Promise<unknown>): Promise<TokenError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(TokenError);
  return error as TokenError;
}

describe('PIN states SoftHSM2 never shows (fake wrapper around the real module)', () => {
  it('LOCKED: refused before login, C_Login is never called, listing shows the flag', async () => {
    state.extraFlags = TOKEN_FLAG_BITS.CKF_USER_PIN_LOCKED;
    const error = await rejection(open());
    expect(error.code).toBe('PIN_LOCKED');
    expect(error.tokenFlags?.userPinLocked).toBe(true);
    expect(error.message).toContain('khoá');
    expect(state.calls).not.toContain('C_Login');
    const [listing] = await listTokensWithCertificates(dev.module, { interpose: interposeFake(state) });
    expect(listing?.token.flags.userPinLocked).toBe(true);
  });

  it('FINAL_TRY: refused without explicit confirmation, and C_Login is never called', async () => {
    state.extraFlags = TOKEN_FLAG_BITS.CKF_USER_PIN_FINAL_TRY | TOKEN_FLAG_BITS.CKF_USER_PIN_COUNT_LOW;
    const error = await rejection(open());
    expect(error.code).toBe('PIN_FINAL_TRY');
    expect(error.tokenFlags?.userPinFinalTry).toBe(true);
    expect(error.tokenFlags?.userPinCountLow).toBe(true);
    expect(state.calls).not.toContain('C_Login');
  });

  it('FINAL_TRY confirmed with the right PIN signs', async () => {
    state.extraFlags = TOKEN_FLAG_BITS.CKF_USER_PIN_FINAL_TRY;
    const signer = await open({ confirmFinalTry: true });
    try {
      expect(signer.flagsBeforeLogin.userPinFinalTry).toBe(true);
      const signature = await signer.sign(data, 'sha256');
      expect(cryptoVerify('sha256', data, createPublicKey(dev.certificatePem('leader')), Buffer.from(signature))).toBe(true);
      expect(state.calls.filter((call) => call === 'C_Login')).toHaveLength(1);
    } finally {
      await signer.close();
    }
  });

  it('FINAL_TRY confirmed with a wrong PIN: PIN_INCORRECT carrying the flags read after it (now LOCKED), one attempt only', async () => {
    state.extraFlags = TOKEN_FLAG_BITS.CKF_USER_PIN_FINAL_TRY;
    state.flagsAfterFailedLogin = TOKEN_FLAG_BITS.CKF_USER_PIN_LOCKED;
    const error = await rejection(open({ confirmFinalTry: true, pin: '999999' }));
    expect(error.code).toBe('PIN_INCORRECT');
    expect(error.tokenFlags?.userPinLocked).toBe(true);
    expect(error.message).toContain('khoá');
    expect(state.calls.filter((call) => call === 'C_Login')).toHaveLength(1);
    const loginIndex = state.calls.indexOf('C_Login');
    expect(state.calls.slice(loginIndex + 1)).toContain('C_GetTokenInfo');
  });
});

describe('token removed in the middle', () => {
  it('C_Sign failing with CKR_DEVICE_REMOVED gives TOKEN_REMOVED, and the next signature too', async () => {
    const signer = await open();
    state.removeAfterSignatures = 2;
    try {
      await signer.sign(data, 'sha256');
      await signer.sign(data, 'sha256');
      const error = await rejection(signer.sign(data, 'sha256'));
      expect(error.code).toBe('TOKEN_REMOVED');
      expect(error.pkcs11Code).toBe('CKR_DEVICE_REMOVED');
      expect((await rejection(signer.sign(data, 'sha256'))).code).toBe('TOKEN_REMOVED');
    } finally {
      await signer.close();
    }
  });

  it('after the token is plugged back, the module is re-initialised (C_Finalize + C_Initialize) and signing works again', async () => {
    const first = await open();
    // A second user keeps the module loaded, so the restart must come from the removal, not from a fresh load.
    const holder = await Pkcs11Module.open(dev.module);
    try {
      state.removeAfterSignatures = 0;
      expect((await rejection(first.sign(data, 'sha256'))).code).toBe('TOKEN_REMOVED');
      state.removed = false;
      state.removeAfterSignatures = undefined;
      state.calls.length = 0;
      await first.close();
      const second = await openPkcs11Signer({ modulePath: dev.module, token: { label: dev.token }, keyId: '01', pin: dev.pin });
      try {
        const restart = state.calls.indexOf('C_Finalize');
        expect(restart).toBeGreaterThanOrEqual(0);
        expect(state.calls[restart + 1]).toBe('C_Initialize');
        expect(state.calls.indexOf('C_OpenSession')).toBeGreaterThan(restart);
        const signature = await second.sign(data, 'sha256');
        expect(cryptoVerify('sha256', data, createPublicKey(dev.certificatePem('leader')), Buffer.from(signature))).toBe(true);
      } finally {
        await second.close();
      }
    } finally {
      await holder.close();
    }
  });

  it('a token gone while opening the session gives TOKEN_REMOVED', async () => {
    state.removeAfterSignatures = undefined;
    state.removed = true;
    const error = await rejection(open());
    expect(error.code).toBe('TOKEN_REMOVED');
  });
});

describe('mechanism fallback', () => {
  it('without CKM_SHA*_RSA_PKCS the key signs CKM_RSA_PKCS over a DigestInfo, byte-identical to the combined mechanism', async () => {
    const combined = await open();
    const viaCombined = Buffer.from(await combined.sign(data, 'sha384'));
    await combined.close();
    expect(state.calls).toContain(`C_SignInit:${pkcs11js.CKM_SHA384_RSA_PKCS}`);

    state.hiddenMechanisms = [pkcs11js.CKM_SHA256_RSA_PKCS, pkcs11js.CKM_SHA384_RSA_PKCS, pkcs11js.CKM_SHA512_RSA_PKCS];
    state.calls.length = 0;
    const raw = await open();
    try {
      const viaRaw = Buffer.from(await raw.sign(data, 'sha384'));
      expect(state.calls).toContain(`C_SignInit:${pkcs11js.CKM_RSA_PKCS}`);
      expect(viaRaw.equals(viaCombined)).toBe(true);
      expect(cryptoVerify('sha384', data, createPublicKey(dev.certificatePem('leader')), viaRaw)).toBe(true);
    } finally {
      await raw.close();
    }
  });

  it('a token with neither RSA mechanism gives MECHANISM_UNSUPPORTED', async () => {
    state.hiddenMechanisms = [pkcs11js.CKM_SHA256_RSA_PKCS, pkcs11js.CKM_RSA_PKCS];
    const signer = await open();
    try {
      expect((await rejection(signer.sign(data, 'sha256'))).code).toBe('MECHANISM_UNSUPPORTED');
    } finally {
      await signer.close();
    }
  });
});
