import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pdfsig } from '../../../packages/signing/test/helpers/pdfsig.js';
import { makeSamplePdf } from '../../../packages/signing/test/helpers/sample-pdfs.js';
import { qpdfCheck, requireTool, run } from '../../../packages/signing/test/helpers/system-tools.js';
import { makeTestIdentity } from '../../../packages/signing/test/helpers/test-pki.js';
import { REPO_ROOT, runEoffice } from './run-eoffice.js';

const dir = mkdtempSync(join(tmpdir(), 'eoffice-cli-sign-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const signaturePng = join(REPO_ROOT, 'resources/samples/signature-sample.png');
const sealPng = join(REPO_ROOT, 'resources/samples/seal-sample.png');

const text = (file: string): string => {
  requireTool('pdftotext', 'poppler-utils');
  return run('pdftotext', ['-enc', 'UTF-8', file, '-']).stdout;
};

describe('eoffice pdf prepare + sign', async () => {
  const person = makeTestIdentity(dir, 'rsa-2048');
  const agency = makeTestIdentity(dir, 'ec-p256', 'UBND tỉnh Demo');
  const draft = join(dir, 'draft.pdf');
  writeFileSync(draft, await makeSamplePdf({ pages: 2 }));

  it('prepares, signs as the signer, then seals with number and date filled; --json names the file', async () => {
    const prepared = join(dir, 'prepared.pdf');
    const signed = join(dir, 'signed.pdf');
    const sealed = join(dir, 'sealed.pdf');
    const prep = await runEoffice(['pdf', 'prepare', draft, '--out', prepared, '--number-rect', '1,95,728,170,18', '--json']);
    expect(prep.code, prep.stderr).toBe(0);
    expect(JSON.parse(prep.stdout)).toEqual({ out: prepared, fields: ['number', 'date'] });

    const first = await runEoffice(
      ['sign', prepared, '--out', signed, '--p12', person.p12, '--pin-stdin', '--page', '1', '--rect', '330,400,200,110',
        '--image', signaturePng, '--text', 'KT. CHỦ TỊCH', '--text', 'PHÓ CHỦ TỊCH', '--text', 'Nguyễn Văn A', '--reason', 'Ký ban hành', '--json'],
      { stdin: `${person.password}\n` },
    );
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ out: signed, field: 'Signature1' });

    const second = await runEoffice(
      ['sign', signed, '--out', sealed, '--p12', agency.p12, '--pin-env', 'AGENCY_PIN', '--appearance', 'seal', '--image', sealPng,
        '--fill', 'number=12/QĐ-UBND', '--fill', 'date=05/03/2026', '--json'],
      { env: { AGENCY_PIN: agency.password } },
    );
    expect(second.code, second.stderr).toBe(0);
    const json = JSON.parse(second.stdout) as { out: string; field: string; sha256: string; level: string };
    expect(Object.keys(json).sort()).toEqual(['field', 'level', 'out', 'sha256', 'timestampTime', 'warning']);
    // No --tsa: a B-B signature, no timestamp and nothing to warn of (issue 16).
    expect(json).toMatchObject({ level: 'B-B', timestampTime: null, warning: null });
    expect(json.sha256).toBe(createHash('sha256').update(readFileSync(sealed)).digest('hex'));

    const report = pdfsig(sealed);
    expect(report.signatures.map((s) => s.validation), report.raw).toEqual(['Signature is Valid.', 'Signature is Valid.']);
    expect(report.signatures[1]!.totalDocumentSigned).toBe(true);
    expect(qpdfCheck(sealed).status).toBe(0);
    const shown = text(sealed);
    expect(shown).toContain('12/QĐ-UBND');
    expect(shown).toContain('ngày 05 tháng 3 năm 2026');
    expect(shown).toContain('Nguyễn Văn A');
  });

  it('stamps a copy top-right with the signing time from EOFFICE_NOW in ISO 8601 +07:00', async () => {
    const out = join(dir, 'copy.pdf');
    const r = await runEoffice(
      ['sign', draft, '--out', out, '--p12', agency.p12, '--pin-env', 'PIN', '--appearance', 'stamp', '--text', 'SAO Y', '--text', 'UBND tỉnh Demo'],
      { env: { PIN: agency.password, EOFFICE_NOW: '2026-03-05T02:03:04Z' } },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Đã ký \/ signed/);
    const shown = text(out);
    expect(shown).toContain('SAO Y');
    expect(shown).toContain('2026-03-05T09:03:04+07:00');
    expect(pdfsig(out).signatures[0]!.validation).toBe('Signature is Valid.');
  });

  it('reads EOFFICE_NOW without an offset as Vietnam time, as the one clock does everywhere', async () => {
    const out = join(dir, 'copy-zoneless.pdf');
    const r = await runEoffice(
      ['sign', draft, '--out', out, '--p12', agency.p12, '--pin-env', 'PIN', '--appearance', 'stamp', '--text', 'SAO Y'],
      { env: { PIN: agency.password, EOFFICE_NOW: '2026-12-31T23:30:00' } },
    );
    expect(r.code, r.stderr).toBe(0);
    // Read as UTC it would be 1 January 2027, 06:30 in Hà Nội.
    expect(text(out)).toContain('2026-12-31T23:30:00+07:00');
  });

  it('refuses a wrong PIN (exit 1, nothing written, the PIN not echoed)', async () => {
    const out = join(dir, 'wrong-pin.pdf');
    const r = await runEoffice(['sign', draft, '--out', out, '--p12', person.p12, '--pin-env', 'PIN', '--json'], { env: { PIN: 'khong-dung-9876' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^E_PKCS12_BAD_PASSWORD: Sai mật khẩu/);
    expect(r.stderr + r.stdout).not.toContain('khong-dung-9876');
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    [['--p12', 'x.p12'], /--pin-env NAME hoặc --pin-stdin/],
    [['--p12', 'x.p12', '--pin-env', 'PIN', '--pin-stdin'], /--pin-env NAME hoặc --pin-stdin/],
    [['--pin-env', 'PIN'], /Cần chọn khoá ký/],
    [['--p12', 'x.p12', '--pin-env', 'PIN', '--appearance', 'seal'], /needs --image/],
    [['--p12', 'x.p12', '--pin-env', 'PIN', '--fill', 'date=31/02/2026'], /dd\/MM\/yyyy/],
  ])('rejects bad usage %j with exit 2', async (args, message) => {
    const r = await runEoffice(['sign', draft, '--out', join(dir, 'never.pdf'), ...args], { env: { PIN: '1' } });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
