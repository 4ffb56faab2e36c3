import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_AGENCY, DEMO_DIRECTORY_FILE, parseDirectoryFile, parseInstant, planDemo } from '@eoffice/docs-core';
import { vietnamYear } from '@eoffice/vietnamese';
import { pdfsig } from '../../../packages/signing/test/helpers/pdfsig.js';
import { CLI_BUNDLE, REPO_ROOT, runEoffice } from './run-eoffice.js';

const NOW = '2026-11-20T16:00:00+07:00';
const DOCS = 40;
const SEED = 2026;

interface ListedDocument {
  id: string;
  direction: string;
  year: number | null;
  source: string;
  issuer: { organId: string; name: string };
  arrivalNumber: number | null;
  duplicateOf: string | null;
  files: Array<{ role: string; name: string; sha256: string; size: number }>;
  [key: string]: unknown;
}

/**
 * What must match between two seedings: everything but ids, the bytes of signatures made with fresh demo keys (the
 * signed and issued files, and every axis arrival, which its sender sealed) and those keys' serial numbers (random;
 * that one is recorded is checked).
 */
function comparable(docs: ListedDocument[]): unknown[] {
  return docs.map(({ id: _id, duplicateOf, files, signatures, ...rest }) => ({
    ...rest,
    signatures: (signatures as Array<{ certificateSerial: string | null }>).map((s) => ({ ...s, certificateSerial: s.certificateSerial === null ? null : 'set' })),
    duplicateOf: duplicateOf === null ? null : 'set',
    files: files.map((f) => (f.role === 'signed' || f.role === 'issued' || (rest.source === 'axis' && f.role === 'main') ? { role: f.role, name: f.name } : f)),
  }));
}

const blobOf = (dataDir: string, sha: string) => join(dataDir, 'blobs', sha.slice(0, 2), sha.slice(2, 4), sha);

describe('eoffice demo seed', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('gives the same documents for the same seed, an intact audit chain, and the planned counts per direction and year', async () => {
    const root = await mkdtemp(join(tmpdir(), 'eoffice-cli-demo-'));
    dirs.push(root);
    const env = { EOFFICE_NOW: NOW, DEMO_PW: 'mat-khau-thu' };
    const lists: ListedDocument[][] = [];
    for (const name of ['a', 'b']) {
      const dataDir = join(root, name);
      const seeded = await runEoffice(['demo', 'seed', '--docs', String(DOCS), '--seed', String(SEED), '--password-env', 'DEMO_PW', '--data-dir', dataDir], { env });
      expect(seeded.code).toBe(0);
      expect(seeded.stdout).toContain('demo password: mat-khau-thu');
      expect(seeded.stdout).toContain(`${DOCS} văn bản`);
      const audit = await runEoffice(['audit', 'verify', '--as', 'admin', '--data-dir', dataDir, '--json'], { env });
      expect(audit.code).toBe(0);
      expect(JSON.parse(audit.stdout)).toMatchObject({ ok: true });
      const listed = await runEoffice(['doc', 'list', '--json', '--limit', '1000', '--as', 'vanthu', '--data-dir', dataDir], { env });
      expect(listed.code).toBe(0);
      lists.push(JSON.parse(listed.stdout) as ListedDocument[]);
    }
    const [a, b] = lists as [ListedDocument[], ListedDocument[]];
    expect(a).toHaveLength(DOCS);
    expect(comparable(a)).toEqual(comparable(b));
    expect(a.map((d) => d.id)).not.toEqual(b.map((d) => d.id)); // ids are fresh UUIDs: the comparison above is not trivial

    // Counts per direction and year are those of the plan for this seed: incoming by the year of registration (or
    // receipt), outgoing by the year its number was bound (drafts not yet numbered have none).
    const endpoints = parseDirectoryFile(JSON.parse(await readFile(DEMO_DIRECTORY_FILE, 'utf8'))).endpoints;
    const plan = planDemo({ seed: SEED, docs: DOCS, until: parseInstant(NOW), agencyCode: DEMO_AGENCY.organId, endpoints, canSign: true, canVerify: true });
    const expected: Record<string, number> = {};
    for (const doc of plan) {
      const steps = doc.steps;
      const dated =
        doc.direction === 'incoming'
          ? (steps.find((s) => s.action === 'register') ?? steps[0])
          : steps.filter((s) => s.action === 'issue' || s.action === 'bindNumber').at(-1);
      const key = `${doc.direction}/${dated ? vietnamYear(dated.at) : 'none'}`;
      expected[key] = (expected[key] ?? 0) + 1;
    }
    const actual: Record<string, number> = {};
    for (const doc of a) {
      const key = `${doc.direction}/${doc.year ?? 'none'}`;
      actual[key] = (actual[key] ?? 0) + 1;
    }
    expect(actual).toEqual(expected);
    for (const year of [2024, 2025, 2026]) expect((actual[`incoming/${year}`] ?? 0) + (actual[`outgoing/${year}`] ?? 0)).toBeGreaterThan(0);

    // Issue 11 item 12: each axis arrival carries its sender's seal, made with a demo key named after the sender: intact
    // and valid for our verifier and for poppler, untrusted (no trust anchor knows it). The arrival check holds it
    // (the "(DEMO)" organisation is not the sender's name), and the seed's confirmation says why.
    const axis = a.filter((d) => d.source === 'axis');
    expect(axis.length).toBeGreaterThan(0);
    for (const doc of axis) {
      const file = blobOf(join(root, 'a'), doc.files.find((f) => f.role === 'main')!.sha256);
      const verified = await runEoffice(['verify', file, '--json'], { env });
      expect(verified.code, verified.stdout + verified.stderr).toBe(0);
      const seals = (JSON.parse(verified.stdout) as { signatures: unknown[] }).signatures;
      expect(seals).toHaveLength(1);
      expect(seals[0]).toMatchObject({ intact: true, valid: true, trusted: null, signer: { certificate: { organization: `${doc.issuer.name} (DEMO)` } } });
      const poppler = pdfsig(file);
      expect(poppler.signatures.map((s) => [s.validation, s.signerName, s.totalDocumentSigned]), poppler.raw).toEqual([
        ['Signature is Valid.', `${doc.issuer.name} (DEMO)`, true],
      ]);
    }
    const registered = axis.find((d) => d.arrivalNumber !== null)!;
    const history = await runEoffice(['doc', 'history', registered.id, '--as', 'vanthu', '--data-dir', join(root, 'a'), '--json'], { env });
    const steps = JSON.parse(history.stdout) as Array<{ action: string; toState: string; note: string | null }>;
    expect(steps.find((s) => s.action === 'verify')).toMatchObject({ toState: 'needs_checking' });
    expect(steps.find((s) => s.action === 'register')?.note).toContain("demo data: the sender's seal is a demo key (DEMO) no trust anchor knows");

    const again = await runEoffice(['demo', 'seed', '--docs', '1', '--data-dir', join(root, 'a')], { env });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^E_CONFLICT: /);
  }, 600_000);

  it('runs again after a seed killed part-way, and the killed seed left nothing in the system temp folder', async () => {
    const root = await mkdtemp(join(tmpdir(), 'eoffice-cli-demo-kill-'));
    dirs.push(root);
    const dataDir = join(root, 'data');
    // The child's own system temp folder (os.tmpdir() reads TMPDIR), so what it leaves there can be seen.
    const childTmp = join(root, 'system-tmp');
    await mkdir(childTmp);
    const env = { EOFFICE_NOW: NOW, TMPDIR: childTmp };
    const child = spawn(process.execPath, [CLI_BUNDLE, 'demo', 'seed', '--docs', '60', '--data-dir', dataDir], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
    // Killed at the first progress line, 10 of 60 documents done and the others begun (a seed plays the documents' steps
    // in time order, so a larger seed takes longer to finish its first ten): users, registers, documents and blobs are
    // all half there.
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        if (chunk.toString('utf8').includes('/60 ')) resolve();
      });
      void exited.then(() => resolve());
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(await readdir(childTmp)).toEqual([]);

    const again = await runEoffice(['demo', 'seed', '--docs', '5', '--data-dir', dataDir, '--json'], { env });
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ documents: 5 });
    const listed = await runEoffice(['doc', 'list', '--json', '--limit', '1000', '--as', 'vanthu', '--data-dir', dataDir], { env });
    expect(JSON.parse(listed.stdout)).toHaveLength(5);
    const audit = await runEoffice(['audit', 'verify', '--as', 'admin', '--data-dir', dataDir, '--json'], { env });
    expect(JSON.parse(audit.stdout)).toMatchObject({ ok: true });
    expect(await readdir(childTmp)).toEqual([]);
    // A finished seed is not discarded: a third run refuses the full store as before.
    const third = await runEoffice(['demo', 'seed', '--docs', '1', '--data-dir', dataDir], { env });
    expect(third.code).toBe(1);
    expect(third.stderr).toMatch(/^E_CONFLICT: /);
  }, 300_000);
});
