import { existsSync, statSync } from 'node:fs';
import { SigningError } from '@eoffice/signing/signing-error';
import {
  SHIPPED_TRUST_DIR,
  TrustAnchorError,
  holdsCertificates,
  isReportAcceptable,
  isSignatureAcceptable,
  loadTrustAnchors,
  verifyPdfSignatures,
  type PdfVerifyReport,
  type SignatureVerdict,
} from '@eoffice/signing/verify';
import { InvalidVietnamDateError, nowFromEnvironment, parseVietnamInstant } from '@eoffice/vietnamese';
import { CliError, type CommandContext } from '../command.js';

/**
 * `eoffice verify`: checks every signature and document timestamp of a PDF. Exit 0 only when each one is intact,
 * valid, covers its revision, has no disallowed change after it and (when trust anchors are in play) is trusted.
 */
export async function runVerify(context: CommandContext): Promise<number> {
  const file = context.positionals[0] as string;
  const at = parseTime(context.values.at, context.io.env);
  const trustPaths = trustPathsFrom(context.values.trust, context.io.env);
  let anchors;
  try {
    anchors = await loadTrustAnchors(trustPaths);
  } catch (error) {
    if (error instanceof TrustAnchorError) throw new CliError('E_INVALID_INPUT', error.message);
    throw error;
  }
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new CliError('E_FILE_UNREADABLE', `Không đọc được tệp / cannot read the file: ${file}`);
  }
  let report: PdfVerifyReport;
  try {
    const online = context.values.online === true ? await fetchOnline(file, anchors, context) : undefined;
    report = verifyPdfSignatures(file, { trustAnchors: anchors, validationTime: at, ...(online ? { onlineRevocation: online } : {}) });
  } catch (error) {
    if (error instanceof SigningError) {
      throw new CliError('E_PDF_UNREADABLE', `Không đọc được PDF / unreadable PDF: ${error.message}`);
    }
    throw error;
  }
  const trustRequested = anchors.length > 0;
  const ok = isReportAcceptable(report, trustRequested);
  if (context.json) {
    context.io.stdout(`${JSON.stringify({ file, signatures: report.signatures })}\n`);
  } else {
    context.io.stdout(renderText(file, report, trustRequested, at));
  }
  return ok ? 0 : 1;
}

/**
 * `--online`: the revocation of every certificate the file's signatures and timestamps carry, asked now of the
 * servers the certificates name (what the /DSS holds is used anyway). A server that cannot be reached leaves that
 * status unknown and says so on stderr; it never fails the command by itself.
 */
async function fetchOnline(file: string, anchors: Awaited<ReturnType<typeof loadTrustAnchors>>, context: CommandContext) {
  const { PdfReader, collectValidationData } = await import('@eoffice/signing');
  const reader = PdfReader.open(file);
  try {
    const data = await collectValidationData(reader, { extraCertificates: anchors });
    for (const failure of data.failures) context.io.stderr(`Cảnh báo / warning: không hỏi được tình trạng thu hồi / no revocation answer for ${failure}\n`);
    return { ocsps: data.ocsps, crls: data.crls };
  } finally {
    reader.close();
  }
}

/** `--at`, else now from the one clock; a zone-less time is Vietnam time (ARCHITECTURE.md, invariant 8). */
function parseTime(value: unknown, env: NodeJS.ProcessEnv): Date {
  try {
    return value === undefined ? nowFromEnvironment(env) : parseVietnamInstant(String(value), '--at');
  } catch (error) {
    if (error instanceof InvalidVietnamDateError) throw new CliError('E_USAGE', error.message);
    throw error;
  }
}

function trustPathsFrom(value: unknown, env: NodeJS.ProcessEnv): string[] {
  if (Array.isArray(value) && value.length > 0) return value.map(String);
  // The shipped folder (no certificates until installed: see its README) unless EOFFICE_TRUST_DIR names another.
  const folder = env.EOFFICE_TRUST_DIR ?? SHIPPED_TRUST_DIR;
  return holdsCertificates(folder) ? [folder] : [];
}

const yesNo = (value: boolean | null): string => (value === null ? 'không kiểm tra' : value ? 'có' : 'KHÔNG');

const COVERAGE_TEXT: Record<SignatureVerdict['coverage'], string> = {
  entireFile: 'toàn bộ tệp',
  entireRevision: 'trọn một phiên bản (có cập nhật sau đó)',
  partial: 'KHÔNG trọn phiên bản nào',
};

const MODIFICATION_TEXT: Record<SignatureVerdict['modification'], string> = {
  none: 'không có',
  allowed: 'có, được phép (ký tiếp, điền biểu mẫu, DSS, dấu thời gian)',
  disallowed: 'CÓ, KHÔNG được phép',
};

function renderText(file: string, report: PdfVerifyReport, trustRequested: boolean, at: Date): string {
  const lines = [`Tệp: ${file}`, `Thời điểm kiểm tra: ${at.toISOString()}`];
  if (report.signatures.length === 0) lines.push('Tệp không có chữ ký số nào.');
  report.signatures.forEach((signature, index) => {
    const ok = isSignatureAcceptable(signature, trustRequested);
    const kind = signature.kind === 'docTimestamp' ? 'Dấu thời gian tài liệu' : 'Chữ ký';
    lines.push(
      '',
      `${kind} #${index + 1} — trường "${signature.field}": ${ok ? 'HỢP LỆ' : 'KHÔNG HỢP LỆ'}`,
      `  Người ký:        ${signature.signer?.commonName ?? signature.signer?.subject ?? '(không xác định)'}`,
      `  Cấp bởi:         ${signature.signer?.issuer ?? '(không xác định)'}`,
      `  Thời điểm ký:    ${signature.signingTime ?? '(không có)'}`,
      `  Kiểu:            ${signature.subFilter ?? '(không rõ)'}${signature.docMdp ? `, chứng nhận DocMDP P${signature.docMdp}` : ''}`,
      `  Nguyên vẹn:      ${yesNo(signature.intact)}`,
      `  Chữ ký đúng:     ${yesNo(signature.valid)}`,
      `  Tin cậy:         ${yesNo(signature.trusted)}`,
      `  Phạm vi ký:      ${COVERAGE_TEXT[signature.coverage]}${signature.revision ? ` — phiên bản ${signature.revision}` : ''}`,
      `  Sửa sau khi ký:  ${MODIFICATION_TEXT[signature.modification]}`,
    );
    for (const problem of signature.problems) {
      lines.push(`  ${problem.severity === 'error' ? 'LỖI' : 'Cảnh báo'} [${problem.code}]: ${problem.message.split(' / ')[0]}`);
    }
  });
  lines.push('', isReportAcceptable(report, trustRequested) ? 'Kết luận: mọi chữ ký hợp lệ.' : 'Kết luận: tài liệu KHÔNG đạt kiểm tra chữ ký.', '');
  return lines.join('\n');
}
