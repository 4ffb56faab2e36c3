import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/fixtures.js';

/**
 * Every verifier problem code is asserted by some test (issue 15): the codes are read from the ProblemCode union
 * itself, and each must appear quoted in a test file (`*.test.ts` under packages/＊/test or scripts/＊＊/test), so a
 * newly added code fails here until a test raises it from a file. Each code must also be raised somewhere in the
 * verifier's sources: a code nothing raises is dead and belongs out of the union.
 */
const signingRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const self = fileURLToPath(import.meta.url);

export function problemCodes(unionSource: string): string[] {
  const union = /export type ProblemCode\s*=([^;]*);/.exec(unionSource)?.[1];
  if (!union) throw new Error('ProblemCode union not found');
  return [...union.matchAll(/'([A-Z0-9_]+)'/g)].map((m) => m[1]!);
}

/** The codes that appear quoted in none of the sources. */
export function uncovered(codes: readonly string[], sources: readonly string[]): string[] {
  return codes.filter((code) => !sources.some((source) => source.includes(`'${code}'`) || source.includes(`"${code}"`)));
}

/** Files under `dir` (node_modules, build output and dot-folders skipped) that `keep` accepts. */
function filesUnder(dir: string, keep: (file: string) => boolean): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'build' || entry.name.startsWith('.') ? [] : filesUnder(full, keep);
    return keep(full) ? [full] : [];
  });
}

const codes = problemCodes(readFileSync(path.join(signingRoot, 'src/verify/report/verify-problem.ts'), 'utf8'));

describe('verifier problem codes', () => {
  it('the union is read (a broken reader would make the checks below vacuous)', () => {
    expect(codes.length).toBeGreaterThanOrEqual(45);
    expect(codes).toContain('SIGNATURE_INVALID');
    expect(codes).toContain('TIMESTAMP_IMPRINT_MISMATCH');
    expect(new Set(codes).size).toBe(codes.length);
    // The check itself catches a code that no source names.
    expect(uncovered(['SIGNATURE_INVALID', 'NOT_A_CODE'], ["expect(codes).toEqual(['SIGNATURE_INVALID'])"])).toEqual(['NOT_A_CODE']);
  });

  it('every code is asserted by at least one test file', () => {
    const isTest = (file: string): boolean => file.endsWith('.test.ts') && file !== self;
    const testFiles = [
      ...readdirSync(path.join(repoRoot, 'packages')).flatMap((pkg) => filesUnder(path.join(repoRoot, 'packages', pkg, 'test'), isTest)),
      ...filesUnder(path.join(repoRoot, 'scripts'), (file) => isTest(file) && file.split(path.sep).includes('test')),
    ];
    expect(testFiles.length).toBeGreaterThan(10);
    const sources = testFiles.map((file) => readFileSync(file, 'utf8'));
    expect(uncovered(codes, sources), 'codes no test asserts: add a test that raises each from a real file').toEqual([]);
  });

  it('every code is raised somewhere in the verifier (none is dead)', () => {
    const sources = filesUnder(path.join(signingRoot, 'src'), (file) => file.endsWith('.ts') && !file.endsWith('verify-problem.ts')).map((file) =>
      readFileSync(file, 'utf8'),
    );
    expect(uncovered(codes, sources)).toEqual([]);
  });
});
