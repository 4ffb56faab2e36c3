import { resolve } from 'node:path';
import { EOfficeError } from '@eoffice/contract';
import type { PostgresConnection } from './postgres-dialect.js';

/**
 * Which database a store URL names: `sqlite:FILE` (a path, relative to the working folder; `sqlite:///abs` works
 * too) or `postgres://USER@HOST[:PORT]/DATABASE[?sslmode=require|disable]` (`postgresql://` alike). The password is
 * never part of the URL — a URL lands in shell history, `ps` and logs — it comes from the environment or an
 * owner-only file (packages/host, store-database.ts).
 */
export type StoreUrl =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly connection: Omit<PostgresConnection, 'password'> };

export function parseStoreUrl(text: string): StoreUrl {
  if (text.startsWith('sqlite:')) {
    const rest = text.slice('sqlite:'.length);
    const file = rest.startsWith('//') ? rest.slice(2) : rest;
    if (file === '') throw badUrl('thiếu đường dẫn tệp / the file is missing');
    return { kind: 'sqlite', file: resolve(file) };
  }
  if (!/^postgres(ql)?:\/\//.test(text)) {
    throw badUrl('chỉ nhận sqlite:TỆP hoặc postgres://NGƯỜI_DÙNG@MÁY/CSDL / expected sqlite:FILE or postgres://USER@HOST/DATABASE');
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw badUrl('không đọc được / cannot be read');
  }
  // Said without echoing the URL back: it holds the password.
  if (url.password !== '') {
    throw badUrl(
      'không được chứa mật khẩu; đặt EOFFICE_DB_PASSWORD hoặc EOFFICE_DB_PASSWORD_FILE / ' +
        'must not contain the password: set EOFFICE_DB_PASSWORD or EOFFICE_DB_PASSWORD_FILE',
    );
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  const user = decodeURIComponent(url.username);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '' || database === '' || database.includes('/') || user === '') {
    throw badUrl('cần người dùng, máy chủ và tên CSDL / needs a user, a host and a database: postgres://USER@HOST/DATABASE');
  }
  const port = url.port === '' ? 5432 : Number(url.port);
  const sslmode = url.searchParams.get('sslmode') ?? 'disable';
  if (sslmode !== 'disable' && sslmode !== 'require') throw badUrl(`sslmode=${sslmode}: chỉ nhận / only disable, require`);
  for (const key of url.searchParams.keys()) {
    if (key !== 'sslmode') throw badUrl(`tham số không hỗ trợ / unsupported parameter: ${key}`);
  }
  return { kind: 'postgres', connection: { host, port, database, user, ssl: sslmode } };
}

function badUrl(detail: string): EOfficeError {
  return new EOfficeError('E_INVALID_INPUT', `Địa chỉ cơ sở dữ liệu (--db / EOFFICE_DB_URL) không hợp lệ: ${detail}`);
}
