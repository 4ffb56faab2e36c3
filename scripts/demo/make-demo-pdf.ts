/**
 * Writes a small, valid one-page PDF (classic xref table) for demos and tests: `tsx make-demo-pdf.ts <out.pdf>
 * <title> [<out.pdf> <title> …]`. No dependency, so the demo scripts run from a bare checkout. The title is folded to ASCII because the
 * standard Helvetica font has no Vietnamese glyphs; real documents come from the drafting tools.
 */
import { writeFileSync } from 'node:fs';

export function demoPdf(title: string): Buffer {
  const ascii = title.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').replace(/[^\x20-\x7e]/g, '?');
  const escaped = ascii.replace(/[\\()]/g, (c) => `\\${c}`);
  const content = `BT /F1 14 Tf 72 760 Td (${escaped}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
  ];
  let body = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xrefAt = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  // Pairs, so a script that needs several files starts tsx once (~1.5 s of CPU a start).
  const args = process.argv.slice(2);
  if (args.length === 0 || args.length % 2 !== 0) {
    process.stderr.write('Cách dùng / usage: tsx scripts/demo/make-demo-pdf.ts <out.pdf> <title> [<out.pdf> <title> …]\n');
    process.exit(2);
  }
  for (let i = 0; i < args.length; i += 2) writeFileSync(args[i]!, demoPdf(args[i + 1] || 'E-Office demo'));
}
