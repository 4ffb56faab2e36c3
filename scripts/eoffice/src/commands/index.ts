import { ACTOR_OPTIONS, PKCS11_KEY_OPTIONS, PKCS11_KEY_USAGE, SIGNER_OPTIONS, SIGNER_USAGE, STORE_OPTIONS, type Command } from '../command.js';
import { docTransitionCommands } from './doc-transition-table.js';
import { recordsCommands } from './records-table.js';
import { DOCUMENT_METADATA_FLAGS, DOCUMENT_METADATA_USAGE } from './document-metadata-flags.js';

// Each `run` imports its command's module when called. The bundler makes every such module (and what only it needs:
// the store, pdf-lib, pdf.js, the token library) a chunk of its own, so `--help` and a usage error parse this table
// alone and `verify` never loads the code that draws PDFs. A command's options live here because the strict flag
// parser needs them before the module is loaded.

function docSigning(word: 'sign' | 'issue' | 'copy', summary: string): Command {
  const form = word === 'copy' ? ' --form SY|TrS|SL' : '';
  return {
    name: `doc ${word}`,
    summary,
    usage: `doc ${word} <id>${form} ${PKCS11_KEY_USAGE} [--note T] --as USER [--data-dir DIR] [--json]`,
    options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, ...PKCS11_KEY_OPTIONS, note: { type: 'string' }, ...(word === 'copy' ? { form: { type: 'string' } } : {}) },
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

/** `user deputy …`: ký thay, a leader's deputy for a period who signs their documents as "KT." (issue 11 item 5). */
function deputyCommands(): Command[] {
  const run = (word: 'set' | 'list' | 'end') => async (context: Parameters<Command['run']>[0]) => (await import('./user-deputy.js')).runUserDeputy(word, context);
  const tail = '[--data-dir DIR] [--json]';
  return [
    {
      name: 'user deputy set',
      summary:
        'Giao ký thay: người ký thay ký "KT." văn bản chờ lãnh đạo ký, từ ngày đến ngày (giờ Việt Nam); quản trị giao thay cho lãnh đạo vắng (--for) / ' +
        'name a deputy for a period (an admin: for an absent leader, --for)',
      usage: `user deputy set --deputy USER --from YYYY-MM-DD --to YYYY-MM-DD (--as LEADER | --for LEADER --as ADMIN) ${tail}`,
      options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, deputy: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, for: { type: 'string' } },
      positionals: [0, 0],
      run: run('set'),
    },
    {
      name: 'user deputy list',
      summary: 'Danh sách ký thay (giao và được giao) / deputy periods, given and received',
      usage: `user deputy list --as USER ${tail}`,
      options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS },
      positionals: [0, 0],
      run: run('list'),
    },
    {
      name: 'user deputy end',
      summary: 'Kết thúc ký thay sớm (một, hoặc mọi thời gian chưa qua; quản trị: --for LEADER) / end a deputy period early (an admin: --for LEADER)',
      usage: `user deputy end [<id>] (--as LEADER | --for LEADER --as ADMIN) ${tail}`,
      options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, for: { type: 'string' } },
      positionals: [0, 1],
      run: run('end'),
    },
  ];
}

/** `trust …`: the agency's trust anchors and its "require trusted" policy (issue 11 item 2). */
function trustCommands(): Command[] {
  const tail = '--as USER [--data-dir DIR] [--json]';
  const run = (word: 'add' | 'list' | 'remove' | 'require') => async (context: Parameters<Command['run']>[0]) =>
    (await import('./trust.js')).runTrust(word, context);
  return [
    { name: 'trust add', summary: 'Thêm chứng thư gốc tin cậy (quản trị) / add a trust anchor (admin)', usage: `trust add --cert F ${tail}`, options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, cert: { type: 'string' } }, positionals: [0, 0], run: run('add') },
    { name: 'trust list', summary: 'Chứng thư gốc tin cậy và chính sách / trust anchors and the policy', usage: `trust list ${tail}`, options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS }, positionals: [0, 0], run: run('list') },
    { name: 'trust remove', summary: 'Gỡ chứng thư gốc tin cậy (quản trị) / remove a trust anchor (admin)', usage: `trust remove <id> ${tail}`, options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS }, positionals: [1, 1], run: run('remove') },
    { name: 'trust require', summary: 'Bắt buộc chuỗi tin cậy cho văn bản đến / require a trusted chain on arrivals', usage: `trust require on|off ${tail}`, options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS }, positionals: [1, 1], run: run('require') },
  ];
}

/** `user passwd|reset|deactivate|reactivate|open-work|reassign`: one mechanism with the UI (issue 13 item 6). */
function userAccountCommands(): Command[] {
  const load = () => import('./user-accounts.js');
  const admin = (name: string, summary: string, run: (m: Awaited<ReturnType<typeof load>>) => (c: Parameters<Command['run']>[0]) => Promise<number>): Command => ({
    name: `user ${name}`,
    summary,
    usage: `user ${name} <username> --as ADMIN [--data-dir DIR] [--json]`,
    options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS },
    positionals: [1, 1],
    run: async (context) => run(await load())(context),
  });
  return [
    {
      name: 'user passwd',
      summary: 'Đổi mật khẩu của chính mình (mật khẩu từ stdin hoặc biến môi trường, không bao giờ trên dòng lệnh) / change your own password',
      usage: 'user passwd (--password-stdin | --current-password-env NAME --password-env NAME) --as USER [--data-dir DIR] [--json]',
      options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, 'password-stdin': { type: 'boolean' }, 'current-password-env': { type: 'string' }, 'password-env': { type: 'string' } },
      positionals: [0, 0],
      run: async (context) => (await load()).runUserPasswd(context),
    },
    admin('reset', 'Đặt lại mật khẩu: in mật khẩu tạm, người dùng phải đổi ở lần đăng nhập sau / reset a password (changed at the next sign-in)', (m) => m.runUserReset),
    admin('deactivate', 'Khóa tài khoản người nghỉ việc: phiên kết thúc ngay, liệt kê việc đang mở / deactivate a departing user', (m) => m.runUserDeactivate),
    admin('reactivate', 'Mở lại tài khoản đã khóa / reactivate a deactivated user', (m) => m.runUserReactivate),
    admin('open-work', 'Việc đang mở (phân công, dự thảo) của một người / a user’s open assignments and drafts', (m) => m.runUserOpenWork),
    {
      name: 'user reassign',
      summary: 'Chuyển mọi việc đang mở sang người khác / move open assignments and drafts to another active user',
      usage: 'user reassign --from USER --to USER --as ADMIN [--data-dir DIR] [--json]',
      options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, from: { type: 'string' }, to: { type: 'string' } },
      positionals: [0, 0],
      run: async (context) => (await load()).runUserReassign(context),
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
    name: 'serve',
    summary: 'Máy chủ cơ quan: dịch vụ và giao diện qua HTTPS cho các máy trạm / the agency server: the services and the UI over HTTPS to the workstations',
    usage: 'serve --listen HOST:PORT [--db URL] [--tls-cert F --tls-key F] [--renderer-dir DIR] [--data-dir DIR] [--json]',
    options: { ...STORE_OPTIONS, listen: { type: 'string' }, 'tls-cert': { type: 'string' }, 'tls-key': { type: 'string' }, 'renderer-dir': { type: 'string' } },
    positionals: [0, 0],
    run: async (context) => (await import('./serve.js')).runServe(context),
  },
  {
    name: 'sync',
    summary: 'Đồng bộ với trục liên thông: gửi hàng đợi, nhận văn bản và trạng thái / exchange with the axis: send the outbox, take in documents and statuses',
    usage: 'sync --axis URL --system-id ID (--secret-env NAME | --secret-file F) [--once] [--interval S] [--backoff-ms A,B,C] [--refresh-directory] [--data-dir DIR] [--json]',
    options: {
      ...STORE_OPTIONS,
      axis: { type: 'string' },
      'system-id': { type: 'string' },
      'secret-env': { type: 'string' },
      'secret-file': { type: 'string' },
      once: { type: 'boolean' },
      interval: { type: 'string' },
      'backoff-ms': { type: 'string' },
      'refresh-directory': { type: 'boolean' },
    },
    positionals: [0, 0],
    run: async (context) => (await import('./sync.js')).runSync(context),
  },
  {
    name: 'sync status',
    summary: 'Tình trạng liên thông: hàng đợi, lỗi gần nhất, cách ly / sync status: queues, last errors, quarantine',
    usage: 'sync status [--data-dir DIR] [--json]',
    options: { ...STORE_OPTIONS },
    positionals: [0, 0],
    run: async (context) => (await import('./sync.js')).runSyncStatus(context),
  },
  {
    name: 'sync deliveries',
    summary: 'Văn bản đã gửi: trạng thái từng nơi nhận báo về / a sent document: the statuses each recipient sent back',
    usage: 'sync deliveries <id> --as USER [--data-dir DIR] [--json]',
    options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS },
    positionals: [1, 1],
    run: async (context) => (await import('./sync.js')).runSyncDeliveries(context),
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
    usage: 'verify <file.pdf> [--trust <pem-file|dir>]... [--at <ISO time>] [--online] [--json]',
    options: { trust: { type: 'string', multiple: true }, at: { type: 'string' }, online: { type: 'boolean' } },
    positionals: [1, 1],
    run: async (context) => (await import('./verify.js')).runVerify(context),
  },
  {
    name: 'ltv add',
    summary: 'Bổ sung dữ liệu kiểm tra dài hạn (PAdES B-LT/B-LTA) và dấu thời gian lưu trữ / add long-term validation data and an archive timestamp',
    usage: 'ltv add <in.pdf> --out <out.pdf> --tsa URL [--trust <pem-file|dir>]... [--json]',
    options: { out: { type: 'string' }, tsa: { type: 'string' }, trust: { type: 'string', multiple: true } },
    positionals: [1, 1],
    run: async (context) => (await import('./ltv-add.js')).runLtvAdd(context),
  },
  {
    name: 'db init',
    summary: 'Khởi tạo kho dữ liệu cho một cơ quan / set up the store for an agency',
    usage: 'db init --agency <OrganId> --name <tên cơ quan> [--abbr UBND] [--numbering single|per-type] [--data-dir DIR] [--as USER] [--json]',
    options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, agency: { type: 'string' }, name: { type: 'string' }, abbr: { type: 'string' }, numbering: { type: 'string' } },
    run: async (context) => (await import('./db-init.js')).runDbInit(context),
  },
  {
    name: 'db migrate',
    summary: 'Nâng cấp lược đồ cơ sở dữ liệu / bring the database to this version\'s schema',
    usage: 'db migrate [--db sqlite:FILE|postgres://USER@HOST/DB] [--data-dir DIR] [--json]',
    options: { ...STORE_OPTIONS },
    run: async (context) => (await import('./db-store.js')).runDbMigrate(context),
  },
  {
    name: 'db copy',
    summary: 'Chuyển dữ liệu một máy (SQLite) lên máy chủ PostgreSQL / move a single-machine store onto PostgreSQL',
    usage: 'db copy --from sqlite:FILE --to postgres://USER@HOST/DB [--data-dir DIR] [--json]',
    options: { ...STORE_OPTIONS, from: { type: 'string' }, to: { type: 'string' } },
    run: async (context) => (await import('./db-store.js')).runDbCopy(context),
  },
  {
    name: 'db backup',
    summary: 'Sao lưu kho một máy (SQLite, nhật ký neo, tệp) vào một tệp / back up the single-machine store into one archive',
    usage: 'db backup --out <file> [--db sqlite:FILE] [--data-dir DIR] [--json]',
    options: { ...STORE_OPTIONS, out: { type: 'string' } },
    run: async (context) => (await import('./db-store.js')).runDbBackup(context),
  },
  {
    name: 'db restore',
    summary: 'Khôi phục bản sao lưu vào thư mục dữ liệu trống / restore a backup into an empty data folder',
    usage: 'db restore <file> [--data-dir DIR] [--json]',
    options: { 'data-dir': { type: 'string' } },
    positionals: [1, 1],
    run: async (context) => (await import('./db-store.js')).runDbRestore(context),
  },
  {
    name: 'user unlock',
    summary: 'Mở khóa tài khoản bị khóa sau nhiều lần đăng nhập sai / unlock an account locked by failed sign-ins',
    usage: 'user unlock <username> --as ADMIN [--data-dir DIR] [--json]',
    options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS },
    positionals: [1, 1],
    run: async (context) => (await import('./user-unlock.js')).runUserUnlock(context),
  },
  ...userAccountCommands(),
  ...deputyCommands(),
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
      'doc receive --file F.pdf --suggest --as USER [--data-dir DIR] [--json]  |  ' +
      'doc receive --file F.pdf [--attach F]... [--paper] --from <OrganId> [--from-name T] --number N --symbol S --date YYYY-MM-DD ' +
      '--type <abbr|name> --subject TEXT [--urgency U] [--secrecy S] [--due YYYY-MM-DD | --due-in N] [--signer NAME] [--signer-position T] ' +
      `${DOCUMENT_METADATA_USAGE} --as USER [--data-dir DIR] [--json]`,
    options: {
      ...STORE_OPTIONS,
      ...ACTOR_OPTIONS,
      file: { type: 'string' },
      attach: { type: 'string', multiple: true },
      paper: { type: 'boolean' },
      suggest: { type: 'boolean' },
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
      'due-in': { type: 'string' },
      signer: { type: 'string' },
      'signer-position': { type: 'string' },
      ...DOCUMENT_METADATA_FLAGS,
    },
    run: async (context) => (await import('./doc-receive.js')).runDocReceive(context),
  },
  {
    name: 'doc draft',
    summary: 'Tạo dự thảo văn bản đi / draft an outgoing document',
    usage:
      'doc draft --type <abbr|name> --subject TEXT --file F.pdf [--attach F]... [--to <OrganId>]... [--urgency U] [--secrecy S] ' +
      '[--signer USER] [--authority TM|KT|TL|TUQ|Q] [--due YYYY-MM-DD | --due-in N] [--internal] ' +
      `${DOCUMENT_METADATA_USAGE} --as USER [--data-dir DIR] [--json]`,
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
      authority: { type: 'string' },
      due: { type: 'string' },
      'due-in': { type: 'string' },
      internal: { type: 'boolean' },
      ...DOCUMENT_METADATA_FLAGS,
    },
    run: async (context) => (await import('./doc-draft.js')).runDocDraft(context),
  },
  ...docTransitionCommands,
  docSigning('sign', 'Lãnh đạo ký số văn bản đi (token PKCS#11) / the leader signs'),
  docSigning('issue', 'Cấp số và ký số cơ quan (văn thư, token PKCS#11) / number and seal'),
  docSigning('copy', 'Sao văn bản điện tử, ký số cơ quan, số theo sổ bản sao (SY sao y, TrS trích sao, SL sao lục) / a signed, numbered copy'),
  {
    name: 'doc assign',
    summary: 'Phân công xử lý: chủ trì, phối hợp, để biết / assign handling',
    usage: 'doc assign <id> --lead USER [--support USER]... [--inform USER]... (--due YYYY-MM-DD | --due-in N) [--note T] --as USER [--data-dir DIR] [--json]',
    options: {
      ...STORE_OPTIONS,
      ...ACTOR_OPTIONS,
      lead: { type: 'string' },
      support: { type: 'string', multiple: true },
      inform: { type: 'string', multiple: true },
      due: { type: 'string' },
      'due-in': { type: 'string' },
      note: { type: 'string' },
    },
    positionals: [1, 1],
    run: async (context) => (await import('./doc-assign.js')).runDocAssign(context),
  },
  {
    name: 'doc extend',
    summary: 'Gia hạn xử lý (lưu lịch sử gia hạn) / extend the handling deadline',
    usage: 'doc extend <id> (--due YYYY-MM-DD | --due-in N) --reason T --as USER [--data-dir DIR] [--json]',
    options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, due: { type: 'string' }, 'due-in': { type: 'string' }, reason: { type: 'string' } },
    positionals: [1, 1],
    run: async (context) => (await import('./doc-assign.js')).runDocExtend(context),
  },
  {
    name: 'doc opinion',
    summary: 'Ý kiến phối hợp: người phối hợp ghi ý kiến vào việc được giao / a supporting assignee records their opinion',
    usage: 'doc opinion <id> --text T --as USER [--data-dir DIR] [--json]',
    options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, text: { type: 'string' } },
    positionals: [1, 1],
    run: async (context) => (await import('./doc-opinion.js')).runDocOpinion(context),
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
    name: 'doc due-soon',
    summary: 'Đôn đốc: việc được giao sắp đến hạn (N ngày làm việc) / assignments due within N working days',
    usage: 'doc due-soon [--within N] --as USER [--data-dir DIR] [--json]',
    options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, within: { type: 'string' } },
    run: async (context) => (await import('./doc-due-soon.js')).runDocDueSoon(context),
  },
  {
    name: 'doc check-format',
    summary: 'Kiểm tra thể thức dự thảo theo Phụ lục I (như khi duyệt) / check a draft against Phụ lục I, as approval does',
    usage: 'doc check-format <id> --as USER [--data-dir DIR] [--json]',
    options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS },
    positionals: [1, 1],
    run: async (context) => (await import('./doc-check-format.js')).runDocCheckFormat(context),
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
    usage: 'doc list [--direction in|out|internal] [--state S] [--year Y] [--limit N] [--awaiting-signature] --as USER [--data-dir DIR] [--json]',
    options: {
      ...STORE_OPTIONS, ...ACTOR_OPTIONS,
      direction: { type: 'string' }, state: { type: 'string' }, year: { type: 'string' }, limit: { type: 'string' }, 'awaiting-signature': { type: 'boolean' },
    },
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
    name: 'doc ocr-copy',
    summary: 'Bản sao để đọc PDF/A-2b hai lớp (ảnh + chữ nhận dạng), ghi rõ là bản sao; bản gốc giữ nguyên / a searchable reader copy',
    usage: 'doc ocr-copy <id> --out F.pdf --as USER [--data-dir DIR] [--json]',
    options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, out: { type: 'string' } },
    positionals: [1, 1],
    run: async (context) => (await import('./ocr.js')).runOcrCopy(context),
  },
  {
    name: 'ocr run',
    summary: 'Nhận dạng chữ các bản quét đang chờ (Tesseract vie+eng) / read the scans queued for OCR',
    usage: 'ocr run [--data-dir DIR] [--json]',
    options: { ...STORE_OPTIONS },
    run: async (context) => (await import('./ocr.js')).runOcrRun(context),
  },
  {
    name: 'ocr status',
    summary: 'Tình trạng nhận dạng chữ của một văn bản / OCR status of a document',
    usage: 'ocr status <id> --as USER [--data-dir DIR] [--json]',
    options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS },
    positionals: [1, 1],
    run: async (context) => (await import('./ocr.js')).runOcrStatus(context),
  },
  {
    name: 'search',
    summary: 'Tìm văn bản, có dấu hay không dấu / search documents, with or without diacritics',
    usage:
      'search [<query>] [--year Y] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--direction in|out|internal | --register den|di] ' +
      '[--type <abbr|name>] [--issuer <OrganId|name>] [--state S] [--urgency U] [--limit N] [--cursor C] --as USER [--data-dir DIR] [--json]',
    options: {
      ...STORE_OPTIONS, ...ACTOR_OPTIONS,
      year: { type: 'string' }, direction: { type: 'string' }, register: { type: 'string' }, limit: { type: 'string' }, cursor: { type: 'string' },
      type: { type: 'string' }, issuer: { type: 'string' }, state: { type: 'string' }, urgency: { type: 'string' },
      from: { type: 'string' }, to: { type: 'string' },
    },
    positionals: [0, 1],
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
    usage: 'demo seed [--profile khanh-hoa-2020] [--docs N] [--seed S] [--password-env NAME] [--data-dir DIR] [--json]',
    options: { ...STORE_OPTIONS, profile: { type: 'string' }, docs: { type: 'string' }, seed: { type: 'string' }, 'password-env': { type: 'string' } },
    run: async (context) => (await import('./demo-seed.js')).runDemoSeed(context),
  },
  {
    name: 'demo draft',
    summary: 'Tạo dự thảo mẫu theo Phụ lục I NĐ 30/2020 để thử ký, cấp số / write a Decree 30 sample draft PDF',
    usage:
      'demo draft <out.pdf> --subject S --position P --name N [--issuer AGENCY] [--authority LINE|""] [--type "Quyết định"|QĐ|"Công văn"…] [--abbr UBND] [--json]',
    options: {
      subject: { type: 'string' },
      position: { type: 'string' },
      name: { type: 'string' },
      issuer: { type: 'string' },
      authority: { type: 'string' },
      type: { type: 'string' },
      abbr: { type: 'string' },
    },
    positionals: [1, 1],
    run: async (context) => (await import('./demo-draft.js')).runDemoDraft(context),
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
      '[--field name] [--sub-filter ETSI.CAdES.detached|adbe.pkcs7.detached] [--tsa URL [--tsa-failure fail|sign-without]] [--json]',
    options: {
      ...SIGNER_OPTIONS,
      out: { type: 'string' },
      tsa: { type: 'string' },
      'tsa-failure': { type: 'string' },
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
  {
    name: 'agency signing',
    summary: 'Chính sách ký số dài hạn: mức B-B/B-T, máy chủ dấu thời gian, LTV khi đóng hồ sơ / the long-term signing policy: level, TSA, LTV on closing',
    usage: 'agency signing [--level B-B|B-T] [--tsa-url URL|none] [--tsa-unreachable fail|sign-without] [--ltv-on-close on|off] --as USER [--data-dir DIR] [--json]',
    options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, level: { type: 'string' }, 'tsa-url': { type: 'string' }, 'tsa-unreachable': { type: 'string' }, 'ltv-on-close': { type: 'string' } },
    positionals: [0, 0],
    run: async (context) => (await import('./agency-seal.js')).runAgencySigning(context),
  },
  ...certificateCommands('user'),
  ...certificateCommands('agency'),
  ...recordsCommands,
  ...trustCommands(),
];
