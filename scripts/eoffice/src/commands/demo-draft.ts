import { findDocumentType, formatSymbol, makeDemoPdf } from '@eoffice/docs-core';
import { CliError, type CommandContext } from '../command.js';
import { stringOption } from './option-values.js';
import { writeOwnerOnly } from './owner-only-file.js';
import { checkOutPath } from './pdf-args.js';

/**
 * `eoffice demo draft`: a one-page draft laid out like a Decree 30 decision (Phụ lục I), in Tinos with Vietnamese
 * text: "Số:" with a blank before the ký hiệu (left) and the place-and-date line with blanks on the same row (right),
 * the signature block with the signer's position and name, and "Nơi nhận:" with "Lưu: VT" — so `doc sign` / `doc
 * issue` find where the signature, the seal, số and the date go, and the draft passes the format check before
 * approval when its issuer is the store's own agency (`db init --name`). The "Số:" line carries the ký hiệu the number
 * will be given with (formatSymbol: the type's abbreviation and the agency's, UBND by default; a công văn ends with the
 * drafting unit VP, has no type heading, and its trích yếu starts "V/v"). An empty `--authority` leaves the authority
 * line out (a head who signs in their own right).
 */
export async function runDemoDraft(context: CommandContext): Promise<number> {
  const out = context.positionals[0] as string;
  const required = (name: string): string => {
    const value = stringOption(context.values, name);
    if (value === undefined || value.trim() === '') throw new CliError('E_USAGE', `Thiếu --${name} / missing --${name} (eoffice ${context.command.usage})`);
    return value;
  };
  const subject = required('subject');
  const position = required('position');
  const name = required('name');
  const issuer = stringOption(context.values, 'issuer') ?? 'Ủy ban nhân dân tỉnh Demo';
  const authority = stringOption(context.values, 'authority') ?? 'TM. Ủy ban nhân dân';
  const typeName = stringOption(context.values, 'type') ?? 'Quyết định';
  const abbreviation = stringOption(context.values, 'abbr') ?? 'UBND';
  checkOutPath(out);
  // The drafting unit counts only for a type without an abbreviation (công văn, thư công), as the number is given in doc issue.
  const numberLine = `Số:          /${formatSymbol(findDocumentType(typeName), abbreviation, 'VP')}`;
  const bytes = await makeDemoPdf({
    issuer,
    numberLine,
    typeName,
    subject,
    body: 'Điều 1. Nội dung quyết định (dữ liệu mẫu). Điều 2. Quyết định có hiệu lực kể từ ngày ký. Điều 3. Chánh Văn phòng và các cơ quan có liên quan chịu trách nhiệm thi hành Quyết định này.',
    dateLine: 'Tỉnh Demo, ngày      tháng      năm 2026',
    signatureBlock: { lines: [authority, position].filter(Boolean), name },
    recipients: ['- Như Điều 3;', '- Lưu: VT.'],
  });
  await writeOwnerOnly(out, bytes);
  context.io.stdout(context.json ? `${JSON.stringify({ out, numberLine, bytes: bytes.length })}\n` : `Đã tạo dự thảo mẫu / demo draft written: ${out} (${numberLine})\n`);
  return 0;
}
