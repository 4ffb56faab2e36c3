import { Pkcs12Signer, type Signer } from '@eoffice/signing';
import { CliError, SIGNER_USAGE, type CliIo, type OptionValues } from '../command.js';
import { openPkcs11KeySource } from '../key-sources/pkcs11-key-source.js';

/** A key holder ready to sign, and how to let go of it (log out of a token, forget a key). */
export interface ResolvedSigner {
  readonly signer: Signer;
  close(): Promise<void>;
}

/**
 * The PIN or password, from an environment variable or the first line of stdin: never from the command line (it
 * would show in `ps` and shell history), never written anywhere, never retried.
 */
export async function readPin(values: OptionValues, io: CliIo): Promise<string> {
  const envName = values['pin-env'];
  const fromStdin = values['pin-stdin'] === true;
  if ((typeof envName === 'string') === fromStdin) {
    throw new CliError('E_USAGE', 'Cần đúng một trong --pin-env NAME hoặc --pin-stdin / give exactly one of --pin-env NAME or --pin-stdin');
  }
  if (typeof envName === 'string') {
    const pin = io.env[envName];
    if (pin === undefined || pin === '') {
      throw new CliError('E_USAGE', `Biến môi trường ${envName} chưa có mã PIN / environment variable ${envName} is empty`);
    }
    return pin;
  }
  const line = (await io.readStdin()).split(/\r?\n/)[0] ?? '';
  if (line === '') throw new CliError('E_USAGE', 'Không đọc được mã PIN từ stdin / no PIN on stdin');
  return line;
}

/** Opens the key source the flags name. */
export async function resolveSigner(values: OptionValues, io: CliIo): Promise<ResolvedSigner> {
  const p12 = values.p12;
  if (typeof p12 === 'string' && typeof values.pkcs11 === 'string') {
    throw new CliError('E_USAGE', 'Chỉ chọn một trong --p12, --pkcs11 / choose one of --p12, --pkcs11');
  }
  if (typeof values.pkcs11 === 'string') {
    // The token session stays logged in until close(): one C_Login, and the PIN is not kept.
    const signer = await openPkcs11KeySource(values, io);
    return { signer, close: () => signer.close() };
  }
  if (typeof p12 === 'string') {
    const signer = Pkcs12Signer.fromFile(p12, await readPin(values, io));
    return { signer, close: async () => undefined };
  }
  throw new CliError('E_USAGE', `Cần chọn khoá ký: ${SIGNER_USAGE} / choose a key: ${SIGNER_USAGE}`);
}
