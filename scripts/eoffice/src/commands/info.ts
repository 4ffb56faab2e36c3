import { type CommandContext } from '../command.js';
import { withServices } from '../store-options.js';

export async function runInfo(context: CommandContext): Promise<number> {
  const info = await withServices(context, (client) => client.services.system.info({}));
  // The engine is the machine's, not the database's: a missing Tesseract is a line here, never a failure.
  const ocr = await (await import('./ocr.js')).ocrInfoLine();
  if (context.json) {
    context.io.stdout(`${JSON.stringify({ ...info, ocr })}\n`);
    return 0;
  }
  const counts = info.documentCounts;
  context.io.stdout(
    [
      `Phiên bản / version:          ${info.version}`,
      `Thư mục dữ liệu / data dir:   ${info.dataDir ?? '-'}`,
      `Cơ sở dữ liệu / database:     ${info.databasePath ?? '-'}`,
      `Phiên bản lược đồ / schema:   ${info.schemaVersion}`,
      counts
        ? `Văn bản / documents:          ${counts.total} (đến ${counts.incoming}, đi ${counts.outgoing}, nội bộ ${counts.internal})`
        : 'Văn bản / documents:          (thêm --as <tên đăng nhập> để đếm / add --as <username> to count)',
      `Nhận dạng chữ / OCR:          ${ocr.available ? ocr.detail : `không dùng được / unavailable: ${ocr.detail}`}`,
      '',
    ].join('\n'),
  );
  return 0;
}
