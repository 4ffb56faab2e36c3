import type { DocumentView } from '@eoffice/contract';
import type { CommandContext } from '../command.js';

/** Every state by its Vietnamese name: a state added to the contract without one fails the typecheck. */
const STATE_LABELS: Record<DocumentView['state'], string> = {
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
  needs_checking: 'cần xác minh',
  verified: 'đã kiểm tra',
  registered: 'đã vào sổ',
  presented: 'đã trình',
  assigned: 'đã phân công',
  in_progress: 'đang xử lý',
  completed: 'đã xử lý xong',
  filed: 'đã lập hồ sơ',
  rejected: 'đã từ chối',
};

/**
 * Every flag in Vietnamese (--json keeps the codes); the three urgency levels by the words of their stamps (Decree 30
 * §1.6), never one "urgent" for all. Keyed by the contract's flags: one added without words fails the typecheck.
 */
const FLAG_WORDS: Record<DocumentView['flags'][number], string> = {
  urgent: 'KHẨN',
  'very-urgent': 'THƯỢNG KHẨN',
  flash: 'HỎA TỐC',
  'urgent-late': 'khẩn trễ',
  secret: 'mật',
  'late-registration': 'vào sổ muộn',
  overdue: 'quá hạn',
  'handled-late': 'hoàn thành trễ hạn',
  duplicate: 'trùng văn bản đã nhận',
  'recall-requested': 'có đề nghị thu hồi',
  'signature-invalid': 'chữ ký số không hợp lệ',
  'signature-untrusted': 'chữ ký số chưa được tin cậy',
  unsigned: 'chưa ký số',
  'needs-checking': 'cần xác minh',
  'number-pending-seal': 'đã cấp số, chờ ký số cơ quan',
  paper: 'bản giấy',
  replaced: 'đã bị thay thế',
};
const LATE_STEPS: Record<string, string> = { register: 'vào sổ', present: 'trình', dispatch: 'phát hành' };

function flagText(doc: DocumentView, flag: DocumentView['flags'][number]): string {
  const late = doc.urgentLate;
  if (flag === 'urgent-late' && late) {
    const step = LATE_STEPS[late.step];
    const done = late.doneOn ? `${step} ngày ${late.doneOn}` : `chưa ${step}`;
    return `khẩn trễ ${late.daysLate} ngày: ${done}, phải ngày ${late.dueOn} / urgent, ${late.step} ${late.daysLate} day(s) late`;
  }
  return FLAG_WORDS[flag];
}

/** One line per document for people; the document as JSON with --json. */
export function documentLine(doc: DocumentView): string {
  const code = doc.number ? `${doc.number}/${doc.symbol ?? ''}` : '—';
  const arrival = doc.arrivalNumber !== null ? ` số đến ${doc.arrivalNumber}` : '';
  const flags = doc.flags.length ? ` [${doc.flags.map((flag) => flagText(doc, flag)).join(', ')}]` : '';
  return `${doc.id}  ${doc.direction === 'incoming' ? 'đến' : doc.direction === 'outgoing' ? 'đi' : 'nội bộ'}  ${STATE_LABELS[doc.state] ?? doc.state} (${doc.state})  ${code}${arrival}  ${doc.subject ?? ''}${flags}`;
}

type DocumentLink = NonNullable<DocumentView['replacedBy']>;

function linkText(link: DocumentLink): string {
  const code = link.number ? `số ${link.number}/${link.symbol ?? ''}` : 'chưa có số';
  return `${link.id} (${code}${link.issuedDate ? ` ngày ${link.issuedDate}` : ''})${link.subject ? ` ${link.subject}` : ''}`;
}

/** The replacement chain (rule 9), one line each way, under the document's line. */
function chainLines(doc: DocumentView): string {
  const lines = (doc.replaces ?? []).map((link) => `  thay thế văn bản / replaces: ${linkText(link)}\n`);
  if (doc.replacedBy) lines.push(`  đã bị thay thế bởi / replaced by: ${linkText(doc.replacedBy)}\n`);
  return lines.join('');
}

/** `2026-03-02T09:00:00+07:00` as people read it: 02/03/2026 09:00 (Vietnam time, as stored). */
function shortTime(iso: string): string {
  const [date, time] = iso.split('T');
  return `${date!.split('-').reverse().join('/')} ${time?.slice(0, 5) ?? ''}`.trim();
}

/** Who signs or signed (ký thay: "KT." and the leader signed for), and the supporting assignees' opinions. */
function signerAndOpinionLines(doc: DocumentView): string {
  const lines: string[] = [];
  if (doc.signedFor) {
    const leader = [doc.signedFor.position, doc.signedFor.fullName].filter(Boolean).join(' ');
    lines.push(`  ký thay / signed as deputy: KT. ${leader} — ${doc.metadata?.signerName ?? doc.signerUser?.fullName ?? ''}`);
  } else if (doc.state === 'approved' && doc.signerUser) {
    lines.push(`  chờ ký / awaiting the signature of: ${doc.signerUser.fullName} (${doc.signerUser.username})`);
  }
  for (const assignment of doc.assignments) {
    for (const opinion of assignment.opinions ?? []) {
      lines.push(`  ý kiến phối hợp / opinion — ${opinion.fullName} (${opinion.username}), ${shortTime(opinion.at)}: ${opinion.text}`);
    }
  }
  return lines.map((line) => `${line}\n`).join('');
}

export function printDocument(context: CommandContext, doc: DocumentView): void {
  context.io.stdout(context.json ? `${JSON.stringify(doc)}\n` : `${documentLine(doc)}\n${chainLines(doc)}${signerAndOpinionLines(doc)}`);
}
