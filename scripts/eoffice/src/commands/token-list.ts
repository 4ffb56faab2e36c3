import { existsSync } from 'node:fs';
import { describeTokenFlags, listTokensWithCertificates, canSignDocuments, type TokenListing } from '@eoffice/signing/token';
import { CliError, type CommandContext } from '../command.js';

/** `eoffice token list`: what a PKCS#11 module shows BEFORE any PIN: tokens, their PIN-state flags, certificates. */
export async function runTokenList(context: CommandContext): Promise<number> {
  const modulePath = context.values.pkcs11;
  if (typeof modulePath !== 'string' || modulePath === '') {
    throw new CliError('E_USAGE', 'Thiếu --pkcs11 <mô-đun> / --pkcs11 <module> is required');
  }
  if (!existsSync(modulePath)) {
    throw new CliError('E_INVALID_INPUT', `Không thấy mô-đun PKCS#11 / PKCS#11 module not found: ${modulePath}`);
  }
  const listings = await listTokensWithCertificates(modulePath);
  if (context.json) {
    context.io.stdout(`${JSON.stringify({ module: modulePath, tokens: listings.map(toJson) })}\n`);
    return 0;
  }
  context.io.stdout(listings.length === 0 ? 'Không có token nào / no token present\n' : listings.map(toText).join('\n'));
  return 0;
}

function toJson(listing: TokenListing) {
  const { token } = listing;
  return {
    label: token.label,
    serial: token.serial,
    manufacturer: token.manufacturer,
    model: token.model,
    flags: { ...token.flags, names: describeTokenFlags(token.flags) },
    certificates: listing.certificates.map((certificate) => ({
      keyId: certificate.keyId,
      label: certificate.label,
      subject: certificate.subject,
      subjectCommonName: certificate.subjectCommonName,
      issuer: certificate.issuer,
      serialNumber: certificate.serialNumber,
      notBefore: certificate.notBefore.toISOString(),
      notAfter: certificate.notAfter.toISOString(),
      keyUsage: certificate.keyUsage,
      keyAlgorithm: certificate.keyAlgorithm,
      canSign: canSignDocuments(certificate),
    })),
    ...(listing.readError ? { readError: listing.readError } : {}),
  };
}

function toText(listing: TokenListing): string {
  const { token } = listing;
  const day = (date: Date) => date.toISOString().slice(0, 10);
  const lines = [
    `Token "${token.label}"  sê-ri / serial ${token.serial}  (${token.manufacturer}, ${token.model})`,
    `  Trạng thái / flags: ${describeTokenFlags(token.flags).join(', ') || '-'}`,
  ];
  if (token.flags.userPinLocked) lines.push('  ⚠ Mã PIN đã bị khoá / user PIN locked');
  else if (token.flags.userPinFinalTry) lines.push('  ⚠ Chỉ còn một lần thử PIN / one PIN attempt left');
  else if (token.flags.userPinCountLow) lines.push('  ⚠ Đã có lần nhập sai PIN / a wrong PIN was entered');
  if (listing.readError) lines.push(`  Không đọc được đối tượng / cannot read objects: ${listing.readError}`);
  for (const certificate of listing.certificates) {
    lines.push(
      `  id ${certificate.keyId || '-'}  ${certificate.subject}`,
      `      cấp bởi / issuer: ${certificate.issuer}`,
      `      hiệu lực / valid: ${day(certificate.notBefore)} → ${day(certificate.notAfter)}; ` +
        `mục đích / key usage: ${certificate.keyUsage.join(', ') || '-'}${canSignDocuments(certificate) ? '' : ' (không dùng để ký / not for signing)'}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
