import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeWorld, RECIPIENT, writePdf, type World } from '../../../packages/docs-core/test/workflow-helpers.js';
import { runEoffice } from './run-eoffice.js';

/** A draft signed by the leader (the test world's hash signer), to be issued or left unissued. */
async function signedDraft(world: World, subject: string): Promise<string> {
  const draft = await world.workflow.draft(await world.as('chuyenvien'), {
    type: 'QĐ', subject, file: { path: await writePdf(world.dir, `${subject}.pdf`) }, attachments: [], to: [RECIPIENT],
    urgency: 'normal', secrecy: 'none', signer: 'lanhdao', language: 'Tiếng Việt', direction: 'outgoing',
  });
  await world.workflow.submit(await world.as('chuyenvien'), draft.id);
  await world.workflow.approve(await world.as('lanhdao'), draft.id);
  await world.workflow.sign(await world.as('lanhdao'), draft.id);
  return draft.id;
}

interface Shown {
  state: string;
  flags: string[];
  replacedBy?: { id: string; number: string | null } | null;
  replaces?: Array<{ id: string }>;
}

/**
 * Issue 11 item 6 through the command line: `doc replace` refuses a replacement that has not been issued (exit 1, a
 * typed error, nothing marked), and once done the chain shows in `doc show`, as text and as JSON. The documents are
 * prepared in-process (the test world signs with hash keys); only the commands under test spawn the CLI.
 */
describe('eoffice doc replace: the chain of a replaced document', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('refuses an unissued replacement, then marks the old document replaced by the new one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'eoffice-cli-replace-'));
    dirs.push(dir);
    // The world stays open beside the CLI (SQLite, one writer at a time): its hash keys issue the replacement later.
    const world = await makeWorld(dir);
    try {
      const clerk = await world.as('vanthu');
      const old = await signedDraft(world, 'Quyết định sai thẩm quyền');
      await world.workflow.issue(clerk, old);
      await world.workflow.dispatch(clerk, old, { paper: false });
      const replacement = await signedDraft(world, 'Quyết định thay thế');

      const data = join(dir, 'data');
      const run = (args: string[], json = true) => runEoffice([...args, '--data-dir', data, ...(json ? ['--json'] : [])], { env: { EOFFICE_NOW: '2026-03-02T10:00:00+07:00' } });
      const show = async (id: string) => JSON.parse((await run(['doc', 'show', id, '--as', 'vanthu'])).stdout) as Shown;
      const historyLength = async (id: string) => (JSON.parse((await run(['doc', 'history', id, '--as', 'vanthu'])).stdout) as unknown[]).length;

      const before = await historyLength(old);
      const refused = await run(['doc', 'replace', old, '--by', replacement, '--reason', 'Sai thẩm quyền', '--as', 'vanthu']);
      expect(refused.code, refused.stderr).toBe(1);
      expect(refused.stderr).toMatch(/^E_INVALID_STATE: .*chưa được ban hành/);
      expect(await show(old)).toMatchObject({ state: 'dispatched', flags: [], replacedBy: null, replaces: [] });
      expect(await historyLength(old)).toBe(before);
      expect((await show(replacement)).state).toBe('signed');

      await world.workflow.issue(clerk, replacement);
      const done = await run(['doc', 'replace', old, '--by', replacement, '--reason', 'Sai thẩm quyền', '--as', 'vanthu']);
      expect(done.code, done.stderr).toBe(0);
      const shownOld = await show(old);
      expect(shownOld.flags).toContain('replaced');
      expect(shownOld.replacedBy).toMatchObject({ id: replacement, number: '02' });
      expect((await show(replacement)).replaces?.map((d) => d.id)).toEqual([old]);

      // As text: the chain under the document's line, both ways.
      const oldText = (await run(['doc', 'show', old, '--as', 'vanthu'], false)).stdout;
      expect(oldText).toMatch(new RegExp(`đã bị thay thế bởi / replaced by: ${replacement} \\(số 02/QĐ-UBND`));
      const newText = (await run(['doc', 'show', replacement, '--as', 'vanthu'], false)).stdout;
      expect(newText).toMatch(new RegExp(`thay thế văn bản / replaces: ${old} \\(số 01/QĐ-UBND.*Quyết định sai thẩm quyền`));
    } finally {
      await world.store.close();
    }
  }, 120_000);
});
