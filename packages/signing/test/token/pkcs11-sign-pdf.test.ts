import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPdf } from '../../src/sign/sign-pdf.js';
import { openPkcs11Signer } from '../../src/token/pkcs11-signer.js';
import { TokenError } from '../../src/token/token-error.js';
import { makeDevToken, type DevToken } from '../helpers/dev-token.js';
import { fakeTokenState, interposeFake } from '../helpers/fake-token.js';
import { pdfsig } from '../helpers/pdfsig.js';
import { makeSamplePdf } from '../helpers/sample-pdfs.js';

let dev: DevToken;
let input: string;

beforeAll(async () => {
  dev = makeDevToken();
  input = path.join(dev.dir, 'draft.pdf');
  writeFileSync(input, await makeSamplePdf({ pages: 2 }));
});
afterAll(() => dev?.remove());

describe('signing a PDF with keys on the SoftHSM2 token', () => {
  it.each([
    ['01', 'RSA leader', 'Nguyễn Văn An'],
    ['02', 'RSA agency', 'UBND tỉnh Demo'],
    ['03', 'EC leader', 'Nguyễn Văn An'],
  ] as const)('key %s (%s): pdfsig says the signature is valid and covers the whole document', async (keyId, _name, commonName) => {
    const output = path.join(dev.dir, `signed-${keyId}.pdf`);
    const signer = await openPkcs11Signer({ modulePath: dev.module, token: { label: dev.token }, keyId, pin: dev.pin });
    try {
      await signPdf({ input, output, signer, reason: 'Ký ban hành' });
    } finally {
      await signer.close();
    }
    const report = pdfsig(output);
    expect(report.signatures, report.raw).toHaveLength(1);
    expect(report.signatures[0]?.validation, report.raw).toBe('Signature is Valid.');
    expect(report.signatures[0]?.totalDocumentSigned, report.raw).toBe(true);
    expect(report.signatures[0]?.signerName).toBe(commonName);
  });

  it('a token pulled out while signing: TOKEN_REMOVED, and neither the output nor a temp file is left', async () => {
    const state = fakeTokenState();
    const signer = await openPkcs11Signer({
      modulePath: dev.module,
      token: { label: dev.token },
      keyId: '01',
      pin: dev.pin,
      interpose: interposeFake(state),
    });
    state.removeAfterSignatures = 0;
    const output = path.join(dev.dir, 'never-written.pdf');
    const before = readdirSync(dev.dir).sort();
    let caught: unknown;
    try {
      await signPdf({ input, output, signer });
    } catch (error) {
      caught = error;
    } finally {
      await signer.close();
    }
    expect(caught).toBeInstanceOf(TokenError);
    expect((caught as TokenError).code).toBe('TOKEN_REMOVED');
    expect(existsSync(output)).toBe(false);
    expect(readdirSync(dev.dir).sort()).toEqual(before);
  });
});
