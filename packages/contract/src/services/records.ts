import { z } from 'zod';
import { method } from '../define.js';
import { isoDateSchema, padesLevelSchema, secrecySchema } from './documents.js';

/**
 * Hồ sơ và lưu trữ (Decree 30 Điều 28–31, Phụ lục V–VI): the yearly file list (danh mục hồ sơ), the record files
 * made from it, their export, the handover (nộp lưu) to the agency archive and the archivist's search.
 */

const yearSchema = z.number().int().min(1900).max(9999);
const recordFileIdSchema = z.string().min(1).max(100);

/** "Vĩnh viễn" (permanent) or a number of years, from the retention catalogue (Phụ lục V; TT 10/2022). */
export const retentionSchema = z.union([z.literal('permanent'), z.number().int().min(1).max(100)]);
export type Retention = z.infer<typeof retentionSchema>;

export const retentionEntrySchema = z.object({
  retention: retentionSchema,
  /** What Phụ lục VI calls Maintenance (String 30): "Vĩnh viễn", "10 năm". */
  label: z.string(),
});

/** Số và ký hiệu hồ sơ: `01.TH` = Arabic ordinal + the major heading's abbreviation (Phụ lục V). */
export const fileNotationSchema = z.string().trim().min(1).max(20);

export const planFileInputSchema = z
  .object({
    /** Kept when given (an exported plan re-imported keeps its numbers); the next free one otherwise. */
    number: z.number().int().min(1).max(9999).optional(),
    title: z.string().trim().min(1).max(500),
    retention: retentionSchema,
    /** Đơn vị / người lập hồ sơ. */
    unit: z.string().trim().min(1).max(200),
    person: z.string().trim().max(100).optional(),
    /** Chế độ sử dụng (Phụ lục VI Rights, String 30). */
    rights: z.string().trim().min(1).max(30).default('Hạn chế'),
    secrecy: secrecySchema.default('none'),
    /** Hồ sơ xây dựng cơ bản: handed over 3 months after the end instead of 1 year (Điều 30). */
    construction: z.boolean().default(false),
    notes: z.string().trim().max(500).optional(),
  })
  .strict();

export const planInputSchema = z
  .object({
    year: yearSchema,
    /** Continuous over the whole list, or restarting from 01 under each major heading (the agency's choice). */
    numbering: z.enum(['continuous', 'per-heading']).default('continuous'),
    headings: z
      .array(
        z
          .object({
            /** The heading's abbreviation, written after the number (`TH` in `01.TH`). */
            code: z.string().trim().regex(/^[\p{L}\p{N}-]{1,12}$/u, 'Ký hiệu đề mục: chữ và số / heading code: letters and digits'),
            title: z.string().trim().min(1).max(500),
            files: z.array(planFileInputSchema).max(2000),
          })
          .strict(),
      )
      .min(1)
      .max(200),
  })
  .strict();
export type PlanInput = z.input<typeof planInputSchema>;

export const planFileSchema = z.object({
  notation: z.string(),
  number: z.number().int(),
  /** FileCode = OrganId/FileCatalog/FileNotation. */
  fileCode: z.string(),
  title: z.string(),
  retention: retentionSchema,
  maintenance: z.string(),
  unit: z.string(),
  person: z.string().nullable(),
  rights: z.string(),
  secrecy: secrecySchema,
  construction: z.boolean(),
  notes: z.string().nullable(),
  /** The record file opened from this line, if any. */
  recordFileId: z.string().nullable(),
});

export const planAmendmentSchema = z.object({
  at: z.string(),
  by: z.string(),
  reason: z.string(),
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(z.string()),
});

export const planSchema = z.object({
  year: z.number().int(),
  organId: z.string(),
  numbering: z.enum(['continuous', 'per-heading']),
  state: z.enum(['draft', 'approved']),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  headings: z.array(z.object({ code: z.string(), title: z.string(), files: z.array(planFileSchema) })),
  /** Changes after approval, oldest first; each is in the audit log too. */
  amendments: z.array(planAmendmentSchema),
});
export type PlanView = z.infer<typeof planSchema>;

export const recordFileStateSchema = z.enum(['open', 'closed', 'archived']);

/** A record file (hồ sơ) with the 11 fields of Phụ lục VI Phần II (file data) and what the archive needs. */
export const recordFileSchema = z.object({
  id: z.string(),
  fileCode: z.string(),
  organId: z.string(),
  fileCatalog: z.number().int(),
  fileNotation: z.string(),
  title: z.string(),
  maintenance: z.string(),
  retention: retentionSchema,
  rights: z.string(),
  creator: z.string().nullable(),
  language: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  docTotal: z.number().int(),
  pageTotal: z.number().int().nullable(),
  description: z.string().nullable(),
  heading: z.object({ code: z.string(), title: z.string() }),
  unit: z.string(),
  person: z.string().nullable(),
  secrecy: secrecySchema,
  construction: z.boolean(),
  state: recordFileStateSchema,
  openedAt: z.string(),
  openedBy: z.string(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  handover: z.object({
    /** Retention ≥ 5 years: 1 year after EndDate (3 months for construction files); null while open or when kept here. */
    dueDate: z.string().nullable(),
    keptUntil: z.string().nullable(),
    keepReason: z.string().nullable(),
    remindedAt: z.string().nullable(),
    acceptedAt: z.string().nullable(),
    acceptedBy: z.string().nullable(),
  }),
});
export type RecordFileView = z.infer<typeof recordFileSchema>;

/** One line of a file's document index (mục lục văn bản): Phụ lục VI's document fields that identify it. */
export const recordDocumentSchema = z.object({
  documentId: z.string(),
  docOrdinal: z.number().int(),
  direction: z.string(),
  typeName: z.string().nullable(),
  codeNumber: z.string().nullable(),
  codeNotation: z.string().nullable(),
  issuedDate: z.string().nullable(),
  organName: z.string().nullable(),
  subject: z.string().nullable(),
  language: z.string().nullable(),
  pageAmount: z.number().int().nullable(),
  secrecy: secrecySchema,
  addedAt: z.string(),
});
export type RecordDocumentView = z.infer<typeof recordDocumentSchema>;

const idInput = z.object({ id: recordFileIdSchema }).strict();

/**
 * Long-term validation on closing (issue 16, agency policy records.ltv_on_close): the archival copies made, beside
 * the originals, and the documents left waiting (the TSA unreachable under the `sign-without` policy) for a retry.
 */
export const archivalOutcomeSchema = z.object({
  archival: z.array(z.object({ documentId: z.string(), originalSha256: z.string(), sha256: z.string(), timestampTime: z.string() })),
  pending: z.array(z.object({ documentId: z.string(), reason: z.string() })),
});

/**
 * One signed document of a record file and how long its signatures stay verifiable (issue 16): `level` is the weakest
 * PAdES level of its record original as last checked (null: not recorded); `archival` the copy with long-term
 * validation material made from that original; `pending` a copy still waiting (the TSA unreachable at closing).
 * `longTerm`: an archival copy with every certificate's revocation data exists, or the original is B-LT or B-LTA itself.
 */
export const longTermDocumentSchema = z.object({
  documentId: z.string(),
  docOrdinal: z.number().int(),
  subject: z.string().nullable(),
  level: padesLevelSchema.nullable(),
  /** `revocationMissing`: certificates no revocation server answered for when the copy was made (then not long-term). */
  archival: z.object({ name: z.string(), sha256: z.string(), at: z.string(), timestampTime: z.string().nullable(), revocationMissing: z.number().int() }).nullable(),
  pending: z.object({ reason: z.string(), since: z.string() }).nullable(),
  longTerm: z.boolean(),
});
export type LongTermDocumentView = z.infer<typeof longTermDocumentSchema>;

const outPathSchema = z.string().min(1).max(4096).optional();
const printResultSchema = z.object({ path: z.string(), bytes: z.number().int(), rows: z.number().int() });

export const dueHandoverSchema = z.object({
  file: recordFileSchema,
  dueDate: z.string(),
  /** 30 calendar days before the due date. */
  remindOn: z.string(),
  overdue: z.boolean(),
});

export const archiveSearchSchema = z
  .object({
    fileCode: z.string().trim().min(1).max(60).optional(),
    heading: z.string().trim().min(1).max(12).optional(),
    retention: retentionSchema.optional(),
    year: yearSchema.optional(),
    unit: z.string().trim().min(1).max(200).optional(),
    state: recordFileStateSchema.optional(),
    /** Folded like the search index: "ho so dat dai" finds "Hồ sơ đất đai", in file titles and document text. */
    text: z.string().trim().min(1).max(500).optional(),
  })
  .strict();

export const archiveSearchResultSchema = z.object({
  files: z.array(recordFileSchema),
  documents: z.array(recordDocumentSchema.extend({ fileCodes: z.array(z.string()) })),
});

export const handoverPackageTypeSchema = z.enum(['SIP', 'AIP']);

/**
 * The handover package's profile: what Circular 05/2025 fixes and could not be verified (domain-vn §2.1), an agency
 * setting an admin changes (audited) rather than a constant.
 */
export const packageProfileSchema = z.object({
  /** METS@PROFILE: the E-ARK CSIP profile URL. */
  profile: z.string(),
  /** METS@TYPE (CSIP's content category) and csip:OTHERTYPE. */
  type: z.string(),
  otherType: z.string(),
  /** The folder under representations/ holding the originals. */
  representation: z.string(),
  /** The dmdSec's OTHERMDTYPE for the Phụ lục VI records. */
  descriptiveType: z.string(),
  /** The package made when `handoverPackage` names no type: SIP (another system's archive) or AIP (the same system). */
  packageType: handoverPackageTypeSchema,
});

export type PackageProfileView = z.infer<typeof packageProfileSchema>;

export const recordsService = {
  retentions: method({
    summary: 'Danh mục thời hạn bảo quản / the retention catalogue',
    input: z.object({}).strict(),
    output: z.object({ retentions: z.array(retentionEntrySchema) }),
  }),
  setRetentions: method({
    summary: 'Đặt danh mục thời hạn bảo quản (quản trị) / set the retention catalogue (admin)',
    input: z.object({ retentions: z.array(retentionSchema).min(1).max(50) }).strict(),
    output: z.object({ retentions: z.array(retentionEntrySchema) }),
  }),
  planImport: method({
    summary:
      'Nhập danh mục hồ sơ của một năm (sau khi duyệt: sửa đổi cần lý do) / import a year\'s file list (after approval, an amendment with a reason)',
    input: z.object({ plan: planInputSchema, amendmentReason: z.string().trim().min(1).max(500).optional() }).strict(),
    output: planSchema,
  }),
  planShow: method({
    summary: 'Danh mục hồ sơ của một năm / a year\'s file list',
    input: z.object({ year: yearSchema }).strict(),
    output: z.object({ plan: planSchema.nullable() }),
  }),
  planApprove: method({
    summary: 'Thủ trưởng duyệt danh mục hồ sơ (sau đó cố định) / the head approves the file list (then frozen)',
    input: z.object({ year: yearSchema }).strict(),
    output: planSchema,
  }),
  planPrint: method({
    summary: 'In danh mục hồ sơ ra PDF / print the file list to PDF',
    input: z.object({ year: yearSchema, outPath: outPathSchema }).strict(),
    output: printResultSchema,
  }),
  open: method({
    summary: 'Mở hồ sơ theo danh mục / open a record file from the file list',
    input: z.object({ year: yearSchema, notation: fileNotationSchema }).strict(),
    output: recordFileSchema,
  }),
  update: method({
    summary: 'Bổ sung thông tin hồ sơ đang mở / fill in an open file\'s metadata',
    input: z
      .object({
        id: recordFileIdSchema,
        title: z.string().trim().min(1).max(500).optional(),
        rights: z.string().trim().min(1).max(30).optional(),
        creator: z.string().trim().min(1).max(30).optional(),
        language: z.string().trim().min(1).max(50).optional(),
        description: z.string().trim().min(1).max(500).optional(),
      })
      .strict(),
    output: recordFileSchema,
  }),
  add: method({
    summary: 'Đưa văn bản vào hồ sơ (một văn bản có thể thuộc nhiều hồ sơ) / add a document to a file',
    input: z.object({ id: recordFileIdSchema, documentId: z.string().min(1).max(100) }).strict(),
    output: z.object({ file: recordFileSchema, document: recordDocumentSchema }),
  }),
  remove: method({
    summary: 'Bỏ văn bản khỏi hồ sơ đang mở / remove a document from an open file',
    input: z.object({ id: recordFileIdSchema, documentId: z.string().min(1).max(100) }).strict(),
    output: recordFileSchema,
  }),
  close: method({
    summary: 'Kết thúc hồ sơ (báo thiếu thông tin theo tên trường; lập mục lục; bổ sung LTV nếu cơ quan đặt) / close a file (missing metadata named; LTV if the agency says so)',
    input: idInput,
    output: z.object({ file: recordFileSchema, documents: z.array(recordDocumentSchema), ltv: archivalOutcomeSchema.nullable().optional() }),
  }),
  ltvRetry: method({
    summary: 'Bổ sung lại LTV cho văn bản đang chờ (hồ sơ đã kết thúc) / retry the archival copies still pending',
    input: z.object({ id: recordFileIdSchema.optional() }).strict(),
    output: archivalOutcomeSchema,
  }),
  ltvStatus: method({
    summary: 'Văn bản đã ký của hồ sơ: mức chữ ký và bản lưu trữ dài hạn / the signed documents of a file and their long-term state',
    input: idInput,
    output: z.object({ documents: z.array(longTermDocumentSchema) }),
  }),
  ltvAdd: method({
    summary:
      'Lập bản lưu trữ dài hạn (LTV, B-LTA) cho văn bản đã ký của hồ sơ, như khi kết thúc hồ sơ / make the archival copies now, as closing does',
    input: z
      .object({
        id: recordFileIdSchema,
        /** The documents to extend; all the file's signed documents without a copy when absent. Ids only: never a file. */
        documentIds: z.array(z.string().min(1).max(100)).min(1).max(500).optional(),
      })
      .strict(),
    output: archivalOutcomeSchema,
  }),
  show: method({
    summary: 'Xem hồ sơ và mục lục văn bản / a file and its document index',
    input: idInput,
    output: z.object({ file: recordFileSchema, documents: z.array(recordDocumentSchema) }),
  }),
  list: method({
    summary: 'Danh sách hồ sơ / record files',
    input: z.object({ year: yearSchema.optional(), state: recordFileStateSchema.optional() }).strict(),
    output: z.object({ files: z.array(recordFileSchema) }),
  }),
  export: method({
    summary: 'Xuất hồ sơ ra PDF hoặc XML (Phụ lục VI); bản gốc đã ký giữ nguyên / export a file to PDF or XML',
    input: z.object({ id: recordFileIdSchema, format: z.enum(['pdf', 'xml']), outPath: outPathSchema }).strict(),
    output: printResultSchema,
  }),
  handoverDue: method({
    summary: 'Hồ sơ đến hạn nộp lưu trong N ngày tới (mặc định 30) và quá hạn / files due for handover within N days',
    input: z.object({ withinDays: z.number().int().min(0).max(3660).default(30) }).strict(),
    output: z.object({ files: z.array(dueHandoverSchema) }),
  }),
  keep: method({
    summary: 'Duyệt giữ lại hồ sơ đến hạn nộp lưu (có lý do, tối đa 2 năm) / approve keeping a due file (reason, ≤ 2 years)',
    input: z.object({ id: recordFileIdSchema, until: isoDateSchema, reason: z.string().trim().min(1).max(500) }).strict(),
    output: recordFileSchema,
  }),
  handoverPackage: method({
    summary: 'Lập gói nộp lưu (E-ARK CSIP: METS, PREMIS, SHA-256) cho hồ sơ đã kết thúc / make the handover package',
    input: z
      .object({
        ids: z.array(recordFileIdSchema).min(1).max(500),
        /** Configurable where Circular 05/2025 is unverified: SIP (cross-system) or AIP (same system); default: the profile's. */
        type: handoverPackageTypeSchema.optional(),
        /** A folder: only the command line names one; other faces get a new folder in the data folder's exports. */
        outDir: outPathSchema,
      })
      .strict(),
    output: z.object({
      folder: z.string(),
      packages: z.array(z.object({ fileId: z.string(), fileCode: z.string(), path: z.string(), sha256: z.string(), documents: z.number().int() })),
      list: z.string(),
      minutes: z.string(),
    }),
  }),
  packageProfile: method({
    summary: 'Hồ sơ gói nộp lưu của cơ quan (chi tiết TT 05/2025 chưa kiểm chứng) / the agency\'s handover package profile',
    input: z.object({}).strict(),
    output: packageProfileSchema,
  }),
  setPackageProfile: method({
    summary: 'Đặt hồ sơ gói nộp lưu (quản trị, ghi nhật ký) / set the handover package profile (admin, audited)',
    input: z
      .object({
        profile: z.string().trim().min(1).max(500).optional(),
        type: z.string().trim().min(1).max(100).optional(),
        otherType: z.string().trim().min(1).max(200).optional(),
        representation: z.string().trim().min(1).max(64).optional(),
        descriptiveType: z.string().trim().min(1).max(100).optional(),
        packageType: handoverPackageTypeSchema.optional(),
        /** Every field back to the shipped default first (then the fields given). */
        reset: z.boolean().optional(),
      })
      .strict(),
    output: packageProfileSchema,
  }),
  accept: method({
    summary: 'Lưu trữ cơ quan nhận hồ sơ: chỉ đọc, ghi nhật ký / the archive accepts files: read-only, audited',
    input: z.object({ ids: z.array(recordFileIdSchema).min(1).max(500), note: z.string().trim().max(500).optional() }).strict(),
    output: z.object({ files: z.array(recordFileSchema) }),
  }),
  search: method({
    summary: 'Tra cứu hồ sơ và văn bản lưu trữ / the archivist\'s search over files and documents',
    input: archiveSearchSchema,
    output: archiveSearchResultSchema,
  }),
  searchExport: method({
    summary: 'Xuất kết quả tra cứu ra PDF hoặc CSV (có dấu in: ai, khi nào) / export search results, marked',
    input: z.object({ query: archiveSearchSchema, format: z.enum(['pdf', 'csv']), outPath: outPathSchema }).strict(),
    output: printResultSchema,
  }),
};
