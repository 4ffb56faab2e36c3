import { ACTOR_OPTIONS, PKCS11_KEY_OPTIONS, PKCS11_KEY_USAGE, SIGNER_OPTIONS, SIGNER_USAGE, STORE_OPTIONS, type Command } from '../command.js';
import { docTransitionCommands } from './doc-transition-table.js';

// Each `run` imports its command's module when called. The bundler makes every such module (and what only it needs:
// the store, pdf-lib, pdf.js, the token library) a chunk of its own, so `--help` and a usage error parse this table
// alone and `verify` never loads the code that draws PDFs. A command's options live here because the strict flag
// parser needs them before the module is loaded.

function docSigning(word: 'sign' | 'issue', summary: string): Command {
  return {
    name: `doc ${word}`,
    summary,
    usage: `doc ${word} <id> ${PKCS11_KEY_USAGE} [--note T] --as USER [--data-dir DIR] [--json]`,
    options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, ...PKCS11_KEY_OPTIONS, note: { type: 'string' } },
    positionals: [1, 1],
    run: async (context) => (await import('./doc-sign.js')).runDocSigning(word, context),
  };
}

/** `user cert …` / `agency cert …`: certificates bound to the acting user or to the agency (Decree 30 Điều 5, 32–33). */
function certificateCommands(scope: 'user' | 'agency'): Command[] {
  const owner = scope === 'user' ? 'person' : 'agency';
  const whose = scope === 'user' ? 'của mình / your own' : 'của cơ quan / the agency\'s';
  const keyUsage = '(--cert F | --pkcs11 <module> (--token <label> | --serial <hex>) [--key-id <hex>] [--pin-env NAME | --pin-stdin])';
  const tail = '--as USER [--data-dir DIR] [--json]';
  const run = (word: 'add' | 'list' | 'remove') => async (context: Parameters<Command['run']>[0]) =>
    (await import('./certificates.js')).runCertificates(owner, word, context);
  return [
    {
      name: `${scope} cert add`,
      summary: `Đăng ký chứng thư số ký ${whose} signing certificate`,
      usage: `${scope} cert add ${keyUsage} ${tail}`,
      options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, ...PKCS11_KEY_OPTIONS, cert: { type: 'string' } },
      positionals: [0, 0],
      run: run('add'),
    },
    {
      name: `${scope} cert list`,
      summary: `Chứng thư số đã đăng ký ${whose} bound certificates`,
      usage: `${scope} cert list${scope === 'user' ? ' [username]' : ''} ${tail}`,
      options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS },
      positionals: [0, scope === 'user' ? 1 : 0],
      run: run('list'),
    },
    {
      name: `${scope} cert remove`,
      summary: `Gỡ chứng thư số đã đăng ký ${whose} certificate binding removed`,
      usage: `${scope} cert remove <id> ${tail}`,
      options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS },
      positionals: [1, 1],
      run: run('remove'),
    },
  ];
}

/** Every command of the CLI: add one entry per command, its `run` in a module of its own. */
export const commands: readonly Command[] = [
  {
    name: 'axis serve',
    summary: 'Chạy trục liên thông cục bộ (thử nghiệm) / run a local exchange axis for development and tests',
    usage: 'axis serve --port P --data DIR [--systems F] [--agencies F] [--fail-rate R] [--delay-ms N] [--drop-after-receive] [--json]',
    options: { port: { type: 'string' }, data: { type: 'string' }, systems: { type: 'string' }, agencies: { type: 'string' }, 'fail-rate': { type: 'string' }, 'delay-ms': { type: 'string' }, 'drop-after-receive': { type: 'boolean' } },
    run: async (context) => (await import('./axis-serve.js')).runAxisServe(context),
  },
  {
    name: 'edxml parse',
    summary: 'Đọc và kiểm tra một thông điệp edXML (QCVN 102:2016) / read and check an edXML message',
    usage: 'edxml parse <file.edxml> [--json]',
    positionals: [1, 1],
    run: async (context) => (await import('./edxml.js')).runEdxmlParse(context),
  },
  {
    name: 'edxml build',
    summary: 'Tạo edXML của một văn bản đi đã ban hành / write the edXML of an issued outgoing document',
    usage: 'edxml build --doc <id> --out <file.edxml> --as USER [--data-dir DIR] [--json]',
    options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, doc: { type: 'string' }, out: { type: 'string' } },
    run: async (context) => (await import('./edxml.js')).runEdxmlBuild(context),
  },
  {
    name: 'info',
    summary: 'Tạo/nâng cấp kho dữ liệu và in thông tin hệ thống / create or migrate the store and show system info',
    usage: 'info [--data-dir DIR] [--as USER] [--json]',
    // --as is optional: without it, no one to count documents for.
    options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS },
    run: async (context) => (await import('./info.js')).runInfo(context),
  },
  {
    name: 'token list',
    summary: 'Liệt kê token và chứng thư số (không cần PIN) / list tokens and their certificates (no PIN needed)',
    usage: 'token list --pkcs11 <module.so|.dll> [--json]',
    options: { pkcs11: { type: 'string' } },
    run: async (context) => (await import('./token-list.js')).runTokenList(context),
  },
  {
    name: 'token check',
    summary: 'Thử ký bằng token (kiểm tra PIN và khoá) / test-sign with a token key (checks PIN and key)',
    usage: `token check ${PKCS11_KEY_USAGE} [--json]`,
    options: PKCS11_KEY_OPTIONS,
    run: async (context) => (await import('./token-check.js')).runTokenCheck(context),
  },
  {
    name: 'token probe',
    summary: 'Dò các mô-đun PKCS#11 đã cài (VNPT, Viettel, FPT, BKAV, VGCA…) / find installed PKCS#11 modules',
    usage: 'token probe [--pkcs11 <module>]... [--json]',
    options: { pkcs11: { type: 'string', multiple: true } },
    run: async (context) => (await import('./token-probe.js')).runTokenProbe(context),
  },
  {
    name: 'verify',
    summary: 'Kiểm tra chữ ký số trong tệp PDF / verify the signatures of a PDF',
    usage: 'verify <file.pdf> [--trust <pem-file|dir>]... [--at <ISO time>] [--json]',
    options: { trust: { type: 'string', multiple: true }, at: { type: 'string' } },
    positionals: [1, 1],
    run: async (context) => (await import('./verify.js')).runVerify(context),
  },
  {
    name: 'db init',
    summary: 'Khởi tạo kho dữ liệu cho một cơ quan / set up the store for an agency',
    usage: 'db init --agency <OrganId> --name <tên cơ quan> [--abbr UBND] [--numbering single|per-type] [--data-dir DIR] [--as USER] [--json]',
    options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, agency: { type: 'string' }, name: { type: 'string' }, abbr: { type: 'string' }, numbering: { type: 'string' } },
    run: async (context) => (await import('./db-init.js')).runDbInit(context),
  },
  {
    name: 'user unlock',
    summary: 'Mở khóa tài khoản bị khóa sau nhiều lần đăng nhập sai / unlock an account locked by failed sign-ins',
    usage: 'user unlock <username> --as ADMIN [--data-dir DIR] [--json]',
    options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS },
    positionals: [1, 1],
    run: async (context) => (await import('./user-unlock.js')).runUserUnlock(context),
  },
  {
    name: 'user add',
    summary: 'Thêm người dùng với vai trò / add a user with roles (clerk, leader, specialist, archivist, admin)',
    usage: 'user add <username> --role <role>... [--full-name T] [--position T] [--unit T] [--password-env NAME] [--data-dir DIR] [--as ADMIN] [--json]',
    options: {
      ...STORE_OPTIONS,
      ...ACTOR_OPTIONS,
      role: { type: 'string', multiple: true },
      'full-name': { type: 'string' },
      position: { type: 'string' },
      unit: { type: 'string' },
      'password-env': { type: 'string' },
    },
    positionals: [1, 1],
    run: async (context) => (await import('./user-add.js')).runUserAdd(context),
  },
  {
    name: 'doc receive',
    summary: 'Tiếp nhận văn bản đến (tệp điện tử hoặc bản giấy quét) / receive an incoming document',
    usage:
      'doc receive --file F.pdf [--attach F]... [--paper] --from <OrganId> [--from-name T] --number N --symbol S --date YYYY-MM-DD ' +
      '--type <abbr|name> --subject TEXT [--urgency U] [--secrecy S] [--due YYYY-MM-DD] --as USER [--data-dir DIR] [--json]',
    options: {
      ...STORE_OPTIONS,
      ...ACTOR_OPTIONS,
      file: { type: 'string' },
      attach: { type: 'string', multiple: true },
      paper: { type: 'boolean' },
      from: { type: 'string' },
      'from-name': { type: 'string' },
      number: { type: 'string' },
      symbol: { type: 'string' },
      date: { type: 'string' },
      type: { type: 'string' },
      subject: { type: 'string' },
      urgency: { type: 'string' },
      secrecy: { type: 'string' },
      due: { type: 'string' },
      signer: { type: 'string' },
    },
    run: async (context) => (await import('./doc-receive.js')).runDocReceive(context),
  },
  {
    name: 'doc draft',
    summary: 'Tạo dự thảo văn bản đi / draft an outgoing document',
    usage:
      'doc draft --type <abbr|name> --subject TEXT --file F.pdf [--attach F]... [--to <OrganId>]... [--urgency U] [--secrecy S] ' +
      '[--signer USER] [--due YYYY-MM-DD] [--internal] --as USER [--data-dir DIR] [--json]',
    options: {
      ...STORE_OPTIONS,
      ...ACTOR_OPTIONS,
      type: { type: 'string' },
      subject: { type: 'string' },
      file: { type: 'string' },
      attach: { type: 'string', multiple: true },
      to: { type: 'string', multiple: true },
      urgency: { type: 'string' },
      secrecy: { type: 'string' },
      signer: { type: 'string' },
      due: { type: 'string' },
      internal: { type: 'boolean' },
    },
    run: async (context) => (await import('./doc-draft.js')).runDocDraft(context),
  },
  ...docTransitionCommands,
  docSigning('sign', 'Lãnh đạo ký số văn bản đi (token PKCS#11) / the leader signs'),
  docSigning('issue', 'Cấp số và ký số cơ quan (văn thư, token PKCS#11) / number and seal'),
  {
    name: 'doc assign',
    summary: 'Phân công xử lý: chủ trì, phối hợp, để biết / assign handling',
    usage: 'doc assign <id> --lead USER [--support USER]... [--inform USER]... --due YYYY-MM-DD [--note T] --as USER [--data-dir DIR] [--json]',
    options: {
      ...STORE_OPTIONS,
      ...ACTOR_OPTIONS,
      lead: { type: 'string' },
      support: { type: 'string', multiple: true },
      inform: { type: 'string', multiple: true },
      due: { type: 'string' },
      note: { type: 'string' },
    },
    positionals: [1, 1],
    run: async (context) => (await import('./doc-assign.js')).runDocAssign(context),
  },
  {
    name: 'doc extend',
    summary: 'Gia hạn xử lý (lưu lịch sử gia hạn) / extend the handling deadline',
    usage: 'doc extend <id> --due YYYY-MM-DD --reason T --as USER [--data-dir DIR] [--json]',
    options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, due: { type: 'string' }, reason: { type: 'string' } },
    positionals: [1, 1],
    run: async (context) => (await import('./doc-assign.js')).runDocExtend(context),
  },
  {
    name: 'doc show',
    summary: 'Xem văn bản / show a document',
    usage: 'doc show <id> --as USER [--data-dir DIR] [--json]',
    options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS },
    positionals: [1, 1],
    run: async (context) => (await import('./doc-show.js')).runDocShow(context),
  },
  {
    name: 'doc history',
    summary: 'Nhật ký xử lý của văn bản / processing history',
    usage: 'doc history <id> --as USER [--data-dir DIR] [--json]',
    options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS },
    positionals: [1, 1],
    run: async (context) => (await import('./doc-show.js')).runDocHistory(context),
  },
  {
    name: 'doc list',
    summary: 'Danh sách văn bản / list documents',
    usage: 'doc list [--direction in|out|internal] [--state S] [--year Y] [--limit N] --as USER [--data-dir DIR] [--json]',
    options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, direction: { type: 'string' }, state: { type: 'string' }, year: { type: 'string' }, limit: { type: 'string' } },
    run: async (context) => (await import('./doc-show.js')).runDocList(context),
  },
  {
    name: 'audit verify',
    summary: 'Kiểm tra toàn vẹn nhật ký hệ thống / verify the hash-chained audit log',
    usage: 'audit verify --as USER [--data-dir DIR] [--json]',
    options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS },
    run: async (context) => (await import('./audit-verify.js')).runAuditVerify(context),
  },
  {
    name: 'search',
    summary: 'Tìm văn bản, có dấu hay không dấu / search documents, with or without diacritics',
    usage: 'search <query> [--year Y] [--direction in|out|internal] [--limit N] [--cursor C] --as USER [--data-dir DIR] [--json]',
    options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, year: { type: 'string' }, direction: { type: 'string' }, limit: { type: 'string' }, cursor: { type: 'string' } },
    positionals: [1, 1],
    run: async (context) => (await import('./search.js')).runSearch(context),
  },
  {
    name: 'stats',
    summary: 'Thống kê văn bản theo kỳ (đến, đi, đúng hạn, trễ, điện tử) / document statistics for a period',
    usage: 'stats [--year Y [--quarter Q | --month M]] [--from YYYY-MM-DD --to YYYY-MM-DD] [--level L] --as USER [--data-dir DIR] [--json]',
    options: {
      ...STORE_OPTIONS, ...ACTOR_OPTIONS,
      year: { type: 'string' }, quarter: { type: 'string' }, month: { type: 'string' },
      from: { type: 'string' }, to: { type: 'string' }, level: { type: 'string' },
    },
    run: async (context) => (await import('./stats.js')).runStats(context),
  },
  {
    name: 'calendar list',
    summary: 'Xem lịch làm việc của một năm: ngày lễ, nghỉ bù, làm bù / the working-day calendar of a year',
    usage: 'calendar list --year Y --as USER [--data-dir DIR] [--json]',
    options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, year: { type: 'string' } },
    run: async (context) => (await import('./calendar.js')).runCalendarList(context),
  },
  {
    name: 'calendar set',
    summary: 'Nhập ngày nghỉ (Tết, nghỉ bù) hoặc ngày làm bù (quản trị) / enter a day off or a working day (admin)',
    usage: 'calendar set <YYYY-MM-DD> (--holiday | --working) --name TEXT --as USER [--data-dir DIR] [--json]',
    options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, holiday: { type: 'boolean' }, working: { type: 'boolean' }, name: { type: 'string' } },
    positionals: [1, 1],
    run: async (context) => (await import('./calendar.js')).runCalendarSet(context),
  },
  {
    name: 'calendar remove',
    summary: 'Bỏ một ngày đã nhập trong lịch (quản trị) / remove an entered day (admin)',
    usage: 'calendar remove <YYYY-MM-DD> --as USER [--data-dir DIR] [--json]',
    options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS },
    positionals: [1, 1],
    run: async (context) => (await import('./calendar.js')).runCalendarRemove(context),
  },
  {
    name: 'directory import',
    summary: 'Nhập danh bạ đầu mối từ tệp JSON, tất cả hoặc không / import the directory from JSON, all or nothing',
    usage: 'directory import <file.json> [--replace] --as ADMIN [--data-dir DIR] [--json]',
    options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, replace: { type: 'boolean' } },
    positionals: [1, 1],
    run: async (context) => (await import('./directory.js')).runDirectoryImport(context),
  },
  {
    name: 'directory export',
    summary: 'Xuất danh bạ ra tệp JSON / export the directory to a JSON file',
    usage: 'directory export --out FILE --as USER [--data-dir DIR] [--json]',
    options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, out: { type: 'string' } },
    run: async (context) => (await import('./directory.js')).runDirectoryExport(context),
  },
  {
    name: 'directory search',
    summary: 'Tìm đầu mối theo mã hoặc tên / find endpoints by code or name',
    usage: 'directory search <text> [--limit N] --as USER [--data-dir DIR] [--json]',
    options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, limit: { type: 'string' } },
    positionals: [1, 1],
    run: async (context) => (await import('./directory.js')).runDirectorySearch(context),
  },
  {
    name: 'register print',
    summary: 'In sổ đăng ký văn bản đi/đến ra PDF (Phụ lục IV NĐ 30/2020) / print a register to PDF',
    usage: 'register print --year Y --direction in|out --out F.pdf [--kind normal|secret|copy] --as USER [--data-dir DIR] [--json]',
    options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, year: { type: 'string' }, direction: { type: 'string' }, out: { type: 'string' }, kind: { type: 'string' } },
    run: async (context) => (await import('./register-print.js')).runRegisterPrint(context),
  },
  {
    name: 'demo seed',
    summary: 'Nạp dữ liệu mẫu: tỉnh Demo, người dùng theo vai trò, văn bản đi/đến nhiều năm / load demo data',
    usage: 'demo seed [--docs N] [--seed S] [--password-env NAME] [--data-dir DIR] [--json]',
    options: { ...STORE_OPTIONS, docs: { type: 'string' }, seed: { type: 'string' }, 'password-env': { type: 'string' } },
    run: async (context) => (await import('./demo-seed.js')).runDemoSeed(context),
  },
  {
    name: 'pdf prepare',
    summary: 'Tạo ô số và ngày trống trước khi ký / add the empty number and date fields before signing',
    usage: 'pdf prepare <in.pdf> --out <out.pdf> [--number-rect p,x,y,w,h] [--date-rect p,x,y,w,h] [--json]',
    options: { out: { type: 'string' }, 'number-rect': { type: 'string' }, 'date-rect': { type: 'string' } },
    positionals: [1, 1],
    run: async (context) => (await import('./pdf-prepare.js')).runPdfPrepare(context),
  },
  {
    name: 'sign',
    summary: 'Ký số tệp PDF (PAdES, cập nhật gia tăng) / sign a PDF (PAdES, incremental update)',
    usage:
      `sign <in.pdf> --out <out.pdf> ${SIGNER_USAGE} [--page N --rect x,y,w,h] [--image png] ` +
      '[--appearance signer|seal|stamp] [--text line]... [--fill number=<text> --fill date=<dd/MM/yyyy>] [--reason text] ' +
      '[--field name] [--sub-filter ETSI.CAdES.detached|adbe.pkcs7.detached] [--json]',
    options: {
      ...SIGNER_OPTIONS,
      out: { type: 'string' },
      page: { type: 'string' },
      rect: { type: 'string' },
      image: { type: 'string' },
      appearance: { type: 'string' },
      text: { type: 'string', multiple: true },
      fill: { type: 'string', multiple: true },
      reason: { type: 'string' },
      field: { type: 'string' },
      'sub-filter': { type: 'string' },
    },
    positionals: [1, 1],
    run: async (context) => (await import('./sign.js')).runSign(context),
  },
  {
    name: 'user signature',
    summary: 'Đặt ảnh chữ ký của chính mình (PNG xanh, nền trong suốt) / set your own signature image',
    usage: 'user signature <username> --image <chu-ky.png> --as USER [--data-dir DIR] [--json]',
    options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, image: { type: 'string' } },
    positionals: [1, 1],
    run: async (context) => (await import('./user-signature.js')).runUserSignature(context),
  },
  {
    name: 'agency seal',
    summary: 'Đặt ảnh con dấu cơ quan (PNG đỏ, nền trong suốt, đúng kích thước thật) / set the agency seal image',
    usage: 'agency seal --image <con-dau.png> --as USER [--data-dir DIR] [--json]',
    options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, image: { type: 'string' } },
    positionals: [0, 0],
    run: async (context) => (await import('./agency-seal.js')).runAgencySeal(context),
  },
  {
    name: 'agency place',
    summary: 'Đặt địa danh ghi trước ngày ban hành / set the place written before the issue date',
    usage: 'agency place <địa danh> --as ADMIN [--data-dir DIR] [--json]',
    options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS },
    positionals: [1, 1],
    run: async (context) => (await import('./agency-seal.js')).runAgencyPlace(context),
  },
  ...certificateCommands('user'),
  ...certificateCommands('agency'),

];
