import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocsCoreServices, createUser, DocumentWorkflow, FixedClock, loadActorByUsername, openStore } from '@eoffice/docs-core';
import { makeSamplePdf } from '../../../packages/signing/test/helpers/sample-pdfs.js';
import { makeTestIdentity } from '../../../packages/signing/test/helpers/test-pki.js';
import { runEoffice } from './run-eoffice.js';

const CLOCK = '2026-11-23T09:00:00+07:00';
const dir = mkdtempSync(join(tmpdir(), 'eoffice-cli-arrival-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const data = join(dir, 'data');

async function eo(args: readonly string[]) {
  const run = await runEoffice([...args, '--data-dir', data, '--json'], { env: { EOFFICE_NOW: CLOCK } });
  return { ...run, json: run.stdout ? (JSON.parse(run.stdout) as Record<string, unknown>) : null };
}

async function ok(args: readonly string[]) {
  const run = await eo(args);
  if (run.code !== 0) throw new Error(`${args.join(' ')}: ${run.stderr}`);
  return run.json as { id: string; state: string; arrivalNumber: number | null; checking?: Array<{ code: string }> };
}

/** What the store holds for a document, read in-process after the CLI exits: proves a refusal changed nothing. */
async function stored(id: string) {
  const store = await openStore({ dataDir: data });
  try {
    const row = await store.db.selectFrom('documents').select(['state', 'arrival_number']).where('id', '=', id).executeTakeFirstOrThrow();
    const lines = await store.db.selectFrom('register_entries').select('document_id').where('document_id', '=', id).execute();
    return { state: row.state, arrivalNumber: row.arrival_number, registerLines: lines.length };
  } finally {
    await store.close();
  }
}

/**
 * Issue 11 item 2 through the command line: registering unchecked or duplicate arrivals fails typed, changing nothing.
 * The database and the arrivals are prepared in-process (real SQLite, the services the CLI composes); only the
 * commands under test spawn the CLI, since each child costs seconds on the shared machine.
 */
describe('eoffice: incoming documents checked before they count', () => {
  const ids = { unsigned: '', paper: '', duplicate: '' };

  beforeAll(async () => {
    const pdf = join(dir, 'unsigned.pdf');
    writeFileSync(pdf, await makeSamplePdf({ pages: 1 }));
    const store = await openStore({ dataDir: data });
    try {
      const clock = new FixedClock(CLOCK);
      await createDocsCoreServices({ store, clock }).registers.initAgency(
        { organId: '000.00.01.Z99', name: 'Ủy ban nhân dân tỉnh Demo', abbreviation: 'UBND', numberingScheme: 'single' },
        { sessionToken: null, actingUsername: null, face: 'test' },
      );
      await createUser(store.db, clock, 'setup', { username: 'admin', roles: ['admin'] });
      await createUser(store.db, clock, 'setup', { username: 'vanthu', roles: ['clerk'] });
      const workflow = new DocumentWorkflow({ store, clock });
      const clerk = (await loadActorByUsername(store.db, 'vanthu'))!;
      const receive = async (number: string, source: 'file' | 'paper') =>
        (await workflow.receive(clerk, {
          file: { path: pdf }, attachments: [], source, from: '000.00.17.Z99', fromName: 'Sở Tài chính', number, symbol: 'STC-NS',
          issuedDate: '2026-11-20', type: 'Công văn', subject: 'V/v báo cáo', urgency: 'normal', secrecy: 'none', language: 'Tiếng Việt',
        })).id;
      ids.unsigned = await receive('1', 'file');
      // A paper arrival needs no verifier: verified and registered here; its second copy waits at verified.
      ids.paper = await receive('7', 'paper');
      await workflow.verify(clerk, ids.paper);
      await workflow.register(clerk, ids.paper);
      ids.duplicate = await receive('7', 'paper');
      expect((await workflow.verify(clerk, ids.duplicate)).state).toBe('verified');
    } finally {
      await store.close();
    }
  }, 120_000);

  it('an unsigned electronic arrival needs checking: register fails (exit 1, E_NEEDS_CHECKING) until confirmed with a reason', async () => {
    const verified = await ok(['doc', 'verify', ids.unsigned, '--as', 'vanthu']);
    expect(verified).toMatchObject({ state: 'needs_checking', checking: [expect.objectContaining({ code: 'UNSIGNED' })] });
    // Without --confirm it is held; --confirm without a reason is an incomplete command, told as such (exit 2)
    // (arrival-check.test.ts drives the other partial forms at the service).
    const held = await eo(['doc', 'register', ids.unsigned, '--as', 'vanthu']);
    expect(held.code).toBe(1);
    expect(held.json).toMatchObject({ error: { code: 'E_NEEDS_CHECKING' } });
    const refused = await eo(['doc', 'register', ids.unsigned, '--confirm', '--as', 'vanthu']);
    expect(refused.code).toBe(2);
    expect(refused.json).toMatchObject({ error: { code: 'E_INVALID_INPUT', message: expect.stringContaining('--reason') } });
    expect(await stored(ids.unsigned)).toEqual({ state: 'needs_checking', arrivalNumber: null, registerLines: 0 });
    // The paper document took số đến 1 in set-up, so the confirmed one takes 2.
    const registered = await ok(['doc', 'register', ids.unsigned, '--confirm', '--reason', 'Đã gọi điện xác minh', '--as', 'vanthu']);
    expect(registered).toMatchObject({ state: 'registered', arrivalNumber: 2 });
  }, 120_000);

  it('a duplicate fails (E_DUPLICATE) and changes nothing until confirmed with a reason', async () => {
    const refused = await eo(['doc', 'register', ids.duplicate, '--as', 'vanthu']);
    expect(refused.code).toBe(1);
    expect(refused.json).toMatchObject({ error: { code: 'E_DUPLICATE' } });
    expect(await stored(ids.duplicate)).toEqual({ state: 'verified', arrivalNumber: null, registerLines: 0 });
    expect(await ok(['doc', 'register', ids.duplicate, '--confirm', '--reason', 'Bản gửi lại', '--as', 'vanthu'])).toMatchObject({ state: 'registered' });
  }, 120_000);

  it("trust add|require|list: an admin's, refused to a clerk (remove is arrival-check.test.ts's, at the service)", async () => {
    const root = makeTestIdentity(dir, 'ec-p256', 'Người gửi').rootPem;
    const refused = await eo(['trust', 'add', '--cert', root, '--as', 'vanthu']);
    expect(refused.code).toBe(1);
    expect(refused.json).toMatchObject({ error: { code: 'E_FORBIDDEN' } });
    const added = (await eo(['trust', 'add', '--cert', root, '--as', 'admin'])).json as { id: number; fingerprintSha256: string };
    expect(added.fingerprintSha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await eo(['trust', 'require', 'on', '--as', 'admin'])).json).toEqual({ requireTrusted: true });
    expect((await eo(['trust', 'list', '--as', 'admin'])).json).toMatchObject({
      anchors: [{ id: added.id, fingerprintSha256: added.fingerprintSha256 }],
      policy: { requireTrusted: true },
    });
  }, 120_000);
});
