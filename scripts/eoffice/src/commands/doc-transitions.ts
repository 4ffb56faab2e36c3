import type { DocumentView, EOfficeClient } from '@eoffice/contract';
import { ACTOR_OPTIONS, STORE_OPTIONS, type Command, type OptionSpecs, type OptionValues } from '../command.js';
import { withServices } from '../store-options.js';
import { printDocument } from './document-output.js';
import { defined, requiredString, stringOption } from './option-values.js';

type Documents = EOfficeClient['services']['documents'];

interface TransitionSpec {
  readonly word: string;
  readonly summary: string;
  readonly options?: OptionSpecs;
  readonly extraUsage?: string;
  call(documents: Documents, id: string, values: OptionValues): Promise<DocumentView>;
}

const base = (values: OptionValues) => defined({ note: stringOption(values, 'note'), reason: stringOption(values, 'reason') });

/** One lifecycle step each; the service decides whether the actor and the state allow it. */
const TRANSITIONS: readonly TransitionSpec[] = [
  { word: 'submit', summary: 'Trình dự thảo / submit a draft', call: (d, id, v) => d.submit({ id, ...base(v) }) },
  {
    word: 'revise',
    summary: 'Sửa dự thảo: nạp phiên bản mới của tệp / a new version of the draft file',
    options: { file: { type: 'string' } },
    extraUsage: ' --file F.pdf',
    call: (d, id, v) => d.revise({ id, file: { path: stringOption(v, 'file') ?? '' }, ...defined({ note: stringOption(v, 'note') }) }),
  },
  { word: 'approve', summary: 'Duyệt dự thảo (lãnh đạo) / approve a draft', call: (d, id, v) => d.approve({ id, ...base(v) }) },
  { word: 'return', summary: 'Trả lại dự thảo kèm lý do / return a draft', call: (d, id, v) => d.returnDraft({ id, ...base(v) }) },
  { word: 'verify', summary: 'Kiểm tra chữ ký số văn bản đến / verify an incoming document', call: (d, id, v) => d.verify({ id, ...base(v) }) },
  { word: 'register', summary: 'Vào sổ văn bản đến (cấp số đến) / register', call: (d, id, v) => d.register({ id, ...base(v) }) },
  { word: 'present', summary: 'Trình lãnh đạo / present to the leader', call: (d, id, v) => d.present({ id, ...base(v) }) },
  { word: 'start', summary: 'Bắt đầu xử lý (người chủ trì) / start handling', call: (d, id, v) => d.start({ id, ...base(v) }) },
  {
    word: 'complete',
    summary: 'Hoàn thành xử lý / complete handling',
    options: { reply: { type: 'string' } },
    extraUsage: ' [--reply <outgoing id>]',
    call: (d, id, v) => d.complete({ id, ...base(v), ...defined({ replyDocumentId: stringOption(v, 'reply') }) }),
  },
  { word: 'file', summary: 'Lập hồ sơ / file into a record', call: (d, id, v) => d.file({ id, ...base(v) }) },
  { word: 'reject', summary: 'Từ chối văn bản đến kèm lý do / reject with a reason', call: (d, id, v) => d.reject({ id, ...base(v) }) },
  {
    word: 'sign-paper',
    summary: 'Ghi nhận lãnh đạo ký tay trên bản giấy, nạp bản quét / record a hand signature (the scan)',
    options: { file: { type: 'string' } },
    extraUsage: ' --file scan.pdf',
    call: (d, id, v) => d.signOnPaper({ id, file: { path: requiredString(v, 'file') }, ...defined({ note: stringOption(v, 'note') }) }),
  },
  { word: 'bind-number', summary: 'Cấp số trước khi ký số cơ quan hoặc đóng dấu / bind the next number', call: (d, id, v) => d.bindNumber({ id, ...base(v) }) },
  {
    word: 'issue-paper',
    summary: 'Cấp số và đóng dấu bản giấy, nạp bản quét nếu có / number and seal on paper',
    options: { file: { type: 'string' } },
    extraUsage: ' [--file scan.pdf]',
    call: (d, id, v) => {
      const file = stringOption(v, 'file');
      return d.issueOnPaper({ id, ...(file ? { file: { path: file } } : {}), ...defined({ note: stringOption(v, 'note') }) });
    },
  },
  { word: 'abandon-issue', summary: 'Hủy phát hành: số đã cấp bị hủy, không dùng lại / abandon an issue', call: (d, id, v) => d.abandonIssue({ id, ...base(v) }) },
  {
    word: 'dispatch',
    summary: 'Phát hành: qua trục liên thông, hoặc --paper gửi bản giấy / dispatch',
    options: { paper: { type: 'boolean' } },
    extraUsage: ' [--paper]',
    call: (d, id, v) => d.dispatch({ id, ...base(v), paper: v.paper === true }),
  },
  {
    word: 'copy',
    summary: 'Sao văn bản, số theo sổ bản sao / make a numbered copy (SY sao y, TrS trích sao, SL sao lục)',
    options: { form: { type: 'string' } },
    extraUsage: ' --form SY|TrS|SL',
    call: (d, id, v) => d.makeCopy({ id, form: (stringOption(v, 'form') ?? '') as 'SY', ...defined({ note: stringOption(v, 'note') }) }),
  },
  { word: 'archive', summary: 'Lưu trữ văn bản đi / archive', call: (d, id, v) => d.archive({ id, ...base(v) }) },
  { word: 'recall', summary: 'Thu hồi văn bản đi, hoặc ghi nhận yêu cầu thu hồi văn bản đến / recall', call: (d, id, v) => d.recall({ id, ...base(v) }) },
  { word: 'update', summary: 'Gửi cập nhật văn bản đã phát hành (loại 2) / send an update', call: (d, id, v) => d.sendUpdate({ id, ...base(v) }) },
  {
    word: 'replace',
    summary: 'Thay thế văn bản đã phát hành bằng văn bản đã ban hành khác (loại 3) / replace',
    options: { by: { type: 'string' } },
    extraUsage: ' --by <replacement id>',
    call: (d, id, v) => d.replace({ id, replacementId: stringOption(v, 'by') ?? '', reason: stringOption(v, 'reason') ?? '' }),
  },
  { word: 'accept-recall', summary: 'Đồng ý thu hồi (xóa văn bản đến) / accept a recall', call: (d, id, v) => d.acceptRecall({ id, ...base(v) }) },
  { word: 'refuse-recall', summary: 'Từ chối thu hồi / refuse a recall', call: (d, id, v) => d.refuseRecall({ id, ...base(v) }) },
];

export const docTransitionCommands: readonly Command[] = TRANSITIONS.map((spec) => ({
  name: `doc ${spec.word}`,
  summary: spec.summary,
  usage: `doc ${spec.word} <id> [--note T] [--reason T]${spec.extraUsage ?? ''} --as USER [--data-dir DIR] [--json]`,
  options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, note: { type: 'string' }, reason: { type: 'string' }, ...spec.options },
  positionals: [1, 1] as const,
  async run(context) {
    const doc = await withServices(context, (client) => spec.call(client.services.documents, context.positionals[0] as string, context.values));
    printDocument(context, doc);
    return 0;
  },
}));
