import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { EOfficeError } from '@eoffice/contract';
import { outgoingEdoc, parseEdxmlFile, unpackAttachments, writeEdocFile, type DeliveredFile, type EdxmlMessage } from '@eoffice/exchange';
import { CliError, type CommandContext } from '../command.js';
import { withServices } from '../store-options.js';
import { stringOption } from './option-values.js';

/**
 * `eoffice edxml parse <file>`: reads an edXML message the way the sync engine does (hardened, attachments streamed
 * to a private temporary folder and opened: ZIP, nested edXML, PDF integrity) and prints what it holds. A defect is a
 * typed error naming it (exit 2).
 */
export async function runEdxmlParse(context: CommandContext): Promise<number> {
  const file = resolve(context.positionals[0] as string);
  const work = await mkdtemp(resolve(tmpdir(), 'eoffice-edxml-'));
  try {
    const message = await parseEdxmlFile(file, { workDir: work }).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EISDIR') {
        throw new CliError('E_FILE_UNREADABLE', `Không đọc được tệp / cannot read the file: ${file}`);
      }
      throw error;
    });
    const delivered = message.kind === 'edoc' ? await unpackAttachments(message, work) : [];
    if (context.json) context.io.stdout(`${JSON.stringify(forJson(message, delivered))}\n`);
    else context.io.stdout(render(message, delivered));
    return 0;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function forJson(message: EdxmlMessage, delivered: readonly DeliveredFile[]): unknown {
  if (message.kind === 'status') return message;
  return {
    ...message,
    attachments: message.attachments.map(({ path: _path, ...rest }) => rest),
    delivered: delivered.map(({ path: _path, ...rest }) => rest),
  };
}

function render(message: EdxmlMessage, delivered: readonly DeliveredFile[]): string {
  const lines: string[] = [];
  if (message.kind === 'status') {
    lines.push(`Trạng thái / status ${message.statusCode} từ / from ${message.from.organId}: ${message.description}`);
    lines.push(`Trả lời văn bản / for ${message.responseFor.documentId} (${message.timestamp})`);
  } else {
    const h = message.header;
    lines.push(`Văn bản / edoc ${h.documentId} (BussinessDocType ${message.business.businessDocType})`);
    lines.push(`Từ / from ${h.from.organId}${h.from.organName ? ` ${h.from.organName}` : ''}`);
    for (const to of h.to) lines.push(`Đến / to ${to.organId}${to.organName ? ` ${to.organName}` : ''}`);
    lines.push(`Số, ký hiệu / code ${h.codeNumber}/${h.codeNotation}  Ngày / date ${h.promulgationDate ?? '—'}`);
    lines.push(`Trích yếu / subject ${h.subject}`);
    for (const f of delivered) lines.push(`Tệp / file ${f.name}  ${f.mediaType}  ${f.size} B  sha256 ${f.sha256}  (${f.origin})`);
  }
  for (const w of message.warnings) lines.push(`Cảnh báo / warning: ${w}`);
  return `${lines.join('\n')}\n`;
}

/**
 * `eoffice edxml build --doc <id> --out <file>`: the edoc the sync engine would send for an issued outgoing document.
 * The caller must be able to see the document (a hidden one answers as missing); secret and paper documents are
 * refused.
 */
export async function runEdxmlBuild(context: CommandContext): Promise<number> {
  const id = stringOption(context.values, 'doc');
  const out = stringOption(context.values, 'out');
  if (!id || !out) throw new CliError('E_USAGE', `Thiếu --doc hoặc --out / --doc and --out are required: eoffice ${context.command.usage}`);
  const target = resolve(out);
  await withServices(context, async (client, services) => {
    const shown = await client.services.documents.show({ id });
    if (shown.direction !== 'outgoing') throw new EOfficeError('E_INVALID_STATE', 'Chỉ văn bản đi được gửi qua trục / only an outgoing document goes over the axis');
    const message = await outgoingEdoc(services.store, id);
    await writeEdocFile(message, target);
    context.io.stdout(context.json ? `${JSON.stringify({ out: target, documentId: message.header.documentId })}\n` : `${target}\n`);
  });
  return 0;
}
