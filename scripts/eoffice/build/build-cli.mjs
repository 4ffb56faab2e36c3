// Bundles the eoffice CLI into a small entry (scripts/eoffice/dist/eoffice.mjs) and chunks (dist/chunks/). Under tsx
// every start transpiled and resolved about a thousand modules (≈3 s of CPU a command). One bundle of everything
// still made each command parse 5.6 MB; split, the entry holds the command table and each command loads its own
// module and libraries (commands/index.ts). Native addons and pdf.js stay outside and load from node_modules.
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cliDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = join(cliDir, '..', '..');
export const BUNDLE = join(cliDir, 'dist', 'eoffice.mjs');
/** The browser face (`pnpm start:web`), from the same build: under tsx its start compiled the host for seconds. */
export const START_WEB_BUNDLE = join(cliDir, 'dist', 'start-web.mjs');
const CHUNKS = join(cliDir, 'dist', 'chunks');

/** Everything the bundle is made from: when any of it is newer than the bundle, the bundle is rebuilt. */
const SOURCES = ['packages', 'scripts/eoffice/src', 'scripts/eoffice/build', 'pnpm-lock.yaml'];

/**
 * Each source module finds its files (resources/, the module-probe child) relative to its own import.meta.url. In a
 * bundle that would be its chunk's URL, so every module keeps its source file's URL instead: the bundle is a faster
 * way to run this checkout, not a relocatable package (packaging is the desktop build's job).
 */
const keepSourceUrls = {
  name: 'keep-source-import-meta-url',
  setup(builder) {
    builder.onLoad({ filter: /[\\/](packages|apps|scripts)[\\/].*\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      return { contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
    });
  },
};

export async function buildCli() {
  // The bundle is dated when the build started, so a source saved during the build still counts as newer.
  const startedAt = new Date();
  const { build } = await import('esbuild');
  await mkdir(dirname(BUNDLE), { recursive: true });
  const result = await build({
    // The verifier's thread has an entry of its own (packages/host's worker-verifier finds it through the define).
    entryPoints: {
      eoffice: join(cliDir, 'src', 'main.ts'),
      'start-web': join(repoRoot, 'packages', 'host', 'src', 'start-web.ts'),
      'verify-worker': join(repoRoot, 'packages', 'host', 'src', 'verification', 'verify-worker.ts'),
    },
    define: { __EOFFICE_VERIFY_WORKER_URL__: JSON.stringify(pathToFileURL(join(dirname(BUNDLE), 'verify-worker.mjs')).href) },
    outdir: dirname(BUNDLE),
    // Source paths in the bundle's comments and maps relative to the CLI's folder, wherever the build was started.
    absWorkingDir: cliDir,
    outExtension: { '.js': '.mjs' },
    // Each dynamic import() of the command table becomes a chunk; code two commands share gets a chunk of its own.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    external: ['sqlite3', 'pkcs11js', 'pdfjs-dist', 'pdfjs-dist/*', 'electron'],
    // Bundled CommonJS (node-forge, pdf-lib's dependencies) calls require(); an ES module has none of its own. The
    // banner goes on every chunk, each with its own module scope.
    banner: { js: "import { createRequire as __eofficeCreateRequire } from 'node:module'; const require = __eofficeCreateRequire(import.meta.url);" },
    plugins: [keepSourceUrls],
    logLevel: 'warning',
  });
  // Chunks and maps first, the entry last, each through a temporary name: a concurrent start never loads half a file,
  // and the entry (whose date says whether the build is stale) never names a chunk that is not there yet. Chunk names
  // carry a content hash, so a command already running keeps finding the chunks it was built with.
  await mkdir(CHUNKS, { recursive: true });
  const files = [...result.outputFiles].sort((a) => (a.path === BUNDLE ? 1 : -1));
  for (const file of files) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    await writeFile(temporary, file.contents);
    await utimes(temporary, startedAt, startedAt);
    await rename(temporary, file.path);
  }
  await removeOldChunks(new Set(files.map((file) => file.path)));
  return BUNDLE;
}

/**
 * Chunks of earlier builds that the new entry does not name. An hour's grace: a command started before the rebuild
 * (a long `demo seed`) may still import one, e.g. the error reporter when it fails.
 */
async function removeOldChunks(current) {
  const hourAgo = Date.now() - 60 * 60 * 1000;
  for (const name of await readdir(CHUNKS)) {
    const path = join(CHUNKS, name);
    if (current.has(path)) continue;
    const info = await stat(path).catch(() => undefined);
    if (info && info.mtimeMs < hourAgo) await rm(path, { force: true });
  }
}

async function newestChange(path) {
  const info = await stat(path).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = (await readdir(path, { withFileTypes: true })).filter(
    (entry) => !['node_modules', 'dist', 'test'].includes(entry.name) && !entry.name.startsWith('.'),
  );
  const times = await Promise.all(entries.map((entry) => newestChange(join(path, entry.name))));
  return Math.max(info.mtimeMs, ...times);
}

export async function bundleIsStale() {
  const built = await stat(BUNDLE).catch(() => undefined);
  if (!built) return true;
  const times = await Promise.all(SOURCES.map((source) => newestChange(join(repoRoot, source))));
  return Math.max(...times) > built.mtimeMs;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(`eoffice CLI bundled → ${await buildCli()}`);
}
