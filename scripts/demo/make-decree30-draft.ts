/**
 * Writes a one-page draft laid out like a Decree 30 decision, in Tinos with Vietnamese text: "Số:" with a blank
 * before the symbol (left) and, on the same row as Phụ lục I prints it, the place and date line with blanks (right),
 * and the signature block with the signer's position and name, so `doc sign` / `doc issue` can find where the
 * signature, the seal, số and the date go.
 * The "Nơi nhận:" block with "Lưu: VT" and the rest of Phụ lục I's parts are there, so the draft passes the format
 * check before approval; the issuing agency must be the store's own (`db init --name`), the subject the draft's.
 *   tsx make-decree30-draft.ts <out.pdf> <subject> <position> <full name> [<issuing agency>] [<authority line>] [<type>] [<agency abbr>]
 * A công văn (type "Công văn") has no type heading and its trích yếu starts "V/v". The "Số:" line carries the ký hiệu
 * the number will be given with (formatSymbol: type abbreviation and the agency's, `db init --abbr`; UBND by default).
 */
import { writeFileSync } from 'node:fs';
import { makeDemoPdf } from '../../packages/docs-core/src/demo/demo-pdf.js';
import { findDocumentType } from '../../packages/docs-core/src/model/document-types.js';
import { formatSymbol } from '../../packages/docs-core/src/numbering/number-format.js';

const [out, subject, position, name, issuer = 'Ủy ban nhân dân tỉnh Demo', authority = 'TM. Ủy ban nhân dân', typeName = 'Quyết định', abbreviation = 'UBND'] =
  process.argv.slice(2);
const congVan = typeName.normalize('NFC').toLowerCase() === 'công văn';
if (!out || !subject || !position || !name) {
  console.error('cách dùng / usage: tsx make-decree30-draft.ts <out.pdf> <trích yếu> <chức vụ> <họ tên> [<cơ quan ban hành>] [<thẩm quyền ký>] [<loại văn bản>] [<ký hiệu cơ quan>]');
  process.exit(2);
}
const bytes = await makeDemoPdf({
  issuer,
  // A công văn's ký hiệu ends with the drafting unit (VP), as the number is given in doc issue.
  numberLine: `Số:          /${formatSymbol(findDocumentType(typeName), abbreviation, congVan ? 'VP' : null)}`,
  typeName,
  subject,
  body: 'Điều 1. Nội dung quyết định (dữ liệu mẫu). Điều 2. Quyết định có hiệu lực kể từ ngày ký. Điều 3. Chánh Văn phòng và các cơ quan có liên quan chịu trách nhiệm thi hành Quyết định này.',
  dateLine: 'Tỉnh Demo, ngày      tháng      năm 2026',
  signatureBlock: { lines: [authority, position].filter(Boolean), name },
  recipients: ['- Như Điều 3;', '- Lưu: VT.'],
});
writeFileSync(out, bytes);
