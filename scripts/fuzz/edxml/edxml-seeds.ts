import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURES } from '../pdf/pdf-seeds.js';
import type { Seed } from '../run-fuzz.js';

export const EDXML_REGRESSIONS = fileURLToPath(new URL('./regressions', import.meta.url));

function edxmlUnder(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) found.push(...edxmlUnder(full));
    else if (/\.(edxml|xml)$/i.test(name)) found.push(full);
  }
  return found;
}

/** The fixtures' edXML messages (the VNPT SDK's and others'), read by path, at most `maxBytes` each. */
export function edxmlFixtureSeeds(maxBytes = 600_000): Seed[] {
  return edxmlUnder(path.join(FIXTURES, 'edxml'))
    .filter((file) => statSync(file).size <= maxBytes)
    .map((file) => ({ name: path.relative(FIXTURES, file), bytes: readFileSync(file) }));
}

export function edxmlRegressionSeeds(dir = EDXML_REGRESSIONS): Seed[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.edxml'))
    .sort()
    .map((name) => ({ name: `regressions/${name}`, bytes: readFileSync(path.join(dir, name)) }));
}
