import { describe, expect, it } from 'vitest';
import { planInputSchema } from '@eoffice/contract';
import { verifyAuditChain } from '../src/audit/index.js';
import { readSigningPolicy, setSigningPolicy } from '../src/agency/signing-policy.js';
import { bulkImportDocuments } from '../src/bulk/index.js';
import { FixedClock } from '../src/clock/index.js';
import { acceptHandover, keepRecordFile, recordHandoverReminders } from '../src/handover/handover-due.js';
import { claimNextOcrJob, enqueueOcr } from '../src/ocr/ocr-queue.js';
import { approveFilePlan, importFilePlan } from '../src/records/file-plan.js';
import { openRecordFile } from '../src/records/record-files.js';
import { openStore } from '../src/store/store.js';
import { reassignOpenWork } from '../src/users/open-work.js';
import { endDeputy, setDeputy } from '../src/users/signing-deputies.js';
import { createUser, login } from '../src/users/user-accounts.js';
import { deactivateUser } from '../src/users/user-deactivation.js';
import { RECIPIENT, SENDER, makeWorld, writePdf, type World } from './workflow-helpers.js';
import { useTempDir } from './helpers.js';
import { holdAuditChain, holdLock, outcome, untilWaiting } from './lock-interleaving.js';
import { POSTGRES_TEST_URL, useStoreDatabase } from './postgres-test-db.js';

// As the other store tests: without a server a developer's run skips loudly; CI (which starts one) never skips.
const describeOnPostgres = POSTGRES_TEST_URL === '' && !process.env.CI ? describe.skip : describe;

/**
 * The lock order of ARCHITECTURE.md ("Lock order"), held to on PostgreSQL, where transactions run side by side. Each
 * test interleaves two real transactions deterministically (lock-interleaving.ts): the test holds the audit chain's
 * lock, which most transactions take last, starts the first and waits until it queues there, then the second, then
 * lets go. Before each fix these failed: a lost or doubled write, or a deadlock (PostgreSQL ends one side with
 * 40P01, which a user sees as E_CONFLICT since 426b8ea, and as E_INTERNAL before).
 */
describeOnPostgres('lock order on PostgreSQL', () => {
  const tempDir = useTempDir();
  const database = useStoreDatabase('postgres');

  async function world(): Promise<{ world: World; name: string }> {
    const { postgres } = await database();
    // Room for the test's own lock holder and both racing transactions beside the reads they make outside them.
    return { world: await makeWorld(await tempDir(), { postgres: { ...postgres!, maxConnections: 8 } }), name: postgres!.database };
  }

  async function receivePaper(world: World) {
    const file = await writePdf(world.dir, `scan-${Math.random()}.pdf`);
    return world.workflow.receive(await world.as('vanthu'), {
      file: { path: file }, attachments: [], source: 'paper', from: SENDER, fromName: 'Sở Tài chính', number: '123', symbol: 'STC-NS',
      issuedDate: '2026-02-27', type: 'Công văn', subject: 'V/v quyết toán ngân sách năm 2025', urgency: 'normal', secrecy: 'none', language: 'Tiếng Việt',
    });
  }

  it('a step re-reads its document under a row lock: two clerks registering one document get one số đến, the other is refused', async () => {
    const { world: w, name } = await world();
    try {
      const clerk = await w.as('vanthu');
      const doc = await receivePaper(w);
      await w.workflow.verify(clerk, doc.id);
      const audit = await holdAuditChain(w.store);
      const first = outcome(w.workflow.register(clerk, doc.id));
      await untilWaiting(name, 1);
      // Had the state been read without a lock, the second would pass the same check, wait only for the counter and
      // then take the next number too: two register lines for one document, the first number dead.
      const second = outcome(w.workflow.register(clerk, doc.id));
      await untilWaiting(name, 2);
      await audit.release();
      const results = [await first, await second];
      expect(results[0]).toMatchObject({ ok: { state: 'registered', arrivalNumber: 1 } });
      expect(results[1]).toEqual({ code: 'E_INVALID_STATE' });
      const lines = await w.store.db.selectFrom('register_entries').select(['number', 'document_id']).execute();
      expect(lines).toEqual([{ number: 1, document_id: doc.id }]);
      expect(await verifyAuditChain(w.store.db)).toMatchObject({ ok: true });
    } finally {
      await w.store.close();
    }
  });

  async function submittedDraft(world: World, subject: string) {
    const drafter = await world.as('chuyenvien');
    const draft = await world.workflow.draft(drafter, {
      type: 'Quyết định', subject, file: { path: await writePdf(world.dir, `du-thao-${Math.random()}.pdf`) }, attachments: [], to: [RECIPIENT],
      urgency: 'normal', secrecy: 'none', signer: 'lanhdao', language: 'Tiếng Việt', direction: 'outgoing',
    });
    return world.workflow.submit(drafter, draft.id);
  }

  it('handing a departing drafter\'s work on locks every document before the first audit entry: a leader returning one of the drafts meanwhile does not deadlock', async () => {
    const { world: w, name } = await world();
    try {
      const first = await submittedDraft(w, 'Về việc thành lập tổ công tác');
      w.clock.advance(60_000);
      const second = await submittedDraft(w, 'Về việc ban hành quy chế làm việc');
      const audit = await holdAuditChain(w.store);
      const handing = outcome(reassignOpenWork(w.store.db, w.clock, await w.as('admin'), 'chuyenvien', 'chuyenvien2'));
      await untilWaiting(name, 1);
      // The leader returns the second draft: its row, then the audit chain. Had the hand-over appended the first
      // draft's audit entry before it touched the second draft's row, each would wait for the other.
      const returning = outcome(w.workflow.returnDraft(await w.as('lanhdao'), second.id, 'Bổ sung căn cứ pháp lý'));
      await untilWaiting(name, 2);
      await audit.release();
      expect(await handing).toEqual({ ok: { from: 'chuyenvien', to: 'chuyenvien2', assignments: 0, drafts: 2 } });
      expect(await returning).toMatchObject({ ok: { id: second.id, state: 'returned' } });
      const rows = await w.store.db.selectFrom('documents').select(['id', 'state', 'drafter_id']).where('id', 'in', [first.id, second.id]).orderBy('created_at').execute();
      const receiver = await w.as('chuyenvien2');
      expect(rows).toEqual([
        { id: first.id, state: 'submitted', drafter_id: receiver.id },
        { id: second.id, state: 'returned', drafter_id: receiver.id },
      ]);
      expect(await verifyAuditChain(w.store.db)).toMatchObject({ ok: true });
    } finally {
      await w.store.close();
    }
  });

  it('a failed sign-in counts on the account\'s locked row: two wrong passwords at once count two, so parallel guesses cannot outrun the lockout', async () => {
    const { world: w, name } = await world();
    try {
      const audit = await holdAuditChain(w.store);
      const first = outcome(login(w.store.db, w.clock, 'vanthu', 'doan-sai-1'));
      await untilWaiting(name, 1);
      // Read without a lock, the second read the count the first had not committed yet and wrote the same number.
      const second = outcome(login(w.store.db, w.clock, 'vanthu', 'doan-sai-2'));
      await untilWaiting(name, 2);
      await audit.release();
      expect([await first, await second]).toEqual([{ code: 'E_UNAUTHORIZED' }, { code: 'E_UNAUTHORIZED' }]);
      const row = await w.store.db.selectFrom('users').select('failed_logins').where('username', '=', 'vanthu').executeTakeFirstOrThrow();
      expect(row.failed_logins).toBe(2);
    } finally {
      await w.store.close();
    }
  });

  it('the first account is made once: two first-run setups at once make one admin, the other is refused', async () => {
    const { postgres } = await database();
    const store = await openStore({ dataDir: await tempDir(), postgres: { ...postgres!, maxConnections: 8 } });
    const clock = new FixedClock('2026-03-02T09:00:00+07:00');
    try {
      const audit = await holdAuditChain(store);
      const first = outcome(createUser(store.db, clock, 'setup', { username: 'quantri', roles: ['admin'] }, { onlyAsFirst: true }));
      await untilWaiting(postgres!.database, 1);
      // Counted without a lock, the second saw no user yet (the first's was not committed) and made a second admin.
      const second = outcome(createUser(store.db, clock, 'setup', { username: 'nguoila', roles: ['admin'] }, { onlyAsFirst: true }));
      await untilWaiting(postgres!.database, 2);
      await audit.release();
      expect(await first).toMatchObject({ ok: { username: 'quantri' } });
      expect(await second).toEqual({ code: 'E_CONFLICT' });
      expect((await store.db.selectFrom('users').select('username').execute()).map((u) => u.username)).toEqual(['quantri']);
    } finally {
      await store.close();
    }
  });

  it('the last active admin stays: two admins deactivating each other at once, one is refused', async () => {
    const { world: w, name } = await world();
    try {
      await createUser(w.store.db, w.clock, 'setup', { username: 'admin2', fullName: 'Quản trị 2', roles: ['admin'] });
      const [admin, admin2] = [await w.as('admin'), await w.as('admin2')];
      const audit = await holdAuditChain(w.store);
      const first = outcome(deactivateUser(w.store.db, w.clock, admin, 'admin2'));
      await untilWaiting(name, 1);
      // Each checked "another admin is active" on rows the other was changing: both passed, and no admin was left.
      const second = outcome(deactivateUser(w.store.db, w.clock, admin2, 'admin'));
      await untilWaiting(name, 2);
      await audit.release();
      expect(await first).toMatchObject({ ok: { username: 'admin2', active: false } });
      expect(await second).toEqual({ code: 'E_CONFLICT' });
      const active = await w.store.db.selectFrom('users').select('username').where('username', 'in', ['admin', 'admin2']).where('active', '=', 1).execute();
      expect(active).toEqual([{ username: 'admin' }]);
    } finally {
      await w.store.close();
    }
  });

  it('a bulk import waits for the documents being indexed before it takes the audit chain: a clerk receiving a document of the same day meanwhile does not deadlock', async () => {
    const { world: w, name } = await world();
    try {
      const audit = await holdAuditChain(w.store);
      // The import holds the audit chain from its start (its entries are hashed as its rows are read) and takes the
      // sort-key lock of each day it loads; a receive takes its day's lock, then the chain.
      const importing = outcome(bulkImportDocuments(w.store.db, [{
        id: 'legacy-1', direction: 'outgoing', state: 'dispatched', created_at: '2026-03-02T08:00:00+07:00', updated_at: '2026-03-02T08:00:00+07:00',
        year: 2026, source: 'import', code_number: '7', code_notation: 'QĐ-UBND', issued_date: '2026-03-02', subject: 'Quyết định cũ',
      }], { clock: w.clock, actor: 'importer' }));
      await untilWaiting(name, 1);
      const receiving = outcome(receivePaper(w));
      await untilWaiting(name, 2);
      await audit.release();
      expect(await importing).toEqual({ ok: { imported: 1, auditIds: expect.anything() } });
      expect(await receiving).toMatchObject({ ok: { state: 'received' } });
      expect(await verifyAuditChain(w.store.db)).toMatchObject({ ok: true });
      const keys = await w.store.db.selectFrom('search_entries').select('sort_key').execute();
      expect(new Set(keys.map((k) => k.sort_key)).size).toBe(2);
    } finally {
      await w.store.close();
    }
  });

  it('ending a leader\'s deputy periods locks them all before the first audit entry: the leader ending one of them meanwhile waits, then finds it ended', async () => {
    const { world: w, name } = await world();
    try {
      const leader = await w.as('lanhdao');
      await setDeputy(w.store.db, w.clock, leader, { deputy: 'lanhdao2', from: '2026-03-02', to: '2026-03-05' });
      const later = await setDeputy(w.store.db, w.clock, leader, { deputy: 'lanhdao2', from: '2026-03-10', to: '2026-03-15' });
      const audit = await holdAuditChain(w.store);
      const all = outcome(endDeputy(w.store.db, w.clock, await w.as('admin'), { leader: 'lanhdao' }));
      await untilWaiting(name, 1);
      // Ended one by one, each with its entry, the admin's held the chain while the second period was still to be
      // locked, and the leader's (the period, then the chain) deadlocked with it; or it ended the period twice.
      const one = outcome(endDeputy(w.store.db, w.clock, leader, { id: later.id }));
      await untilWaiting(name, 2);
      await audit.release();
      expect(await all).toMatchObject({ ok: [{ leader: { username: 'lanhdao' } }, { id: later.id, endedAt: expect.any(String) }] });
      expect(await one).toEqual({ code: 'E_NOT_FOUND' });
      const ends = await w.store.db.selectFrom('audit_log').select('object_id').where('action', '=', 'deputy.end').orderBy('id').execute();
      expect(ends).toHaveLength(2);
      expect(await verifyAuditChain(w.store.db)).toMatchObject({ ok: true });
    } finally {
      await w.store.close();
    }
  });

  /** Closed files of 2025 kept 10 years, due at the archive on 2026-06-30 (rows as closing leaves them). */
  async function closedFiles(world: World, ids: readonly string[]): Promise<void> {
    const at = '2026-01-05T09:00:00+07:00';
    await world.store.db.insertInto('file_plans').values({ year: 2025, organ_id: '000.00.01.H99', numbering: 'continuous', state: 'approved', approved_by: 'lanhdao', approved_at: at, created_at: at, updated_at: at }).execute();
    for (const [i, id] of ids.entries()) {
      await world.store.db.insertInto('record_files').values({
        id, plan_year: 2025, notation: `0${i + 1}.TH`, organ_id: '000.00.01.H99', heading_code: 'TH', heading_title: 'Tổng hợp', title: `Hồ sơ ${i + 1}`,
        retention: '10', rights: 'Công khai', creator: 'Văn phòng', language: 'Tiếng Việt', start_date: '2025-02-01', end_date: '2025-06-30', doc_total: 1,
        page_total: 1, description: null, unit: 'Văn phòng', person: null, secrecy: 'none', construction: 0, state: 'closed', opened_at: at, opened_by: 'vanthu',
        closed_at: at, closed_by: 'vanthu', due_date: '2026-06-30', kept_until: null, keep_reason: null, reminded_at: null, accepted_at: null, accepted_by: null,
      }).execute();
    }
  }

  it('the archive taking several files locks them all before the first audit entry: a leader keeping one of them back meanwhile does not deadlock', async () => {
    const { world: w, name } = await world();
    try {
      await closedFiles(w, ['ho-so-a', 'ho-so-b']);
      const audit = await holdAuditChain(w.store);
      const taking = outcome(acceptHandover(w.store.db, w.clock, await w.as('luutru'), ['ho-so-a', 'ho-so-b'], 'Nhận theo kế hoạch'));
      await untilWaiting(name, 1);
      // Taken one by one with an entry each, the archive held the chain while the second file was still to be locked,
      // and the leader's keep (the file, then the chain) deadlocked with it.
      const keeping = outcome(keepRecordFile(w.store.db, w.clock, await w.as('lanhdao'), 'ho-so-b', '2027-06-30', 'Còn dùng cho thanh tra'));
      await untilWaiting(name, 2);
      await audit.release();
      expect(await taking).toMatchObject({ ok: [{ id: 'ho-so-a' }, { id: 'ho-so-b' }] });
      expect(await keeping).toEqual({ code: 'E_FILE_NOT_CLOSED' });
      const states = await w.store.db.selectFrom('record_files').select(['id', 'state', 'kept_until']).orderBy('id').execute();
      expect(states).toEqual([{ id: 'ho-so-a', state: 'archived', kept_until: null }, { id: 'ho-so-b', state: 'archived', kept_until: null }]);
      expect(await verifyAuditChain(w.store.db)).toMatchObject({ ok: true });
    } finally {
      await w.store.close();
    }
  });

  it('an OCR job is claimed once: two processes claiming at once, one takes it and the other finds nothing', async () => {
    const { world: w, name } = await world();
    try {
      const sha256 = 'a'.repeat(64);
      await enqueueOcr(w.store.db, sha256, w.clock.now());
      // The test holds the job's row, so both claims read it waiting and then queue on it.
      const row = await holdLock(w.store, (trx) => trx.selectFrom('ocr_jobs').select('sha256').where('sha256', '=', sha256).forUpdate().execute());
      const first = outcome(claimNextOcrJob(w.store.db, w.clock.now()));
      await untilWaiting(name, 1);
      const second = outcome(claimNextOcrJob(w.store.db, w.clock.now()));
      await untilWaiting(name, 2);
      await row.release();
      expect([await first, await second]).toEqual([{ ok: { sha256, attempts: 1 } }, { ok: null }]);
      expect(await w.store.db.selectFrom('ocr_jobs').select(['status', 'attempts']).execute()).toEqual([{ status: 'running', attempts: 1 }]);
    } finally {
      await w.store.close();
    }
  });

  it('two admins changing different fields of the signing policy at once keep both changes', async () => {
    const { world: w, name } = await world();
    try {
      const admin = await w.as('admin');
      await setSigningPolicy(w.store.db, w.clock, admin, { tsaUrl: 'http://tsa.example.vn/' });
      const audit = await holdAuditChain(w.store);
      const first = outcome(setSigningPolicy(w.store.db, w.clock, admin, { tsaUnreachable: 'sign-without' }));
      await untilWaiting(name, 1);
      // The policy is read, merged with the change and written back whole: read before the first committed, the
      // second wrote the first's field back as it was.
      const second = outcome(setSigningPolicy(w.store.db, w.clock, admin, { ltvOnClose: true }));
      await untilWaiting(name, 2);
      await audit.release();
      expect(await first).toMatchObject({ ok: { tsaUnreachable: 'sign-without' } });
      expect(await second).toMatchObject({ ok: { ltvOnClose: true } });
      expect(await readSigningPolicy(w.store.db)).toEqual({ level: 'B-B', tsaUrl: 'http://tsa.example.vn/', tsaUnreachable: 'sign-without', ltvOnClose: true });
    } finally {
      await w.store.close();
    }
  });

  it('a sign-in locks its account before it touches sessions: an admin deactivating the account meanwhile does not deadlock, and no session outlives the deactivation', async () => {
    const { world: w, name } = await world();
    try {
      await createUser(w.store.db, w.clock, 'setup', { username: 'nhanvien', roles: ['specialist'], password: 'Mat-khau-dai-1' });
      const user = await w.as('nhanvien');
      // An expired session, which every sign-in clears.
      await w.store.db.insertInto('sessions').values({ token_hash: 'cu', user_id: user.id, created_at: '2026-02-01T00:00:00.000Z', expires_at: '2026-02-01T08:00:00.000Z' }).execute();
      const row = await holdLock(w.store, (trx) => trx.selectFrom('users').select('id').where('id', '=', user.id).forNoKeyUpdate().execute());
      const deactivating = outcome(deactivateUser(w.store.db, w.clock, await w.as('admin'), 'nhanvien'));
      await untilWaiting(name, 1);
      // The sign-in cleared the expired session (its row locked) and then waited for the account's row, which the
      // deactivation held while it waited to end that session: a deadlock.
      const signingIn = outcome(login(w.store.db, w.clock, 'nhanvien', 'Mat-khau-dai-1'));
      await untilWaiting(name, 2);
      await row.release();
      expect(await deactivating).toMatchObject({ ok: { username: 'nhanvien', active: false } });
      expect(await signingIn).toEqual({ code: 'E_UNAUTHORIZED' });
      expect(await w.store.db.selectFrom('sessions').select('token_hash').where('user_id', '=', user.id).execute()).toEqual([]);
    } finally {
      await w.store.close();
    }
  });

  it('a leader\'s deputy periods do not overlap: two set at once for overlapping dates, one is refused', async () => {
    const { world: w, name } = await world();
    try {
      const [leader, admin] = [await w.as('lanhdao'), await w.as('admin')];
      const audit = await holdAuditChain(w.store);
      const first = outcome(setDeputy(w.store.db, w.clock, leader, { deputy: 'lanhdao2', from: '2026-03-02', to: '2026-03-10' }));
      await untilWaiting(name, 1);
      // Each looked for an overlapping period before the other's was committed, and found none.
      const second = outcome(setDeputy(w.store.db, w.clock, admin, { leader: 'lanhdao', deputy: 'lanhdao2', from: '2026-03-05', to: '2026-03-20' }));
      await untilWaiting(name, 2);
      await audit.release();
      expect(await first).toMatchObject({ ok: { from: '2026-03-02', to: '2026-03-10' } });
      expect(await second).toEqual({ code: 'E_CONFLICT' });
      expect(await w.store.db.selectFrom('signing_deputies').select(['from_date', 'to_date']).execute()).toEqual([{ from_date: '2026-03-02', to_date: '2026-03-10' }]);
    } finally {
      await w.store.close();
    }
  });

  it('the handover reminders lock every due file before the first audit entry: a leader keeping one of them back meanwhile does not deadlock', async () => {
    const { world: w, name } = await world();
    try {
      await closedFiles(w, ['ho-so-a', 'ho-so-b']);
      w.clock.set('2026-06-10T09:00:00+07:00');
      const audit = await holdAuditChain(w.store);
      const reminding = outcome(recordHandoverReminders(w.store.db, w.clock));
      await untilWaiting(name, 1);
      const keeping = outcome(keepRecordFile(w.store.db, w.clock, await w.as('lanhdao'), 'ho-so-b', '2027-06-30', 'Còn dùng cho thanh tra'));
      await untilWaiting(name, 2);
      await audit.release();
      expect(await reminding).toEqual({ ok: { ids: ['ho-so-a', 'ho-so-b'], secret: [] } });
      expect(await keeping).toMatchObject({ ok: { id: 'ho-so-b' } });
      // The keep came after the reminder: its new due date is reminded of again in time.
      const rows = await w.store.db.selectFrom('record_files').select(['id', 'due_date', 'reminded_at']).orderBy('id').execute();
      expect(rows).toEqual([
        { id: 'ho-so-a', due_date: '2026-06-30', reminded_at: expect.any(String) },
        { id: 'ho-so-b', due_date: '2027-06-30', reminded_at: null },
      ]);
      expect(await verifyAuditChain(w.store.db)).toMatchObject({ ok: true });
    } finally {
      await w.store.close();
    }
  });

  it('a copy reads its source under the source\'s row lock: a recall accepted meanwhile removes the source first, and the copy is refused', async () => {
    const { world: w, name } = await world();
    try {
      const clerk = await w.as('vanthu');
      const doc = await receivePaper(w);
      await w.workflow.verify(clerk, doc.id);
      await w.workflow.register(clerk, doc.id);
      await w.workflow.requestRecall(clerk, doc.id, 'Cơ quan gửi đề nghị thu hồi');
      const audit = await holdAuditChain(w.store);
      const accepting = outcome(w.workflow.acceptRecall(clerk, doc.id));
      await untilWaiting(name, 1);
      // Read plainly, the copy still found its source (the removal was not committed) and was numbered and stored as
      // a copy of a document that no longer exists.
      const copying = outcome(w.workflow.makeCopy(clerk, doc.id, 'SY'));
      await untilWaiting(name, 2);
      await audit.release();
      expect(await accepting).toMatchObject({ ok: { id: doc.id } });
      expect(await copying).toEqual({ code: 'E_NOT_FOUND' });
      expect(await w.store.db.selectFrom('documents').select('id').where('source', '=', 'copy').execute()).toEqual([]);
      expect(await verifyAuditChain(w.store.db)).toMatchObject({ ok: true });
    } finally {
      await w.store.close();
    }
  });

  it('a file list and the files opened from it take turns on the list\'s row: an amendment removing a line and a clerk opening that line at once, the open is refused', async () => {
    const { world: w, name } = await world();
    try {
      const clerk = await w.as('vanthu');
      const files = [{ title: 'Hồ sơ cải cách hành chính', retention: 10, unit: 'Văn phòng' }, { title: 'Hồ sơ thi đua', retention: 10, unit: 'Văn phòng' }];
      const plan = (lines: typeof files) => planInputSchema.parse({ year: 2026, headings: [{ code: 'TH', title: 'Tổng hợp', files: lines }] });
      await importFilePlan(w.store.db, w.clock, clerk, plan(files), undefined);
      await approveFilePlan(w.store.db, w.clock, await w.as('lanhdao'), 2026);
      const audit = await holdAuditChain(w.store);
      const amending = outcome(importFilePlan(w.store.db, w.clock, clerk, plan(files.slice(0, 1)), 'Gộp hồ sơ thi đua vào hồ sơ tổng hợp'));
      await untilWaiting(name, 1);
      // Each read the other's side before it was committed: the amendment saw line 02 not opened, the open saw it
      // still listed; an open file was left whose line the list no longer has.
      const opening = outcome(openRecordFile(w.store.db, w.clock, clerk, 2026, '02.TH'));
      await untilWaiting(name, 2);
      await audit.release();
      expect(await amending).toEqual({ ok: undefined });
      expect(await opening).toEqual({ code: 'E_NOT_FOUND' });
      expect(await w.store.db.selectFrom('record_files').select('notation').execute()).toEqual([]);
    } finally {
      await w.store.close();
    }
  });
});
