import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { VerifiedSignature } from '../src/ports/index.js';
import { loadDocumentView } from '../src/workflow/document-view.js';
import { NOT_TRUSTED, judgeSignatures, readStoredCheck } from '../src/workflow/signature-verdict.js';
import { useTempDir } from './helpers.js';
import { SENDER, makeWorld, testCertificate, writePdf, type World } from './workflow-helpers.js';

const sound: VerifiedSignature = { signerName: 'A', signedAt: null, intact: true, valid: true, trusted: true, modification: 'none', problems: [] };

describe("the workflow's rule on a verdict", () => {
  it('accepts sound signatures whatever the trust, and records NOT_TRUSTED for an untrusted one', () => {
    expect(judgeSignatures({ signed: true, signatures: [sound] })).toMatchObject({ valid: true, trusted: true, warnings: [] });
    expect(judgeSignatures({ signed: true, signatures: [{ ...sound, trusted: null }] })).toMatchObject({ valid: true, trusted: null, warnings: [] });
    const untrusted = judgeSignatures({ signed: true, signatures: [sound, { ...sound, trusted: false }] });
    expect(untrusted).toMatchObject({ valid: true, trusted: false, warnings: [NOT_TRUSTED] });
    expect(untrusted.signatures[1]!.problems).toContainEqual(expect.objectContaining({ code: NOT_TRUSTED, severity: 'warning' }));
  });

  it('refuses a signature that is not intact, not valid, followed by a disallowed change, or with an error', () => {
    for (const broken of [
      { intact: false },
      { valid: false },
      { modification: 'disallowed' as const },
      { problems: [{ code: 'SIG_DICT_REUSED', severity: 'error' as const }] },
    ]) {
      expect(judgeSignatures({ signed: true, signatures: [sound, { ...sound, ...broken }] }).valid).toBe(false);
    }
    expect(judgeSignatures({ signed: false, signatures: [] }).valid).toBe(false);
  });

  it('reads a report stored before the verdict was kept whole, and an empty one', () => {
    const old = JSON.stringify({
      signed: true,
      valid: true,
      signatures: [{ signerName: 'Sở', signedAt: null, valid: true, warnings: ['WEAK_DIGEST'] }],
      warnings: ['WEAK_DIGEST'],
    });
    expect(readStoredCheck(old)).toEqual({
      signed: true, paper: false, intact: null, trusted: null, problems: [{ code: 'WEAK_DIGEST', severity: 'warning' }], warnings: ['WEAK_DIGEST'],
    });
    expect(readStoredCheck('{}')).toEqual({ signed: undefined, paper: false, intact: null, trusted: null, problems: [], warnings: [] });
  });
});

describe('the verdict in the workflow (hash double with a trust list)', () => {
  const tempDir = useTempDir();

  async function receiveSigned(world: World, signerName: string) {
    if (!world.signer.keys.has(signerName)) world.signer.keys.set(signerName, testCertificate(signerName, signerName));
    const raw = await readFile(await writePdf(world.dir, `axis-${Math.random()}.pdf`));
    return world.workflow.receiveFromAxis({
      // Sealed by an agency named as the signer, and received from that name: the arrival check passes, trust aside.
      pdf: (await world.signer.sealAsAgency({ pdf: raw, agencyName: signerName })).pdf, pdfName: 'cv.pdf', attachments: [],
      exchangeDocumentId: `${SENDER},2026/02/27,${Math.random()}`, businessType: 0, from: SENDER, fromName: signerName, number: String(Math.floor(Math.random() * 1e6)), symbol: 'STC-NS',
      issuedDate: '2026-02-27', type: 'Công văn', subject: 'V/v báo cáo', urgency: 'normal', secrecy: 'none', language: 'Tiếng Việt',
    });
  }

  it('a received signature valid but not trusted is recorded, flagged and registrable; a new one by an untrusted key still signs', async () => {
    const world = await makeWorld(await tempDir());
    try {
      world.verifier.trustedNames = new Set(['Sở Tài chính']);
      const clerk = await world.as('vanthu');
      const trusted = await world.workflow.verify(clerk, (await receiveSigned(world, 'Sở Tài chính')).id);
      expect(trusted.signatures).toEqual([expect.objectContaining({ valid: true, intact: true, trusted: true, warnings: [] })]);
      expect(trusted.flags).not.toContain('signature-untrusted');

      const stranger = await world.workflow.verify(clerk, (await receiveSigned(world, 'Người Lạ')).id);
      expect(stranger.signatures).toEqual([
        expect.objectContaining({ valid: true, intact: true, trusted: false, warnings: [NOT_TRUSTED], problems: [{ code: NOT_TRUSTED, severity: 'warning' }] }),
      ]);
      expect(stranger.flags).toContain('signature-untrusted');
      const row = await world.store.db.selectFrom('document_signatures').select('result').where('document_id', '=', stranger.id).executeTakeFirstOrThrow();
      expect(JSON.parse(row.result)).toMatchObject({ signed: true, valid: true, trusted: false, signatures: [{ intact: true, valid: true, trusted: false }] });
      expect((await world.workflow.register(clerk, stranger.id)).state).toBe('registered');
    } finally {
      await world.store.close();
    }
  });

  it('shows each signature of a received file apart (the signer, then the agency seal), each with its own warnings', async () => {
    const world = await makeWorld(await tempDir());
    try {
      const doc = await world.workflow.verify(await world.as('vanthu'), (await receiveSigned(world, 'Sở Tài chính')).id);
      // As the verifier reports a leader's signature followed by the agency's seal: the seal is a permitted update
      // after the first signature (a warning on it), the seal itself covers the whole file.
      const leader: VerifiedSignature = { ...sound, signerName: 'Trần Quốc Hùng', modification: 'allowed', problems: [{ code: 'MODIFIED_ALLOWED', severity: 'warning', message: 'm' }] };
      const seal: VerifiedSignature = { ...sound, signerName: 'Sở Tài chính', trusted: false, certificate: { subject: 'CN=Sở Tài chính', serialNumber: '0a' } as VerifiedSignature['certificate'] };
      const check = judgeSignatures({ signed: true, signatures: [leader, seal] });
      await world.store.db.updateTable('document_signatures').set({ result: JSON.stringify(check) }).where('document_id', '=', doc.id).execute();
      const view = await loadDocumentView(world.store.db, doc.id, world.clock.now());
      expect(view.signatures).toEqual([
        expect.objectContaining({ kind: 'received', signerName: 'Trần Quốc Hùng', valid: true, intact: true, trusted: true, warnings: ['MODIFIED_ALLOWED'], problems: [{ code: 'MODIFIED_ALLOWED', severity: 'warning' }], certificateSubject: null }),
        expect.objectContaining({ kind: 'received', signerName: 'Sở Tài chính', valid: true, intact: true, trusted: false, warnings: [NOT_TRUSTED], certificateSubject: 'CN=Sở Tài chính', certificateSerial: '0a' }),
      ]);
      // A broken signature is shown as such on its own line, the other one unaffected.
      const broken = judgeSignatures({ signed: true, signatures: [leader, { ...seal, intact: false }] });
      await world.store.db.updateTable('document_signatures').set({ result: JSON.stringify(broken) }).where('document_id', '=', doc.id).execute();
      const again = await loadDocumentView(world.store.db, doc.id, world.clock.now());
      expect(again.signatures.map((s) => [s.signerName, s.valid, s.intact])).toEqual([['Trần Quốc Hùng', true, true], ['Sở Tài chính', false, false]]);
    } finally {
      await world.store.close();
    }
  });

  it('shows a signature row stored in the old shape (no migration): warnings kept, intact and trusted not recorded', async () => {
    const world = await makeWorld(await tempDir());
    try {
      const doc = await world.workflow.verify(await world.as('vanthu'), (await receiveSigned(world, 'Sở')).id);
      const old = { signed: true, valid: true, signatures: [{ signerName: 'Sở', signedAt: null, valid: true, warnings: ['WEAK_DIGEST'] }], warnings: ['WEAK_DIGEST'] };
      await world.store.db.updateTable('document_signatures').set({ result: JSON.stringify(old), valid: 1 }).where('document_id', '=', doc.id).execute();
      const view = await loadDocumentView(world.store.db, doc.id, world.clock.now());
      expect(view.signatures).toEqual([
        expect.objectContaining({ kind: 'received', valid: true, warnings: ['WEAK_DIGEST'], intact: null, trusted: null, problems: [{ code: 'WEAK_DIGEST', severity: 'warning' }] }),
      ]);
      expect(view.flags).not.toContain('signature-invalid');
    } finally {
      await world.store.close();
    }
  });
});
