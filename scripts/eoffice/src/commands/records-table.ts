import { ACTOR_OPTIONS, STORE_OPTIONS, type Command } from '../command.js';

// Hồ sơ và lưu trữ (issue 14): `files plan …`, `files …`, `handover …`. Kept apart from index.ts so the records
// commands change in one place; each `run` loads its module only when called, like the rest of the table.

const TAIL = '--as USER [--data-dir DIR] [--json]';
const ACTING = { ...STORE_OPTIONS, ...ACTOR_OPTIONS };
type Run = Command['run'];
const plan = (name: 'runPlanImport' | 'runPlanExport' | 'runPlanApprove' | 'runPlanPrint' | 'runPlanShow'): Run => async (context) =>
  (await import('./file-plan.js'))[name](context);
const files = (
  name: 'runFileOpen' | 'runFileUpdate' | 'runFileAdd' | 'runFileRemove' | 'runFileClose' | 'runFileLtvRetry' | 'runFileLtvStatus' | 'runFileLtvAdd' | 'runFileShow' | 'runFileList' | 'runFileExport' | 'runFileSearch',
): Run => async (context) => (await import('./record-files.js'))[name](context);
const handover = (name: 'runHandoverDue' | 'runHandoverPackage' | 'runHandoverAccept' | 'runHandoverKeep' | 'runHandoverProfile'): Run => async (context) =>
  (await import('./handover.js'))[name](context);

export const recordsCommands: readonly Command[] = [
  {
    name: 'files plan import',
    summary: 'Nhập danh mục hồ sơ của một năm từ tệp JSON (đã duyệt: cần --reason) / import a year\'s file list',
    usage: `files plan import <plan.json> [--reason T] ${TAIL}`,
    options: { ...ACTING, reason: { type: 'string' } },
    positionals: [1, 1],
    run: plan('runPlanImport'),
  },
  {
    name: 'files plan export',
    summary: 'Xuất danh mục hồ sơ ra tệp JSON (nhập lại được, giữ số) / export the file list as re-importable JSON',
    usage: `files plan export --year Y --out F.json ${TAIL}`,
    options: { ...ACTING, year: { type: 'string' }, out: { type: 'string' } },
    run: plan('runPlanExport'),
  },
  {
    name: 'files plan show',
    summary: 'Xem danh mục hồ sơ của một năm / show a year\'s file list',
    usage: `files plan show --year Y ${TAIL}`,
    options: { ...ACTING, year: { type: 'string' } },
    run: plan('runPlanShow'),
  },
  {
    name: 'files plan approve',
    summary: 'Thủ trưởng duyệt danh mục hồ sơ (sau đó cố định) / the head approves the file list (then frozen)',
    usage: `files plan approve --year Y ${TAIL}`,
    options: { ...ACTING, year: { type: 'string' } },
    run: plan('runPlanApprove'),
  },
  {
    name: 'files plan print',
    summary: 'In danh mục hồ sơ ra PDF / print the file list to PDF',
    usage: `files plan print --year Y --out F.pdf ${TAIL}`,
    options: { ...ACTING, year: { type: 'string' }, out: { type: 'string' } },
    run: plan('runPlanPrint'),
  },
  {
    name: 'files open',
    summary: 'Mở hồ sơ theo danh mục (số và ký hiệu, ví dụ 01.TH) / open a record file from the file list',
    usage: `files open <notation> --year Y ${TAIL}`,
    options: { ...ACTING, year: { type: 'string' } },
    positionals: [1, 1],
    run: files('runFileOpen'),
  },
  {
    name: 'files update',
    summary: 'Bổ sung thông tin hồ sơ đang mở / fill in an open file\'s metadata',
    usage: `files update <file> [--title T] [--rights T] [--creator T] [--language T] [--description T] ${TAIL}`,
    options: { ...ACTING, title: { type: 'string' }, rights: { type: 'string' }, creator: { type: 'string' }, language: { type: 'string' }, description: { type: 'string' } },
    positionals: [1, 1],
    run: files('runFileUpdate'),
  },
  {
    name: 'files add',
    summary: 'Đưa văn bản vào hồ sơ (không sao chép) / add a document to a file (by reference)',
    usage: `files add <file> <document-id> ${TAIL}`,
    options: ACTING,
    positionals: [2, 2],
    run: files('runFileAdd'),
  },
  {
    name: 'files remove',
    summary: 'Bỏ văn bản khỏi hồ sơ đang mở / remove a document from an open file',
    usage: `files remove <file> <document-id> ${TAIL}`,
    options: ACTING,
    positionals: [2, 2],
    run: files('runFileRemove'),
  },
  {
    name: 'files close',
    summary: 'Kết thúc hồ sơ (báo thiếu thông tin theo tên trường) / close a file (missing metadata named)',
    usage: `files close <file> ${TAIL}`,
    options: ACTING,
    positionals: [1, 1],
    run: files('runFileClose'),
  },
  {
    name: 'files ltv-retry',
    summary: 'Bổ sung lại LTV cho văn bản đang chờ của hồ sơ đã kết thúc (hoặc mọi hồ sơ) / retry the pending archival copies',
    usage: `files ltv-retry [<file>] ${TAIL}`,
    options: ACTING,
    positionals: [0, 1],
    run: files('runFileLtvRetry'),
  },
  {
    name: 'files ltv',
    summary: 'Văn bản đã ký của hồ sơ: mức chữ ký, bản lưu trữ dài hạn / the signed documents of a file and their long-term state',
    usage: `files ltv <file> ${TAIL}`,
    options: ACTING,
    positionals: [1, 1],
    run: files('runFileLtvStatus'),
  },
  {
    name: 'files ltv-add',
    summary: 'Lập bản lưu trữ dài hạn (B-LTA) cho văn bản đã ký của hồ sơ (hoặc các văn bản nêu) / make the archival copies now',
    usage: `files ltv-add <file> [<document-id>...] ${TAIL}`,
    options: ACTING,
    positionals: [1, 500],
    run: files('runFileLtvAdd'),
  },
  {
    name: 'files show',
    summary: 'Xem hồ sơ và mục lục văn bản / a file and its document index',
    usage: `files show <file> ${TAIL}`,
    options: ACTING,
    positionals: [1, 1],
    run: files('runFileShow'),
  },
  {
    name: 'files list',
    summary: 'Danh sách hồ sơ / list record files',
    usage: `files list [--year Y] [--state open|closed|archived] ${TAIL}`,
    options: { ...ACTING, year: { type: 'string' }, state: { type: 'string' } },
    run: files('runFileList'),
  },
  {
    name: 'files export',
    summary: 'Xuất hồ sơ ra PDF hoặc XML (Phụ lục VI; bản gốc đã ký giữ nguyên) / export a file to PDF or XML',
    usage: `files export <file> --format pdf|xml --out F ${TAIL}`,
    options: { ...ACTING, format: { type: 'string' }, out: { type: 'string' } },
    positionals: [1, 1],
    run: files('runFileExport'),
  },
  {
    name: 'files search',
    summary: 'Tra cứu hồ sơ và văn bản lưu trữ, xuất CSV/PDF có dấu in / the archivist\'s search, exportable',
    usage:
      'files search [text] [--file-code C] [--heading H] [--retention permanent|N] [--year Y] [--unit U] [--state S] ' +
      `[--format csv|pdf --out F] ${TAIL}`,
    options: {
      ...ACTING,
      'file-code': { type: 'string' }, heading: { type: 'string' }, retention: { type: 'string' }, year: { type: 'string' },
      unit: { type: 'string' }, state: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' },
    },
    positionals: [0, 1],
    run: files('runFileSearch'),
  },
  {
    name: 'handover due',
    summary: 'Hồ sơ đến hạn nộp lưu trong N ngày tới (mặc định 30) và quá hạn / files due for handover',
    usage: `handover due [--within N] ${TAIL}`,
    options: { ...ACTING, within: { type: 'string' } },
    run: handover('runHandoverDue'),
  },
  {
    name: 'handover keep',
    summary: 'Duyệt giữ lại hồ sơ đến hạn nộp lưu (lý do, tối đa 2 năm) / approve keeping a due file',
    usage: `handover keep <file> --until YYYY-MM-DD --reason T ${TAIL}`,
    options: { ...ACTING, until: { type: 'string' }, reason: { type: 'string' } },
    positionals: [1, 1],
    run: handover('runHandoverKeep'),
  },
  {
    name: 'handover package',
    summary: 'Lập gói nộp lưu E-ARK CSIP (METS, PREMIS, SHA-256) cho hồ sơ đã kết thúc / make the handover package',
    usage: `handover package <file>... [--out DIR] [--type SIP|AIP (default: the profile's)] ${TAIL}`,
    options: { ...ACTING, out: { type: 'string' }, type: { type: 'string' } },
    positionals: [1, 500],
    run: handover('runHandoverPackage'),
  },
  {
    name: 'handover profile',
    summary: 'Hồ sơ gói nộp lưu của cơ quan (chi tiết TT 05/2025 chưa kiểm chứng; quản trị đặt) / the agency\'s handover package profile',
    usage:
      'handover profile [--csip-profile URL] [--mets-type T] [--other-type T] [--representation NAME] [--descriptive-type T] ' +
      `[--package-type SIP|AIP] [--reset] ${TAIL}`,
    options: {
      ...ACTING,
      'csip-profile': { type: 'string' }, 'mets-type': { type: 'string' }, 'other-type': { type: 'string' }, representation: { type: 'string' },
      'descriptive-type': { type: 'string' }, 'package-type': { type: 'string' }, reset: { type: 'boolean' },
    },
    run: handover('runHandoverProfile'),
  },
  {
    name: 'handover accept',
    summary: 'Lưu trữ cơ quan nhận hồ sơ: chỉ đọc, ghi nhật ký / the archive accepts files (read-only, audited)',
    usage: `handover accept <file>... [--note T] ${TAIL}`,
    options: { ...ACTING, note: { type: 'string' } },
    positionals: [1, 500],
    run: handover('runHandoverAccept'),
  },
];
