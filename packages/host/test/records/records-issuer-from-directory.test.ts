import { join } from 'node:path';
import { afterAll, afterEach, expect, it } from 'vitest';
import { createUser, systemClock } from '@eoffice/docs-core';
import { composeServices, type ComposedServices } from '../../src/compose-services.js';
import { useTempDir } from '../temp-dir.js';
import { describeEachDialect, useStoreDatabase } from '../../../docs-core/test/postgres-test-db.js';
import { as, call, SIGNED_FIXTURE } from './records-fixture.js';



/**
 * Issue 14's known hole: an incoming document received by its issuer's code alone (no fromName: the edXML and the
 * paper form often give only the mã định danh) had no OrganName, so no file holding it could ever close.
 */
describeEachDialect('a record file holding documents whose issuer is known only by its code', (dialect) => {
  const tempDir = useTempDir();
  const database = useStoreDatabase(dialect);
  const previousNow = process.env.EOFFICE_NOW;
  const open: ComposedServices[] = [];
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
  });
  afterAll(() => {
    if (previousNow === undefined) delete process.env.EOFFICE_NOW;
    else process.env.EOFFICE_NOW = previousNow;
  });

  it('takes the issuer\'s name from the directory, writes it to the document on close, and names what is still missing', async () => {
    process.env.EOFFICE_NOW = '2026-03-10T09:00:00+07:00';
    const s = await composeServices({ dataDir: join(await tempDir(), 'data'), database: await database() });
    open.push(s);
    expect(s.store.dialect).toBe(dialect);
    await call(s, 'registers.initAgency', { organId: '000.00.02.Z99', name: 'Sở Nội vụ tỉnh Demo', abbreviation: 'SNV' }, as(null));
    for (const [username, role] of [['quantri', 'admin'], ['vanthu', 'clerk'], ['lanhdao', 'leader']] as const) {
      await createUser(s.store.db, systemClock(), 'setup', { username, roles: [role], password: `mat-khau-${username}` });
    }
    await call(s, 'directory.import', {
      file: {
        format: 'eoffice-directory', version: 1, demo: true,
        levels: [{ level: 1, name: 'Tỉnh' }, { level: 2, name: 'Sở' }],
        endpoints: [
          { code: '000.00.00.Z99', name: 'UBND tỉnh Demo', parentCode: null, level: 1 },
          { code: '000.00.16.Z99', name: 'Sở Y tế', parentCode: '000.00.00.Z99', level: 2 },
        ],
      },
    }, as('quantri'));
    await call(s, 'records.planImport', {
      plan: { year: 2026, headings: [{ code: 'TH', title: 'Tổng hợp', files: [
        { title: 'Hồ sơ y tế', retention: 10, unit: 'Văn phòng' },
        { title: 'Hồ sơ khác', retention: 10, unit: 'Văn phòng' },
      ] }] },
    }, as('vanthu'));
    await call(s, 'records.planApprove', { year: 2026 }, as('lanhdao'));
    const receive = async (from: string, number: string) => {
      const doc = await call(s, 'documents.receive', {
        file: { path: SIGNED_FIXTURE }, from, number, symbol: 'QĐ-SYT', issuedDate: '2026-03-01', type: 'QĐ', subject: `Quyết định số ${number}`,
      }, as('vanthu'));
      // A fixture signed abroad, not sealed by the sender: the arrival check holds it (Điều 21); the clerk confirms it.
      await call(s, 'documents.verify', { id: doc.id }, as('vanthu'));
      await call(s, 'documents.register', { id: doc.id, confirm: true, reason: 'Bản mẫu ký số nước ngoài, đã xác minh' }, as('vanthu'));
      return doc.id;
    };

    // Known by its code: the directory names it, in the index before closing and on the document after.
    const known = await receive('000.00.16.Z99', '3');
    const file = await call(s, 'records.open', { year: 2026, notation: '01.TH' }, as('vanthu'));
    const added = await call<{ document: { organName: string | null } }>(s, 'records.add', { id: file.id, documentId: known }, as('vanthu'));
    expect(added.document.organName).toBe('Sở Y tế');
    const closed = await call<{ file: { state: string }; documents: Array<{ organName: string | null }> }>(s, 'records.close', { id: file.id }, as('vanthu'));
    expect(closed.file.state).toBe('closed');
    expect(closed.documents.map((d) => d.organName)).toEqual(['Sở Y tế']);
    const stored = await s.store.db.selectFrom('documents').select('organ_name').where('id', '=', known).executeTakeFirstOrThrow();
    expect(stored.organ_name).toBe('Sở Y tế');
    // The closed file keeps that name when the directory later renames the agency.
    await s.store.db.updateTable('directory_endpoints').set({ name: 'Sở Y tế (đã đổi tên)' }).where('code', '=', '000.00.16.Z99').execute();
    const shown = await call<{ documents: Array<{ organName: string | null }> }>(s, 'records.show', { id: file.id }, as('vanthu'));
    expect(shown.documents.map((d) => d.organName)).toEqual(['Sở Y tế']);

    // A code the directory does not know: still refused, the field named, nothing changed.
    const unknown = await receive('000.00.77.Z99', '4');
    const other = await call(s, 'records.open', { year: 2026, notation: '02.TH' }, as('vanthu'));
    await call(s, 'records.add', { id: other.id, documentId: unknown }, as('vanthu'));
    const refused = await s.dispatch('records.close', { id: other.id }, as('vanthu'));
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatchObject({ code: 'E_METADATA_MISSING', details: { missing: ['1.OrganName'] } });
    expect((await call<{ file: { state: string } }>(s, 'records.show', { id: other.id }, as('vanthu'))).file.state).toBe('open');
  }, 60_000);
});
