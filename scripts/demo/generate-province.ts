/**
 * Writes the demo province (650 endpoints over 3 levels, fictitious level-1 code Z99) to
 * resources/demo/province-650.json. Reproducible: the same seed gives the same bytes.
 *   pnpm exec tsx scripts/demo/generate-province.ts [--seed N] [--out FILE]
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateDemoProvince } from '../../packages/docs-core/src/directory/demo-province.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '2020' },
    out: { type: 'string', default: resolve(repoRoot, 'resources/demo/province-650.json') },
  },
});
const file = generateDemoProvince({ seed: Number(values.seed) });
const out = resolve(values.out);
await mkdir(dirname(out), { recursive: true });
const temp = `${out}.${process.pid}.part`;
// One endpoint per line: the file stays readable and diffs stay small.
const { endpoints, ...header } = file;
const headerJson = JSON.stringify(header, null, 2).replace(/\n}$/, '');
const body = endpoints.map((endpoint) => `    ${JSON.stringify(endpoint)}`).join(',\n');
await writeFile(temp, `${headerJson},\n  "endpoints": [\n${body}\n  ]\n}\n`);
await rename(temp, out);
console.log(`${file.endpoints.length} endpoints → ${out}`);
