import { readFileSync, statSync } from 'node:fs';
import { EOfficeError } from '@eoffice/contract';

/**
 * The axis secret from configuration, never from a command line: an environment variable named by the caller, or a
 * file readable by its owner only (0600 or stricter, owned by this user). It is never logged.
 */
export function axisSecretFrom(source: { readonly env: NodeJS.ProcessEnv; readonly envName?: string; readonly file?: string }): string {
  if (source.file !== undefined) {
    const info = statSync(source.file, { throwIfNoEntry: false });
    if (!info?.isFile()) throw missing(`không có tệp khoá / no secret file at ${source.file}`);
    if ((info.mode & 0o077) !== 0 || (process.getuid !== undefined && info.uid !== process.getuid())) {
      throw missing(`tệp khoá phải chỉ chủ sở hữu đọc được (0600) / the secret file must be readable by its owner only (0600): ${source.file}`);
    }
    const secret = readFileSync(source.file, 'utf8').trim();
    if (secret === '') throw missing(`tệp khoá rỗng / the secret file is empty: ${source.file}`);
    return secret;
  }
  const name = source.envName ?? 'EOFFICE_AXIS_SECRET';
  const secret = source.env[name];
  if (secret === undefined || secret === '') throw missing(`biến môi trường ${name} chưa đặt / environment variable ${name} is not set`);
  return secret;
}

function missing(detail: string): EOfficeError {
  return new EOfficeError('E_AXIS_SECRET_MISSING', `Thiếu khoá bí mật của trục: ${detail}`);
}
