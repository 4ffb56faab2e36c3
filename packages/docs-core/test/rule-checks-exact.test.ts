import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../src/clock/index.js';
import type { DocumentState } from '../src/model/document-state.js';
import { openStore, type Store } from '../src/store/store.js';
import { loadActorByUsername, type Actor } from '../src/users/actor.js';
import { SECRET_READER_ROLES, maySeeDocument, readsAllSecrets, requireDocumentVisible, visibleSecretDocuments } from '../src/users/secret-access.js';
import { createUser } from '../src/users/user-accounts.js';
import { ruleFor, INCOMING_RULES, OUTGOING_RULES } from '../src/workflow/lifecycle.js';
import { WorkflowCore } from '../src/workflow/workflow-core.js';
import { useTempDir } from './helpers.js';

/**
 * What the rule-table test (lifecycle-rule-table.test.ts) leaves to codes only: the exact refusals the check gives, and
 * who sees a secret document by drafting it or by an assignment that is still standing (issue 15: mutation testing).
 */
describe('the checks behind the rule tables, exactly (real SQLite)', () => {
  const tempDir = useTempDir();
  let store: Store;
  let core: WorkflowCore;
  const at = '2026-03-02T09:00:00+07:00';
  const clock = new FixedClock(at);
  const users: Record<string, Actor> = {};

  beforeAll(async () => {
    store = await openStore({ dataDir: await tempDir() });
    core = new WorkflowCore({ store, clock });
    for (const [username, role] of [['cv1', 'specialist'], ['cv2', 'specialist'], ['ld', 'leader'], ['vt', 'clerk'], ['lt', 'archivist'], ['qt', 'admin']] as const) {
      await createUser(store.db, clock, 'setup', { username, roles: [role] });
      users[username] = (await loadActorByUsername(store.db, username))!;
    }
  });
  afterAll(() => store?.close());

  async function insertDocument(direction: string, state: DocumentState, drafter: Actor, secrecy: string | null = 'none'): Promise<string> {
    const id = randomUUID();
    await store.db
      .insertInto('documents')
      .values({ id, direction: direction as 'incoming', state, created_at: at, updated_at: at, drafter_id: drafter.id, secrecy, year: 2026 })
      .execute();
    return id;
  }

  async function assign(documentId: string, user: Actor, status: 'assigned' | 'in_progress' | 'completed' | 'cancelled'): Promise<void> {
    await store.db
      .insertInto('assignments')
      .values({ document_id: documentId, user_id: user.id, role: 'lead', due_date: null, instructions: null, status, assigned_by: users.ld!.id, assigned_at: at, completed_at: null })
      .execute();
  }

  const refusal = (code: string, message: string) => expect.objectContaining({ code, message });

  it('ruleFor reads the incoming table for incoming documents and the outgoing one for every other direction', () => {
    expect(ruleFor('incoming', 'register')).toBe(INCOMING_RULES.register);
    expect(ruleFor('incoming', 'submit')).toBeUndefined();
    expect(ruleFor('outgoing', 'submit')).toBe(OUTGOING_RULES.submit);
    expect(ruleFor('internal', 'approve')).toBe(OUTGOING_RULES.approve);
    expect(ruleFor('internal', 'register')).toBeUndefined();
  });

  it('names the refusal: not applicable to the direction, not the drafter, the wrong state, not found', async () => {
    const incoming = await insertDocument('incoming', 'received', users.vt!);
    const outgoing = await insertDocument('outgoing', 'draft', users.cv1!);
    const internal = await insertDocument('internal', 'submitted', users.cv1!);
    await expect(core.precheck(users.vt!, incoming, 'submit')).rejects.toEqual(
      refusal('E_INVALID_STATE', 'Thao tác "submit" không áp dụng cho văn bản đến / not applicable to this direction'),
    );
    await expect(core.precheck(users.vt!, outgoing, 'register')).rejects.toEqual(
      refusal('E_INVALID_STATE', 'Thao tác "register" không áp dụng cho văn bản đi / not applicable to this direction'),
    );
    await expect(core.precheck(users.vt!, internal, 'verify')).rejects.toEqual(
      refusal('E_INVALID_STATE', 'Thao tác "verify" không áp dụng cho văn bản nội bộ / not applicable to this direction'),
    );
    await expect(core.precheck(users.cv2!, outgoing, 'submit')).rejects.toEqual(
      refusal('E_FORBIDDEN', 'Chỉ người soạn dự thảo mới được trình duyệt / only the drafter may submit this draft'),
    );
    await expect(core.precheck(users.cv1!, internal, 'submit')).rejects.toEqual(
      refusal('E_INVALID_STATE', 'Không thể trình duyệt khi văn bản đang ở trạng thái "submitted" (cần: draft, returned) / cannot submit a document in state submitted'),
    );
    const missing = randomUUID();
    await expect(core.precheck(users.vt!, missing, 'register')).rejects.toEqual(
      refusal('E_NOT_FOUND', `Không tìm thấy văn bản ${missing} / document not found`),
    );
    expect((await core.precheck(users.cv1!, outgoing, 'submit')).id).toBe(outgoing);
  });

  it('the reader roles see every secret document; the others only those they drafted or hold a standing assignment to', async () => {
    expect(SECRET_READER_ROLES).toEqual(['leader', 'clerk', 'archivist']);
    expect(['cv1', 'ld', 'vt', 'lt', 'qt'].map((u) => readsAllSecrets(users[u]!))).toEqual([false, true, true, true, false]);

    const drafted = await insertDocument('outgoing', 'draft', users.cv1!, 'secret');
    const assigned = await insertDocument('incoming', 'assigned', users.vt!, 'top-secret');
    const finished = await insertDocument('incoming', 'completed', users.vt!, 'confidential');
    const cancelled = await insertDocument('incoming', 'assigned', users.vt!, 'secret');
    const otherSecret = await insertDocument('incoming', 'assigned', users.vt!, 'secret');
    const plainDrafted = await insertDocument('outgoing', 'draft', users.cv1!, 'none');
    const plainAssigned = await insertDocument('incoming', 'assigned', users.vt!, null);
    await assign(assigned, users.cv1!, 'in_progress');
    await assign(finished, users.cv1!, 'completed');
    await assign(cancelled, users.cv1!, 'cancelled');
    await assign(otherSecret, users.cv2!, 'assigned');
    await assign(plainAssigned, users.cv1!, 'assigned');

    // Only secret documents are listed: an ordinary one is visible to all anyway.
    expect((await visibleSecretDocuments(store.db, users.cv1!) as string[]).sort()).toEqual([drafted, assigned, finished].sort());
    expect(await visibleSecretDocuments(store.db, users.cv2!)).toEqual([otherSecret]);
    expect(await visibleSecretDocuments(store.db, users.qt!)).toEqual([]);
    for (const reader of ['ld', 'vt', 'lt']) expect(await visibleSecretDocuments(store.db, users[reader]!)).toBe('all');

    const sees = async (user: string, id: string) => {
      const doc = await store.db.selectFrom('documents').select(['id', 'secrecy']).where('id', '=', id).executeTakeFirstOrThrow();
      return maySeeDocument(store.db, users[user]!, doc);
    };
    expect(await Promise.all([drafted, assigned, finished, cancelled, otherSecret, plainDrafted].map((id) => sees('cv1', id)))).toEqual([true, true, true, false, false, true]);
    expect(await Promise.all([drafted, assigned, cancelled, otherSecret].map((id) => sees('qt', id)))).toEqual([false, false, false, false]);
    expect(await Promise.all([drafted, cancelled, otherSecret].map((id) => sees('lt', id)))).toEqual([true, true, true]);
    expect(await sees('qt', plainAssigned)).toBe(true);

    // Through the check every step takes: the drafter reaches the state check; a cancelled assignee gets "not found".
    await expect(core.precheck(users.cv1!, drafted, 'submit')).resolves.toMatchObject({ id: drafted });
    await expect(core.precheck(users.cv1!, assigned, 'start')).resolves.toMatchObject({ id: assigned });
    await expect(core.precheck(users.cv1!, cancelled, 'start')).rejects.toEqual(refusal('E_NOT_FOUND', `Không tìm thấy văn bản ${cancelled} / document not found`));
    await expect(core.precheck(users.cv2!, drafted, 'submit')).rejects.toEqual(refusal('E_NOT_FOUND', `Không tìm thấy văn bản ${drafted} / document not found`));

    await expect(requireDocumentVisible(store.db, users.cv1!, assigned)).resolves.toBeUndefined();
    await expect(requireDocumentVisible(store.db, users.cv1!, cancelled)).rejects.toEqual(refusal('E_NOT_FOUND', `Không tìm thấy văn bản ${cancelled} / document not found`));
    const missing = randomUUID();
    await expect(requireDocumentVisible(store.db, users.ld!, missing)).rejects.toEqual(refusal('E_NOT_FOUND', `Không tìm thấy văn bản ${missing} / document not found`));
  });
});
