import pkcs11js from 'pkcs11js';
import type { Pkcs11Api } from '../../src/token/pkcs11-module.js';

/**
 * A fake put AROUND the real SoftHSM2 module (a Proxy over the pkcs11js object): every call reaches SoftHSM, and the
 * fake only rewrites what SoftHSM cannot show — PIN-state flags (it never sets FINAL_TRY or LOCKED), a token pulled
 * out mid-signing, a token without the combined RSA mechanisms.
 */
export interface FakeTokenState {
  /** Flag bits OR-ed into every C_GetTokenInfo answer. */
  extraFlags: number;
  /** Flag bits to add after a failed C_Login (a real token moves FINAL_TRY → LOCKED). */
  flagsAfterFailedLogin: number;
  /** When set, C_Sign/C_SignAsync/C_SignInit fail with CKR_DEVICE_REMOVED after this many successful signatures. */
  removeAfterSignatures: number | undefined;
  /** Mechanisms hidden from C_GetMechanismList. */
  hiddenMechanisms: number[];
  /** Every call, in order, with the first argument's mechanism for C_SignInit. */
  readonly calls: string[];
  signatures: number;
  removed: boolean;
}

export function fakeTokenState(): FakeTokenState {
  return { extraFlags: 0, flagsAfterFailedLogin: 0, removeAfterSignatures: undefined, hiddenMechanisms: [], calls: [], signatures: 0, removed: false };
}

const CKR_DEVICE_REMOVED = 0x32;

function deviceRemoved(method: string): Error {
  return new pkcs11js.Pkcs11Error(`CKR_DEVICE_REMOVED:${CKR_DEVICE_REMOVED}`, CKR_DEVICE_REMOVED, method);
}

export function interposeFake(state: FakeTokenState): (api: Pkcs11Api) => Pkcs11Api {
  return (api) =>
    new Proxy(api, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function' || typeof property !== 'string') return value;
        const call = (...args: unknown[]): unknown => (value as (...a: unknown[]) => unknown).apply(target, args);
        return (...args: unknown[]): unknown => {
          state.calls.push(property === 'C_SignInit' ? `C_SignInit:${(args[1] as { mechanism: number }).mechanism}` : property);
          const isSigning = property === 'C_SignInit' || property === 'C_Sign' || property === 'C_SignAsync';
          if (isSigning && state.removeAfterSignatures !== undefined && state.signatures >= state.removeAfterSignatures) {
            state.removed = true;
          }
          if (state.removed && property !== 'C_Finalize' && property !== 'close' && property !== 'C_Initialize') {
            if (property === 'C_SignAsync') return Promise.reject(deviceRemoved(property));
            throw deviceRemoved(property);
          }
          if (property === 'C_GetTokenInfo') {
            const info = call(...args) as pkcs11js.TokenInfo;
            return { ...info, flags: info.flags | state.extraFlags };
          }
          if (property === 'C_GetMechanismList') {
            return (call(...args) as number[]).filter((mechanism) => !state.hiddenMechanisms.includes(mechanism));
          }
          if (property === 'C_Login') {
            try {
              return call(...args);
            } catch (error) {
              state.extraFlags |= state.flagsAfterFailedLogin;
              throw error;
            }
          }
          if (property === 'C_SignAsync') {
            return (call(...args) as Promise<Buffer>).then((signature) => {
              state.signatures += 1;
              return signature;
            });
          }
          return call(...args);
        };
      },
    });
}
