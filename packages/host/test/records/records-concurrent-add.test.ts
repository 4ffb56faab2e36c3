import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createUser, systemClock } from '@eoffice/docs-core';
import { composeServices } from '../../src/compose-services.js';
import { useTempDir } from '../temp-dir.js';
import { describeEachDialect, useStoreDatabase } from '../../../docs-core/test/postgres-test-db.js';
import { as, call, SIGNED_FIXTURE } from './records-fixture.js';

const DOCUMENTS = 6;


/**
 * Clerks on several workstations file documents into one hồ sơ at the same moment (the agency server on PostgreSQL
 * runs their calls side by side): each takes its own DocOrdinal and the count is the number added, on both stores.
 */
describeEachDialect('documents added to one record file at once', (dialect) => {
  const tempDir = useTempDir();
  const storeDatabase = useStoreDatabase(dialect);

  it(`takes ${DOCUMENTS} simultaneous adds: ordinals 1..${DOCUMENTS} once each, doc_total ${DOCUMENTS}, one audit entry each`, async () => {
    const services = await composeServices({ dataDir: join(await tempDir(), 'data'), database: await storeDatabase(), exchange: null });
    try {
      await call(services, 'registers.initAgency', { organId: '000.00.02.Z99', name: 'Sở Nội vụ tỉnh Demo', abbreviation: 'SNV' }, as(null));
      for (const [username, role] of [['vanthu', 'clerk'], ['lanhdao', 'leader']] as const) {
        await createUser(services.store.db, systemClock(), 'setup', { username, roles: [role] });
      }
      await call(services, 'records.planImport', { plan: { year: 2026, headings: [{ code: 'TH', title: 'Tổng hợp', files: [{ title: 'Hồ sơ cải cách', retention: 10, unit: 'Văn phòng' }] }] } }, as('vanthu'));
      await call(services, 'records.planApprove', { year: 2026 }, as('lanhdao'));
      const ids: string[] = [];
      for (let i = 0; i < DOCUMENTS; i += 1) {
        const doc = await call(services, 'documents.receive', {
          file: { path: SIGNED_FIXTURE }, from: '000.00.16.Z99', fromName: 'Sở Y tế', number: String(10 + i), symbol: 'QĐ-SYT', issuedDate: `2026-03-0${1 + i}`, type: 'QĐ', subject: `Quyết định số ${10 + i}`,
        }, as('vanthu'));
        await call(services, 'documents.verify', { id: doc.id }, as('vanthu'));
        await call(services, 'documents.register', { id: doc.id, confirm: true, reason: 'Bản mẫu ký số nước ngoài, đã xác minh' }, as('vanthu'));
        ids.push(doc.id);
      }
      const file = await call(services, 'records.open', { year: 2026, notation: '01.TH' }, as('vanthu'));

      const replies = await Promise.all(ids.map((documentId) => services.dispatch('records.add', { id: file.id, documentId }, as('vanthu'))));
      expect(replies.filter((r) => !r.ok), JSON.stringify(replies.filter((r) => !r.ok))).toEqual([]);

      const shown = await call<{ file: { docTotal: number }; documents: Array<{ documentId: string; docOrdinal: number }> }>(services, 'records.show', { id: file.id }, as('vanthu'));
      expect(shown.file.docTotal).toBe(DOCUMENTS);
      // In date order: the document of 01/03 first.
      expect(shown.documents.map((d) => [d.documentId, d.docOrdinal])).toEqual(ids.map((id, i) => [id, i + 1]));
      const audited = await services.store.db.selectFrom('audit_log').select('action').where('action', '=', 'record-file.add').execute();
      expect(audited).toHaveLength(DOCUMENTS);
      expect((await call<{ ok: boolean }>(services, 'audit.verify', {}, as('vanthu'))).ok).toBe(true);
    } finally {
      await services.close();
    }
  }, 120_000);
});
