import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/index.js';
import { FixedClock, parseInstant } from '../src/clock/clock.js';
import { listDueHandovers } from '../src/handover/handover-due.js';
import { loadActorByUsername } from '../src/users/actor.js';
import { makeDemoPdf, planDemo, seedDemo, DEMO_AGENCY, DEMO_DIRECTORY_FILE, DEMO_PEOPLE } from '../src/demo/index.js';
import type { CertificateFacts } from '../src/ports/index.js';
import { parseDirectoryFile } from '../src/directory/index.js';
import { openStore } from '../src/store/store.js';
import { verifyPassword } from '../src/users/password-hash.js';
import { readIssuingPlace } from '../src/agency/issuing-place.js';
import { readAgencySeal } from '../src/agency/seal-image.js';
import { useTempDir } from './helpers.js';
import { rawText, runTool } from './pdf-tools.js';
import { HashSigner, HashVerifier, testCertificate } from './workflow-helpers.js';
import { readFile, writeFile } from 'node:fs/promises';

const UNTIL = parseInstant('2026-11-20T16:00:00+07:00');

async function directoryEndpoints() {
  return parseDirectoryFile(JSON.parse(await readFile(DEMO_DIRECTORY_FILE, 'utf8'))).endpoints;
}

describe('demo seed', () => {
  const tempDir = useTempDir();

  it('plans the same documents for the same seed and different ones for another seed', async () => {
    const endpoints = await directoryEndpoints();
    const options = { docs: 150, until: UNTIL, agencyCode: DEMO_AGENCY.organId, endpoints, canSign: true, canVerify: true };
    const a = planDemo({ ...options, seed: 7 });
    const b = planDemo({ ...options, seed: 7 });
    const c = planDemo({ ...options, seed: 8 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
    expect(a).toHaveLength(150);
    const years = new Set(a.map((d) => d.steps[0]!.at.getUTCFullYear()));
    expect([...years].sort()).toEqual([2024, 2025, 2026]);
    for (const doc of a) {
      for (const step of doc.steps) expect(step.at.getTime()).toBeLessThanOrEqual(UNTIL.getTime());
      const times = doc.steps.map((s) => s.at.getTime());
      expect(times).toEqual([...times].sort((x, y) => x - y));
    }
    expect(a.some((d) => d.direction === 'incoming') && a.some((d) => d.direction === 'outgoing')).toBe(true);
  });

  it('makes the same small Vietnamese PDF byte for byte', async () => {
    const dir = await tempDir();
    const text = { issuer: 'Sở Nội vụ tỉnh Demo', numberLine: 'Số: 12/QĐ-SNV', typeName: 'Quyết định', subject: 'Về việc ban hành quy chế', body: 'Nội dung thử nghiệm tiếng Việt.' };
    const one = await makeDemoPdf(text);
    const two = await makeDemoPdf(text);
    expect(createHash('sha256').update(one).digest('hex')).toBe(createHash('sha256').update(two).digest('hex'));
    const path = join(dir, 'mau.pdf');
    await writeFile(path, one);
    expect(runTool('qpdf', ['--check', path])).toContain('No syntax or stream encoding errors found');
    expect(rawText(path)).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc');
  });

  it('seeds through the workflow: users per role, both registers over three years with numbers 1..n, an intact audit chain', async () => {
    const dir = await tempDir();
    const store = await openStore({ dataDir: join(dir, 'data') });
    try {
      const signer = new HashSigner();
      const leaderKey = testCertificate('Nguyễn Văn An (DEMO)', DEMO_AGENCY.name);
      const agencyKey = testCertificate(DEMO_AGENCY.name, DEMO_AGENCY.name);
      signer.keys.set(DEMO_PEOPLE.find((p) => p.username === 'lanhdao')!.fullName, leaderKey);
      signer.keys.set(DEMO_AGENCY.name, agencyKey);
      const der = (facts: CertificateFacts) => new Uint8Array(Buffer.from(JSON.stringify(facts)));
      const summary = await seedDemo({
        store, docs: 120, seed: 42, until: UNTIL, workDir: join(dir, 'data', 'tmp'), signer, verifier: new HashVerifier(), password: 'mat-khau-demo',
        signingCertificates: { leader: der(leaderKey), agency: der(agencyKey) },
      });
      expect(summary.documents).toBe(120);
      expect(summary.endpoints).toBe(650);
      expect((await verifyAuditChain(store.db)).ok).toBe(true);
      const users = await store.db.selectFrom('users').innerJoin('user_roles', 'user_roles.user_id', 'users.id').select(['username', 'role', 'password_hash']).orderBy('username').execute();
      expect(users.map((u) => `${u.username}:${u.role}`)).toEqual(['admin:admin', 'chuyenvien:specialist', 'lanhdao:leader', 'luutru:archivist', 'vanthu:clerk']);
      expect(await verifyPassword('mat-khau-demo', users[0]!.password_hash!)).toBe(true);
      // The sample images (resources/samples): the leader's signature, the agency seal; and the place of the date line.
      const leader = await store.db.selectFrom('users').select(['id', 'signature_image_sha256']).where('username', '=', 'lanhdao').executeTakeFirstOrThrow();
      expect(leader.signature_image_sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(await readAgencySeal(store.db, store.blobs)).not.toBeNull();
      expect(await readIssuingPlace(store.db)).toBe('Tỉnh Demo');
      // Both registers in each of the three years, each numbered 1..n without a gap.
      const registers = await store.db.selectFrom('register_entries').select(['register_id', 'number']).orderBy('register_id').orderBy('number').execute();
      const byRegister = new Map<string, number[]>();
      for (const r of registers) byRegister.set(r.register_id, [...(byRegister.get(r.register_id) ?? []), r.number]);
      for (const year of [2024, 2025, 2026]) {
        for (const direction of ['incoming', 'outgoing']) {
          const numbers = byRegister.get(`${DEMO_AGENCY.organId}/${year}/${direction}/normal`) ?? [];
          expect(numbers.length).toBeGreaterThan(0);
          expect(numbers).toEqual(numbers.map((_, i) => i + 1));
        }
      }
      // Numbers follow time: a later số đến was never registered before an earlier one.
      const entries = await store.db.selectFrom('register_entries').select(['register_id', 'number', 'registered_at']).orderBy('register_id').orderBy('number').execute();
      for (let i = 1; i < entries.length; i += 1) {
        if (entries[i]!.register_id === entries[i - 1]!.register_id) expect(entries[i]!.registered_at >= entries[i - 1]!.registered_at).toBe(true);
      }
      const states = Object.keys(summary.byState);
      for (const state of ['filed', 'archived', 'dispatched', 'completed']) expect(states).toContain(state);
      const counted = await store.db.selectFrom('documents').select(['direction', 'year']).execute();
      expect(counted).toHaveLength(120);
      const sum = Object.values(summary.byDirectionYear).reduce((a, b) => a + b, 0);
      expect(sum).toBe(120);
      // Hồ sơ: an approved list for each year seeded; the past years' files closed (and due or overdue for handover),
      // this year's open; each filed document carries its FileCode and DocOrdinal.
      const plans = await store.db.selectFrom('file_plans').select(['year', 'state']).orderBy('year').execute();
      expect(plans).toEqual([2024, 2025, 2026].map((year) => ({ year, state: 'approved' })));
      expect(summary.records.plans).toBe(3);
      const files = await store.db.selectFrom('record_files').select(['plan_year', 'notation', 'state', 'doc_total', 'due_date']).orderBy('plan_year').orderBy('notation').execute();
      expect(files.map((f) => `${f.plan_year}/${f.notation}:${f.state}`)).toEqual([
        '2024/01.TH:closed', '2024/02.TH:closed', '2025/01.TH:closed', '2025/02.TH:closed', '2026/01.TH:open', '2026/02.TH:open',
      ]);
      for (const file of files) expect(file.doc_total).toBeGreaterThan(0);
      const filed = await store.db.selectFrom('documents').select(['file_notation', 'doc_ordinal']).where('file_notation', 'is not', null).execute();
      expect(filed).toHaveLength(files.reduce((n, f) => n + f.doc_total, 0));
      const archivist = (await loadActorByUsername(store.db, 'luutru'))!;
      const due = await listDueHandovers(store.db, new FixedClock(UNTIL), archivist, 30);
      const overdue = due.filter((d) => d.overdue).map((d) => `${d.file.fileCatalog}/${d.file.fileNotation}`);
      expect(overdue).toEqual(expect.arrayContaining(['2024/01.TH', '2024/02.TH']));
      expect(due.every((d) => d.file.state === 'closed' && d.file.fileCatalog < 2026)).toBe(true);
      await expect(seedDemo({ store, docs: 1, seed: 1, until: UNTIL, workDir: join(dir, 'data', 'tmp') })).rejects.toMatchObject({ code: 'E_CONFLICT' });
    } finally {
      await store.close();
    }
  }, 300_000);
});
