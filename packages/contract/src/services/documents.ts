import { z } from 'zod';
import { method } from '../define.js';
import { cancelSigningInputSchema, completeSigningInputSchema, copyFormSchema, prepareSigningInputSchema, preparedSigningSchema } from './signing-schemas.js';

/** Mã định danh điện tử (Decision 20/2020): `XXX.YY.ZZ.Lnn`, 13 characters (Phụ lục VI: OrganId String 13). */
export const organIdSchema = z
  .string()
  .trim()
  .regex(/^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/, 'Mã định danh phải có dạng XXX.YY.ZZ.Lnn / organ id must look like 000.00.01.H99');

/** `YYYY-MM-DD`, a real calendar date. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD / date must be YYYY-MM-DD')
  // Date.parse, not new Date(...).toISOString(): a month like 13 gives an invalid date whose toISOString throws, and a
  // throw inside a schema escapes the dispatcher as a 500 instead of E_INVALID_INPUT. 02-30 parses to 03-02: refused.
  .refine((text) => {
    const time = Date.parse(`${text}T00:00:00Z`);
    return Number.isFinite(time) && new Date(time).toISOString().startsWith(text);
  }, 'Ngày không tồn tại / no such date');

export const documentDirectionSchema = z.enum(['incoming', 'outgoing', 'internal']);
/** Thường, Khẩn, Thượng khẩn, Hỏa tốc. */
export const urgencySchema = z.enum(['normal', 'urgent', 'very-urgent', 'flash']);
/** Thường (not secret), Mật, Tối mật, Tuyệt mật. */
export const secrecySchema = z.enum(['none', 'confidential', 'secret', 'top-secret']);
export const roleSchema = z.enum(['clerk', 'leader', 'specialist', 'archivist', 'admin']);

export const OUTGOING_STATES = ['draft', 'submitted', 'returned', 'approved', 'signed', 'issuing', 'issued', 'dispatched', 'archived', 'recalled'] as const;
export const INCOMING_STATES = ['received', 'needs_checking', 'verified', 'registered', 'presented', 'assigned', 'in_progress', 'completed', 'filed', 'rejected'] as const;
export const documentStateSchema = z.enum([...OUTGOING_STATES, ...INCOMING_STATES]);

/**
 * A file on the machine that runs the services: only the command line (and tests) name one. Any other caller is
 * refused before the path is looked at (E_PATH_NOT_ALLOWED), so a page can neither copy a file the app can read into
 * a document nor learn whether a path exists (ARCHITECTURE.md, invariant 1).
 */
export const localFileInputSchema = z.object({
  path: z.string().min(1),
  /** Shown name; defaults to the file's base name. */
  name: z.string().max(255).optional(),
});

/** What `files.upload` answered: the content was streamed to the services first (size-limited, hashed). */
export const uploadedFileInputSchema = z.object({
  uploadId: z.string().regex(/^[A-Za-z0-9_-]{22,64}$/, 'Mã tải lên không hợp lệ / malformed upload id'),
  name: z.string().trim().min(1).max(255),
});

/** A file a face hands over: uploaded content from the app's pages, a local path from the command line. */
export const fileInputSchema = z.union([uploadedFileInputSchema, localFileInputSchema]);

/**
 * Mã hồ sơ (Phụ lục VI, ResponseFor/… FileCatalog, FileNotation, DocOrdinal): the file the document is kept in — the
 * agency that keeps the file, the catalogue number, the file's own number and notation, the document's place in it.
 */
export const fileCodeSchema = z.object({
  organId: organIdSchema.optional(),
  catalog: z.number().int().min(1).max(9999).optional(),
  notation: z.string().trim().min(1).max(30).optional(),
  ordinal: z.number().int().min(1).max(9999).optional(),
});

/** Nơi nhận as written on the document (Phụ lục VI ToPlaces): one place a line. */
const toPlacesSchema = z.array(z.string().trim().min(1).max(200)).max(100);

/** Phụ lục VI lengths: CodeNumber 11, CodeNotation 30, OrganName 200, Subject 500, Description 500, … */
export const receiveDocumentInputSchema = z.object({
  file: fileInputSchema,
  attachments: z.array(fileInputSchema).default([]),
  /** How it arrived: a scanned paper document or an electronic file handed over outside the axis. */
  source: z.enum(['paper', 'file']).default('file'),
  from: organIdSchema,
  fromName: z.string().trim().min(1).max(200).optional(),
  number: z.string().trim().min(1).max(11),
  symbol: z.string().trim().min(1).max(30),
  issuedDate: isoDateSchema,
  type: z.string().trim().min(1).max(100),
  subject: z.string().trim().min(1).max(500),
  urgency: urgencySchema.default('normal'),
  secrecy: secrecySchema.default('none'),
  dueDate: isoDateSchema.optional(),
  /** Hạn xử lý as N working days from today, on the agency's calendar; instead of `dueDate`. */
  dueInWorkingDays: z.number().int().min(1).max(365).optional(),
  signerName: z.string().trim().max(50).optional(),
  signerPosition: z.string().trim().max(100).optional(),
  pageAmount: z.number().int().min(0).max(999).optional(),
  description: z.string().trim().max(500).optional(),
  language: z.string().trim().max(30).default('Tiếng Việt'),
  /** Nơi nhận as the document lists them: one string (a line each) or a list. */
  toPlaces: z.union([z.string().trim().max(1000), toPlacesSchema]).optional(),
  /** Số lượng bản the sender issued (PromulgationAmount). */
  issuedAmount: z.number().int().min(0).max(999).optional(),
  fileCode: fileCodeSchema.optional(),
});

/** Thẩm quyền ký: thay mặt, ký thay, thừa lệnh, thừa ủy quyền, quyền (Decree 30 Điều 13). */
export const signingAuthoritySchema = z.enum(['TM', 'KT', 'TL', 'TUQ', 'Q']);

export const draftDocumentInputSchema = z.object({
  type: z.string().trim().min(1).max(100),
  subject: z.string().trim().min(1).max(500),
  file: fileInputSchema,
  attachments: z.array(fileInputSchema).default([]),
  to: z.array(organIdSchema).default([]),
  urgency: urgencySchema.default('normal'),
  secrecy: secrecySchema.default('none'),
  /** Username of the leader who will sign. */
  signer: z.string().trim().min(1).max(64).optional(),
  /** Thẩm quyền ký (Phụ lục I ô 7a): TM., KT., TL., TUQ. or Q.; left out when the head signs in their own right. */
  authority: signingAuthoritySchema.optional(),
  dueDate: isoDateSchema.optional(),
  /** Hạn trả lời as N working days from today, on the agency's calendar; instead of `dueDate`. */
  dueInWorkingDays: z.number().int().min(1).max(365).optional(),
  description: z.string().trim().max(500).optional(),
  issuedAmount: z.number().int().min(0).max(999).optional(),
  pageAmount: z.number().int().min(0).max(999).optional(),
  language: z.string().trim().max(30).default('Tiếng Việt'),
  direction: z.enum(['outgoing', 'internal']).default('outgoing'),
  /** Nơi nhận as printed on the document, beyond the agencies it is sent to (e.g. "Như trên", "Lưu: VT"). */
  toPlaces: toPlacesSchema.optional(),
  fileCode: fileCodeSchema.optional(),
});

export const documentActionInputSchema = z.object({
  id: z.string().min(1),
  note: z.string().trim().max(2000).optional(),
  reason: z.string().trim().max(1000).optional(),
});

/**
 * Vào sổ: a document that needs checking (or a duplicate) is registered only when the clerk confirms it with a
 * reason, which the audit keeps.
 */
export const registerInputSchema = documentActionInputSchema.extend({ confirm: z.boolean().optional() });

export const documentIdInputSchema = z.object({ id: z.string().min(1) });

export const assignInputSchema = z.object({
  id: z.string().min(1),
  lead: z.string().trim().min(1),
  support: z.array(z.string().trim().min(1)).default([]),
  inform: z.array(z.string().trim().min(1)).default([]),
  /** A working day (a day off is refused, the next working day suggested), or `dueInWorkingDays`: one of the two. */
  dueDate: isoDateSchema.optional(),
  dueInWorkingDays: z.number().int().min(1).max(365).optional(),
  note: z.string().trim().max(2000).optional(),
});

export const completeInputSchema = documentActionInputSchema.extend({
  /** Văn bản trả lời: an outgoing document that answers this one. */
  replyDocumentId: z.string().min(1).optional(),
});

export const dispatchInputSchema = documentActionInputSchema.extend({
  /** Sent on paper (post, hand delivery) instead of through the axis. */
  paper: z.boolean().default(false),
});

export const extendDeadlineInputSchema = z.object({
  id: z.string().min(1),
  dueDate: isoDateSchema.optional(),
  dueInWorkingDays: z.number().int().min(1).max(365).optional(),
  reason: z.string().trim().min(1).max(1000),
});

export const listDocumentsInputSchema = z.object({
  direction: z.enum(['incoming', 'outgoing', 'internal']).optional(),
  state: documentStateSchema.optional(),
  year: z.number().int().min(1900).max(9999).optional(),
  limit: z.number().int().min(1).max(1000).default(100),
  offset: z.number().int().min(0).default(0),
  /**
   * Chờ tôi ký: approved drafts the caller may sign now — those naming them, those naming no one, and (ký thay)
   * those naming a leader whose deputy they are today. Empty for a caller who signs nothing.
   */
  awaitingMySignature: z.boolean().optional(),
});

export const documentFileSchema = z.object({
  /** archival: the record original with long-term validation material, made when its record file closed. */
  role: z.enum(['main', 'attachment', 'signed', 'issued', 'issued-attachment', 'scan', 'archival']),
  name: z.string(),
  sha256: z.string(),
  size: z.number().int(),
});

/** ETSI EN 319 142-1 baseline levels; `other` for a signature that is not PAdES. */
export const padesLevelSchema = z.enum(['B-B', 'B-T', 'B-LT', 'B-LTA', 'other']);
export type PadesLevelView = z.infer<typeof padesLevelSchema>;

/** A timestamp as judged: when, which TSA (RFC 4514 subject), and intact / valid / trusted apart (trusted null: not asked). */
export const signatureTimestampSchema = z.object({
  time: z.string().nullable(),
  tsa: z.string().nullable(),
  intact: z.boolean(),
  valid: z.boolean(),
  trusted: z.boolean().nullable(),
});

/** The signer certificate's revocation: good, revoked or unknown, from the file's /DSS (`embedded`), `online`, or nowhere. */
export const signatureRevocationSchema = z.object({
  status: z.enum(['good', 'revoked', 'unknown']),
  source: z.enum(['embedded', 'online']).nullable(),
  revokedAt: z.string().nullable(),
});

export const documentSignatureSchema = z.object({
  kind: z.enum(['received', 'person', 'agency']),
  valid: z.boolean(),
  signerName: z.string().nullable(),
  signedAt: z.string().nullable(),
  checkedAt: z.string(),
  /** Warning codes (WEAK_DIGEST, NOT_TRUSTED, …); `problems` has them with the errors. */
  warnings: z.array(z.string()),
  /**
   * `valid` is the workflow's acceptance (every signature intact, valid, nothing disallowed after it); these say the
   * rest of the verdict, so a face can show "valid but not trusted". null: on paper, nothing signed, or not recorded
   * (a check stored before they were kept); `trusted` null also when no trust anchor is configured.
   */
  intact: z.boolean().nullable(),
  trusted: z.boolean().nullable(),
  problems: z.array(z.object({ code: z.string(), severity: z.enum(['error', 'warning']) })),
  /** The certificate that made a signature this agency made (RFC 4514 subject, hex serial); null otherwise. */
  certificateSubject: z.string().nullable(),
  certificateSerial: z.string().nullable(),
  /**
   * How long the signature stays verifiable (issue 16): its PAdES level in the file as checked (B-B no timestamp,
   * B-T timestamped, B-LT with validation data, B-LTA under an archive timestamp; `other` not PAdES), its
   * signature-time-stamp and the signer's revocation status. null: on paper, or a check stored before these were kept.
   */
  level: padesLevelSchema.nullable(),
  timestamp: signatureTimestampSchema.nullable(),
  revocation: signatureRevocationSchema.nullable(),
});

export const assignmentSchema = z.object({
  id: z.number().int(),
  role: z.enum(['lead', 'support', 'inform']),
  username: z.string(),
  fullName: z.string(),
  dueDate: z.string().nullable(),
  status: z.enum(['assigned', 'in_progress', 'completed', 'cancelled']),
  instructions: z.string().nullable(),
  extensions: z.array(z.object({ previousDueDate: z.string().nullable(), newDueDate: z.string(), reason: z.string(), at: z.string() })),
  /** Ý kiến phối hợp: what a supporting assignee said on this assignment, oldest first. */
  opinions: z.array(z.object({ username: z.string(), fullName: z.string(), text: z.string(), at: z.string() })).optional(),
});

/** What the arrival check (Điều 21) may find, by code, with the message the clerk reads. */
export const arrivalFindingSchema = z.object({
  code: z.enum(['UNSIGNED', 'SIGNATURE_INVALID', 'NO_AGENCY_SIGNATURE', 'AGENCY_NOT_SENDER', 'NOT_TRUSTED']),
  message: z.string(),
});

export type ArrivalFinding = z.infer<typeof arrivalFindingSchema>;

/** Flags shown wherever the document is listed: urgency, lateness, duplicates, pending recall, bad signature. */
export const documentFlagSchema = z.enum([
  /** The urgency level, one flag each (Decree 30 §1.6): Khẩn, Thượng khẩn, Hỏa tốc; never one "urgent" for all three. */
  'urgent',
  'very-urgent',
  'flash',
  /** Urgent, and not registered and presented on the day it arrived, or not issued on the day it was signed (rule 8). */
  'urgent-late',
  'secret',
  'late-registration',
  /** Quá hạn: still being handled after its due date (a day off moves it to the next working day). */
  'overdue',
  /** Hoàn thành trễ hạn: handled, but after its due date; the statistics count these as late. */
  'handled-late',
  'duplicate',
  'recall-requested',
  'signature-invalid',
  /** Received with sound signatures whose certificates reach none of the agency's trust anchors (NOT_TRUSTED). */
  'signature-untrusted',
  'unsigned',
  /** Cần xác minh: the arrival check found something (Điều 21); registered only with a confirmation and a reason. */
  'needs-checking',
  'number-pending-seal',
  /** Signed by hand or sealed on paper (or received as a paper scan): no digital signature to verify. */
  'paper',
  /** Thay thế (rule 9): another document replaced this one; `replacedBy` names it. */
  'replaced',
]);

/** One end of a replacement chain: enough to name the document (the subject of a secret one is left out). */
export const documentLinkSchema = z.object({
  id: z.string(),
  number: z.string().nullable(),
  symbol: z.string().nullable(),
  issuedDate: z.string().nullable(),
  subject: z.string().nullable(),
});

/** A user named on a document: enough to show who. */
export const documentPersonSchema = z.object({ username: z.string(), fullName: z.string(), position: z.string().nullable() });

/** The document as every face shows it (and the CLI prints with --json). */
export const documentSchema = z.object({
  /** The leader named to sign the draft, or who signed it (the deputy, after ký thay); null when none is named. */
  signerUser: documentPersonSchema.nullable().optional(),
  /** Ký thay: the leader the deputy signed for ("KT."); null when the signer signed in their own name. */
  signedFor: documentPersonSchema.nullable().optional(),
  /** Thẩm quyền ký of an outgoing document (TM, KT, TL, TUQ, Q), null when the head signs in their own right. */
  signingAuthority: z.string().nullable().optional(),
  id: z.string(),
  direction: documentDirectionSchema,
  state: documentStateSchema,
  /** Abbreviation (QĐ, TTr, …) or, for công văn / thư công, the fixed key. */
  type: z.string().nullable(),
  typeName: z.string().nullable(),
  /** Số: outgoing "05"; incoming as printed by the sender. */
  number: z.string().nullable(),
  symbol: z.string().nullable(),
  /** Số đến. */
  arrivalNumber: z.number().int().nullable(),
  subject: z.string().nullable(),
  issuer: z.object({ organId: z.string().nullable(), name: z.string().nullable() }),
  urgency: urgencySchema,
  secrecy: secrecySchema,
  dueDate: z.string().nullable(),
  issuedDate: z.string().nullable(),
  arrivalDate: z.string().nullable(),
  year: z.number().int().nullable(),
  source: z.string().nullable(),
  recipients: z.array(z.object({ organId: z.string(), name: z.string().nullable() })),
  files: z.array(documentFileSchema),
  signatures: z.array(documentSignatureSchema),
  assignments: z.array(assignmentSchema),
  flags: z.array(documentFlagSchema),
  duplicateOf: z.string().nullable(),
  /** Phụ lục VI metadata beyond the heading fields: the signer, the page count, số lượng bản, nơi nhận, mã hồ sơ. */
  metadata: z
    .object({
      signerName: z.string().nullable(),
      signerPosition: z.string().nullable(),
      pageAmount: z.number().int().nullable(),
      issuedAmount: z.number().int().nullable(),
      description: z.string().nullable(),
      language: z.string().nullable(),
      toPlaces: z.array(z.string()),
      fileCode: z.object({ organId: z.string().nullable(), catalog: z.number().int().nullable(), notation: z.string().nullable(), ordinal: z.number().int().nullable() }),
    })
    .optional(),
  /** Thay thế (rule 9): the document that replaced this one, null while it stands. */
  replacedBy: documentLinkSchema.nullable().optional(),
  /** The documents this one replaced (normally one). */
  replaces: z.array(documentLinkSchema).optional(),
  /** What the arrival check found (Điều 21): empty when nothing, or not checked (paper, not yet verified). */
  checking: z.array(arrivalFindingSchema).optional(),
  /**
   * An urgent document's first step not taken on its day (flag `urgent-late`): register and present on the day it
   * arrived, dispatch on the day it was signed; `daysLate` in calendar days up to the day it was taken, or today.
   */
  urgentLate: z
    .object({
      step: z.enum(['register', 'present', 'dispatch']),
      dueOn: z.string(),
      doneOn: z.string().nullable(),
      daysLate: z.number().int(),
    })
    .nullable()
    .optional(),
  rejectReason: z.string().nullable(),
  resultNote: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type DocumentView = z.infer<typeof documentSchema>;

export const processingLogEntrySchema = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  note: z.string().nullable(),
});

const action = (summary: string) => method({ summary, input: documentActionInputSchema, output: documentSchema });

/** Văn bản đi / đến: every lifecycle step is a method; the services check role and state, never the UI. */
export const documentsService = {
  receive: method({
    summary: 'Tiếp nhận văn bản đến (bản giấy quét hoặc tệp) / receive an incoming document',
    input: receiveDocumentInputSchema,
    output: documentSchema,
  }),
  draft: method({ summary: 'Tạo dự thảo văn bản đi / draft an outgoing document', input: draftDocumentInputSchema, output: documentSchema }),
  revise: method({
    summary: 'Sửa dự thảo: thêm phiên bản mới của tệp / a new version of the draft file',
    input: z.object({ id: z.string().min(1), file: fileInputSchema, note: z.string().trim().max(2000).optional() }),
    output: documentSchema,
  }),
  submit: action('Trình dự thảo / submit a draft for approval'),
  approve: action('Duyệt dự thảo (kiểm tra thể thức trước; thiếu thành phần thì cần reason) / approve a draft (format-checked first; a reason approves one that fails)'),
  dueSoon: method({
    summary: 'Đôn đốc: việc được giao sắp đến hạn trong N ngày làm việc / assignments due within N working days',
    input: z.object({ withinWorkingDays: z.number().int().min(0).max(60).default(3) }),
    output: z.object({
      entries: z.array(
        z.object({
          documentId: z.string(),
          subject: z.string().nullable(),
          assignee: z.string(),
          role: z.enum(['lead', 'support', 'inform']),
          dueDate: z.string(),
          workingDaysLeft: z.number().int(),
        }),
      ),
    }),
  }),
  checkFormat: method({
    summary: 'Kiểm tra thể thức dự thảo theo Phụ lục I / check a draft against Decree 30 Phụ lục I',
    input: z.object({ id: z.string().min(1) }),
    output: z.object({
      /** False when the file has no text to check (a scan): `reason` says why. */
      ran: z.boolean(),
      reason: z.string().nullable(),
      findings: z.array(z.object({ element: z.string(), label: z.string() })),
    }),
  }),
  returnDraft: action('Trả lại dự thảo / return a draft to its author'),
  sign: action('Ký số văn bản (lãnh đạo) / sign as the leader'),
  issue: action('Cấp số và đóng dấu số cơ quan / number and seal'),
  prepareSigning: method({
    summary: 'Chuẩn bị ký số (bước 1): bản sẽ ký và dữ liệu để khoá ký / prepare a signature: the revision and the data to sign',
    input: prepareSigningInputSchema,
    output: preparedSigningSchema,
  }),
  completeSigning: method({
    summary: 'Hoàn tất ký số (bước 2): gắn chữ ký, kiểm tra và lưu / embed the signature, verify it and store the step',
    input: completeSigningInputSchema,
    output: documentSchema,
  }),
  cancelSigning: method({
    summary: 'Hủy một lần chuẩn bị ký / drop a prepared signature',
    input: cancelSigningInputSchema,
    output: z.object({ cancelled: z.boolean() }),
  }),
  abandonIssue: action('Hủy phát hành: số bị hủy, không dùng lại / abandon an issue (the number is voided)'),
  bindNumber: action('Cấp số: giữ số cho văn bản trước khi ký số hoặc đóng dấu / bind the next number before the seal'),
  signOnPaper: method({
    summary: 'Ghi nhận lãnh đạo ký tay trên bản giấy (nạp bản quét) / record a hand signature on paper (the scan)',
    input: z.object({ id: z.string().min(1), file: fileInputSchema, note: z.string().trim().max(2000).optional() }),
    output: documentSchema,
  }),
  issueOnPaper: method({
    summary: 'Cấp số và đóng dấu bản giấy (nạp bản quét nếu có) / number and seal a paper document',
    input: z.object({ id: z.string().min(1), file: fileInputSchema.optional(), note: z.string().trim().max(2000).optional() }),
    output: documentSchema,
  }),
  dispatch: method({ summary: 'Phát hành văn bản / dispatch', input: dispatchInputSchema, output: documentSchema }),
  archive: action('Lưu trữ / archive'),
  recall: action('Thu hồi (văn bản đi) hoặc ghi nhận yêu cầu thu hồi (văn bản đến) / recall'),
  acceptRecall: action('Đồng ý thu hồi: xóa văn bản đến / accept a recall: the document is removed'),
  refuseRecall: action('Từ chối thu hồi / refuse a recall'),
  sendUpdate: action('Gửi cập nhật văn bản đã phát hành (loại 2) / send an update of a dispatched document'),
  replace: method({
    summary: 'Thay thế văn bản đã phát hành bằng văn bản mới (loại 3) / replace a dispatched document',
    input: z.object({ id: z.string().min(1), replacementId: z.string().min(1), reason: z.string().trim().min(1).max(1000) }),
    output: documentSchema,
  }),
  makeCopy: method({
    summary: 'Sao văn bản (SY sao y, TrS trích sao, SL sao lục) / make a numbered copy',
    input: z.object({ id: z.string().min(1), form: copyFormSchema, note: z.string().trim().max(2000).optional() }),
    output: documentSchema,
  }),
  verify: action('Kiểm tra chữ ký số / verify signatures'),
  register: method({
    summary: 'Vào sổ văn bản đến (cấp số đến); cần --confirm và lý do khi văn bản cần xác minh hoặc trùng / register (arrival number)',
    input: registerInputSchema,
    output: documentSchema,
  }),
  present: action('Trình lãnh đạo / present to the leader'),
  assign: method({ summary: 'Phân công xử lý / assign handling', input: assignInputSchema, output: documentSchema }),
  start: action('Bắt đầu xử lý / start handling'),
  complete: method({ summary: 'Hoàn thành xử lý / complete handling', input: completeInputSchema, output: documentSchema }),
  file: action('Lập hồ sơ / file into a record'),
  reject: action('Từ chối văn bản đến (kèm lý do) / reject with a reason'),
  extendDeadline: method({ summary: 'Gia hạn xử lý / extend the deadline', input: extendDeadlineInputSchema, output: documentSchema }),
  giveOpinion: method({
    summary: 'Ý kiến phối hợp: người phối hợp xử lý ghi ý kiến vào việc được giao / a supporting assignee records their opinion',
    input: z.object({ id: z.string().min(1), text: z.string().trim().min(1, 'Cần nội dung ý kiến / the opinion is empty').max(2000) }),
    output: documentSchema,
  }),
  show: method({ summary: 'Xem văn bản / show a document', input: documentIdInputSchema, output: documentSchema }),
  list: method({
    summary: 'Danh sách văn bản / list documents',
    input: listDocumentsInputSchema,
    output: z.object({ documents: z.array(documentSchema) }),
  }),
  history: method({
    summary: 'Nhật ký xử lý / processing history',
    input: documentIdInputSchema,
    output: z.object({ entries: z.array(processingLogEntrySchema) }),
  }),
};
