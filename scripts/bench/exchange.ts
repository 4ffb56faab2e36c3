/**
 * Exchange benchmark (by hand, not in the test suite; issue 9 item 7; table in packages/exchange/README.md):
 *   pnpm exec tsx scripts/bench/exchange.ts [--endpoints 650] [--messages 2000] [--attachment-mb 1]
 *     [--processes 2] [--concurrency 4] [--dir DIR] [--keep] [--skip-fanout] [--skip-ingest] [--profile DIR]
 *
 * The axis is `eoffice axis serve` in its own process, as a real axis is another machine; `--processes 0` runs it
 * and every endpoint in this one process instead (the shape of the runs before 2026-12-07 evening).
 *
 * 1. Fan-out: the demo province's endpoints (the province itself sends, every other endpoint receives), each with its
 *    own data folder and sync engine, exchanging through the local axis on loopback. The sender runs here; the
 *    receivers in --processes processes of their own (scripts/bench/exchange-receivers.ts), each hosting its share
 *    with one verifier thread and --concurrency receivers at a time: in the field every endpoint is its own machine,
 *    and one process's main thread was the fan-out's bottleneck (CPU/wall 1.38 on 2 cores).
 *    One issued document (a signed PDF padded to --attachment-mb) goes to every recipient in one edoc; each receiver
 *    takes it in (download, parse, verify, store, 01), its clerk registers it (03), its next pass sends both statuses.
 *    The sender's engine takes statuses in while the receivers work, a pass after another as a polling engine would
 *    (before 2026-12-07 evening it began only after the last receiver); the time ends when every recipient shows 01
 *    and 03. Set-up is not timed.
 * 2. Ingestion: --messages edoc messages, each with the same signed PDF but its own number (not duplicates), queued on
 *    the axis for one endpoint; that endpoint's passes take them all in. Documents per second, and the process's RSS
 *    sampled every 100 ms: the peak after each quarter of the messages (flat memory: the quarters' peaks stay level).
 *    The receiver runs in this process; its RSS is this process's (the axis's is printed apart).
 *
 * Baseline in the same run: `sha256sum` of the padded PDF (how fast this machine reads and hashes one file), so the
 * figures can be compared across machines as ratios.
 */
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
// scripts/bench is not a workspace package: pdf-lib from docs-core's own dependencies.
import { PDFDocument } from '../../packages/docs-core/node_modules/pdf-lib/cjs/index.js';
import { importDirectory, makeDemoPdf } from '../../packages/docs-core/src/index.js';
import { generateDemoProvince } from '../../packages/docs-core/src/directory/demo-province.js';
import { AxisClient, buildDocumentId, outgoingEdoc, startAxisServer, writeEdocFile, type AxisSystem } from '../../packages/exchange/src/index.js';
import { makeEndpoint, makeIdentity, sealIdentityOf, type Endpoint } from '../../packages/exchange/test/endpoint.js';
import { signingLibraryVerifier } from '../../packages/host/src/index.js';
import { cpuMsOfPid, makeReceiver, peakRssOfPid, pool, secretOf, takeInAndRegister, type Receiver } from './exchange-receiver.js';

const { values } = parseArgs({
  options: {
    endpoints: { type: 'string', default: '650' },
    messages: { type: 'string', default: '2000' },
    'attachment-mb': { type: 'string', default: '1' },
    processes: { type: 'string', default: '2' },
    concurrency: { type: 'string', default: '4' },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'skip-fanout': { type: 'boolean', default: false },
    'skip-ingest': { type: 'boolean', default: false },
    profile: { type: 'string' },
  },
});
const endpointCount = Number(values.endpoints);
const messageCount = Number(values.messages);
const attachmentBytes = Math.round(Number(values['attachment-mb']) * 1024 * 1024);
const processCount = Number(values.processes);
const concurrency = Number(values.concurrency);

const seconds = (ms: number) => (ms / 1000).toFixed(2);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const log = (line: string) => process.stdout.write(`${line}\n`);
const readText = (path: string) => readFileSync(path, 'utf8');
const root = join(import.meta.dirname, '..', '..');

/** The local axis: `eoffice axis serve` in its own process, or (--processes 0) in this one. */
interface BenchAxis {
  readonly url: string;
  /** The axis's process, or null when it runs in this one. */
  readonly pid: number | null;
  close(): Promise<void>;
}

async function startBenchAxis(dir: string, name: string, systems: readonly AxisSystem[], agencies: readonly { code: string; name: string; parentCode: string | null }[]): Promise<BenchAxis> {
  const dataDir = join(dir, name);
  if (processCount === 0) {
    const axis = await startAxisServer({ dataDir, systems: [...systems], agencies: [...agencies] });
    return { url: axis.url, pid: null, close: () => axis.close() };
  }
  await mkdir(dataDir, { recursive: true });
  const systemsFile = join(dir, `${name}-systems.json`);
  const agenciesFile = join(dir, `${name}-agencies.json`);
  await writeFile(systemsFile, JSON.stringify(systems), { mode: 0o600 });
  await writeFile(agenciesFile, JSON.stringify({ endpoints: agencies }));
  const profile = values.profile === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', values.profile];
  const child = spawn(process.execPath, [...profile, join(root, 'scripts/eoffice/build/eoffice.mjs'), 'axis', 'serve', '--port', '0', '--data', dataDir, '--systems', systemsFile, '--agencies', agenciesFile, '--json'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`eoffice axis serve exited with ${code}`)));
  });
  const { url } = JSON.parse(first) as { url: string };
  return {
    url,
    pid: child.pid!,
    close: () =>
      new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/** A process of receivers (scripts/bench/exchange-receivers.ts) and its answers. */
interface ReceiverProcess {
  readonly child: ChildProcess;
  next<T>(): Promise<T>;
}

function forkReceivers(): ReceiverProcess {
  // --profile DIR: each process of receivers (and the axis's) writes a `node --cpu-prof` profile there (cut it to the
  // timed window the bench prints).
  const profile = values.profile === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', values.profile];
  const child = fork(join(import.meta.dirname, 'exchange-receivers.ts'), [], { execArgv: ['--import', 'tsx', ...profile], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting: ((message: unknown) => void)[] = [];
  const queued: unknown[] = [];
  child.on('message', (message) => {
    const take = waiting.shift();
    if (take) take(message);
    else queued.push(message);
  });
  return {
    child,
    next: <T>() => (queued.length > 0 ? Promise.resolve(queued.shift() as T) : new Promise<T>((resolve) => waiting.push((m) => resolve(m as T)))),
  };
}

/** A Decree 30 công văn padded to `bytes` with an embedded attachment of random (incompressible) bytes. */
async function paddedDraft(file: string, bytes: number, agencyName: string): Promise<void> {
  const base = await makeDemoPdf({
    issuer: agencyName, // the format check before approval (Phụ lục I) looks for the sender's own name
    numberLine: 'Số:          /UBND-VP',
    typeName: 'Công văn',
    subject: 'V/v đo liên thông văn bản đến toàn tỉnh',
    body: 'Kính gửi các cơ quan, đơn vị trong tỉnh. Văn bản đo thời gian liên thông.',
    dateLine: 'Tỉnh Demo, ngày      tháng      năm 2026',
    signatureBlock: { lines: ['TM. Ủy ban nhân dân', 'Chủ tịch'], name: 'Nguyễn Văn An' },
  });
  const pdf = await PDFDocument.load(base);
  await pdf.attach(randomBytes(Math.max(0, bytes - base.length - 4096)), 'phu-luc.bin', { mimeType: 'application/octet-stream' });
  await writeFile(file, await pdf.save({ useObjectStreams: false }));
}

/** Drafts, signs, issues and dispatches the padded document from the sender to `to`; returns its id and file. */
async function issueToAll(sender: Endpoint, to: readonly string[], dir: string): Promise<string> {
  const file = join(dir, 'du-thao.pdf');
  await paddedDraft(file, attachmentBytes, sender.name ?? 'Ủy ban nhân dân tỉnh Demo');
  const as = sender.as;
  const draft = await as('chuyenvien').services.documents.draft({
    type: 'Công văn', subject: 'V/v đo liên thông văn bản đến toàn tỉnh', file: { path: file }, attachments: [], to: [...to],
    urgency: 'normal', secrecy: 'none', signer: 'lanhdao', language: 'Tiếng Việt', direction: 'outgoing', authority: 'TM', // "TM. Ủy ban nhân dân", as printed
  });
  await as('chuyenvien').services.documents.submit({ id: draft.id });
  await as('lanhdao').services.documents.approve({ id: draft.id });
  await as('lanhdao').services.documents.sign({ id: draft.id });
  await as('vanthu').services.documents.issue({ id: draft.id });
  return draft.id;
}

function sha256sumMs(file: string): number {
  const start = performance.now();
  execFileSync('sha256sum', [file]);
  return performance.now() - start;
}

/** CPU time (ms) of this process plus the given processes, by /proc for the others. */
function cpuMsOf(pids: readonly number[]): number {
  const own = process.cpuUsage();
  return (own.user + own.system) / 1000 + pids.reduce((sum, pid) => sum + cpuMsOfPid(pid, readText), 0);
}

async function fanOut(dir: string): Promise<void> {
  // The whole province in every directory; a smaller --endpoints takes the first recipients of it (a quick run).
  const directory = generateDemoProvince();
  const [province, ...everyOther] = directory.endpoints;
  const others = everyOther.slice(0, endpointCount - 1);
  const agencies = directory.endpoints.map((e) => ({ code: e.code, name: e.name, parentCode: e.parentCode }));
  const axis = await startBenchAxis(
    dir,
    'axis',
    directory.endpoints.map((e) => ({ systemId: e.code, secret: secretOf(e.code), organIds: [e.code] })),
    agencies,
  );
  const setUpStart = performance.now();
  // This process's RSS sampled every 100 ms from here (set-up included: every store is opened in it) to the end.
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  const identity = await makeIdentity(dir, 'Nguyễn Văn An', 'pki-sender');
  const sender = await makeEndpoint(join(dir, 'sender'), province!.code, province!.name, identity, {
    axisUrl: axis.url, systemId: province!.code, secret: secretOf(province!.code), backoffMs: [0, 0, 0],
  });
  await importDirectory(sender.services.store.db, directory, { now: new Date() });
  const trustAnchors = [identity.rootPem, (await sealIdentityOf(join(dir, 'sender'))).rootPem];
  // Receivers here (--processes 0) share one verifier thread (each would start its own otherwise: 650 threads).
  const verifier = processCount === 0 ? signingLibraryVerifier({ trust: { dataDir: dir, trustAnchors } }) : null;
  const receivers: Receiver[] = [];
  const children: ReceiverProcess[] = [];
  if (verifier) {
    await pool(others, concurrency, async (endpoint) => {
      receivers.push(await makeReceiver(join(dir, 'endpoints'), endpoint.code, endpoint.name, axis.url, verifier, directory));
    });
  } else {
    for (let index = 0; index < processCount; index += 1) {
      const child = forkReceivers();
      // Every processCount-th recipient: each process gets endpoints of every level.
      const organIds = others.filter((_, i) => i % processCount === index).map((e) => e.code);
      child.child.send({ start: { dir, organIds, axisUrl: axis.url, trustAnchors, concurrency } });
      children.push(child);
    }
    for (const child of children) await child.next<{ ready: number }>();
  }
  const id = await issueToAll(sender, others.map((e) => e.code), dir);
  const shown = await sender.as('vanthu').services.documents.show({ id });
  const layout = verifier ? `all in this process, ${concurrency} at a time` : `${processCount} processes of receivers, ${concurrency} at a time in each; the axis in its own`;
  log(`set-up: ${others.length} receivers and the sender in ${seconds(performance.now() - setUpStart)} s (${layout}); issued ${shown.number}/${shown.symbol}`);

  const pids = [...children.map((c) => c.child.pid!), ...(axis.pid === null ? [] : [axis.pid])];
  const start = performance.now();
  const startTicks = process.hrtime.bigint() / 1000n;
  const startCpu = cpuMsOf(pids);
  const startCpuEach = [process.cpuUsage(), ...pids.map((pid) => cpuMsOfPid(pid, readText))];
  await sender.as('vanthu').services.documents.dispatch({ id });
  await sender.services.sync!.syncOnce();
  const sent = performance.now();
  let registered = 0;
  // The sender's engine takes statuses in while the receivers work, as a polling engine would (a pass, then the next
  // at once when it took something, else after 200 ms); the end is when it has every 01 and 03.
  let receiving = true;
  let statusesTaken = 0;
  const intake = (async () => {
    while (receiving) {
      const pass = await sender.services.sync!.syncOnce();
      statusesTaken += pass.received.statuses;
      if (pass.received.statuses === 0) await new Promise((done) => setTimeout(done, 200));
    }
  })();
  if (verifier) {
    await pool(receivers, concurrency, async (receiver) => {
      const taken = await takeInAndRegister(receiver); // read before adding: `+= await` would add to a stale total
      registered += taken;
    });
  } else {
    for (const child of children) child.child.send('go');
    for (const child of children) registered += (await child.next<{ registered: number }>()).registered;
  }
  const received = performance.now();
  receiving = false;
  await intake;
  const takenWhileReceiving = statusesTaken;
  let complete = 0;
  for (let pass = 0; pass < 20; pass += 1) {
    await sender.services.sync!.syncOnce();
    const { deliveries } = await sender.as('vanthu').services.sync.deliveries({ id });
    complete = deliveries.filter((d) => ['01', '03'].every((code) => d.statuses.some((s) => s.code === code))).length;
    if (complete === others.length) break;
  }
  const end = performance.now();
  const endTicks = process.hrtime.bigint() / 1000n;
  const cpuMs = cpuMsOf(pids) - startCpu;
  const ownCpu = process.cpuUsage(startCpuEach[0] as NodeJS.CpuUsage);
  const cpuEach = [(ownCpu.user + ownCpu.system) / 1000, ...pids.map((pid, i) => cpuMsOfPid(pid, readText) - (startCpuEach[i + 1] as number))];
  clearInterval(sampler);
  const messages = 1 + 2 * others.length;
  log('');
  log(`## Fan-out: one ${values['attachment-mb']} MB signed PDF to ${others.length} endpoints (load ${loadavg()[0]!.toFixed(1)})`);
  log('| step | s |');
  log('|---|---|');
  log(`| sender's pass (one edoc to ${others.length}) | ${seconds(sent - start)} |`);
  log(`| every receiver: take in, verify, store, register, send 01 + 03 | ${seconds(received - sent)} |`);
  log(`| sender takes in the ${2 * others.length - takenWhileReceiving} statuses left after the last receiver (${takenWhileReceiving} taken while they worked) | ${seconds(end - received)} |`);
  log(`| **end to end** | **${seconds(end - start)}** |`);
  log(`messages: ${messages} in ${seconds(end - start)} s = ${(messages / ((end - start) / 1000)).toFixed(0)} messages/s; registered ${registered}; recipients showing 01 and 03: ${complete}/${others.length}`);
  log(`CPU of every process (sender, receivers, axis; all their threads) / wall time: ${(cpuMs / (end - start)).toFixed(2)}; CPU s of each: ${cpuEach.map((ms) => seconds(ms)).join(' / ')}`);
  const childPeaks = children.map((c) => mb(peakRssOfPid(c.child.pid!, readText)));
  const axisPeak = axis.pid === null ? '' : `; the axis ${mb(peakRssOfPid(axis.pid, readText))} MB`;
  log(`peak RSS (set-up and fan-out): this process ${mb(peakRss)} MB${childPeaks.length > 0 ? `; receivers' processes ${childPeaks.join(' / ')} MB` : ''}${axisPeak}`);
  log(`timed window (monotonic µs): ${startTicks}-${endTicks}`);
  for (const r of receivers) await r.services.close();
  for (const child of children) {
    const exited = new Promise<void>((done) => child.child.once('exit', () => done()));
    child.child.send('close');
    await exited;
  }
  await verifier?.close();
  await sender.close();
  await axis.close();
}

async function ingest(dir: string): Promise<void> {
  // The demo province's directory: the province sends, its first department receives.
  const directory = generateDemoProvince();
  const [sending, receiving] = directory.endpoints;
  const A = sending!.code;
  const B = receiving!.code;
  const axis = await startBenchAxis(
    dir,
    'axis-ingest',
    [A, B].map((code) => ({ systemId: code, secret: secretOf(code), organIds: [code] })),
    directory.endpoints.map((e) => ({ code: e.code, name: e.name, parentCode: e.parentCode })),
  );
  const identity = await makeIdentity(dir, 'Nguyễn Văn An', 'pki-ingest');
  const sender = await makeEndpoint(join(dir, 'ingest-a'), A, directory.endpoints[0]!.name, identity, null);
  const sealRoot = await sealIdentityOf(join(dir, 'ingest-a'));
  await importDirectory(sender.services.store.db, directory, { now: new Date() });
  const verifier = signingLibraryVerifier({ trust: { dataDir: dir, trustAnchors: [identity.rootPem, sealRoot.rootPem] } });
  const receiver = await makeReceiver(join(dir, 'ingest-endpoints'), B, directory.endpoints[1]!.name, axis.url, verifier, directory);
  const id = await issueToAll(sender, [B], dir);
  const edoc = await outgoingEdoc(sender.services.store, id, { recipients: [B] });
  const client = new AxisClient({ endpoint: axis.url, systemId: A, secret: secretOf(A) });
  const queueStart = performance.now();
  const file = join(dir, 'message.edxml');
  for (let i = 0; i < messageCount; i += 1) {
    const codeNumber = String(10_000 + i);
    const header = { ...edoc.header, codeNumber, documentId: buildDocumentId(A, edoc.header.promulgationDate ?? '2026-12-05', codeNumber, edoc.header.codeNotation) };
    await writeEdocFile({ ...edoc, header }, file);
    await client.sendEdoc(file, { from: A, messagetype: 'edoc' });
  }
  await rm(file, { force: true });
  log('');
  log(`queued ${messageCount} messages on the axis in ${seconds(performance.now() - queueStart)} s (not timed)`);
  const pdfFile = join(dir, 'du-thao.pdf');
  const baselineMs = sha256sumMs(pdfFile);

  global.gc?.();
  let peak = process.memoryUsage().rss;
  const quarterPeaks: number[] = [];
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  const countIncoming = async () =>
    Number((await receiver.services.store.db.selectFrom('documents').select((eb) => eb.fn.countAll().as('n')).where('direction', '=', 'incoming').executeTakeFirstOrThrow()).n);
  const watch = setInterval(() => {
    void countIncoming().then((n) => {
      while (quarterPeaks.length < 4 && n >= ((quarterPeaks.length + 1) * messageCount) / 4) quarterPeaks.push(peak);
    });
  }, 250);
  const startRss = process.memoryUsage().rss;
  const startCpu = process.cpuUsage();
  const axisStartCpu = axis.pid === null ? 0 : cpuMsOfPid(axis.pid, readText);
  const start = performance.now();
  const startTicks = process.hrtime.bigint() / 1000n;
  for (let pass = 0; pass < 10 && (await countIncoming()) < messageCount; pass += 1) await receiver.services.sync!.syncOnce();
  const end = performance.now();
  const endTicks = process.hrtime.bigint() / 1000n;
  const cpu = process.cpuUsage(startCpu);
  const axisCpuMs = axis.pid === null ? null : cpuMsOfPid(axis.pid, readText) - axisStartCpu;
  clearInterval(sampler);
  clearInterval(watch);
  const taken = await countIncoming();
  while (quarterPeaks.length < 4) quarterPeaks.push(peak);
  const quarantined = Number((await receiver.services.store.db.selectFrom('exchange_inbox').select((eb) => eb.fn.countAll().as('n')).where('state', '=', 'quarantined').executeTakeFirst())?.n ?? 0);
  log(`## Ingestion: ${messageCount} edoc messages with a ${values['attachment-mb']} MB signed PDF into one endpoint (load ${loadavg()[0]!.toFixed(1)})`);
  log('| figure | value |');
  log('|---|---|');
  log(`| documents taken in | ${taken} (quarantined ${quarantined}) |`);
  log(`| time | ${seconds(end - start)} s |`);
  log(`| **documents per second** | **${(taken / ((end - start) / 1000)).toFixed(1)}** |`);
  log(`| ms per document / sha256sum of the same PDF (${baselineMs.toFixed(1)} ms) | ${((end - start) / Math.max(1, taken) / baselineMs).toFixed(1)}× |`);
  log(`| this process's CPU (main + verifier threads) / wall time | ${((cpu.user + cpu.system) / 1000 / (end - start)).toFixed(2)} |`);
  if (axisCpuMs !== null) log(`| the axis's process's CPU / wall time | ${(axisCpuMs / (end - start)).toFixed(2)} |`);
  log(`| RSS before | ${mb(startRss)} MB |`);
  log(`| peak RSS after each quarter | ${quarterPeaks.map(mb).join(' / ')} MB |`);
  // In the clock of `node --cpu-prof` profiles (µs): a profile of the whole run can be cut to the timed part.
  log(`timed window (monotonic µs): ${startTicks}-${endTicks}`);
  await receiver.services.close();
  await verifier.close();
  await sender.close();
  await axis.close();
}

const dir = values.dir ?? (await mkdtemp(join(tmpdir(), 'eoffice-bench-exchange-')));
await mkdir(dir, { recursive: true });
log(`# Exchange benchmark in ${dir} (${new Date().toISOString()}, load ${loadavg().map((l) => l.toFixed(1)).join(' ')})`);
try {
  if (!values['skip-fanout']) await fanOut(dir);
  if (!values['skip-ingest']) await ingest(dir);
} finally {
  if (!values.keep) await rm(dir, { recursive: true, force: true });
}
