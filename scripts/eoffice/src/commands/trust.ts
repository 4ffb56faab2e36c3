import { readFile } from 'node:fs/promises';
import type { TrustAnchorView } from '@eoffice/contract';
import { CliError, type CommandContext } from '../command.js';
import { withServices } from '../store-options.js';
import { stringOption } from './option-values.js';

/**
 * `eoffice trust add|list|remove|require`: the agency's trust anchors (the roots senders' chains are validated
 * against) and its "require trusted" policy. Admin only, audited by the service.
 */
export async function runTrust(word: 'add' | 'list' | 'remove' | 'require', context: CommandContext): Promise<number> {
  const out = (value: unknown, text: string) => context.io.stdout(context.json ? `${JSON.stringify(value)}\n` : text);
  if (word === 'list') {
    const listed = await withServices(context, (client) => client.services.trust.list({}));
    const policy = `Bắt buộc tin cậy / require trusted: ${listed.policy.requireTrusted ? 'có / on' : 'không / off'}\n`;
    out(listed, policy + (listed.anchors.length === 0 ? 'Chưa có chứng thư gốc nào / no trust anchor\n' : listed.anchors.map(toText).join('')));
    return 0;
  }
  if (word === 'remove') {
    const id = Number(context.positionals[0]);
    if (!Number.isInteger(id) || id <= 0) throw new CliError('E_USAGE', 'Cần số thứ tự chứng thư gốc (xem trust list) / give the anchor id (see trust list)');
    const removed = await withServices(context, (client) => client.services.trust.remove({ id }));
    out(removed, `Đã gỡ / removed: ${toText(removed)}`);
    return 0;
  }
  if (word === 'require') {
    const value = context.positionals[0];
    if (value !== 'on' && value !== 'off') throw new CliError('E_USAGE', 'Cần on hoặc off / give on or off');
    const policy = await withServices(context, (client) => client.services.trust.setPolicy({ requireTrusted: value === 'on' }));
    out(policy, `Bắt buộc tin cậy / require trusted: ${policy.requireTrusted ? 'có / on' : 'không / off'}\n`);
    return 0;
  }
  const file = stringOption(context.values, 'cert');
  if (file === undefined) throw new CliError('E_USAGE', 'Cần --cert F / --cert F is required');
  const bytes = await readFile(file);
  const text = bytes.toString('latin1');
  const certificate = text.includes('-----BEGIN CERTIFICATE-----') ? text : bytes.toString('base64');
  const added = await withServices(context, (client) => client.services.trust.add({ certificate }));
  out(added, `Đã thêm / added: ${toText(added)}`);
  return 0;
}

function toText(a: TrustAnchorView): string {
  return `#${a.id}  ${a.commonName ?? a.subject}  sê-ri / serial ${a.serialNumber}  ${a.notBefore.slice(0, 10)} → ${a.notAfter.slice(0, 10)}\n    SHA-256 ${a.fingerprintSha256}\n`;
}
