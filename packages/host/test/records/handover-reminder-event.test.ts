import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { EventEnvelope } from '@eoffice/contract';
import { createUser, systemClock } from '@eoffice/docs-core';
import { composeServices } from '../../src/compose-services.js';
import { sessionAudience } from '../../src/events/session-audience.js';
import { useTempDir } from '../temp-dir.js';
import { describeEachDialect, useStoreDatabase } from '../../../docs-core/test/postgres-test-db.js';
import { as, call, SIGNED_FIXTURE } from './records-fixture.js';



/** Issue 14: the handover reminder is an event too, fired by the long-running faces' background jobs, once per file. */
describeEachDialect('the handover reminder event', (dialect) => {
  const tempDir = useTempDir();
  const storeDatabase = useStoreDatabase(dialect);
  const previousNow = process.env.EOFFICE_NOW;
  afterAll(() => {
    if (previousNow === undefined) delete process.env.EOFFICE_NOW;
    else process.env.EOFFICE_NOW = previousNow;
  });

  it('announces a closed file on its reminder day (30 calendar days before it is due), not the day before, only once, and a secret file only to who may see it', async () => {
    const dataDir = join(await tempDir(), 'data');
    // Every face below opens the same store: on PostgreSQL, the same database.
    const database = await storeDatabase();
    process.env.EOFFICE_NOW = '2026-03-10T09:00:00+07:00';
    let fileId = '';
    let secretFileId = '';
    const setup = await composeServices({ dataDir, database });
    try {
      expect(setup.store.dialect).toBe(dialect);
      await call(setup, 'registers.initAgency', { organId: '000.00.02.Z99', name: 'Sở Nội vụ tỉnh Demo', abbreviation: 'SNV' }, as(null));
      for (const [username, role] of [['vanthu', 'clerk'], ['lanhdao', 'leader'], ['chuyenvien', 'specialist']] as const) {
        await createUser(setup.store.db, systemClock(), 'setup', { username, roles: [role], password: `mat-khau-${username}` });
      }
      await call(setup, 'records.planImport', { plan: { year: 2026, headings: [{ code: 'TH', title: 'Tổng hợp', files: [
        { title: 'Hồ sơ cải cách', retention: 10, unit: 'Văn phòng' },
        { title: 'Hồ sơ bảo vệ bí mật nhà nước', retention: 10, unit: 'Văn phòng', secrecy: 'confidential' },
      ] }] } }, as('vanthu'));
      await call(setup, 'records.planApprove', { year: 2026 }, as('lanhdao'));
      const doc = await call(setup, 'documents.receive', {
        file: { path: SIGNED_FIXTURE }, from: '000.00.16.Z99', fromName: 'Sở Y tế', number: '7', symbol: 'QĐ-SYT', issuedDate: '2026-03-01', type: 'QĐ', subject: 'Quyết định số 7',
      }, as('vanthu'));
      // A fixture signed abroad, not sealed by Sở Y tế: the arrival check holds it (Điều 21); the clerk confirms it.
      await call(setup, 'documents.verify', { id: doc.id }, as('vanthu'));
      await call(setup, 'documents.register', { id: doc.id, confirm: true, reason: 'Bản mẫu ký số nước ngoài, đã xác minh' }, as('vanthu'));
      fileId = (await call(setup, 'records.open', { year: 2026, notation: '01.TH' }, as('vanthu'))).id;
      await call(setup, 'records.add', { id: fileId, documentId: doc.id }, as('vanthu'));
      // Due 2027-03-01 (a year after its last document); the reminder is due on 2027-01-30.
      await call(setup, 'records.close', { id: fileId }, as('vanthu'));
      // A secret file due the same day: one document may sit in two files.
      secretFileId = (await call(setup, 'records.open', { year: 2026, notation: '02.TH' }, as('vanthu'))).id;
      await call(setup, 'records.add', { id: secretFileId, documentId: doc.id }, as('vanthu'));
      await call(setup, 'records.close', { id: secretFileId }, as('vanthu'));
    } finally {
      await setup.close();
    }

    /** A long-running face for a while: its background jobs look once on start; closing waits for that look. */
    const runFace = async (now: string) => {
      process.env.EOFFICE_NOW = now;
      const face = await composeServices({ dataDir, database });
      // In-process code (no audience), a clerk's stream and a specialist's stream (secret files are not theirs).
      const heard = { local: [] as EventEnvelope[], vanthu: [] as EventEnvelope[], chuyenvien: [] as EventEnvelope[] };
      face.events.subscribe((event) => heard.local.push(event));
      for (const user of ['vanthu', 'chuyenvien'] as const) {
        face.events.subscribe((event) => heard[user].push(event), sessionAudience(face.store.db, systemClock(), as(user)));
      }
      await face.startBackgroundJobs({ handoverReminderIntervalMs: 3_600_000 });
      await face.close();
      const due = (events: EventEnvelope[]) => events.filter((e) => e.name === 'records.handoverDue').map((e) => e.payload);
      return { local: due(heard.local), vanthu: due(heard.vanthu), chuyenvien: due(heard.chuyenvien) };
    };
    expect(await runFace('2027-01-29T09:00:00+07:00')).toEqual({ local: [], vanthu: [], chuyenvien: [] });
    expect(await runFace('2027-01-30T08:00:00+07:00')).toEqual({
      local: [{ fileIds: [fileId] }],
      vanthu: [{ fileIds: [fileId] }, { fileIds: [secretFileId] }],
      chuyenvien: [{ fileIds: [fileId] }],
    });
    expect(await runFace('2027-01-31T08:00:00+07:00')).toEqual({ local: [], vanthu: [], chuyenvien: [] });

    process.env.EOFFICE_NOW = '2027-01-31T09:00:00+07:00';
    const check = await composeServices({ dataDir, database });
    try {
      const reminders = await check.store.db.selectFrom('audit_log').select(['actor', 'object_id']).where('action', '=', 'record-file.handover-reminder').execute();
      expect(reminders.map((r) => r.object_id).sort()).toEqual([fileId, secretFileId].sort());
      expect(new Set(reminders.map((r) => r.actor))).toEqual(new Set(['system']));
    } finally {
      await check.close();
    }
  }, 60_000);
});
