import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CallContext } from '@eoffice/contract';
import { createUser, systemClock } from '@eoffice/docs-core';
import { composeServices } from '@eoffice/host';
import { REPO_ROOT, runEoffice } from './run-eoffice.js';

const SIGNED = resolve(REPO_ROOT, '../shared/fixtures/pdf-signed/pyhanko/minimal-two-fields-signed-twice.pdf');
const AGENCY = '000.00.02.Z99';
const FILE_CODE = `${AGENCY}/2026/01.TH`;
const OBJID = '000.00.02.Z99-2026-01.TH';

/** A closed file with one registered document, made in-process (each CLI child costs seconds on the shared machine). */
async function seedClosedFile(dataDir: string): Promise<void> {
  process.env.EOFFICE_NOW = '2026-03-10T09:00:00+07:00';
  const services = await composeServices({ dataDir });
  try {
    const as = (actingUsername: string | null): CallContext => ({ sessionToken: null, actingUsername, face: 'test' });
    const call = async (path: string, input: unknown, context: CallContext) => {
      const reply = await services.dispatch(path, input, context);
      if (!reply.ok) throw new Error(`${path}: ${reply.error.code} ${reply.error.message}`);
      return reply.result as { id: string };
    };
    await call('registers.initAgency', { organId: AGENCY, name: 'Sở Nội vụ tỉnh Demo', abbreviation: 'SNV' }, as(null));
    for (const [username, role] of [['quantri', 'admin'], ['vanthu', 'clerk'], ['lanhdao', 'leader'], ['luutru', 'archivist']] as const) {
      await createUser(services.store.db, systemClock(), 'setup', { username, roles: [role], password: `mat-khau-${username}` });
    }
    await call('records.planImport', { plan: { year: 2026, headings: [{ code: 'TH', title: 'Tổng hợp', files: [{ title: 'Hồ sơ cải cách', retention: 10, unit: 'Văn phòng' }] }] } }, as('vanthu'));
    await call('records.planApprove', { year: 2026 }, as('lanhdao'));
    const doc = await call('documents.receive', {
      file: { path: SIGNED }, from: '000.00.16.Z99', fromName: 'Sở Y tế', number: '7', symbol: 'QĐ-SYT', issuedDate: '2026-03-01', type: 'QĐ', subject: 'Quyết định số 7',
    }, as('vanthu'));
    // A fixture signed abroad, not sealed by Sở Y tế: the arrival check holds it (Điều 21); the clerk confirms it.
    await call('documents.verify', { id: doc.id }, as('vanthu'));
    await call('documents.register', { id: doc.id, confirm: true, reason: 'Bản mẫu ký số nước ngoài, đã xác minh' }, as('vanthu'));
    const file = await call('records.open', { year: 2026, notation: '01.TH' }, as('vanthu'));
    await call('records.add', { id: file.id, documentId: doc.id }, as('vanthu'));
    await call('records.close', { id: file.id }, as('vanthu'));
  } finally {
    await services.close();
    delete process.env.EOFFICE_NOW;
  }
}

/** Circular 05/2025's unverified package details are the agency's setting: an admin changes them, the package follows. */
describe('eoffice handover profile (issue 14)', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('is shown to anyone, changed by an admin only (audited), and read by handover package', async () => {
    const root = await mkdtemp(join(tmpdir(), 'eoffice-cli-profile-'));
    dirs.push(root);
    const dataDir = join(root, 'data');
    await seedClosedFile(dataDir);
    const NOW = '2027-02-10T09:00:00+07:00';
    const cli = (...args: string[]) => runEoffice([...args, '--data-dir', dataDir, '--json'], { env: { EOFFICE_NOW: NOW } });
    const ok = async (...args: string[]) => {
      const run = await cli(...args);
      expect(run.stderr, args.join(' ')).toBe('');
      expect(run.code, args.join(' ')).toBe(0);
      return JSON.parse(run.stdout) as Record<string, unknown>;
    };
    /** The package's METS root element's attributes and the paths in the ZIP. */
    const packageOf = async (out: string, ...extra: string[]) => {
      const result = (await ok('handover', 'package', FILE_CODE, '--out', join(root, out), ...extra, '--as', 'luutru')) as { packages: Array<{ path: string }> };
      const unpacked = join(root, `${out}-unpacked`);
      execFileSync('unzip', ['-q', result.packages[0]!.path, '-d', unpacked]);
      const paths = execFileSync('unzip', ['-Z1', result.packages[0]!.path], { encoding: 'utf8' }).split('\n').filter(Boolean).sort();
      return { mets: await readFile(join(unpacked, OBJID, 'METS.xml'), 'utf8'), paths };
    };

    expect(await ok('handover', 'profile', '--as', 'luutru')).toMatchObject({ representation: 'rep-original', packageType: 'SIP', descriptiveType: 'ND30-PL6' });
    const before = await packageOf('truoc');
    expect(before.mets).toContain('csip:OAISPACKAGETYPE="SIP"');
    expect(before.mets).toContain('PROFILE="https://earkcsip.dilcis.eu/profile/E-ARK-CSIP.xml"');
    expect(before.paths.some((p) => p.startsWith(`${OBJID}/representations/rep-original/data/`))).toBe(true);

    // Not an admin: refused, nothing changed.
    const refused = await cli('handover', 'profile', '--representation', 'rep-goc', '--as', 'luutru');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^E_FORBIDDEN: /);
    // A representation is one folder name: a path is refused (an input error: exit 2).
    const unsafe = await cli('handover', 'profile', '--representation', '../ra-ngoai', '--as', 'quantri');
    expect(unsafe.code).toBe(2);
    expect(unsafe.stderr).toMatch(/^E_INVALID_INPUT: /);

    const changed = await ok(
      'handover', 'profile', '--csip-profile', 'https://luutru.example.gov.vn/profile/TT05-2025.xml', '--other-type', 'Hồ sơ (TT 05/2025/TT-BNV)',
      '--representation', 'rep-goc', '--descriptive-type', 'TT05-HOSO', '--package-type', 'AIP', '--as', 'quantri',
    );
    expect(changed).toMatchObject({ representation: 'rep-goc', packageType: 'AIP', descriptiveType: 'TT05-HOSO', type: 'OTHER' });
    const after = await packageOf('sau');
    expect(after.mets).toContain('csip:OAISPACKAGETYPE="AIP"');
    expect(after.mets).toContain('<mets:altRecordID TYPE="PackageVariant">AIP_hoso</mets:altRecordID>');
    expect(after.mets).toContain('PROFILE="https://luutru.example.gov.vn/profile/TT05-2025.xml"');
    expect(after.mets).toContain('csip:OTHERTYPE="Hồ sơ (TT 05/2025/TT-BNV)"');
    expect(after.mets).toContain('OTHERMDTYPE="TT05-HOSO"');
    expect(after.paths.some((p) => p.startsWith(`${OBJID}/representations/rep-goc/data/`))).toBe(true);
    expect(after.paths.some((p) => p.includes('rep-original'))).toBe(false);
    // A type named on the command line still wins over the profile's default.
    expect((await packageOf('sip', '--type', 'SIP')).mets).toContain('csip:OAISPACKAGETYPE="SIP"');

    // The change is in the audit log, with what it was before.
    const services = await composeServices({ dataDir });
    try {
      const audited = await services.store.db.selectFrom('audit_log').select(['actor', 'before', 'after']).where('action', '=', 'agency.package-profile').execute();
      expect(audited).toHaveLength(1);
      expect(audited[0]!.actor).toBe('quantri');
      expect(JSON.parse(audited[0]!.before!)).toMatchObject({ representation: 'rep-original', packageType: 'SIP' });
      expect(JSON.parse(audited[0]!.after!)).toMatchObject({ representation: 'rep-goc', packageType: 'AIP' });
    } finally {
      await services.close();
    }
    expect(await ok('handover', 'profile', '--reset', '--as', 'quantri')).toMatchObject({ representation: 'rep-original', packageType: 'SIP' });
  }, 300_000);
});
