import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { isReportAcceptable, verifyPdfSignatures } from '../src/index.js';
import { fixturesDir } from './helpers/fixtures.js';

const EDXML = resolve(fixturesDir, 'edxml');
const dir = mkdtempSync(join(tmpdir(), 'verify-edxml-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The first base64 payload of an edXML message (the ContentTransferEncoded element). */
function firstAttachment(edxml: Buffer): Buffer {
  const match = /<edXML:ContentTransferEncoded[^>]*>([^<]*)</.exec(edxml.toString('latin1'));
  if (!match?.[1]) throw new Error('no ContentTransferEncoded');
  return Buffer.from(match[1], 'base64');
}

/** edXML → ZIP → inner edXML → the signed PDF, as a receiving office would get it. */
function extractGovernmentPdf(message: string): string {
  const zip = unzipSync(new Uint8Array(firstAttachment(readFileSync(join(EDXML, message)))));
  const [innerName] = Object.keys(zip);
  const inner = zip[innerName as string];
  if (!inner) throw new Error('empty ZIP');
  const pdf = firstAttachment(Buffer.from(inner));
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const path = join(dir, `${message}.pdf`);
  writeFileSync(path, pdf);
  return path;
}

describe('verify: the Vietnamese government PDF inside the edoc_* edXML samples', () => {
  it.each(['edoc_update.edxml', 'edoc_revocation.edxml'])('%s: intact, valid, SHA-1 flagged, signer and issuer read', (message) => {
    const report = verifyPdfSignatures(extractGovernmentPdf(message), { validationTime: new Date('2017-01-01T00:00:00Z') });
    expect(report.signatures).toHaveLength(1);
    const [signature] = report.signatures;
    expect(signature).toMatchObject({
      kind: 'signature',
      subFilter: 'adbe.pkcs7.detached',
      intact: true,
      valid: true,
      trusted: null,
      coverage: 'entireFile',
      modification: 'none',
    });
    expect(signature?.signer?.commonName).toBe('Đỗ Tiến Thắng');
    expect(signature?.signer?.issuer).toContain('CN=Co quan chung thuc so Chinh phu');
    expect(signature?.signer?.issuer).toContain('O=Ban Co yeu Chinh phu');
    expect(signature?.problems.map((p) => p.code)).toContain('WEAK_DIGEST');
    expect(signature?.problems.find((p) => p.code === 'WEAK_DIGEST')?.severity).toBe('warning');
    expect(isReportAcceptable(report, false)).toBe(true);
  });
});
