import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { BoundCertificateView } from '@eoffice/contract';
import { listTokensWithCertificates } from '@eoffice/signing/token';
import { CliError, type CommandContext } from '../command.js';
import { withServices } from '../store-options.js';
import { stringOption } from './option-values.js';

type Owner = 'person' | 'agency';

/**
 * `eoffice user cert add|list|remove` and `eoffice agency cert add|list|remove`: certificates bound to the acting user
 * or to the agency (Decree 30 Điều 5, 32–33). `add` reads the certificate from a token (no PIN: certificates are
 * public objects; --pin-env/--pin-stdin are accepted and not read) or from a file (PEM or DER).
 */
export async function runCertificates(owner: Owner, word: 'add' | 'list' | 'remove', context: CommandContext): Promise<number> {
  if (word === 'list') {
    const username = owner === 'person' ? context.positionals[0] : undefined;
    const { certificates } = await withServices(context, (client) =>
      client.services.certificates.list({ owner, ...(username ? { username } : {}) }),
    );
    context.io.stdout(context.json ? `${JSON.stringify({ certificates })}\n` : certificates.length === 0 ? 'Chưa có chứng thư số nào / no certificate bound\n' : certificates.map(toText).join(''));
    return 0;
  }
  if (word === 'remove') {
    const id = Number(context.positionals[0]);
    if (!Number.isInteger(id) || id <= 0) throw new CliError('E_USAGE', 'Cần số thứ tự chứng thư (xem cert list) / give the certificate id (see cert list)');
    const removed = await withServices(context, (client) => client.services.certificates.remove({ owner, id }));
    context.io.stdout(context.json ? `${JSON.stringify(removed)}\n` : `Đã gỡ / unbound: ${toText(removed)}`);
    return 0;
  }
  const certificate = await certificateText(context);
  const added = await withServices(context, (client) => client.services.certificates.add({ owner, certificate }));
  context.io.stdout(context.json ? `${JSON.stringify(added)}\n` : `Đã đăng ký / bound: ${toText(added)}`);
  return 0;
}

async function certificateText(context: CommandContext): Promise<string> {
  const file = stringOption(context.values, 'cert');
  const modulePath = stringOption(context.values, 'pkcs11');
  if ((file === undefined) === (modulePath === undefined)) {
    throw new CliError('E_USAGE', 'Cần đúng một trong --cert F hoặc --pkcs11 M / give exactly one of --cert F or --pkcs11 M');
  }
  if (file !== undefined) {
    const bytes = await readFile(file);
    const text = bytes.toString('latin1');
    return text.includes('-----BEGIN CERTIFICATE-----') ? text : bytes.toString('base64');
  }
  if (!existsSync(modulePath!)) throw new CliError('E_INVALID_INPUT', `Không thấy mô-đun PKCS#11 / PKCS#11 module not found: ${modulePath}`);
  const label = stringOption(context.values, 'token');
  const serial = stringOption(context.values, 'serial');
  if (label === undefined && serial === undefined) {
    throw new CliError('E_USAGE', 'Cần --token <nhãn> hoặc --serial <số sê-ri> / --token <label> or --serial <hex> is required');
  }
  const keyId = stringOption(context.values, 'key-id')?.toLowerCase();
  const tokens = (await listTokensWithCertificates(modulePath!)).filter(
    (t) => (label === undefined || t.token.label === label) && (serial === undefined || t.token.serial === serial),
  );
  if (tokens.length !== 1) {
    throw new CliError(tokens.length === 0 ? 'E_TOKEN_NOT_FOUND' : 'E_TOKEN_AMBIGUOUS', `Tìm thấy ${tokens.length} token khớp / ${tokens.length} tokens match`);
  }
  const candidates = tokens[0]!.certificates.filter((c) => !c.isCertificateAuthority && (keyId === undefined || c.keyId === keyId));
  if (candidates.length !== 1) {
    throw new CliError(
      candidates.length === 0 ? 'E_CERTIFICATE_NOT_FOUND' : 'E_KEY_AMBIGUOUS',
      `Tìm thấy ${candidates.length} chứng thư khớp; chọn bằng --key-id / ${candidates.length} certificates match; choose one with --key-id`,
    );
  }
  return Buffer.from(candidates[0]!.der).toString('base64');
}

function toText(c: BoundCertificateView): string {
  const owner = c.owner === 'agency' ? 'cơ quan / agency' : c.username ?? '';
  const state = c.validNow ? 'còn hiệu lực / valid' : 'hết hiệu lực / not valid now';
  return `#${c.id}  ${c.commonName ?? c.subject}  (${owner})  sê-ri / serial ${c.serialNumber}  ${c.notBefore.slice(0, 10)} → ${c.notAfter.slice(0, 10)}  ${state}\n    ${c.subject}\n`;
}
