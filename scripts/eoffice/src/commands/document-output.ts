import type { DocumentView } from '@eoffice/contract';
import type { CommandContext } from '../command.js';

const STATE_LABELS: Record<string, string> = {
  draft: 'dự thảo',
  submitted: 'đã trình',
  returned: 'bị trả lại',
  approved: 'đã duyệt',
  signed: 'đã ký',
  issuing: 'đang phát hành',
  issued: 'đã ban hành',
  dispatched: 'đã phát hành',
  archived: 'đã lưu trữ',
  recalled: 'đã thu hồi',
  received: 'đã tiếp nhận',
  verified: 'đã kiểm tra',
  registered: 'đã vào sổ',
  presented: 'đã trình',
  assigned: 'đã phân công',
  in_progress: 'đang xử lý',
  completed: 'đã xử lý xong',
  filed: 'đã lập hồ sơ',
  rejected: 'đã từ chối',
};

/** One line per document for people; the document as JSON with --json. */
export function documentLine(doc: DocumentView): string {
  const code = doc.number ? `${doc.number}/${doc.symbol ?? ''}` : '—';
  const arrival = doc.arrivalNumber !== null ? ` số đến ${doc.arrivalNumber}` : '';
  const flags = doc.flags.length ? ` [${doc.flags.join(', ')}]` : '';
  return `${doc.id}  ${doc.direction === 'incoming' ? 'đến' : doc.direction === 'outgoing' ? 'đi' : 'nội bộ'}  ${STATE_LABELS[doc.state] ?? doc.state} (${doc.state})  ${code}${arrival}  ${doc.subject ?? ''}${flags}`;
}

export function printDocument(context: CommandContext, doc: DocumentView): void {
  context.io.stdout(context.json ? `${JSON.stringify(doc)}\n` : `${documentLine(doc)}\n`);
}
