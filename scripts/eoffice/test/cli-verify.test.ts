import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runEoffice } from './run-eoffice.js';

const FIXTURES = resolve(REPO_ROOT, '../shared/fixtures');
const PYHANKO = join(FIXTURES, 'pdf-signed/pyhanko');
const SHADOW = join(FIXTURES, 'pdf-attacks/shadow');
const TESTING_ROOT = join(PYHANKO, 'roots/testing-ca/root.cert.pem');
const dir = mkdtempSync(join(tmpdir(), 'eoffice-cli-verify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface VerifyJson {
  file: string;
  signatures: {
    field: string;
    kind: string;
    subFilter: string | null;
    revision: number | null;
    signingTime: string | null;
    signer: { commonName: string | null; subject: string; serialNumber: string; issuer: string } | null;
    intact: boolean;
    valid: boolean;
    trusted: boolean | null;
    coverage: string;
    modification: string;
    docMdp: number | null;
    level: string | null;
    problems: { code: string; severity: string; message: string }[];
  }[];
}

const verifyJson = async (args: string[]) => {
  const run = await runEoffice(['verify', ...args, '--json']);
  return { code: run.code, json: JSON.parse(run.stdout) as VerifyJson, stderr: run.stderr };
};

describe('eoffice verify', () => {
  it.each([
    ['pades-with-old-style-signing-cert-attr.pdf', TESTING_ROOT, '2020-11-01'],
    ['pades-lta-dss-indirect-arrs-test.pdf', TESTING_ROOT, '2020-11-01'],
    ['certified-with-indirect-refs-in-dir.pdf', join(PYHANKO, 'roots/some-chain.cert.pem'), '2020-11-01'],
    ['minimal-two-fields-signed-twice.pdf', join(PYHANKO, 'roots/selfsigned.cert.pem'), '2021-01-05'],
  ])('%s: exit 0 with its root at the fixture clock', async (file, root, at) => {
    const { code, json } = await verifyJson([join(PYHANKO, file), '--trust', root, '--at', at]);
    expect(code).toBe(0);
    expect(json.file).toBe(join(PYHANKO, file));
    expect(json.signatures.length).toBeGreaterThan(0);
    for (const signature of json.signatures) {
      expect(signature).toMatchObject({ intact: true, valid: true, trusted: true });
      expect(signature.modification).not.toBe('disallowed');
      expect(signature.signer?.serialNumber).toMatch(/^[0-9a-f]+$/);
    }
    if (file === 'pades-lta-dss-indirect-arrs-test.pdf') {
      // The JSON shape, in file order.
      expect(json.signatures.map((s) => s.kind)).toEqual(['signature', 'docTimestamp']);
      expect(Object.keys(json.signatures[0] ?? {})).toEqual([
        'field', 'kind', 'subFilter', 'revision', 'signingTime', 'signer', 'intact', 'valid', 'trusted', 'coverage', 'modification', 'docMdp', 'level', 'timestamp', 'revocation', 'problems',
      ]);
      // Issue 16: the signature is archived (B-LTA) under the later document timestamp, its revocation data embedded.
      expect(json.signatures[0]).toMatchObject({ level: 'B-LTA', timestamp: { intact: true, valid: true, trusted: true }, revocation: { status: 'good', source: 'embedded' } });
      expect(json.signatures[0]?.signer).toEqual({
        commonName: 'Alice',
        subject: expect.stringContaining('CN=Alice,OU=Testing Authority,O=Example Inc,C=BE'),
        serialNumber: '1001',
        issuer: 'CN=Intermediate CA,OU=Testing Authority,O=Example Inc,C=BE',
        // The facts the services check a binding against (issue 11 item 1).
        certificate: expect.objectContaining({ commonName: 'Alice', serialNumber: '1001', isCertificateAuthority: false, fingerprintSha256: expect.stringMatching(/^[0-9a-f]{64}$/) }),
      });
    }
  });

  // Issue 16: the baseline level of other tools' files, as EU DSS classifies them (fixtures README), at a time when
  // the Costa Rica chain was valid. doc-firmado.pdf is the trap: a document timestamp but no validation data is B-T.
  it.each([
    ['doc-firmado-T.pdf', 'B-T'],
    ['doc-firmado-LT.pdf', 'B-LT'],
    ['doc-firmado.pdf', 'B-T'],
  ])('%s is %s', async (file, level) => {
    const dss = join(FIXTURES, 'pdf-signed/dss');
    const { json } = await verifyJson([join(dss, file), '--trust', join(dss, 'roots'), '--at', '2019-06-01']);
    expect(json.signatures.filter((s) => s.kind === 'signature').map((s) => s.level)).toEqual([level]);
  });

  it.each([
    'form-update-override-appearance-stream-sneaky.pdf',
    'coverage-anomalies/tail-uncovered.pdf',
  ])('%s: exit 1', async (file) => {
    const { code, json } = await verifyJson([join(PYHANKO, file), '--trust', TESTING_ROOT, '--at', '2020-11-01']);
    expect(code).toBe(1);
    expect(json.signatures[0]?.modification).toBe('disallowed');
  });

  it.each([
    'hide-and-replace_variant-1_change_object_references/4_original-document-shadowed-signed-manipulated.pdf',
    'hide-and-replace_variant-2_change_objects_usage/4_original-document-shadowed-signed-manipulated.pdf',
    'hide_variant-1_hide-via-referenced-object/4_original-document-shadowed-signed-manipulated_v1.pdf',
    'hide_variant-1_hide-via-referenced-object/4_original-document-shadowed-signed-manipulated_v2.pdf',
    'hide_variant-2_hide-via-referenced-object_hide-form-via-form/4_original-document-shadowed-signed-manipulated.pdf',
    'hide_variant-2_hide-via-referenced-object_hide-text-via-form/4_original-document-shadowed-signed-manipulated.pdf',
    'replace_variant-1_replace-via-overlay/4_original-document-shadowed-signed-manipulated.pdf',
    'replace_variant-2_replace-via-overwrite/4_original-document-shadowed-signed-manipulated.pdf',
  ])('shadow attack %s: exit 1, modification disallowed', async (file) => {
    const { code, json } = await verifyJson([
      join(SHADOW, file),
      '--at',
      '2026-01-01',
      '--trust',
      join(SHADOW, 'signer-identity/demo-rsa2048.cert.pem'),
    ]);
    expect(code).toBe(1);
    expect(json.signatures[0]).toMatchObject({ intact: true, valid: true, trusted: true, modification: 'disallowed' });
  });

  it('a shadowed but untouched signed file exits 0', async () => {
    const { code } = await verifyJson([
      join(SHADOW, 'replace_variant-1_replace-via-overlay/3_original-document-shadowed-signed.pdf'),
      '--at',
      '2026-01-01',
      '--trust',
      join(SHADOW, 'signer-identity/demo-rsa2048.cert.pem'),
    ]);
    expect(code).toBe(0);
  });

  it('zeroed /Contents and an altered /ByteRange exit 1 with a reason', async () => {
    const original = readFileSync(join(PYHANKO, 'pades-with-old-style-signing-cert-attr.pdf'));
    const text = original.toString('latin1');
    const match = /\/ByteRange\s*\[\s*0+\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text);
    if (!match) throw new Error('no /ByteRange');
    const [whole, b, c, d] = match as unknown as [string, string, string, string];
    const zeroed = Buffer.from(original);
    zeroed.fill(0x30, Number(b) + 1, Number(c) - 1);
    writeFileSync(join(dir, 'zeroed.pdf'), zeroed);
    const zeroedRun = await verifyJson([join(dir, 'zeroed.pdf'), '--trust', TESTING_ROOT, '--at', '2020-11-01']);
    expect(zeroedRun.code).toBe(1);
    expect(zeroedRun.json.signatures[0]?.problems.map((p) => p.code)).toContain('CMS_MALFORMED');

    const altered = `/ByteRange [0 ${b} ${c} ${Number(d) - 10}]`.padEnd(whole.length, ' ');
    writeFileSync(join(dir, 'byterange.pdf'), Buffer.from(text.replace(whole, altered), 'latin1'));
    const alteredRun = await verifyJson([join(dir, 'byterange.pdf'), '--trust', TESTING_ROOT, '--at', '2020-11-01']);
    expect(alteredRun.code).toBe(1);
    expect(alteredRun.json.signatures[0]?.problems.map((p) => p.code)).toEqual(expect.arrayContaining(['NONSTANDARD_COVERAGE', 'DIGEST_MISMATCH']));
  });

  it('an unsigned PDF exits 1; a file that is not a PDF exits 2 with a JSON error', async () => {
    const body = '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n';
    const xref = `xref\n0 3\n0000000000 65535 f \n${String(9).padStart(10, '0')} 00000 n \n${String(body.indexOf('2 0 obj')).padStart(10, '0')} 00000 n \n`;
    writeFileSync(join(dir, 'unsigned.pdf'), `${body}${xref}trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n${body.length}\n%%EOF\n`);
    const unsigned = await verifyJson([join(dir, 'unsigned.pdf')]);
    expect(unsigned.code).toBe(1);
    expect(unsigned.json.signatures).toEqual([]);

    writeFileSync(join(dir, 'not-a-pdf.pdf'), 'hello');
    const broken = await runEoffice(['verify', join(dir, 'not-a-pdf.pdf'), '--json']);
    expect(broken.code).toBe(2);
    expect(JSON.parse(broken.stdout)).toMatchObject({ error: { code: 'E_PDF_UNREADABLE' } });
    const missing = await runEoffice(['verify', join(dir, 'nope.pdf'), '--json']);
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout)).toMatchObject({ error: { code: 'E_FILE_UNREADABLE' } });
  });

  it('prints a Vietnamese summary without --json and rejects a bad --at', async () => {
    const run = await runEoffice(['verify', join(PYHANKO, 'coverage-anomalies/tail-uncovered.pdf'), '--at', '2020-11-01']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('KHÔNG HỢP LỆ');
    expect(run.stdout).toContain('Phạm vi ký:');
    const bad = await runEoffice(['verify', join(PYHANKO, 'coverage-anomalies/tail-uncovered.pdf'), '--at', 'yesterday']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^E_USAGE: /);
  });
});
