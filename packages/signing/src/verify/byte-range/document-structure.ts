import { PdfStream } from '../../pdf/pdf-objects.js';
import type { PdfReader } from '../../pdf/pdf-reader.js';
import { parsedCertificateOf } from '../../certificates/certificate-cache.js';
import type { ParsedCertificate } from '../../certificates/parsed-certificate.js';
import { error, warning, type VerifyProblem } from '../report/verify-problem.js';

/** Check 7: problems of the file as a whole (damaged xref, bytes after the last %%EOF, hybrid references). */
export function documentStructureProblems(reader: PdfReader): VerifyProblem[] {
  const problems: VerifyProblem[] = [];
  if (reader.isEncrypted) {
    // Objects other than /Contents are encrypted: the revision analysis would compare ciphertext. Not supported yet.
    problems.push(
      error(
        'ENCRYPTED_UNSUPPORTED',
        'Tệp PDF đã mã hoá: chưa kiểm tra được các thay đổi sau khi ký',
        'encrypted PDF: changes after signing cannot be analysed yet',
      ),
    );
  }
  if (reader.repair) {
    problems.push(
      error(
        'REVISION_STRUCTURE',
        `Bảng tham chiếu chéo hỏng, phải dựng lại (${reader.repair.reason})`,
        `the cross-reference data is damaged and had to be rebuilt (${reader.repair.reason})`,
      ),
    );
  }
  if (reader.trailingGarbage > 0) {
    problems.push(
      error(
        'REVISION_STRUCTURE',
        'Có dữ liệu nối thêm sau %%EOF cuối cùng mà không có bảng xref',
        'data was appended after the last %%EOF without a cross-reference section',
      ),
    );
  }
  if (reader.revisions.some((r) => r.xrefKind === 'hybrid')) {
    problems.push(
      warning(
        'HYBRID_XREF',
        'Tệp dùng bảng tham chiếu lai (bảng + luồng); trình đọc khác có thể thấy nội dung khác',
        'hybrid-reference file: other readers may see different objects',
      ),
    );
  }
  return problems;
}

/** Certificates of the /DSS: more candidates for chain building. */
export function readDssCertificates(reader: PdfReader): ParsedCertificate[] {
  const certificates: ParsedCertificate[] = [];
  try {
    const dss = reader.resolveDict(reader.catalog.get('DSS'));
    const list = reader.resolve(dss?.get('Certs'));
    if (!Array.isArray(list)) return certificates;
    for (const item of list) {
      const stream = reader.resolve(item);
      if (!(stream instanceof PdfStream)) continue;
      try {
        certificates.push(parsedCertificateOf(reader.decode(stream)));
      } catch {
        // an unreadable DSS certificate only means one fewer chain candidate
      }
    }
  } catch {
    // no usable DSS
  }
  return certificates;
}

