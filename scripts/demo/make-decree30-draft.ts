/**
 * Writes a one-page draft laid out like a Decree 30 decision, in Tinos with Vietnamese text: "Số:" with a blank
 * before the symbol (left) and, on the same row as Phụ lục I prints it, the place and date line with blanks (right),
 * and the signature block with the signer's position and name, so `doc sign` / `doc issue` can find where the
 * signature, the seal, số and the date go.
 *   tsx make-decree30-draft.ts <out.pdf> <subject> <position> <full name>
 */
import { writeFileSync } from 'node:fs';
import { makeDemoPdf } from '../../packages/docs-core/src/demo/demo-pdf.js';

const [out, subject, position, name] = process.argv.slice(2);
if (!out || !subject || !position || !name) {
  console.error('cách dùng / usage: tsx make-decree30-draft.ts <out.pdf> <trích yếu> <chức vụ> <họ tên>');
  process.exit(2);
}
const bytes = await makeDemoPdf({
  issuer: 'Ủy ban nhân dân tỉnh Demo',
  numberLine: 'Số:          /QĐ-UBND',
  typeName: 'Quyết định',
  subject,
  body: 'Điều 1. Nội dung quyết định (dữ liệu mẫu). Điều 2. Quyết định có hiệu lực kể từ ngày ký. Điều 3. Chánh Văn phòng và các cơ quan có liên quan chịu trách nhiệm thi hành Quyết định này.',
  dateLine: 'Tỉnh Demo, ngày      tháng      năm 2026',
  signatureBlock: { lines: ['TM. Ủy ban nhân dân', position], name },
});
writeFileSync(out, bytes);
