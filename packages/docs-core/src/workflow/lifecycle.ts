import type { DocumentState, IncomingState, OutgoingState } from '../model/document-state.js';
import type { Role } from '../model/roles.js';

/**
 * The two lifecycles as explicit state machines. A rule names the states an action may start from, the state it
 * leads to (null: the state stays, e.g. a recorded recall request) and the roles allowed to take it. The services
 * consult this table on every transition; the UI only mirrors it.
 */
export interface TransitionRule<S extends DocumentState = DocumentState> {
  readonly from: readonly S[];
  readonly to: S | null;
  readonly roles: readonly Role[];
  /** Whose document it must be beside the role: `drafter`, the user who wrote the draft (a colleague's is not theirs to send). */
  readonly owner?: 'drafter';
  /** Vietnamese name of the step, for messages and the processing log. */
  readonly label: string;
}

export type OutgoingAction =
  | 'submit'
  | 'revise'
  | 'returnDraft'
  | 'approve'
  | 'sign'
  | 'signOnPaper'
  | 'bindNumber'
  | 'completeIssue'
  | 'completeIssueOnPaper'
  | 'abandonIssue'
  | 'dispatch'
  | 'archive'
  | 'recall'
  | 'sendUpdate'
  | 'replace';

export type IncomingAction =
  | 'verify'
  | 'reject'
  | 'register'
  | 'present'
  | 'assign'
  | 'start'
  | 'complete'
  | 'file'
  | 'requestRecall'
  | 'acceptRecall'
  | 'refuseRecall'
  | 'extendDeadline'
  | 'giveOpinion';

export type DocumentAction = OutgoingAction | IncomingAction;

const DRAFTERS: readonly Role[] = ['specialist', 'leader', 'clerk'];

/**
 * Văn bản đi (and nội bộ): draft → submitted → (returned ↺) approved → signed → issuing → issued → dispatched → archived.
 * A paper document takes the same states: signed by hand (signOnPaper), numbered, sealed with the red seal
 * (completeIssueOnPaper), then dispatched on paper.
 */
export const OUTGOING_RULES: Readonly<Record<OutgoingAction, TransitionRule<OutgoingState>>> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', roles: DRAFTERS, owner: 'drafter', label: 'trình duyệt' },
  revise: { from: ['draft', 'returned'], to: null, roles: DRAFTERS, owner: 'drafter', label: 'sửa dự thảo' },
  returnDraft: { from: ['submitted'], to: 'returned', roles: ['leader'], label: 'trả lại dự thảo' },
  approve: { from: ['submitted'], to: 'approved', roles: ['leader'], label: 'duyệt dự thảo' },
  sign: { from: ['approved'], to: 'signed', roles: ['leader'], label: 'ký số' },
  // The leader signed the printed draft by hand; the leader or the clerk who scanned the sheet records it.
  signOnPaper: { from: ['approved'], to: 'signed', roles: ['leader', 'clerk'], label: 'ghi nhận ký tay trên bản giấy' },
  bindNumber: { from: ['signed', 'issuing'], to: 'issuing', roles: ['clerk'], label: 'cấp số' },
  completeIssue: { from: ['issuing'], to: 'issued', roles: ['clerk'], label: 'ký số cơ quan' },
  completeIssueOnPaper: { from: ['issuing'], to: 'issued', roles: ['clerk'], label: 'đóng dấu bản giấy' },
  abandonIssue: { from: ['issuing'], to: 'signed', roles: ['clerk'], label: 'hủy cấp số' },
  dispatch: { from: ['issued'], to: 'dispatched', roles: ['clerk'], label: 'phát hành' },
  archive: { from: ['dispatched'], to: 'archived', roles: ['archivist', 'clerk'], label: 'lưu trữ' },
  recall: { from: ['issued', 'dispatched'], to: 'recalled', roles: ['clerk', 'leader'], label: 'thu hồi' },
  sendUpdate: { from: ['dispatched', 'archived'], to: null, roles: ['clerk'], label: 'gửi cập nhật' },
  replace: { from: ['dispatched', 'archived'], to: null, roles: ['clerk'], label: 'thay thế' },
};

const ALIVE_INCOMING: readonly IncomingState[] = ['received', 'needs_checking', 'verified', 'registered', 'presented', 'assigned', 'in_progress', 'completed', 'filed'];

/**
 * Văn bản đến: received → verified → registered → presented → assigned → in_progress → completed → filed; or rejected.
 * Verify leads to needs_checking instead when the arrival check finds something (Điều 21): registered from there only
 * with a confirmation and a reason, or rejected.
 */
export const INCOMING_RULES: Readonly<Record<IncomingAction, TransitionRule<IncomingState>>> = {
  verify: { from: ['received'], to: 'verified', roles: ['clerk'], label: 'kiểm tra chữ ký số' },
  reject: { from: ['received', 'needs_checking', 'verified'], to: 'rejected', roles: ['clerk'], label: 'từ chối' },
  register: { from: ['verified', 'needs_checking'], to: 'registered', roles: ['clerk'], label: 'vào sổ' },
  present: { from: ['registered'], to: 'presented', roles: ['clerk'], label: 'trình lãnh đạo' },
  assign: { from: ['presented', 'assigned'], to: 'assigned', roles: ['leader'], label: 'phân công xử lý' },
  start: { from: ['assigned'], to: 'in_progress', roles: ['specialist', 'leader'], label: 'bắt đầu xử lý' },
  complete: { from: ['in_progress'], to: 'completed', roles: ['specialist', 'leader'], label: 'hoàn thành xử lý' },
  file: { from: ['completed'], to: 'filed', roles: ['specialist', 'clerk', 'archivist'], label: 'lập hồ sơ' },
  requestRecall: { from: ALIVE_INCOMING, to: null, roles: ['clerk'], label: 'ghi nhận yêu cầu thu hồi' },
  acceptRecall: { from: ALIVE_INCOMING, to: null, roles: ['clerk'], label: 'đồng ý thu hồi' },
  refuseRecall: { from: ALIVE_INCOMING, to: null, roles: ['clerk'], label: 'từ chối thu hồi' },
  extendDeadline: { from: ['assigned', 'in_progress'], to: null, roles: ['leader'], label: 'gia hạn xử lý' },
  // Whoever was assigned to support (phối hợp), whatever their role: the step itself checks the assignment.
  giveOpinion: { from: ['assigned', 'in_progress'], to: null, roles: ['specialist', 'leader', 'clerk', 'archivist', 'admin'], label: 'cho ý kiến phối hợp' },
};

export function ruleFor(direction: string, action: DocumentAction): TransitionRule | undefined {
  const table: Readonly<Record<string, TransitionRule>> = direction === 'incoming' ? INCOMING_RULES : OUTGOING_RULES;
  return table[action];
}
