import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  isReportAcceptable,
  loadTrustAnchors,
  verifyPdfSignatures,
  type ParsedCertificate,
  type PdfVerifyReport,
  type SignatureVerdict,
} from '../src/index.js';
import { fixturesDir } from './helpers/fixtures.js';

const FIXTURES = fixturesDir;
const fixture = (path: string) => resolve(FIXTURES, path);
const codes = (verdict: SignatureVerdict | undefined) => verdict?.problems.map((p) => p.code) ?? [];

const PYHANKO = 'pdf-signed/pyhanko';
const DSS = 'pdf-signed/dss';
const SHADOW = 'pdf-attacks/shadow';

let testingRoot: ParsedCertificate[];
let someChain: ParsedCertificate[];
let selfSigned: ParsedCertificate[];
let shadowSigner: ParsedCertificate[];

beforeAll(async () => {
  testingRoot = await loadTrustAnchors([fixture(`${PYHANKO}/roots/testing-ca/root.cert.pem`)]);
  someChain = await loadTrustAnchors([fixture(`${PYHANKO}/roots/some-chain.cert.pem`)]);
  selfSigned = await loadTrustAnchors([fixture(`${PYHANKO}/roots/selfsigned.cert.pem`)]);
  shadowSigner = await loadTrustAnchors([fixture(`${SHADOW}/signer-identity/demo-rsa2048.cert.pem`)]);
});

const at2020 = new Date('2020-11-01T00:00:00Z');

describe('verify: pyHanko fixtures (clock 2020-11-01 / 2021-01-05)', () => {
  it('B-B with the old-style signing-certificate attribute: intact, valid, trusted, entire file, no change', () => {
    const report = verifyPdfSignatures(fixture(`${PYHANKO}/pades-with-old-style-signing-cert-attr.pdf`), {
      trustAnchors: testingRoot,
      validationTime: at2020,
    });
    expect(report.signatures).toHaveLength(1);
    expect(report.signatures[0]).toMatchObject({
      field: 'Sig1',
      kind: 'signature',
      subFilter: 'ETSI.CAdES.detached',
      intact: true,
      valid: true,
      trusted: true,
      coverage: 'entireFile',
      modification: 'none',
      docMdp: null,
      signer: { commonName: 'Alice', serialNumber: '1001', issuer: 'CN=Intermediate CA,OU=Testing Authority,O=Example Inc,C=BE' },
    });
    expect(isReportAcceptable(report, true)).toBe(true);
  });

  it('B-LTA: the signature covers its revision and only DSS + a document timestamp follow; the timestamp is intact and valid', () => {
    for (const anchors of [() => testingRoot, () => someChain]) {
      // The same root with other bytes (some-chain) must be accepted: anchors match by name and key.
      const report = verifyPdfSignatures(fixture(`${PYHANKO}/pades-lta-dss-indirect-arrs-test.pdf`), {
        trustAnchors: anchors(),
        validationTime: at2020,
      });
      const [signature, timestamp] = report.signatures;
      expect(signature).toMatchObject({ kind: 'signature', intact: true, valid: true, trusted: true, coverage: 'entireRevision', modification: 'allowed' });
      expect(timestamp).toMatchObject({ kind: 'docTimestamp', subFilter: 'ETSI.RFC3161', intact: true, valid: true, trusted: true });
      expect(timestamp?.modification).not.toBe('disallowed');
      expect(timestamp?.signer?.commonName).toBe('Time Stamping Authority');
      expect(isReportAcceptable(report, true)).toBe(true);
    }
  });

  it('certified P1 with indirect refs: docMdp 1, trusted, no change', () => {
    const report = verifyPdfSignatures(fixture(`${PYHANKO}/certified-with-indirect-refs-in-dir.pdf`), {
      trustAnchors: testingRoot,
      validationTime: at2020,
    });
    expect(report.signatures[0]).toMatchObject({ docMdp: 1, intact: true, valid: true, trusted: true, coverage: 'entireFile', modification: 'none' });
    expect(isReportAcceptable(report, true)).toBe(true);
  });

  it('Adobe double signature: the first covers revision 1 with only form filling after it, the second the whole file', () => {
    const report = verifyPdfSignatures(fixture(`${PYHANKO}/minimal-two-fields-signed-twice.pdf`), {
      trustAnchors: selfSigned,
      validationTime: new Date('2021-01-05T00:00:00Z'),
    });
    expect(report.signatures.map((s) => s.field)).toEqual(['Sig2', 'Sig1']);
    expect(report.signatures[0]).toMatchObject({ revision: 1, coverage: 'entireRevision', modification: 'allowed', intact: true, valid: true, trusted: true });
    expect(report.signatures[1]).toMatchObject({ coverage: 'entireFile', modification: 'none', intact: true, valid: true, trusted: true });
    expect(isReportAcceptable(report, true)).toBe(true);
  });

  it('a file verified by its path is read from disk and closed after: no descriptor is left open', () => {
    const file = fixture(`${PYHANKO}/minimal-two-fields-signed-twice.pdf`);
    const open = () => readdirSync('/proc/self/fd').length;
    const before = open();
    for (let i = 0; i < 3; i++) verifyPdfSignatures(file, { validationTime: new Date('2021-01-05T00:00:00Z') });
    expect(open()).toBe(before);
  });

  it('without anchors trust is not judged (null); a wrong anchor gives trusted false', () => {
    const file = fixture(`${PYHANKO}/minimal-two-fields-signed-twice.pdf`);
    const untrusted = verifyPdfSignatures(file, { validationTime: new Date('2021-01-05T00:00:00Z') });
    expect(untrusted.signatures.map((s) => s.trusted)).toEqual([null, null]);
    const wrong = verifyPdfSignatures(file, { trustAnchors: testingRoot, validationTime: new Date('2021-01-05T00:00:00Z') });
    expect(wrong.signatures.map((s) => s.trusted)).toEqual([false, false]);
    expect(codes(wrong.signatures[0])).toContain('NO_TRUSTED_CHAIN');
    expect(isReportAcceptable(wrong, true)).toBe(false);
  });

  it('a certificate outside its validity at the validation time is not trusted', () => {
    const report = verifyPdfSignatures(fixture(`${PYHANKO}/pades-with-old-style-signing-cert-attr.pdf`), {
      trustAnchors: testingRoot,
      validationTime: new Date('2040-01-01T00:00:00Z'),
    });
    expect(report.signatures[0]).toMatchObject({ intact: true, valid: true, trusted: false });
    expect(codes(report.signatures[0])).toContain('CERT_NOT_VALID_AT_TIME');
  });

  it('sneaky appearance-stream override after the first signature is a disallowed modification', () => {
    const report = verifyPdfSignatures(fixture(`${PYHANKO}/form-update-override-appearance-stream-sneaky.pdf`), {
      trustAnchors: testingRoot,
      validationTime: at2020,
    });
    const [first, second] = report.signatures;
    expect(first).toMatchObject({ intact: true, valid: true, coverage: 'entireRevision', modification: 'disallowed' });
    expect(codes(first)).toContain('MODIFIED_DISALLOWED');
    expect(second).toMatchObject({ intact: true, valid: true, coverage: 'entireFile', modification: 'none' });
    expect(isReportAcceptable(report, true)).toBe(false);
  });

  it('bytes after the signed range (tail uncovered) give partial coverage and NONSTANDARD_COVERAGE', () => {
    const report = verifyPdfSignatures(fixture(`${PYHANKO}/coverage-anomalies/tail-uncovered.pdf`), {
      trustAnchors: selfSigned,
      validationTime: at2020,
    });
    expect(report.signatures[0]).toMatchObject({ intact: true, valid: true, coverage: 'partial', revision: null });
    expect(codes(report.signatures[0])).toContain('NONSTANDARD_COVERAGE');
    expect(isReportAcceptable(report, true)).toBe(false);
  });
});

describe('verify: EU DSS fixtures', () => {
  const verify = (path: string): PdfVerifyReport => verifyPdfSignatures(fixture(`${DSS}/${path}`));

  it('real signatures (Costa Rica B-T/LT/LTA, Certipost LTA, Novartis certified, TeleSec PLAIN-ECDSA) are intact and valid', () => {
    for (const path of [
      'doc-firmado-T.pdf',
      'doc-firmado-LT.pdf',
      'doc-firmado.pdf',
      'Test.signed_Certipost-2048-SHA512.extended-LTA.pdf',
      'dss-1188/Test.pdf',
      'TeleSec_PKS_eIDAS_QES_CA_1-baseline-b.pdf',
    ]) {
      const report = verify(path);
      expect(report.signatures.length, path).toBeGreaterThan(0);
      for (const signature of report.signatures) {
        expect({ path, field: signature.field, intact: signature.intact, valid: signature.valid }).toEqual({
          path,
          field: signature.field,
          intact: true,
          valid: true,
        });
        expect(signature.modification, path).not.toBe('disallowed');
      }
      expect(isReportAcceptable(report, false), path).toBe(true);
    }
  });

  it('the Certipost LTA file has one signature and two document timestamps, the second covering the whole file', () => {
    const report = verify('Test.signed_Certipost-2048-SHA512.extended-LTA.pdf');
    expect(report.signatures.map((s) => s.kind)).toEqual(['signature', 'docTimestamp', 'docTimestamp']);
    expect(report.signatures[2]?.coverage).toBe('entireFile');
  });

  it('a B-T signature reports the time of its verified signature timestamp, not the claimed /M', () => {
    const [signature] = verify('doc-firmado-T.pdf').signatures;
    // /M says 16:10:35-06:00 (22:10:35Z); the TSA token, whose imprint matches the signature value, says 22:10:37Z.
    expect(signature?.signingTime).toBe('2018-09-15T22:10:37.000Z');
    expect(codes(signature).filter((c) => c.startsWith('TIMESTAMP'))).toEqual([]);
  });

  it('the TeleSec QES uses plain (r‖s) ECDSA and verifies', () => {
    const [signature] = verify('TeleSec_PKS_eIDAS_QES_CA_1-baseline-b.pdf').signatures;
    expect(signature).toMatchObject({ field: 'Signature3', intact: true, valid: true });
  });

  it('the Novartis certification is DocMDP P2 over SHA-1: valid with WEAK_DIGEST', () => {
    const [signature] = verify('dss-1188/Test.pdf').signatures;
    expect(signature).toMatchObject({ docMdp: 2, intact: true, valid: true });
    expect(codes(signature)).toContain('WEAK_DIGEST');
  });

  it('a page added after signing is disallowed (page count changed)', () => {
    const report = verify('pdf-signed-added-page.pdf');
    expect(report.signatures[0]).toMatchObject({ intact: true, valid: true, modification: 'disallowed' });
    expect(codes(report.signatures[0])).toContain('PAGE_COUNT_CHANGED');
    expect(isReportAcceptable(report, false)).toBe(false);
  });

  it('two signatures sharing one ByteRange: the broken one is named', () => {
    const report = verify('hello_signed_INCSAVE_signed_EDITED.pdf');
    const byField = Object.fromEntries(report.signatures.map((s) => [s.field, s]));
    expect(byField.Signature1).toMatchObject({ intact: true, valid: true });
    expect(byField.Signature2).toMatchObject({ intact: false });
    expect(codes(byField.Signature2)).toEqual(expect.arrayContaining(['CONTENTS_NOT_IN_GAP', 'BYTE_RANGE_COLLISION']));
    expect(isReportAcceptable(report, false)).toBe(false);
  });
});

describe('verify: shadow attack samples (signer as anchor, clock 2026-01-01)', () => {
  const at = new Date('2026-01-01T00:00:00Z');
  const folders = [
    'hide-and-replace_variant-1_change_object_references',
    'hide-and-replace_variant-2_change_objects_usage',
    'hide_variant-1_hide-via-referenced-object',
    'hide_variant-2_hide-via-referenced-object_hide-form-via-form',
    'hide_variant-2_hide-via-referenced-object_hide-text-via-form',
    'replace_variant-1_replace-via-overlay',
    'replace_variant-2_replace-via-overwrite',
  ];
  const manipulated = folders.flatMap((folder) =>
    folder.startsWith('hide_variant-1')
      ? [`${folder}/4_original-document-shadowed-signed-manipulated_v1.pdf`, `${folder}/4_original-document-shadowed-signed-manipulated_v2.pdf`]
      : [`${folder}/4_original-document-shadowed-signed-manipulated.pdf`],
  );

  it.each(manipulated)('%s: the update after signing is disallowed', (path) => {
    const report = verifyPdfSignatures(fixture(`${SHADOW}/${path}`), { trustAnchors: shadowSigner, validationTime: at });
    expect(report.signatures).toHaveLength(1);
    expect(report.signatures[0]).toMatchObject({ intact: true, valid: true, trusted: true, modification: 'disallowed' });
    expect(isReportAcceptable(report, true)).toBe(false);
  });

  it.each(folders.map((folder) => `${folder}/3_original-document-shadowed-signed.pdf`))('%s: the signed original is intact, valid and trusted', (path) => {
    const report = verifyPdfSignatures(fixture(`${SHADOW}/${path}`), { trustAnchors: shadowSigner, validationTime: at });
    expect(report.signatures[0]).toMatchObject({ intact: true, valid: true, trusted: true, coverage: 'entireFile', modification: 'none' });
  });
});

describe('verify: shadow-attack pre-checks (SHADOW_SUSPECT warnings on the signed revision)', () => {
  const at = new Date('2026-01-01T00:00:00Z');
  it.each([
    ['hide-and-replace_variant-1_change_object_references', 'unused page'],
    ['hide_variant-1_hide-via-referenced-object', 'image'],
    ['hide_variant-2_hide-via-referenced-object_hide-form-via-form', 'overlap'],
    ['hide_variant-2_hide-via-referenced-object_hide-text-via-form', 'lies on top of page text'],
  ])('%s/3_…-signed.pdf: SHADOW_SUSPECT (%s), while the signature itself stays acceptable', (folder, hint) => {
    const report = verifyPdfSignatures(fixture(`${SHADOW}/${folder}/3_original-document-shadowed-signed.pdf`), {
      trustAnchors: shadowSigner,
      validationTime: at,
    });
    const suspects = report.signatures[0]?.problems.filter((p) => p.code === 'SHADOW_SUSPECT') ?? [];
    expect(suspects.length).toBeGreaterThan(0);
    expect(suspects.every((p) => p.severity === 'warning')).toBe(true);
    expect(suspects.map((p) => p.message).join(' ')).toContain(hint);
    expect(isReportAcceptable(report, true)).toBe(true);
  });

  it('no SHADOW_SUSPECT on the ordinary signed fixtures', () => {
    const files = [
      `${PYHANKO}/pades-with-old-style-signing-cert-attr.pdf`,
      `${PYHANKO}/pades-lta-dss-indirect-arrs-test.pdf`,
      `${PYHANKO}/certified-with-indirect-refs-in-dir.pdf`,
      `${PYHANKO}/minimal-two-fields-signed-twice.pdf`,
      `${DSS}/TeleSec_PKS_eIDAS_QES_CA_1-baseline-b.pdf`,
      `${DSS}/Test.signed_Certipost-2048-SHA512.extended-LTA.pdf`,
      `${DSS}/dss-1188/Test.pdf`,
      `${DSS}/doc-firmado.pdf`,
    ];
    for (const file of files) {
      const found = verifyPdfSignatures(fixture(file)).signatures.flatMap((s) => codes(s)).filter((c) => c === 'SHADOW_SUSPECT');
      expect({ file, found }).toEqual({ file, found: [] });
    }
  });
});

describe('verify: trust anchors from a folder', () => {
  it('loads every certificate of a folder (PEM bundles included) and trusts by name and key', async () => {
    const anchors = await loadTrustAnchors([fixture(`${PYHANKO}/roots`), fixture(`${PYHANKO}/roots/testing-ca`)]);
    expect(anchors.length).toBeGreaterThanOrEqual(4);
    const report = verifyPdfSignatures(fixture(`${PYHANKO}/certified-with-indirect-refs-in-dir.pdf`), { trustAnchors: anchors, validationTime: at2020 });
    expect(report.signatures[0]?.trusted).toBe(true);
  });

  it('rejects a file that holds no certificate', async () => {
    await expect(loadTrustAnchors([fixture(`${SHADOW}/signer-identity/pw.txt`)])).rejects.toThrow(/no readable certificate/);
  });
});
