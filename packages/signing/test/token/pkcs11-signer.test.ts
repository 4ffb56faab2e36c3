import { createPublicKey, createVerify, verify as cryptoVerify, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pkcs11Module } from '../../src/token/pkcs11-module.js';
import { openPkcs11Signer } from '../../src/token/pkcs11-signer.js';
import { listTokensWithCertificates } from '../../src/token/token-listing.js';
import { TokenError } from '../../src/token/token-error.js';
import { makeDevToken, runTool, type DevToken } from '../helpers/dev-token.js';

let dev: DevToken;

beforeAll(() => {
  dev = makeDevToken();
});
afterAll(() => dev?.remove());

const signedAttributes = Buffer.from('DER of the signed attributes — Nghị định 30/2020/NĐ-CP', 'utf8');

async function expectTokenError(promise: Promise<unknown>, code: string): Promise<TokenError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TokenError);
  expect((error as TokenError).code).toBe(code);
  return error as TokenError;
}

describe('listing tokens before login', () => {
  it('reports label, serial, manufacturer, model and PIN flags without a PIN', async () => {
    const module = await Pkcs11Module.open(dev.module);
    try {
      const tokens = (await module.listTokens()).filter((token) => token.flags.present && token.flags.tokenInitialized);
      expect(tokens).toHaveLength(1);
      const [token] = tokens;
      expect(token?.label).toBe('EOFFICE-DEV');
      expect(token?.serial).toBe(dev.serial);
      expect(token?.manufacturer).toBe('SoftHSM project');
      expect(token?.model).toBe('SoftHSM v2');
      expect(token?.flags.loginRequired).toBe(true);
      expect(token?.flags.userPinLocked).toBe(false);
      expect(token?.flags.userPinFinalTry).toBe(false);
      expect(token?.flags.protectedAuthenticationPath).toBe(false);
    } finally {
      await module.close();
    }
  });

  it('lists the certificates with Vietnamese subjects, key usage, validity and CKA_ID', async () => {
    const [entry] = await listTokensWithCertificates(dev.module);
    expect(entry?.token.label).toBe('EOFFICE-DEV');
    const byId = new Map(entry?.certificates.map((certificate) => [certificate.keyId, certificate]));
    expect([...byId.keys()].sort()).toEqual(['01', '02', '03', '04', 'c0']);
    expect(byId.get('c0')?.isCertificateAuthority).toBe(true);
    const leader = byId.get('01');
    expect(leader?.subject).toBe('CN=Nguyễn Văn An, T=Chủ tịch, O=UBND tỉnh Demo, ST=Tỉnh Demo, C=VN');
    expect(leader?.subjectCommonName).toBe('Nguyễn Văn An');
    expect(leader?.issuer).toBe('CN=E-Office Demo Root CA, O=E-Office Demo, C=VN');
    expect(leader?.keyUsage).toEqual(['digitalSignature', 'nonRepudiation']);
    expect(leader?.keyAlgorithm).toEqual({ kind: 'rsa', modulusBits: 2048 });
    const fromOpenssl = new X509Certificate(dev.certificatePem('leader'));
    expect(leader?.serialNumber).toBe(fromOpenssl.serialNumber.toLowerCase());
    expect(leader?.notAfter.getTime()).toBe(new Date(fromOpenssl.validTo).getTime());
    expect(byId.get('02')?.subjectCommonName).toBe('UBND tỉnh Demo');
    expect(byId.get('03')?.keyAlgorithm).toEqual({ kind: 'ec', curve: 'P-256' });
  });
});

describe('signing with SoftHSM2 keys', () => {
  it.each(['sha256', 'sha384', 'sha512'] as const)('RSA leader key signs with %s and node:crypto verifies it', async (digest) => {
    const signer = await openPkcs11Signer({ modulePath: dev.module, token: { label: dev.token }, keyId: '01', pin: dev.pin });
    try {
      expect(signer.keyAlgorithm).toEqual({ kind: 'rsa', modulusBits: 2048 });
      // The issuing CA stored on the token becomes the chain; the verifier embeds nothing it was not given.
      expect(signer.chain.map((der) => new X509Certificate(Buffer.from(der)).subject)).toEqual([
        new X509Certificate(readFileSync(dev.caCert)).subject,
      ]);
      const signature = await signer.sign(signedAttributes, digest);
      expect(signature).toHaveLength(256);
      const publicKey = new X509Certificate(Buffer.from(signer.certificate)).publicKey;
      const verifier = createVerify(digest.toUpperCase());
      verifier.update(signedAttributes);
      expect(verifier.verify(publicKey, Buffer.from(signature))).toBe(true);
      // A signature over other bytes must not verify: the check above can fail.
      expect(cryptoVerify(digest, Buffer.from('other'), publicKey, Buffer.from(signature))).toBe(false);
    } finally {
      await signer.close();
    }
  });

  it('EC P-256 key signs through CKM_ECDSA and returns DER ECDSA-Sig-Value that verifies', async () => {
    const signer = await openPkcs11Signer({ modulePath: dev.module, token: { serial: dev.serial }, keyId: '03', pin: dev.pin });
    try {
      expect(signer.keyAlgorithm).toEqual({ kind: 'ec', curve: 'P-256' });
      const signature = Buffer.from(await signer.sign(signedAttributes, 'sha256'));
      expect(signature[0]).toBe(0x30);
      const publicKey = createPublicKey(dev.certificatePem('leaderEc'));
      expect(cryptoVerify('sha256', signedAttributes, { key: publicKey, dsaEncoding: 'der' }, signature)).toBe(true);
    } finally {
      await signer.close();
    }
  });

  it('finds the token by label and serial together, and the agency key by its id', async () => {
    const signer = await openPkcs11Signer({
      modulePath: dev.module,
      token: { label: dev.token, serial: dev.serial.toUpperCase() },
      keyId: '02',
      pin: dev.pin,
    });
    try {
      expect(new X509Certificate(Buffer.from(signer.certificate)).subject).toContain('CN=UBND tỉnh Demo');
      expect(signer.token.serial).toBe(dev.serial);
    } finally {
      await signer.close();
    }
  });

  it('refuses to guess when several keys have certificates and none is named, listing them', async () => {
    const error = await expectTokenError(openPkcs11Signer({ modulePath: dev.module, token: { label: dev.token }, pin: dev.pin }), 'KEY_AMBIGUOUS');
    expect(error.candidates?.map((candidate) => candidate.keyId).sort()).toEqual(['01', '02', '03', '04']);
    expect(error.candidates?.find((candidate) => candidate.keyId === '01')?.subjectCommonName).toBe('Nguyễn Văn An');
    expect(error.message).toContain('Nguyễn Văn An');
    expect(error.candidates?.[0]?.notAfter).toBeInstanceOf(Date);
  });

  it('names a missing key id and a missing token with typed errors', async () => {
    const missingKey = await expectTokenError(
      openPkcs11Signer({ modulePath: dev.module, token: { label: dev.token }, keyId: '7f', pin: dev.pin }),
      'KEY_NOT_FOUND',
    );
    expect(missingKey.candidates).toHaveLength(4);
    const missingToken = await expectTokenError(
      openPkcs11Signer({ modulePath: dev.module, token: { label: 'NO-SUCH-TOKEN' }, keyId: '01', pin: dev.pin }),
      'TOKEN_NOT_FOUND',
    );
    expect(missingToken.message).toContain('EOFFICE-DEV');
  });

  it('wrong PIN gives PIN_INCORRECT with the flags read after the failure (COUNT_LOW), and is not retried', async () => {
    const error = await expectTokenError(
      openPkcs11Signer({ modulePath: dev.module, token: { label: dev.token }, keyId: '01', pin: '000000' }),
      'PIN_INCORRECT',
    );
    expect(error.message).toContain('Sai mã PIN');
    expect(error.message).not.toContain('000000');
    expect(error.tokenFlags?.userPinCountLow).toBe(true);
    expect(error.pkcs11Code).toBe('CKR_PIN_INCORRECT');

    // The next listing shows the count-low flag BEFORE anyone types a PIN again; a correct login clears it.
    const module = await Pkcs11Module.open(dev.module);
    try {
      const [before] = (await module.listTokens()).filter((token) => token.flags.present && token.flags.tokenInitialized);
      expect(before?.flags.userPinCountLow).toBe(true);
      const signer = await openPkcs11Signer({ modulePath: dev.module, token: { label: dev.token }, keyId: '01', pin: dev.pin });
      expect(signer.flagsBeforeLogin.userPinCountLow).toBe(true);
      await signer.close();
      const [after] = (await module.listTokens()).filter((token) => token.flags.present && token.flags.tokenInitialized);
      expect(after?.flags.userPinCountLow).toBe(false);
    } finally {
      await module.close();
    }
  });

  it('refuses SHA-1 and any digest we do not create', async () => {
    const signer = await openPkcs11Signer({ modulePath: dev.module, token: { label: dev.token }, keyId: '01', pin: dev.pin });
    try {
      // @ts-expect-error -- a caller outside TypeScript may still pass it
      await expect(signer.sign(signedAttributes, 'sha1')).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
    } finally {
      await signer.close();
    }
  });

  it('two signers on one token share the login; closing one keeps the other signing', async () => {
    const first = await openPkcs11Signer({ modulePath: dev.module, token: { label: dev.token }, keyId: '01', pin: dev.pin });
    const second = await openPkcs11Signer({ modulePath: dev.module, token: { label: dev.token }, keyId: '03', pin: dev.pin });
    const both = await Promise.all([first.sign(signedAttributes, 'sha256'), second.sign(signedAttributes, 'sha256')]);
    expect(both.map((signature) => signature.length > 0)).toEqual([true, true]);
    await first.close();
    const afterClose = Buffer.from(await second.sign(signedAttributes, 'sha256'));
    expect(cryptoVerify('sha256', signedAttributes, createPublicKey(dev.certificatePem('leaderEc')), afterClose)).toBe(true);
    await second.close();
  });
});

describe('tokens plugged in after the module was loaded', () => {
  it('rescan restarts the module when no signer is open, and then the new token is listed', async () => {
    const module = await Pkcs11Module.open(dev.module);
    try {
      const labels = async () => (await module.listTokens()).filter((token) => token.flags.tokenInitialized).map((token) => token.label).sort();
      expect(await labels()).toEqual(['EOFFICE-DEV']);
      runTool('softhsm2-util', ['--init-token', '--free', '--label', 'PLUGGED-LATER', '--so-pin', dev.soPin, '--pin', dev.pin]);
      // SoftHSM keeps its slot list from C_Initialize, like many vendor modules: not seen without a restart.
      expect(await labels()).toEqual(['EOFFICE-DEV']);

      const signer = await openPkcs11Signer({ modulePath: dev.module, token: { label: dev.token }, keyId: '01', pin: dev.pin });
      expect(await module.rescan()).toBe(false); // an open signer's session must survive
      expect((await signer.sign(signedAttributes, 'sha256')).length).toBe(256);
      await signer.close();

      expect(await module.rescan()).toBe(true);
      expect(await labels()).toEqual(['EOFFICE-DEV', 'PLUGGED-LATER']);
    } finally {
      await module.close();
    }
  });
});
