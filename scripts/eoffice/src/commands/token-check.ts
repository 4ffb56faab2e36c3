import { randomBytes, verify, X509Certificate } from 'node:crypto';
import { describeTokenFlags, summariseCertificate } from '@eoffice/signing';
import type { Command } from '../command.js';
import { openPkcs11KeySource, PKCS11_KEY_OPTIONS, PKCS11_KEY_USAGE } from '../key-sources/pkcs11-key-source.js';
import { asCliError } from './pdf-args.js';

/**
 * `eoffice token check`: logs in once and signs a random challenge with the chosen key, then verifies it against the
 * certificate: "is this token, PIN and key usable?" before a real document is signed.
 */
export const tokenCheckCommand: Command = {
  name: 'token check',
  summary: 'Thử ký bằng token (kiểm tra PIN và khoá) / test-sign with a token key (checks PIN and key)',
  usage: `token check ${PKCS11_KEY_USAGE} [--json]`,
  options: PKCS11_KEY_OPTIONS,
  async run(context) {
    const signer = await openPkcs11KeySource(context.values, context.io).catch((error: unknown) => {
      throw asCliError(error);
    });
    try {
      const challenge = randomBytes(32);
      const signature = await signer.sign(challenge, 'sha256');
      const publicKey = new X509Certificate(Buffer.from(signer.certificate)).publicKey;
      const valid = verify('sha256', challenge, publicKey, Buffer.from(signature));
      const certificate = summariseCertificate(signer.certificate);
      const report = {
        token: { label: signer.token.label, serial: signer.token.serial, flagsBeforeLogin: describeTokenFlags(signer.flagsBeforeLogin) },
        keyId: signer.keyId,
        keyAlgorithm: signer.keyAlgorithm,
        subject: certificate.subject,
        notAfter: certificate.notAfter.toISOString(),
        signatureValid: valid,
      };
      if (context.json) context.io.stdout(`${JSON.stringify(report)}\n`);
      else {
        context.io.stdout(
          `${valid ? 'Ký thử thành công / test signature OK' : 'Chữ ký thử KHÔNG hợp lệ / test signature INVALID'}: ` +
            `token "${report.token.label}" (${report.token.serial}), id ${report.keyId}, ${report.subject}\n`,
        );
      }
      return valid ? 0 : 1;
    } catch (error) {
      throw asCliError(error);
    } finally {
      await signer.close();
    }
  },
};
