import { randomBytes, verify, X509Certificate } from 'node:crypto';
import { describeTokenFlags, summariseCertificate } from '@eoffice/signing/token';
import type { CommandContext } from '../command.js';
import { openPkcs11KeySource } from '../key-sources/pkcs11-key-source.js';
import { asCliError } from './pdf-args.js';

/**
 * `eoffice token check`: logs in once and signs a random challenge with the chosen key, then verifies it against the
 * certificate: "is this token, PIN and key usable?" before a real document is signed.
 */
export async function runTokenCheck(context: CommandContext): Promise<number> {
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
}
