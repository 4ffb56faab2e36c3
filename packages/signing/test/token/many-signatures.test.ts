import { createPublicKey, verify as cryptoVerify } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPkcs11Signer } from '../../src/token/pkcs11-signer.js';
import { makeDevToken, type DevToken } from '../helpers/dev-token.js';
import { fakeTokenState, interposeFake } from '../helpers/fake-token.js';

let dev: DevToken;
beforeAll(() => {
  dev = makeDevToken();
});
afterAll(() => dev?.remove());

it('1,000 signatures requested at once go through one session and one login, serialised, and all verify', async () => {
  // The wrapper only counts calls here; every call reaches SoftHSM unchanged.
  const state = fakeTokenState();
  const signer = await openPkcs11Signer({
    modulePath: dev.module,
    token: { label: dev.token },
    keyId: '01',
    pin: dev.pin,
    interpose: interposeFake(state),
  });
  const messages = Array.from({ length: 1000 }, (_, index) => Buffer.from(`văn bản số ${index}`, 'utf8'));
  let signatures: Uint8Array[];
  try {
    signatures = await Promise.all(messages.map((message) => signer.sign(message, 'sha256')));
  } finally {
    await signer.close();
  }
  const publicKey = createPublicKey(dev.certificatePem('leader'));
  const verified = signatures.filter((signature, index) => cryptoVerify('sha256', messages[index] as Buffer, publicKey, Buffer.from(signature)));
  expect(verified).toHaveLength(1000);
  expect(state.calls.filter((call) => call === 'C_OpenSession')).toHaveLength(1);
  expect(state.calls.filter((call) => call === 'C_Login')).toHaveLength(1);
  expect(state.calls.filter((call) => call.startsWith('C_SignInit'))).toHaveLength(1000);
  // Serialised: every C_SignInit is followed by its own C_SignAsync before the next C_SignInit.
  const signing = state.calls.filter((call) => call.startsWith('C_SignInit') || call === 'C_SignAsync');
  expect(signing.every((call, index) => call.startsWith('C_SignInit') === (index % 2 === 0))).toBe(true);
});
