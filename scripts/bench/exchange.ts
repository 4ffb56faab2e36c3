/**
 * Exchange benchmark (by hand, not in the test suite; issue 9 item 7; table in packages/exchange/README.md):
 *   pnpm exec tsx scripts/bench/exchange.ts [--endpoints 650] [--messages 2000] [--attachment-mb 1]
 *     [--concurrency 4] [--dir DIR] [--keep] [--skip-fanout] [--skip-ingest]
 *
 * 1. Fan-out: the demo province's endpoints (the province itself sends, every other endpoint receives), each with its
 *    own data folder and sync engine, all hosted in this one process, exchanging through a local axis on loopback.
 *    One issued document (a signed PDF padded to --attachment-mb) goes to every recipient in one edoc; each receiver
 *    takes it in (download, parse, verify, store, 01), its clerk registers it (03), its next pass sends both statuses;
 *    the sender's passes take the statuses in until every recipient shows 01 and 03. Set-up is not timed.
 * 2. Ingestion: --messages edoc messages, each with the same signed PDF but its own number (not duplicates), queued on
 *    the axis for one endpoint; that endpoint's passes take them all in. Documents per second, and the process's RSS
 *    sampled every 100 ms: the peak after each quarter of the messages (flat memory: the quarters' peaks stay level).
 *    The axis runs in the same process, so the RSS is an upper bound for the receiver's.
 *
 * Baseline in the same run: `sha256sum` of the padded PDF (how fast this machine reads and hashes one file), so the
 * figures can be compared across machines as ratios.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
// scripts/bench is not a workspace package: pdf-lib from docs-core's own dependencies.
import { PDFDocument } from '../../packages/docs-core/node_modules/pdf-lib/cjs/index.js';
import { createClient, createInProcessTransport, type EOfficeClient } from '../../packages/contract/src/index.js';
import { importDirectory, makeDemoPdf } from '../../packages/docs-core/src/index.js';
import { generateDemoProvince } from '../../packages/docs-core/src/directory/demo-province.js';
import { AxisClient, buildDocumentId, outgoingEdoc, startAxisServer, writeEdocFile, type RunningAxis } from '../../packages/exchange/src/index.js';
import { makeEndpoint, makeIdentity, sealIdentityOf, type Endpoint } from '../../packages/exchange/test/endpoint.js';
import type { SignatureVerifier } from '../../packages/docs-core/src/ports/signature-verifier.js';
import { composeServices, signingLibraryVerifier, type ComposedServices } from '../../packages/host/src/index.js';

const { values } = parseArgs({
  options: {
    endpoints: { type: 'string', default: '650' },
    messages: { type: 'string', default: '2000' },
    'attachment-mb': { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '4' },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'skip-fanout': { type: 'boolean', default: false },
    'skip-ingest': { type: 'boolean', default: false },
  },
});
const endpointCount = Number(values.endpoints);
const messageCount = Number(values.messages);
const attachmentBytes = Math.round(Number(values['attachment-mb']) * 1024 * 1024);
const concurrency = Number(values.concurrency);
const secretOf = (organId: string) => `bench-secret-${organId}`;

const seconds = (ms: number) => (ms / 1000).toFixed(2);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const log = (line: string) => process.stdout.write(`${line}\n`);

/** Runs `work` over `items` with at most `limit` at a time. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
}

/** A receiving endpoint: its own data folder, directory, admin and clerk; no signing key (it only receives). */
interface Receiver {
  readonly organId: string;
  readonly services: ComposedServices;
  readonly clerk: EOfficeClient;
}

async function makeReceiver(dir: string, organId: string, name: string, axis: RunningAxis, verifier: SignatureVerifier, directory: unknown): Promise<Receiver> {
  const dataDir = join(dir, organId);
  const services = await composeServices({
    dataDir,
    verifier,
    exchange: { axisUrl: axis.url, systemId: organId, secret: secretOf(organId), backoffMs: [0, 0, 0] },
  });
  const as = (username: string | null) => createClient(createInProcessTransport(services.dispatch, { sessionToken: null, actingUsername: username, face: 'test' }));
  await as(null).services.registers.initAgency({ organId, name, abbreviation: 'UB' });
  await as(null).services.users.add({ username: 'admin', roles: ['admin'] });
  await as('admin').services.users.add({ username: 'vanthu', roles: ['clerk'], fullName: 'Văn Thư', unit: 'VP' });
  await importDirectory(services.store.db, directory, { now: new Date() });
  return { organId, services, clerk: as('vanthu') };
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

async function fanOut(dir: string): Promise<void> {
  // The whole province in every directory; a smaller --endpoints takes the first recipients of it (a quick run).
  const directory = generateDemoProvince();
  const [root, ...everyOther] = directory.endpoints;
  const others = everyOther.slice(0, endpointCount - 1);
  const agencies = directory.endpoints.map((e) => ({ code: e.code, name: e.name, parentCode: e.parentCode }));
  const axis = await startAxisServer({
    dataDir: join(dir, 'axis'),
    systems: directory.endpoints.map((e) => ({ systemId: e.code, secret: secretOf(e.code), organIds: [e.code] })),
    agencies,
  });
  const setUpStart = performance.now();
  // The process's RSS sampled every 100 ms from here (set-up included: every store is opened in it) to the end.
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  const identity = await makeIdentity(dir, 'Nguyễn Văn An', 'pki-sender');
  const sender = await makeEndpoint(join(dir, 'sender'), root!.code, root!.name, identity, {
    axisUrl: axis.url, systemId: root!.code, secret: secretOf(root!.code), backoffMs: [0, 0, 0],
  });
  await importDirectory(sender.services.store.db, directory, { now: new Date() });
  // One verifier thread for every endpoint this process hosts (each would start its own thread otherwise: 650 threads).
  const verifier = signingLibraryVerifier({ trust: { dataDir: dir, trustAnchors: [identity.rootPem, (await sealIdentityOf(join(dir, 'sender'))).rootPem] } });
  const receivers: Receiver[] = [];
  await pool(others, concurrency, async (endpoint) => {
    receivers.push(await makeReceiver(join(dir, 'endpoints'), endpoint.code, endpoint.name, axis, verifier, directory));
  });
  const id = await issueToAll(sender, others.map((e) => e.code), dir);
  const shown = await sender.as('vanthu').services.documents.show({ id });
  log(`set-up: ${receivers.length} receivers and the sender in ${seconds(performance.now() - setUpStart)} s; issued ${shown.number}/${shown.symbol}`);

  const start = performance.now();
  const startTicks = process.hrtime.bigint() / 1000n;
  await sender.as('vanthu').services.documents.dispatch({ id });
  await sender.services.sync!.syncOnce();
  const sent = performance.now();
  let registered = 0;
  await pool(receivers, concurrency, async (receiver) => {
    await receiver.services.sync!.syncOnce();
    const arrived = await receiver.services.store.db.selectFrom('documents').select(['id', 'state']).where('direction', '=', 'incoming').execute();
    for (const doc of arrived) {
      await receiver.clerk.services.documents.register(doc.state === 'needs_checking' ? { id: doc.id, confirm: true, reason: 'Đo hiệu năng' } : { id: doc.id });
      registered += 1;
    }
    await receiver.services.sync!.syncOnce();
  });
  const received = performance.now();
  let complete = 0;
  for (let pass = 0; pass < 20; pass += 1) {
    await sender.services.sync!.syncOnce();
    const { deliveries } = await sender.as('vanthu').services.sync.deliveries({ id });
    complete = deliveries.filter((d) => ['01', '03'].every((code) => d.statuses.some((s) => s.code === code))).length;
    if (complete === receivers.length) break;
  }
  const end = performance.now();
  const endTicks = process.hrtime.bigint() / 1000n;
  clearInterval(sampler);
  const messages = 1 + 2 * receivers.length;
  log('');
  log(`## Fan-out: one ${values['attachment-mb']} MB signed PDF to ${receivers.length} endpoints (load ${loadavg()[0]!.toFixed(1)})`);
  log('| step | s |');
  log('|---|---|');
  log(`| sender's pass (one edoc to ${receivers.length}) | ${seconds(sent - start)} |`);
  log(`| every receiver: take in, verify, store, register, send 01 + 03 (${concurrency} at a time) | ${seconds(received - sent)} |`);
  log(`| sender takes in ${2 * receivers.length} statuses | ${seconds(end - received)} |`);
  log(`| **end to end** | **${seconds(end - start)}** |`);
  log(`messages: ${messages} in ${seconds(end - start)} s = ${(messages / ((end - start) / 1000)).toFixed(0)} messages/s; registered ${registered}; recipients showing 01 and 03: ${complete}/${receivers.length}`);
  log(`peak RSS of the process (set-up and fan-out, ${receivers.length + 1} stores open): ${mb(peakRss)} MB`);
  log(`timed window (monotonic µs): ${startTicks}-${endTicks}`);
  for (const r of receivers) await r.services.close();
  await verifier.close();
  await sender.close();
  await axis.close();
}

async function ingest(dir: string): Promise<void> {
  // The demo province's directory: the province sends, its first department receives.
  const directory = generateDemoProvince();
  const [sending, receiving] = directory.endpoints;
  const A = sending!.code;
  const B = receiving!.code;
  const axis = await startAxisServer({
    dataDir: join(dir, 'axis-ingest'),
    systems: [A, B].map((code) => ({ systemId: code, secret: secretOf(code), organIds: [code] })),
    agencies: directory.endpoints.map((e) => ({ code: e.code, name: e.name, parentCode: e.parentCode })),
  });
  const identity = await makeIdentity(dir, 'Nguyễn Văn An', 'pki-ingest');
  const sender = await makeEndpoint(join(dir, 'ingest-a'), A, directory.endpoints[0]!.name, identity, null);
  const sealRoot = await sealIdentityOf(join(dir, 'ingest-a'));
  await importDirectory(sender.services.store.db, directory, { now: new Date() });
  const verifier = signingLibraryVerifier({ trust: { dataDir: dir, trustAnchors: [identity.rootPem, sealRoot.rootPem] } });
  const receiver = await makeReceiver(join(dir, 'ingest-endpoints'), B, directory.endpoints[1]!.name, axis, verifier, directory);
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
  const start = performance.now();
  const startTicks = process.hrtime.bigint() / 1000n;
  for (let pass = 0; pass < 10 && (await countIncoming()) < messageCount; pass += 1) await receiver.services.sync!.syncOnce();
  const end = performance.now();
  const endTicks = process.hrtime.bigint() / 1000n;
  const cpu = process.cpuUsage(startCpu);
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
