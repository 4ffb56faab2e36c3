import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeSamplePdf } from '../../../packages/signing/test/helpers/sample-pdfs.js';
import { makeTestIdentity } from '../../../packages/signing/test/helpers/test-pki.js';
import { runEoffice, type CliRun } from './run-eoffice.js';

const dir = mkdtempSync(join(tmpdir(), 'eoffice-cli-out-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * `--out` is written through a temp file and a rename, and a rename replaces whatever the path names. The targets
 * here are a FIFO and a folder made for the test, not /dev/null: a run without the check would replace the machine's
 * device (as root, `--out /dev/full` did).
 */
describe('eoffice --out', async () => {
  const person = makeTestIdentity(dir, 'rsa-2048');
  const draft = join(dir, 'draft.pdf');
  writeFileSync(draft, await makeSamplePdf({ pages: 1 }));
  const fifo = join(dir, 'a-fifo');
  execFileSync('mkfifo', [fifo]);
  const folder = join(dir, 'a-folder');
  mkdirSync(folder);
  const missingParent = join(dir, 'no-such-folder', 'out.pdf');
  const dataDir = join(dir, 'data');

  const commands: Record<string, (out: string) => Promise<CliRun>> = {
    sign: (out) => runEoffice(['sign', draft, '--out', out, '--p12', person.p12, '--pin-env', 'PIN', '--json'], { env: { PIN: person.password } }),
    'pdf prepare': (out) => runEoffice(['pdf', 'prepare', draft, '--out', out, '--json']),
    'register print': (out) =>
      runEoffice(['register', 'print', '--year', '2026', '--direction', 'in', '--out', out, '--as', 'vanthu', '--data-dir', dataDir, '--json']),
    'directory export': (out) => runEoffice(['directory', 'export', '--out', out, '--as', 'vanthu', '--data-dir', dataDir, '--json']),
  };

  for (const [name, run] of Object.entries(commands)) {
    it(`${name} refuses a FIFO, a folder and a missing parent folder with E_OUTPUT_INVALID (exit 2), touching none`, async () => {
      for (const out of [fifo, folder, missingParent]) {
        const result = await run(out);
        expect({ out, code: result.code }).toEqual({ out, code: 2 });
        expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'E_OUTPUT_INVALID' } });
      }
      expect(lstatSync(fifo).isFIFO()).toBe(true);
      expect(lstatSync(folder).isDirectory()).toBe(true);
      expect(readdirSync(folder)).toEqual([]);
      expect(existsSync(join(dir, 'no-such-folder'))).toBe(false);
      expect(readdirSync(dir).filter((f) => f.endsWith('.tmp') || f.endsWith('.part'))).toEqual([]);
    }, 60_000);
  }
});
