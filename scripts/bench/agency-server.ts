/**
 * The agency server under its users (by hand, issue 10 item 7):
 *   EOFFICE_BENCH_PG_URL=postgres://SUPERUSER@HOST:PORT/postgres pnpm exec tsx scripts/bench/agency-server.ts \
 *     [--users 50] [--seconds 60] [--seed-docs 100]
 * (`eval "$(scripts/pg-test-cluster start)"` and EOFFICE_BENCH_PG_URL=$EOFFICE_TEST_PG_URL give such a server.)
 *
 * Runs one `eoffice serve` (its own process, HTTPS, session cookies) on SQLite — the single-machine store, the
 * baseline — and then one on PostgreSQL (a fresh database made for the run), each with the same agency: N users,
 * each its own signed-in HTTPS client over the workstation's pinned link, doing a mix for the given time. Clerks
 * register incoming documents (upload, receive, verify, register: one "register"), specialists draft and submit
 * outgoing ones ("draft"), leaders approve them; everyone lists, opens and searches. Prints throughput and p50/p95
 * per operation for both stores and their ratio, with the load average before and after each run.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createClient, type CallContext, type EOfficeClient } from '../../packages/contract/src/index.js';
import { parseStoreUrl } from '../../packages/docs-core/src/store/store-url.js';
import { composeServices } from '../../packages/host/src/compose-services.js';
import { connectToServer, type ServerLink } from '../../packages/host/src/server-link/server-link.js';
import { fakeRenderer, startServe } from '../../packages/host/test/agency-server/agency-fixture.js';
import { textPdf } from '../../packages/host/test/text-pdf.js';

const { values } = parseArgs({
  options: { users: { type: 'string', default: '50' }, seconds: { type: 'string', default: '60' }, 'seed-docs': { type: 'string', default: '100' } },
});
const USERS = Number(values.users);
const SECONDS = Number(values.seconds);
const SEED_DOCS = Number(values['seed-docs']);
const PASSWORD = 'mat-khau-do-tai-1';
const AGENCY = '000.00.02.Z99';
const SENDER = '000.00.16.Z99';
const pgUrl = process.env.EOFFICE_BENCH_PG_URL;
const pgParsed = pgUrl ? parseStoreUrl(pgUrl) : null;
if (!pgParsed || pgParsed.kind !== 'postgres') throw new Error('set EOFFICE_BENCH_PG_URL=postgres://SUPERUSER@HOST:PORT/postgres (it makes a fresh database)');

type Role = 'clerk' | 'leader' | 'specialist';
const OPERATIONS = ['list', 'open', 'search', 'register', 'draft', 'approve'] as const;
type Operation = (typeof OPERATIONS)[number];
/** Each role's mix, by weight: what a working day looks like from that desk. */
const MIX: Record<Role, [Operation, number][]> = {
  clerk: [['register', 40], ['list', 30], ['search', 20], ['open', 10]],
  leader: [['approve', 40], ['list', 25], ['open', 25], ['search', 10]],
  specialist: [['list', 35], ['open', 30], ['search', 25], ['draft', 10]],
};
const WORDS = ['đất đai', 'quyết toán', 'kế hoạch', 'báo cáo', 'chuyển đổi số', 'phòng chống thiên tai', 'tuyển dụng', 'cải cách hành chính'];

function roleOf(i: number): Role {
  if (i % 10 === 0) return 'leader';
  if (i % 5 === 1) return 'clerk';
  return 'specialist';
}

function uptime(): string {
  return execFileSync('uptime', { encoding: 'utf8' }).trim().replace(/^.*load average:\s*/, 'load ');
}

/** The agency and its users, made in-process before the server opens the store. */
async function seedAgency(dataDir: string, database: Parameters<typeof composeServices>[0]['database']): Promise<void> {
  const services = await composeServices({ dataDir, exchange: null, ...(database ? { database } : {}) });
  const setup: CallContext = { sessionToken: null, actingUsername: null, face: 'cli' };
  const call = async (path: string, input: unknown, context: CallContext) => {
    const reply = await services.dispatch(path, input, context);
    if (!reply.ok) throw new Error(`${path}: ${reply.error.code} ${reply.error.message}`);
  };
  try {
    await call('registers.initAgency', { organId: AGENCY, name: 'Sở Nội vụ tỉnh Demo', abbreviation: 'SNV' }, setup);
    await call('users.add', { username: 'admin', roles: ['admin'], password: PASSWORD }, setup);
    for (let i = 0; i < USERS; i += 1) {
      const role = roleOf(i);
      await call('users.add', { username: `u${i}`, roles: [role], fullName: `Người dùng ${i}`, password: PASSWORD }, { ...setup, actingUsername: 'admin' });
    }
  } finally {
    await services.close();
  }
}

interface Desk {
  readonly role: Role;
  readonly username: string;
  readonly client: EOfficeClient;
}

let counter = 0;
/** Submitted drafts by the leader named to sign them: only that leader may approve. */
const submitted = new Map<string, string[]>();
const known: string[] = [];

async function register(desk: Desk): Promise<void> {
  const n = (counter += 1);
  const word = WORDS[n % WORDS.length]!;
  const upload = await desk.client.files.upload(textPdf(`cong van den ${n}`), { name: `den-${n}.pdf` });
  const doc = await desk.client.services.documents.receive({
    file: { uploadId: upload.uploadId, name: `den-${n}.pdf` },
    from: SENDER, number: String(n), symbol: 'SYT-VP', issuedDate: '2026-12-01', type: 'Công văn', subject: `V/v ${word} số ${n}`, source: 'paper',
  });
  await desk.client.services.documents.verify({ id: doc.id });
  await desk.client.services.documents.register({ id: doc.id });
  known.push(doc.id);
}

async function draft(desk: Desk, leader: string): Promise<void> {
  const n = (counter += 1);
  const upload = await desk.client.files.upload(textPdf(`du thao ${n}`), { name: `du-thao-${n}.pdf` });
  const doc = await desk.client.services.documents.draft({
    file: { uploadId: upload.uploadId, name: `du-thao-${n}.pdf` }, type: 'Công văn', subject: `Dự thảo về ${WORDS[n % WORDS.length]} ${n}`, signer: leader,
  });
  await desk.client.services.documents.submit({ id: doc.id });
  submitted.set(leader, [...(submitted.get(leader) ?? []), doc.id]);
  known.push(doc.id);
}

async function runOne(desk: Desk, operation: Operation, leaders: string[]): Promise<Operation> {
  switch (operation) {
    case 'list':
      await desk.client.services.documents.list({});
      return 'list';
    case 'open': {
      const id = known[Math.floor(Math.random() * known.length)];
      if (!id) return runOne(desk, 'list', leaders);
      await desk.client.services.documents.show({ id });
      return 'open';
    }
    case 'search':
      await desk.client.services.search.query({ text: WORDS[Math.floor(Math.random() * WORDS.length)]! });
      return 'search';
    case 'register':
      await register(desk);
      return 'register';
    case 'draft':
      await draft(desk, leaders[Math.floor(Math.random() * leaders.length)]!);
      return 'draft';
    case 'approve': {
      const id = submitted.get(desk.username)?.shift();
      if (!id) return runOne(desk, 'open', leaders);
      await desk.client.services.documents.approve({ id, reason: 'Đo tải: duyệt dù thiếu thành phần thể thức' });
      return 'approve';
    }
  }
}

function pick(role: Role): Operation {
  const mix = MIX[role];
  let r = Math.random() * mix.reduce((sum, [, w]) => sum + w, 0);
  for (const [operation, weight] of mix) if ((r -= weight) < 0) return operation;
  return mix[0]![0];
}

interface Figures {
  readonly store: string;
  readonly loadBefore: string;
  readonly loadAfter: string;
  readonly seconds: number;
  readonly errors: Record<string, number>;
  readonly ops: Record<Operation, { count: number; p50: number; p95: number }>;
}

async function measure(store: string, dataDir: string, extra: string[], env: NodeJS.ProcessEnv): Promise<Figures> {
  const renderer = await fakeRenderer(dataDir);
  const server = await startServe(join(dataDir, 'data'), renderer, extra, env);
  counter = 0;
  submitted.clear();
  known.length = 0;
  try {
    const link: ServerLink = connectToServer({ url: server.url, fingerprint: server.fingerprint });
    const desks: Desk[] = [];
    for (let i = 0; i < USERS; i += 1) {
      let session: string | null = null;
      const client = createClient(link.transport(() => session));
      session = (await client.services.users.login({ username: `u${i}`, password: PASSWORD })).token;
      desks.push({ role: roleOf(i), username: `u${i}`, client });
    }
    const leaders = desks.filter((d) => d.role === 'leader').map((d) => d.username);
    const clerk = desks.find((d) => d.role === 'clerk')!;
    for (let i = 0; i < SEED_DOCS; i += 1) await register(clerk);
    const timings = Object.fromEntries(OPERATIONS.map((o) => [o, [] as number[]])) as Record<Operation, number[]>;
    const errors: Record<string, number> = {};
    const loadBefore = uptime();
    const start = performance.now();
    const until = start + SECONDS * 1000;
    await Promise.all(
      desks.map(async (desk) => {
        while (performance.now() < until) {
          const t = performance.now();
          try {
            const done = await runOne(desk, pick(desk.role), leaders);
            timings[done].push(performance.now() - t);
          } catch (error) {
            const code = `${(error as { code?: string }).code ?? ''} ${(error as Error).message.slice(0, 80)}`;
            errors[code] = (errors[code] ?? 0) + 1;
          }
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    const loadAfter = uptime();
    const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? Number.NaN;
    const ops = Object.fromEntries(
      OPERATIONS.map((o) => {
        const sorted = timings[o].sort((a, b) => a - b);
        return [o, { count: sorted.length, p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) }];
      }),
    ) as Figures['ops'];
    return { store, loadBefore, loadAfter, seconds, errors, ops };
  } finally {
    await server.stop();
  }
}

const admin = pgParsed.connection;
const database = `eoffice_bench_${randomBytes(4).toString('hex')}`;
/** SQL as the server's superuser through psql (its password, if any, from PGPASSWORD: never on the command line). */
const asSuperuser = (statement: string) =>
  execFileSync('psql', ['-v', 'ON_ERROR_STOP=1', '-q', '-h', admin.host, '-p', String(admin.port), '-U', admin.user, '-d', admin.database], { input: statement });
const dirs = [await mkdtemp(join(tmpdir(), 'eoffice-bench-sqlite-')), await mkdtemp(join(tmpdir(), 'eoffice-bench-pg-'))] as const;
try {
  asSuperuser(`create database "${database}" template template0 encoding 'UTF8' locale 'C.UTF-8';`);
  const postgresUrl = `postgres://${encodeURIComponent(admin.user)}@${admin.host}:${admin.port}/${database}`;
  await seedAgency(join(dirs[0], 'data'), undefined);
  await seedAgency(join(dirs[1], 'data'), { postgres: { ...admin, database } });
  console.error(`${USERS} users (${desksOf('clerk')} clerks, ${desksOf('leader')} leaders, ${desksOf('specialist')} specialists), ${SECONDS} s each, ${SEED_DOCS} documents registered first`);
  const sqlite = await measure('SQLite (single machine)', dirs[0], [], { EOFFICE_DB_URL: '' });
  console.error(JSON.stringify(sqlite));
  const postgres = await measure('PostgreSQL', dirs[1], ['--db', postgresUrl], {});
  console.error(JSON.stringify(postgres));
  const fmt = (n: number) => (Number.isNaN(n) ? '—' : n.toFixed(0));
  console.log(`| operation | SQLite ops/s | SQLite p95 (ms) | PostgreSQL ops/s | PostgreSQL p95 (ms) | p95 ratio PG ÷ SQLite |`);
  console.log(`|---|---:|---:|---:|---:|---:|`);
  for (const o of OPERATIONS) {
    const a = sqlite.ops[o];
    const b = postgres.ops[o];
    console.log(`| ${o} | ${(a.count / sqlite.seconds).toFixed(1)} | ${fmt(a.p95)} | ${(b.count / postgres.seconds).toFixed(1)} | ${fmt(b.p95)} | ${(b.p95 / a.p95).toFixed(2)} |`);
  }
  const total = (f: Figures) => OPERATIONS.reduce((sum, o) => sum + f.ops[o].count, 0) / f.seconds;
  console.log(`| all | ${total(sqlite).toFixed(1)} | | ${total(postgres).toFixed(1)} | | throughput ratio ${(total(postgres) / total(sqlite)).toFixed(2)} |`);
  console.log(`\nSQLite: ${sqlite.loadBefore} → ${sqlite.loadAfter}; errors ${JSON.stringify(sqlite.errors)}`);
  console.log(`PostgreSQL: ${postgres.loadBefore} → ${postgres.loadAfter}; errors ${JSON.stringify(postgres.errors)}`);
} finally {
  try {
    asSuperuser(`drop database if exists "${database}" with (force);`);
  } catch {
    console.error(`could not drop ${database}`);
  }
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
}

function desksOf(role: Role): number {
  return Array.from({ length: USERS }, (_, i) => roleOf(i)).filter((r) => r === role).length;
}
