import { ACTOR_OPTIONS, STORE_OPTIONS, type Command, type OptionSpecs } from '../command.js';

interface TransitionSpec {
  readonly word: string;
  readonly summary: string;
  readonly options?: OptionSpecs;
  readonly extraUsage?: string;
}

/**
 * The lifecycle steps as the shell sees them: word, help and flags. What each step calls is in doc-transitions.ts,
 * loaded only when a step runs (it needs the store).
 */
const TRANSITIONS = [
  { word: 'submit', summary: 'Trình dự thảo / submit a draft' },
  {
    word: 'revise',
    summary: 'Sửa dự thảo: nạp phiên bản mới của tệp / a new version of the draft file',
    options: { file: { type: 'string' } },
    extraUsage: ' --file F.pdf',
  },
  { word: 'approve', summary: 'Duyệt dự thảo (lãnh đạo); thiếu thể thức (Phụ lục I) thì cần --reason / approve a draft; one missing a required part needs --reason' },
  { word: 'return', summary: 'Trả lại dự thảo kèm lý do / return a draft' },
  { word: 'verify', summary: 'Kiểm tra chữ ký số văn bản đến / verify an incoming document' },
  {
    word: 'register',
    summary: 'Vào sổ văn bản đến (cấp số đến); văn bản cần xác minh hoặc trùng cần --confirm --reason / register',
    options: { confirm: { type: 'boolean' } },
    extraUsage: ' [--confirm --reason T]',
  },
  { word: 'present', summary: 'Trình lãnh đạo / present to the leader' },
  { word: 'start', summary: 'Bắt đầu xử lý (người chủ trì) / start handling' },
  {
    word: 'complete',
    summary: 'Hoàn thành xử lý / complete handling',
    options: { reply: { type: 'string' } },
    extraUsage: ' [--reply <outgoing id>]',
  },
  { word: 'file', summary: 'Lập hồ sơ / file into a record' },
  { word: 'reject', summary: 'Từ chối văn bản đến kèm lý do / reject with a reason' },
  {
    word: 'sign-paper',
    summary: 'Ghi nhận lãnh đạo ký tay trên bản giấy, nạp bản quét / record a hand signature (the scan)',
    options: { file: { type: 'string' } },
    extraUsage: ' --file scan.pdf',
  },
  { word: 'bind-number', summary: 'Cấp số trước khi ký số cơ quan hoặc đóng dấu / bind the next number' },
  {
    word: 'issue-paper',
    summary: 'Cấp số và đóng dấu bản giấy, nạp bản quét nếu có / number and seal on paper',
    options: { file: { type: 'string' } },
    extraUsage: ' [--file scan.pdf]',
  },
  { word: 'abandon-issue', summary: 'Hủy phát hành: số đã cấp bị hủy, không dùng lại / abandon an issue' },
  {
    word: 'dispatch',
    summary: 'Phát hành: qua trục liên thông, hoặc --paper gửi bản giấy / dispatch',
    options: { paper: { type: 'boolean' } },
    extraUsage: ' [--paper]',
  },
  { word: 'archive', summary: 'Lưu trữ văn bản đi / archive' },
  { word: 'recall', summary: 'Thu hồi văn bản đi, hoặc ghi nhận yêu cầu thu hồi văn bản đến / recall' },
  { word: 'update', summary: 'Gửi cập nhật văn bản đã phát hành (loại 2) / send an update' },
  {
    word: 'replace',
    summary: 'Thay thế văn bản đã phát hành bằng văn bản đã ban hành khác (loại 3) / replace',
    options: { by: { type: 'string' } },
    extraUsage: ' --by <replacement id>',
  },
  { word: 'accept-recall', summary: 'Đồng ý thu hồi (xóa văn bản đến) / accept a recall' },
  { word: 'refuse-recall', summary: 'Từ chối thu hồi / refuse a recall' },
] as const satisfies readonly TransitionSpec[];

export type TransitionWord = (typeof TRANSITIONS)[number]['word'];

export const docTransitionCommands: readonly Command[] = TRANSITIONS.map((spec: TransitionSpec & { word: TransitionWord }) => ({
  name: `doc ${spec.word}`,
  summary: spec.summary,
  usage: `doc ${spec.word} <id> [--note T] [--reason T]${spec.extraUsage ?? ''} --as USER [--data-dir DIR] [--json]`,
  options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, note: { type: 'string' }, reason: { type: 'string' }, ...spec.options },
  positionals: [1, 1] as const,
  run: async (context) => (await import('./doc-transitions.js')).runTransition(spec.word, context),
}));
