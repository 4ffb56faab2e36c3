/// <reference lib="dom" />
/**
 * UI benchmark of the browser face (by hand, not in the test suite; issue 12 item 15; ARCHITECTURE.md, Tests):
 *   pnpm exec tsx scripts/bench/ui.ts [--docs 1000000] [--register 100000] [--runs 5] [--starts 3] [--dir DIR] [--keep]
 *     [--reuse] [--skip-build]
 * Builds the renderer (`build:renderer`) and reports its JS and CSS, raw and gzip. Seeds one data folder through
 * docs-core: the demo agency and users (`seedProvinceProfile` with no documents), a current-year incoming register
 * of --register entries (their documents through the bulk import, the register lines inserted in one transaction as
 * `allocateNumber` writes them) and --docs synthetic documents of the search bench's corpus (search-corpus.ts).
 * Then, in Debian's Chromium (headless, /usr/bin/chromium or EOFFICE_CHROMIUM) against `start:web` as the e2e
 * fixture starts it (node scripts/eoffice/build/start-web.mjs, the bundle, rebuilt when stale):
 *   - start: spawning the web host → its URL line → the sign-in screen's username field enabled (once on an empty
 *     data folder, once on the seeded one, --starts times each; the browser is already open);
 *   - sign-in: Enter in the password field → the clerk's first section (Văn bản đến) has its rows;
 *   - register: a click on "Sổ đăng ký" → its first rows; then a jump to the middle row → that row;
 *   - search: Enter in the top bar's box (typing alone does not search) → the result rows.
 * Times inside the page run from the event's timestamp to the animation frame after the rows are in the DOM. The
 * baseline, measured in the same run from the same host: Chromium loading and painting a static HTML page (lines of
 * text in divs, no script but the timer) as large as the first screen's JS + CSS; every figure is printed as a ratio to it too,
 * with the load average when it was taken. Electron is not measured (its binary is not on every machine).
 * Targets (issue 12): first screen interactive ≤ 1.5 s, first register rows at 100,000 entries ≤ 300 ms,
 * keystroke to search results at 1M documents ≤ 100 ms.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import { bulkImportDocuments, type ImportedDocumentRow } from '../../packages/docs-core/src/bulk/index.js';
import { systemClock } from '../../packages/docs-core/src/clock/clock.js';
import { parseDirectoryFile } from '../../packages/docs-core/src/directory/index.js';
import { DEMO_AGENCY } from '../../packages/docs-core/src/demo/seed-demo.js';
import { seedProvinceProfile } from '../../packages/docs-core/src/demo/seed-profile.js';
import { registerId } from '../../packages/docs-core/src/numbering/registers.js';
import { DATABASE_FILE_NAME, openStore, type Store } from '../../packages/docs-core/src/store/store.js';
import { vietnamIso, vietnamYear } from '../../packages/vietnamese/src/index.js';
import { documentRow, SearchCorpus } from './search-corpus.js';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../..');
const START_WEB = join(repoRoot, 'scripts/eoffice/build/start-web.mjs');
const BUILT_RENDERER = join(repoRoot, 'apps/desktop/dist/renderer');
const CHROMIUM = process.env.EOFFICE_CHROMIUM ?? '/usr/bin/chromium';
const PASSWORD = 'mat-khau-bench-ui';
const ROW_HEIGHT = 38; // registers-section.tsx

const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '1000000' },
    register: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '5' },
    starts: { type: 'string', default: '3' },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
    // Measure on a folder seeded by an earlier run with --dir (its seeding figures are not repeated).
    reuse: { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
  },
});
const DOCS = Number(values.docs);
const REGISTER = Number(values.register);
const RUNS = Number(values.runs);
const STARTS = Number(values.starts);

const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const load = () => loadavg()[0]!.toFixed(1);
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const ms = (x: number) => `${x.toFixed(0)} ms`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

// ---- the renderer bundle -------------------------------------------------------------------------------------
if (!values['skip-build']) {
  const started = performance.now();
  const build = spawnSync('pnpm', ['--silent', '--filter', '@eoffice/desktop', 'build:renderer', '--logLevel', 'error'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`build:renderer exited ${build.status}`);
  log(`build:renderer: ${((performance.now() - started) / 1000).toFixed(1)} s (load average ${load()})`);
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

interface Sizes { raw: number; gzip: number; files: number }
async function sizesOf(files: readonly string[]): Promise<Sizes> {
  const sizes: Sizes = { raw: 0, gzip: 0, files: files.length };
  for (const file of files) {
    const bytes = await readFile(file);
    sizes.raw += bytes.length;
    sizes.gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return sizes;
}

const allFiles = await filesUnder(BUILT_RENDERER);
const indexHtml = await readFile(join(BUILT_RENDERER, 'index.html'), 'utf8');
// What the first screen loads: the scripts and style sheets index.html names (the rest are chunks loaded on demand).
const entryFiles = [...indexHtml.matchAll(/(?:src|href)="\.?\/?([^"]+\.(?:js|css))"/g)].map((m) => join(BUILT_RENDERER, m[1]!));
const bundle = {
  entryJs: await sizesOf(entryFiles.filter((f) => f.endsWith('.js'))),
  entryCss: await sizesOf(entryFiles.filter((f) => f.endsWith('.css'))),
  allJs: await sizesOf(allFiles.filter((f) => /\.m?js$/.test(f))),
  allCss: await sizesOf(allFiles.filter((f) => f.endsWith('.css'))),
  all: await sizesOf(allFiles),
};
for (const [name, s] of Object.entries(bundle)) log(`bundle ${name}: ${s.files} files, ${kib(s.raw)} raw, ${kib(s.gzip)} gzip -9`);

// The host serves a copy of the renderer with the baseline page beside it (the same host, the same headers).
const work = await mkdtemp(join(tmpdir(), 'eoffice-bench-ui-'));
const rendererDir = join(work, 'renderer');
await cp(BUILT_RENDERER, rendererDir, { recursive: true });
const baselineBytes = bundle.entryJs.raw + bundle.entryCss.raw;
{
  const rows: string[] = [];
  let size = 0;
  for (let i = 1; size < baselineBytes; i += 1) {
    const row = `<div>${i} · 06/12/2026 · ${i}/QĐ-UBND · Về việc quản lý đất đai và tuyển dụng viên chức năm 2026 (dòng ${i}) · vanthu</div>\n`;
    rows.push(row);
    size += Buffer.byteLength(row);
  }
  await writeFile(
    join(rendererDir, 'baseline.html'),
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>baseline</title></head><body>\n${rows.join('')}` +
      '<script src="baseline.js"></script></body></html>\n',
  );
  // The page is parsed and laid out: the next animation frame is the one that paints it.
  await writeFile(join(rendererDir, 'baseline.js'), 'requestAnimationFrame(() => { window.__painted = performance.now(); });\n');
}

// ---- seeding ---------------------------------------------------------------------------------------------------
async function seedPeople(store: Store): Promise<void> {
  await seedProvinceProfile({ store, profile: 'khanh-hoa-2020', docs: 0, seed: 1, password: PASSWORD, until: new Date() });
}

const emptyDir = join(work, 'empty');
await mkdir(emptyDir);
{
  const store = await openStore({ dataDir: emptyDir });
  await seedPeople(store);
  await store.close();
}

const dataDir = values.dir ? resolve(values.dir) : join(work, 'seeded');
const seeding: string[] = [];
if (!values.reuse) {
  await mkdir(dataDir, { recursive: true });
  const store = await openStore({ dataDir });
  await seedPeople(store);
  const province = parseDirectoryFile(JSON.parse(await readFile(join(repoRoot, 'resources/demo/province-650.json'), 'utf8')));
  const now = new Date();
  const at = vietnamIso(now);
  const year = vietnamYear(now);
  const firstDay = Date.UTC(year, 0, 1);
  const days = Math.max(1, Math.floor((now.getTime() - firstDay) / 86_400_000));
  // The register's documents: the corpus's subjects and issuers, arrived this year in order, registered.
  const registerCorpus = new SearchCorpus(province.endpoints, 7);
  const arrivalOf = (i: number) => new Date(firstDay + Math.floor((i / REGISTER) * days) * 86_400_000).toISOString().slice(0, 10);
  function* registerRows(): Generator<ImportedDocumentRow> {
    for (let i = 0; i < REGISTER; i += 1) {
      const row = documentRow(registerCorpus.next(REGISTER), at);
      const arrival = arrivalOf(i);
      yield { ...row, id: `ui-reg-${String(i + 1).padStart(6, '0')}`, direction: 'incoming', state: 'registered', year, issued_date: arrival, arrival_date: arrival, arrival_number: i + 1 };
    }
  }
  const corpus = new SearchCorpus(province.endpoints, 42);
  function* corpusRows(): Generator<ImportedDocumentRow> {
    for (let i = 0; i < DOCS; i += 1) yield documentRow(corpus.next(DOCS), at);
  }
  function* allRows(): Generator<ImportedDocumentRow> {
    yield* registerRows();
    yield* corpusRows();
  }
  const loadBefore = load();
  let started = performance.now();
  let nextLog = 0;
  await bulkImportDocuments(store.db, allRows(), {
    clock: systemClock(),
    actor: 'system',
    deferIndexes: true,
    rollbackJournal: true,
    onProgress: (n) => {
      if (n >= nextLog) {
        log(`seeded ${n.toLocaleString('en')}`);
        nextLog += 200_000;
      }
    },
  });
  seeding.push(`bulk import of ${(REGISTER + DOCS).toLocaleString('en')} documents: ${((performance.now() - started) / 1000).toFixed(1)} s (load average ${loadBefore} before, ${load()} after)`);
  log(seeding.at(-1)!);
  started = performance.now();
  const clerk = await store.db.selectFrom('users').select('id').where('username', '=', 'vanthu').executeTakeFirstOrThrow();
  const register = registerId(DEMO_AGENCY.organId, year, 'incoming', 'normal');
  await store.db.transaction().execute(async (trx) => {
    await trx.insertInto('registers').values({ id: register, agency_id: DEMO_AGENCY.organId, year, direction: 'incoming', kind: 'normal', title: `Sổ đăng ký văn bản đến năm ${year}`, created_at: at }).onConflict((oc) => oc.doNothing()).execute();
    const docs = await trx.selectFrom('documents').select(['id', 'code_number', 'code_notation', 'arrival_number']).where('id', 'like', 'ui-reg-%').orderBy('id').execute();
    for (let i = 0; i < docs.length; i += 1000) {
      await trx.insertInto('register_entries').values(docs.slice(i, i + 1000).map((d) => {
        const n = d.arrival_number!;
        return { register_id: register, sequence_key: 'all', number: n, document_id: d.id, code: `${n < 10 ? `0${n}` : n} — ${d.code_number}/${d.code_notation}`, status: 'active' as const, note: null, registered_at: `${arrivalOf(n - 1)}T08:00:00+07:00`, registered_by: clerk.id };
      })).execute();
    }
    await trx.insertInto('number_sequences').values({ register_id: register, sequence_key: 'all', last_value: docs.length }).execute();
  });
  seeding.push(`${REGISTER.toLocaleString('en')} register lines: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  log(seeding.at(-1)!);
  await store.close();
}
const databaseBytes = (await stat(join(dataDir, DATABASE_FILE_NAME)).catch(() => null))?.size;

// ---- the web host and the browser --------------------------------------------------------------------------------
interface Host { url: string; origin: string; readyMs: number; stop: () => Promise<void> }

// A run that fails half-way must not leave a web host behind.
const hosts = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of hosts) child.kill('SIGKILL');
});

/** `start:web` as the e2e fixture starts it; readyMs: from the spawn to its one URL line. */
async function startHost(dir: string): Promise<Host> {
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [START_WEB, '--port', '0', '--data-dir', dir, '--renderer-dir', rendererDir], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  hosts.add(child);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((done, fail) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /^E-Office web: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)$/m.exec(stdout);
      if (match?.[1]) done(match[1]);
    });
    child.once('exit', (code) => fail(new Error(`web host exited with ${code}: ${stderr}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    readyMs: performance.now() - started,
    stop: async () => {
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(forced);
      hosts.delete(child);
    },
  };
}

const browser: Browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const chromiumVersion = browser.version();
async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  // tsx compiles this file with esbuild's keepNames: the functions sent to the page call its __name helper.
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  return context.newPage();
}

interface Figure { what: string; values: number[]; loads: string[] }
const figures = new Map<string, Figure>();
function record(what: string, value: number): void {
  const figure = figures.get(what) ?? { what, values: [], loads: [] };
  figure.values.push(value);
  figure.loads.push(load());
  figures.set(what, figure);
  log(`${what}: ${ms(value)} (load average ${load()})`);
}

interface BenchWindow { __bench: { start: number; done: Promise<number> }; __painted?: number }

/**
 * Arms a stopwatch in the page before the action: it starts at the timestamp of the next click or Enter, and stops
 * at the animation frame after an element matching `selector` (and not there before) is in the DOM.
 */
async function arm(page: Page, trigger: 'click' | 'Enter', selector: string): Promise<void> {
  await page.evaluate(
    ({ trigger, selector }) => {
      const w = window as unknown as BenchWindow;
      for (const old of document.querySelectorAll(selector)) old.setAttribute('data-bench-old', '');
      const fresh = `:is(${selector}):not([data-bench-old])`;
      w.__bench = { start: Number.NaN, done: Promise.resolve(0) };
      const onEvent = (event: Event) => {
        if (trigger === 'click' || (event as KeyboardEvent).key === 'Enter') {
          w.__bench.start = event.timeStamp;
          document.removeEventListener(trigger === 'click' ? 'click' : 'keydown', onEvent, true);
        }
      };
      document.addEventListener(trigger === 'click' ? 'click' : 'keydown', onEvent, true);
      w.__bench.done = new Promise<number>((done) => {
        const observer = new MutationObserver(() => {
          if (!document.querySelector(fresh)) return;
          observer.disconnect();
          requestAnimationFrame(() => done(performance.now() - w.__bench.start));
        });
        observer.observe(document.body, { childList: true, subtree: true });
      });
    },
    { trigger, selector },
  );
}
const stopwatch = (page: Page) => page.evaluate(() => (window as unknown as BenchWindow).__bench.done);

/** Milliseconds the last call of `method` spent on the wire and in the services (resource timing), or NaN. */
const rpcMs = (page: Page, method: string) =>
  page.evaluate((method) => {
    const entries = performance.getEntriesByType('resource').filter((e) => e.name.endsWith(`/rpc/${method}`));
    return entries.at(-1)?.duration ?? Number.NaN;
  }, method);

/** Every contract call since the timings were cleared, slowest first (where the time of a slow step went). */
const rpcCalls = (page: Page) =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes('/rpc/'))
      .sort((a, b) => b.duration - a.duration)
      .map((e) => `${e.name.split('/rpc/')[1]} ${e.duration.toFixed(0)} ms`)
      .join(', '),
  );

const USERNAME_READY = () => {
  const field = document.querySelector<HTMLInputElement>('input[name=username]');
  return field && !field.disabled && field.offsetParent !== null ? performance.now() : false;
};
const FIRST_SECTION = '[data-testid=incoming-row], .table-wrap .empty-inline';

async function signIn(page: Page, label: string): Promise<void> {
  await page.fill('input[name=username]', 'vanthu');
  await page.fill('input[name=password]', PASSWORD);
  await page.evaluate(() => performance.clearResourceTimings());
  await arm(page, 'Enter', FIRST_SECTION);
  await page.press('input[name=password]', 'Enter');
  record(label, await stopwatch(page));
  log(`  its calls: ${await rpcCalls(page)}`);
}

// Baseline: the static page, cold (a fresh browser context) each time, from a running host.
async function baseline(host: Host): Promise<void> {
  const page = await newPage();
  await page.goto(`${host.origin}/baseline.html`);
  const painted = await page.waitForFunction(() => (window as unknown as BenchWindow).__painted ?? false, undefined, { polling: 100 });
  record('baseline: static page (navigation → painted)', Number(await painted.jsonValue()));
  await page.context().close();
}

/** Start → sign-in screen usable, then sign-in → first section; the host is stopped unless `keep`. */
async function startAndSignIn(dir: string, name: string, keep: boolean): Promise<{ host: Host; page: Page } | null> {
  const page = await newPage();
  const spawned = performance.now();
  const host = await startHost(dir);
  record(`start (${name}): spawn → URL line`, host.readyMs);
  await page.goto(host.url);
  const ready = await page.waitForFunction(USERNAME_READY, undefined, { polling: 'raf', timeout: 60_000 });
  const inPage = Number(await ready.jsonValue());
  record(`start (${name}): spawn → username field usable`, performance.now() - spawned);
  record(`start (${name}): navigation → username field usable`, inPage);
  await signIn(page, `sign-in (${name}): Enter → Văn bản đến rows`);
  if (keep) return { host, page };
  await baseline(host);
  await page.context().close();
  await host.stop();
  return null;
}

log(`machine: ${cpus().length} × ${cpus()[0]?.model}, Node ${process.version}, Chromium ${chromiumVersion}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
for (let i = 0; i < STARTS; i += 1) await startAndSignIn(emptyDir, 'empty folder', false);
for (let i = 0; i < STARTS - 1; i += 1) await startAndSignIn(dataDir, 'seeded folder', false);
const kept = (await startAndSignIn(dataDir, 'seeded folder', true))!;
const { host, page } = kept;

// More sign-ins on the same host: a reload signs out (the session lives in the page's memory only).
for (let i = 1; i < RUNS; i += 1) {
  await page.reload();
  await page.waitForFunction(USERNAME_READY, undefined, { polling: 'raf' });
  await signIn(page, 'sign-in (seeded folder): Enter → Văn bản đến rows');
}

// ---- the register ---------------------------------------------------------------------------------------------
const registerButton = page.getByRole('button', { name: 'Sổ đăng ký', exact: true });
const incomingButton = page.getByRole('button', { name: 'Văn bản đến', exact: true });
let registerCount = 0;
for (let i = 0; i < RUNS; i += 1) {
  await baseline(host);
  if (i > 0) {
    await incomingButton.click();
    await page.waitForSelector(FIRST_SECTION);
  }
  await page.evaluate(() => performance.clearResourceTimings());
  await arm(page, 'click', '[data-testid=register-row]');
  await registerButton.click();
  record(`register ${REGISTER.toLocaleString('en')}: click → first rows`, await stopwatch(page));
  record(`register: registers.entries call (of the above)`, await rpcMs(page, 'registers.entries'));
  registerCount = await page.evaluate(() => Number(document.querySelector('[data-testid=register-table]')?.getAttribute('aria-rowcount') ?? 1) - 1);
  // A jump to the middle: scrollTop set, then the frame after the middle row is in the DOM.
  const middle = Math.floor(registerCount / 2);
  const jump = await page.evaluate(
    ({ middle, rowHeight }) =>
      new Promise<number>((done) => {
        const body = document.querySelector<HTMLElement>('[data-testid=register-table] .vbody')!;
        const selector = `[data-testid=register-row][aria-rowindex="${middle + 2}"]`;
        const start = performance.now();
        const observer = new MutationObserver(() => {
          if (!document.querySelector(selector)) return;
          observer.disconnect();
          requestAnimationFrame(() => done(performance.now() - start));
        });
        observer.observe(body, { childList: true, subtree: true });
        body.scrollTop = middle * rowHeight;
      }),
    { middle, rowHeight: ROW_HEIGHT },
  );
  record('register: jump to the middle row → painted', jump);
}
if (registerCount !== REGISTER) log(`NOTE: the register shows ${registerCount} rows, not ${REGISTER}`);

// ---- search ---------------------------------------------------------------------------------------------------
const QUERIES = ['dat dai', 'chuyển đổi số', 'tuyen dung vien chuc', 'phòng cháy, chữa cháy', 'nuoi ca tra giong', 'giai ngan von dau tu cong'];
const searchCounts = new Map<string, number>();
for (let i = 0; i < RUNS; i += 1) {
  await baseline(host);
  for (const query of QUERIES) {
    await page.fill('[data-testid=top-search]', query);
    await page.evaluate(() => performance.clearResourceTimings());
    await arm(page, 'Enter', '[data-testid=search-row], [data-testid=search-empty]');
    await page.press('[data-testid=top-search]', 'Enter');
    record('search: Enter → result rows', await stopwatch(page));
    record('search: search.query call (of the above)', await rpcMs(page, 'search.query'));
    searchCounts.set(query, await page.locator('[data-testid=search-row]').count());
  }
}
log(`search rows shown per query (first page, at most 50): ${[...searchCounts].map(([q, n]) => `"${q}" ${n}`).join(', ')}`);

await page.context().close();
await host.stop();
await browser.close();
if (!values.keep) await rm(work, { recursive: true, force: true });
else log(`kept ${work}`);

// ---- the table ----------------------------------------------------------------------------------------------------
const loadRange = (loads: readonly string[]) => {
  const sorted = loads.map(Number).sort((a, b) => a - b);
  return sorted[0] === sorted.at(-1) ? sorted[0]!.toFixed(1) : `${sorted[0]!.toFixed(1)}–${sorted.at(-1)!.toFixed(1)}`;
};
const base = median(figures.get('baseline: static page (navigation → painted)')!.values);
const targets: Record<string, number> = {
  'start (seeded folder): spawn → username field usable': 1500,
  'start (empty folder): spawn → username field usable': 1500,
  'sign-in (seeded folder): Enter → Văn bản đến rows': 1500,
  'sign-in (empty folder): Enter → Văn bản đến rows': 1500,
  [`register ${REGISTER.toLocaleString('en')}: click → first rows`]: 300,
  'search: Enter → result rows': 100,
};
console.log('');
console.log(`${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (${cpus()[0]?.model}), Node ${process.version}, Chromium ${chromiumVersion} headless;` +
  ` ${REGISTER.toLocaleString('en')} register entries, ${(REGISTER + DOCS).toLocaleString('en')} documents in the search index` +
  (databaseBytes ? ` (database ${(databaseBytes / 2 ** 20).toFixed(0)} MiB)` : ''));
for (const line of seeding) console.log(`seeding: ${line}`);
console.log('');
console.log('| what | runs | median | min–max | ÷ baseline | target | load average |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- |');
for (const f of figures.values()) {
  const m = median(f.values);
  const target = targets[f.what];
  const verdict = target === undefined ? '' : `≤ ${target} ms${m <= target ? '' : ' **missed**'}`;
  console.log(`| ${f.what} | ${f.values.length} | ${ms(m)} | ${ms(Math.min(...f.values))}–${ms(Math.max(...f.values))} | ${(m / base).toFixed(2)} | ${verdict} | ${loadRange(f.loads)} |`);
}
console.log('');
console.log('| renderer bundle | files | raw | gzip -9 |');
console.log('| --- | ---: | ---: | ---: |');
const bundleNames: Record<string, string> = {
  entryJs: 'JS the first screen loads (index.html)',
  entryCss: 'CSS the first screen loads',
  allJs: 'all JS (with chunks loaded on demand, the PDF worker)',
  allCss: 'all CSS',
  all: 'everything in dist/renderer',
};
for (const [name, s] of Object.entries(bundle)) console.log(`| ${bundleNames[name]} | ${s.files} | ${kib(s.raw)} | ${kib(s.gzip)} |`);
