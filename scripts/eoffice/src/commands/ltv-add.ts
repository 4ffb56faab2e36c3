import { existsSync, statSync } from 'node:fs';
import { addLtv } from '@eoffice/signing';
import { SHIPPED_TRUST_DIR, TrustAnchorError, holdsCertificates, loadTrustAnchors } from '@eoffice/signing/verify';
import { CliError, type CommandContext } from '../command.js';
import { asCliError, checkOutPath } from './pdf-args.js';

/**
 * `eoffice ltv add`: PAdES B-LT/B-LTA for an already signed PDF — the /DSS with every certificate, OCSP answer and
 * CRL its signatures and timestamps need, and a document timestamp over the whole file, in one incremental update.
 * Run again years later, it renews the archive timestamp. The trust anchors serve as the issuers the file may lack.
 */
export async function runLtvAdd(context: CommandContext): Promise<number> {
  const input = context.positionals[0] as string;
  const { values, io } = context;
  const out = values.out;
  const tsa = values.tsa ?? io.env.EOFFICE_TSA_URL;
  if (typeof out !== 'string') throw new CliError('E_USAGE', `Thiếu --out / missing --out (eoffice ${context.command.usage})`);
  if (typeof tsa !== 'string' || tsa === '') {
    throw new CliError('E_USAGE', 'Thiếu --tsa URL (hoặc EOFFICE_TSA_URL) / missing --tsa URL (or EOFFICE_TSA_URL)');
  }
  checkOutPath(out);
  if (!existsSync(input) || !statSync(input).isFile()) throw new CliError('E_FILE_UNREADABLE', `Không đọc được tệp / cannot read the file: ${input}`);
  const trustPaths = Array.isArray(values.trust) && values.trust.length > 0
    ? values.trust.map(String)
    : [io.env.EOFFICE_TRUST_DIR ?? SHIPPED_TRUST_DIR].filter(holdsCertificates);
  let anchors;
  try {
    anchors = await loadTrustAnchors(trustPaths);
  } catch (error) {
    if (error instanceof TrustAnchorError) throw new CliError('E_INVALID_INPUT', error.message);
    throw error;
  }
  try {
    const result = await addLtv({ input, output: out, tsa: { url: tsa }, extraCertificates: anchors });
    for (const failure of result.failures) io.stderr(`Cảnh báo / warning: không có dữ liệu thu hồi cho / no revocation data for ${failure}\n`);
    io.stdout(
      context.json
        ? `${JSON.stringify({ out: result.output, sha256: result.sha256, field: result.fieldName, added: result.added, timestampTime: result.timestampTime, renewal: result.renewal, failures: result.failures })}\n`
        : `Đã bổ sung dữ liệu kiểm tra dài hạn / validation data added: ${result.output} (${result.added.certificates} chứng thư, ` +
            `${result.added.ocsps} OCSP, ${result.added.crls} CRL; dấu thời gian tài liệu / document timestamp ${result.timestampTime}` +
            `${result.renewal ? ', gia hạn / renewal' : ''}; sha256 ${result.sha256})\n`,
    );
    return 0;
  } catch (error) {
    throw asCliError(error);
  }
}
