import pkcs11js from 'pkcs11js';
import type { Pkcs11Api } from './pkcs11-module.js';

/** Finds every object matching `template` in `session`. */
export function findObjects(api: Pkcs11Api, session: Buffer, template: pkcs11js.Template): Buffer[] {
  api.C_FindObjectsInit(session, template);
  try {
    const handles: Buffer[] = [];
    for (;;) {
      const batch = api.C_FindObjects(session, 32);
      if (batch.length === 0) break;
      handles.push(...batch);
    }
    return handles;
  } finally {
    api.C_FindObjectsFinal(session);
  }
}

/**
 * Reads one attribute, or undefined when the object does not have it (CKR_ATTRIBUTE_TYPE_INVALID) or hides it
 * (CKR_ATTRIBUTE_SENSITIVE). Other failures (the token was removed) propagate.
 */
export function readAttribute(api: Pkcs11Api, session: Buffer, object: Buffer, type: number): Buffer | undefined {
  try {
    const [result] = api.C_GetAttributeValue(session, object, [{ type }]);
    return result?.value;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === CKR_ATTRIBUTE_SENSITIVE || code === CKR_ATTRIBUTE_TYPE_INVALID) return undefined;
    throw error;
  }
}

const CKR_ATTRIBUTE_SENSITIVE = 0x11;
const CKR_ATTRIBUTE_TYPE_INVALID = 0x12;

export const { CKA_CLASS, CKA_ID, CKA_LABEL, CKA_VALUE, CKA_KEY_TYPE, CKA_MODULUS, CKA_EC_POINT, CKA_CERTIFICATE_TYPE } =
  pkcs11js;
export const { CKO_CERTIFICATE, CKO_PRIVATE_KEY, CKO_PUBLIC_KEY, CKC_X_509, CKK_RSA, CKK_EC } = pkcs11js;
export const CKA_ALWAYS_AUTHENTICATE = 0x202;
