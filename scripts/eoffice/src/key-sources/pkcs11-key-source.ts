import { existsSync } from 'node:fs';
import { openPkcs11Signer, type Pkcs11Signer } from '@eoffice/signing/token';
import { CliError, type CliIo, type OptionValues } from '../command.js';

// The PKCS#11 key source shared by commands that sign; its flags are PKCS11_KEY_OPTIONS in command.ts.

export function wantsPkcs11Key(values: OptionValues): boolean {
  return typeof values.pkcs11 === 'string';
}

/** Opens the signer the options name. The caller must close it (in a finally) to log out of the token. */
export async function openPkcs11KeySource(values: OptionValues, io: CliIo): Promise<Pkcs11Signer> {
  const modulePath = stringOption(values, 'pkcs11');
  if (!modulePath) throw new CliError('E_USAGE', 'Thiếu --pkcs11 <mô-đun> / --pkcs11 <module> is required');
  if (!existsSync(modulePath)) {
    throw new CliError('E_INVALID_INPUT', `Không thấy mô-đun PKCS#11 / PKCS#11 module not found: ${modulePath}`);
  }
  const label = stringOption(values, 'token');
  const serial = stringOption(values, 'serial');
  if (label === undefined && serial === undefined) {
    throw new CliError('E_USAGE', 'Cần --token <nhãn> hoặc --serial <số sê-ri> / --token <label> or --serial <hex> is required');
  }
  const keyId = stringOption(values, 'key-id');
  if (keyId !== undefined && !/^([0-9a-fA-F]{2})+$/.test(keyId)) {
    throw new CliError('E_USAGE', `--key-id phải là số hex / --key-id must be hex bytes: ${keyId}`);
  }
  return openPkcs11Signer({
    modulePath,
    token: { ...(label === undefined ? {} : { label }), ...(serial === undefined ? {} : { serial }) },
    ...(keyId === undefined ? {} : { keyId }),
    pin: await readPin(values, io),
    confirmFinalTry: values['confirm-final-try'] === true,
  });
}

async function readPin(values: OptionValues, io: CliIo): Promise<string | undefined> {
  const fromEnv = stringOption(values, 'pin-env');
  const fromStdin = values['pin-stdin'] === true;
  if (fromEnv !== undefined && fromStdin) {
    throw new CliError('E_USAGE', 'Chỉ dùng một trong --pin-env, --pin-stdin / use only one of --pin-env, --pin-stdin');
  }
  if (fromEnv !== undefined) {
    const pin = io.env[fromEnv];
    if (pin === undefined || pin === '') {
      throw new CliError('E_USAGE', `Biến môi trường ${fromEnv} không có PIN / environment variable ${fromEnv} holds no PIN`);
    }
    return pin;
  }
  if (fromStdin) {
    const pin = (await io.readStdin()).split(/\r?\n/)[0] ?? '';
    if (pin === '') throw new CliError('E_USAGE', 'Không đọc được PIN từ stdin / no PIN on stdin');
    return pin;
  }
  return undefined; // PIN-pad readers; other tokens answer PIN_REQUIRED
}

function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
