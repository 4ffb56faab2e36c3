import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLtv, loadTrustAnchors, ParsedCertificate, Pkcs12Signer, signPdf, verifyPdfSignatures, type SignatureVerdict } from '../../src/index.js';
import { OID } from '../../src/asn1/oids.js';
import { PdfReader } from '../../src/pdf/pdf-reader.js';
import { signatureFields } from '../../src/pdf/signature-fields.js';
import { parseSignedData } from '../../src/verify/cms/parse-signed-data.js';
import { verifyCmsSignature } from '../../src/verify/cms/verify-cms-signature.js';
import { readDssRevocation } from '../../src/verify/ltv/embedded-validation-data.js';
import { judgePathRevocation } from '../../src/verify/ltv/revocation-verdict.js';
import type { VerifyProblem } from '../../src/verify/report/verify-problem.js';
import { embed, holeOf, lastCms, timestampToken, withTimestampToken } from '../helpers/cms-surgery.js';
import { fixture } from '../helpers/fixtures.js';
import { makeLtvPki, type LtvPki } from '../helpers/ltv-pki.js';
import { makeSamplePdf } from '../helpers/sample-pdfs.js';
import { run } from '../helpers/system-tools.js';
import { useTempDir } from '../helpers/temp-dir.js';

/**
 * The LTV part of each verdict, field by field (issue 15: the level, the timestamp and the revocation were only
 * checked loosely). The expected levels come from the tests of the tools that made the files (pyHanko, EU DSS; see
 * the fixtures README), each timestamp's genTime and TSA from `openssl ts -reply -text` on the token itself.
 */
const tempDir = useTempDir('ltv-verdicts-exact-');
const PYHANKO = 'pdf-signed/pyhanko';
const DSS = 'pdf-signed/dss';
const at2020 = new Date('2020-11-01T00:00:00Z');

const cn = (subject: string): string | undefined => /(?:^|,)CN=([^,]+)/.exec(subject)?.[1];
/** The revocation verdict with each certificate named by its CN (the subjects are long RFC 4514 strings). */
const revocationOf = (v: SignatureVerdict | undefined) =>
  v && {
    ...v.revocation,
    certificates: v.revocation.certificates.map((c) => ({ cn: cn(c.subject), status: c.status, source: c.source, revokedAt: c.revokedAt, reason: c.reason })),
  };
const good = (name: string) => ({ cn: name, status: 'good', source: 'embedded', revokedAt: null, reason: null });
const unknown = (name: string) => ({ cn: name, status: 'unknown', source: null, revokedAt: null, reason: null });

/** Each signature's own signature-time-stamp token, by field name, read from the file (BER CMS included). */
function tokensOf(file: string): Map<string, Buffer> {
  const reader = PdfReader.open(file);
  try {
    const out = new Map<string, Buffer>();
    for (const field of signatureFields(reader)) {
      if (!field.contents) continue;
      const token = parseSignedData(field.contents.bytes).signedData.signerInfos[0]?.unsignedAttrs?.find((a) => a.attrType === OID.signatureTimeStamp)
        ?.attrValues[0];
      if (token) out.set(field.name, Buffer.from(token));
    }
    return out;
  } finally {
    reader.close();
  }
}

const certificateIn = (pemFile: string): ParsedCertificate =>
  new ParsedCertificate(Buffer.from(readFileSync(pemFile, 'latin1').replace(/-----[^-]+-----|\s/g, ''), 'base64'));

let tokenFiles = 0;
/** genTime (ISO) and the TSA name as `openssl ts -reply -token_in -text` prints them. */
function opensslTokenFacts(token: Uint8Array): { time: string; tsa: string } {
  const file = path.join(tempDir(), `token-${++tokenFiles}.tst`);
  writeFileSync(file, token);
  const r = run('openssl', ['ts', '-reply', '-token_in', '-in', file, '-text']);
  expect(r.status, r.stderr).toBe(0);
  const time = /^Time stamp: (.+)$/m.exec(r.stdout)?.[1];
  const tsa = /^TSA: (.+)$/m.exec(r.stdout)?.[1];
  return { time: new Date(String(time)).toISOString(), tsa: String(tsa) };
}

describe('LTV verdicts of files signed by others, exact', () => {
  let testingRoot: ParsedCertificate[];
  let costaRica: ParsedCertificate[];
  beforeAll(async () => {
    testingRoot = await loadTrustAnchors([fixture(`${PYHANKO}/roots/testing-ca/root.cert.pem`)]);
    costaRica = await loadTrustAnchors([fixture(`${DSS}/roots/DSS1469Test-TRUST_ANCHOR-CA_RAIZ_NACIONAL_COSTA_RICA_v2.pem`)]);
  });

  it('pyHanko B-B (no timestamp, no DSS): level B-B, no timestamp, each certificate of the path unknown at the validation time', () => {
    const [signature] = verifyPdfSignatures(fixture(`${PYHANKO}/pades-with-old-style-signing-cert-attr.pdf`), { trustAnchors: testingRoot, validationTime: at2020 }).signatures;
    expect(signature?.level).toBe('B-B');
    expect(signature?.timestamp).toBeNull();
    expect(revocationOf(signature)).toEqual({
      status: 'unknown',
      source: null,
      revokedAt: null,
      reason: null,
      judgedAt: at2020.toISOString(),
      certificates: [unknown('Alice'), unknown('Intermediate CA')],
    });
  });

  it('pyHanko B-LTA: level B-LTA, the signature timestamp as openssl reads it, the signer and its CA good from the /DSS', () => {
    const file = fixture(`${PYHANKO}/pades-lta-dss-indirect-arrs-test.pdf`);
    const [signature, stamp] = verifyPdfSignatures(file, { trustAnchors: testingRoot, validationTime: at2020 }).signatures;
    const token = opensslTokenFacts(tokensOf(file).get('Sig1')!);
    expect(token).toEqual({ time: '2020-11-01T00:00:00.000Z', tsa: 'DirName:/C=BE/O=Example Inc/OU=Testing Authority/CN=Time Stamping Authority' });
    const tsa = 'CN=Time Stamping Authority,OU=Testing Authority,O=Example Inc,C=BE';
    expect(signature?.level).toBe('B-LTA');
    expect(signature?.timestamp).toEqual({ time: token.time, tsa, intact: true, valid: true, trusted: true });
    expect(revocationOf(signature)).toEqual({
      status: 'good',
      source: 'embedded',
      revokedAt: null,
      reason: null,
      judgedAt: token.time,
      certificates: [good('Alice'), good('Intermediate CA')],
    });
    // The document timestamp: no level of its own, its TSA good from the same /DSS.
    expect(stamp?.kind).toBe('docTimestamp');
    expect(stamp?.level).toBeNull();
    expect(stamp?.timestamp).toEqual({ time: '2020-11-01T00:00:00.000Z', tsa, intact: true, valid: true, trusted: true });
    expect(revocationOf(stamp)?.certificates).toEqual([good('Time Stamping Authority')]);
  });

  it('pyHanko B-LTA without anchors: trust not judged (null) for the token; the signer\'s issuer found among the file\'s certificates', () => {
    const [signature, stamp] = verifyPdfSignatures(fixture(`${PYHANKO}/pades-lta-dss-indirect-arrs-test.pdf`), { validationTime: at2020 }).signatures;
    expect(signature?.level).toBe('B-LTA');
    expect(signature?.timestamp?.trusted).toBeNull();
    expect(stamp?.timestamp?.trusted).toBeNull();
    // No path without anchors: only the signer is judged, against the issuer its name and signature point at.
    expect(revocationOf(signature)).toMatchObject({ status: 'good', source: 'embedded', certificates: [good('Alice')] });
  });

  it('Costa Rica B-T (DSS expects B-T): the timestamp proves 22:10:37Z, the TSA not trusted by the national root alone, nothing embedded', () => {
    const file = fixture(`${DSS}/doc-firmado-T.pdf`);
    const validationTime = new Date('2019-06-01T00:00:00Z');
    const [signature] = verifyPdfSignatures(file, { trustAnchors: costaRica, validationTime }).signatures;
    const token = opensslTokenFacts(tokensOf(file).get('Signature1')!);
    expect(token.time).toBe('2018-09-15T22:10:37.000Z');
    expect(signature?.level).toBe('B-T');
    expect(signature?.timestamp).toEqual({
      time: token.time,
      tsa: 'CN=TSA SINPE v2,OU=0001,O=BANCO CENTRAL DE COSTA RICA,C=CR,2.5.4.5=#131043504a2d342d3030302d303034303137',
      intact: true,
      valid: true,
      trusted: false,
    });
    expect(signature?.problems.map((p) => p.code)).toEqual(['CMS_NOT_DER', 'TIMESTAMP_UNTRUSTED']);
    // An untrusted timestamp proves no time: revocation is judged at the validation time.
    expect(revocationOf(signature)).toEqual({
      status: 'unknown',
      source: null,
      revokedAt: null,
      reason: null,
      judgedAt: validationTime.toISOString(),
      certificates: [unknown('FRANCISCO DE LA PEÑA FERNANDEZ (FIRMA)'), unknown('CA SINPE - PERSONA FISICA v2'), unknown('CA POLITICA PERSONA FISICA - COSTA RICA v2')],
    });
  });

  it('Costa Rica B-LT (DSS expects PAdES_BASELINE_LT): the /DSS completes the TSA chain, so the token proves the time, and every certificate is good', () => {
    const [signature] = verifyPdfSignatures(fixture(`${DSS}/doc-firmado-LT.pdf`), { trustAnchors: costaRica, validationTime: new Date('2019-06-01T00:00:00Z') }).signatures;
    expect(signature?.level).toBe('B-LT');
    expect(signature?.timestamp).toMatchObject({ time: '2018-09-15T22:10:37.000Z', intact: true, valid: true, trusted: true });
    expect(revocationOf(signature)).toEqual({
      status: 'good',
      source: 'embedded',
      revokedAt: null,
      reason: null,
      judgedAt: '2018-09-15T22:10:37.000Z',
      certificates: [good('FRANCISCO DE LA PEÑA FERNANDEZ (FIRMA)'), good('CA SINPE - PERSONA FISICA v2'), good('CA POLITICA PERSONA FISICA - COSTA RICA v2')],
    });
  });

  it('Costa Rica T + document timestamp without validation data for its TSA (DSS expects B-T, not LTA): B-T, judged at the document timestamp', () => {
    const [signature, stamp] = verifyPdfSignatures(fixture(`${DSS}/doc-firmado.pdf`), { trustAnchors: costaRica, validationTime: new Date('2019-06-01T00:00:00Z') }).signatures;
    expect(signature?.level).toBe('B-T');
    expect(signature?.timestamp).toMatchObject({ time: '2018-09-15T22:10:37.000Z', trusted: false });
    expect(revocationOf(signature)).toMatchObject({ status: 'good', source: 'embedded', judgedAt: '2018-09-15T22:10:40.000Z' });
    expect(stamp?.timestamp).toMatchObject({ time: '2018-09-15T22:10:40.000Z', intact: true, valid: true, trusted: false });
    expect(revocationOf(stamp)).toMatchObject({ status: 'unknown', source: null, certificates: [] });
  });

  it('Adobe double signature, self-signed signer, no anchors: B-T each, the times openssl reads; a self-signed signer has no issuer to ask about', () => {
    const file = fixture(`${PYHANKO}/minimal-two-fields-signed-twice.pdf`);
    const report = verifyPdfSignatures(file, { validationTime: new Date('2021-01-05T00:00:00Z') });
    const tokens = tokensOf(file);
    const tsa = 'C=GB,O=GMO GlobalSign Ltd,CN=Globalsign TSA for AATL on DSS - SHA384 - G5';
    for (const signature of report.signatures) {
      const token = opensslTokenFacts(tokens.get(signature.field)!);
      expect(token.tsa).toBe('DirName:/CN=Globalsign TSA for AATL on DSS - SHA384 - G5/O=GMO GlobalSign Ltd/C=GB');
      expect({ field: signature.field, level: signature.level, timestamp: signature.timestamp }).toEqual({
        field: signature.field,
        level: 'B-T',
        timestamp: { time: token.time, tsa, intact: true, valid: true, trusted: null },
      });
      expect(revocationOf(signature)).toEqual({ status: 'unknown', source: null, revokedAt: null, reason: null, judgedAt: token.time, certificates: [] });
    }
    expect(report.signatures.map((s) => s.timestamp?.time)).toEqual(['2021-01-04T19:11:26.000Z', '2021-01-04T19:11:51.000Z']);
  });
});

describe('judgePathRevocation: the issuer looked for among the file\'s certificates (no anchors)', () => {
  const file = fixture(`${PYHANKO}/pades-lta-dss-indirect-arrs-test.pdf`);
  let alice: ParsedCertificate;
  let intermediate: ParsedCertificate;
  let lookAlike: ParsedCertificate;
  let sameKeyOtherName: ParsedCertificate;
  let sources: { source: 'embedded'; data: ReturnType<typeof readDssRevocation> }[];

  beforeAll(() => {
    const reader = PdfReader.open(file);
    try {
      const field = signatureFields(reader).find((f) => f.name === 'Sig1')!;
      const certificates = parseSignedData(field.contents!.bytes).certificates;
      alice = certificates.find((c) => c.commonName === 'Alice')!;
      intermediate = certificates.find((c) => c.commonName === 'Intermediate CA')!;
      sources = [{ source: 'embedded', data: readDssRevocation(reader) }];
    } finally {
      reader.close();
    }
    // A look-alike: the intermediate's exact name on another key (openssl, self-signed).
    const at = (f: string) => path.join(tempDir(), f);
    run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', at('lookalike.key'), '-out', at('lookalike.pem'), '-days', '30', '-subj', '/C=BE/O=Example Inc/OU=Testing Authority/CN=Intermediate CA']);
    lookAlike = certificateIn(at('lookalike.pem'));
    // The intermediate's key under another name: a certificate made by the look-alike over the intermediate's public key.
    writeFileSync(at('intermediate.der'), intermediate.der);
    const pub = run('openssl', ['x509', '-inform', 'DER', '-in', at('intermediate.der'), '-pubkey', '-noout']).stdout;
    writeFileSync(at('intermediate.pub.pem'), pub);
    run('openssl', ['req', '-new', '-key', at('lookalike.key'), '-out', at('other.csr'), '-subj', '/C=BE/O=Example Inc/CN=Another Name']);
    const made = run('openssl', ['x509', '-req', '-in', at('other.csr'), '-CA', at('lookalike.pem'), '-CAkey', at('lookalike.key'), '-CAcreateserial', '-force_pubkey', at('intermediate.pub.pem'), '-days', '30', '-out', at('other.pem')]);
    expect(made.status, made.stderr).toBe(0);
    sameKeyOtherName = certificateIn(at('other.pem'));
  });

  const judge = (pool: ParsedCertificate[], problems: VerifyProblem[] = []) => judgePathRevocation(alice, [], pool, sources, at2020, problems);

  it('control: the real intermediate is found and the /DSS answers good; the look-alikes are what they claim to be', () => {
    expect(lookAlike.subjectKey).toBe(intermediate.subjectKey);
    expect(alice.isSignedBy(lookAlike.publicKey)).toBe(false);
    expect(Buffer.from(sameKeyOtherName.spkiDer).equals(Buffer.from(intermediate.spkiDer))).toBe(true);
    expect(sameKeyOtherName.subjectKey).not.toBe(intermediate.subjectKey);
    const problems: VerifyProblem[] = [];
    expect(judge([intermediate], problems)).toEqual({
      status: 'good',
      source: 'embedded',
      revokedAt: null,
      reason: null,
      judgedAt: at2020.toISOString(),
      certificates: [{ subject: alice.subjectText, status: 'good', source: 'embedded', revokedAt: null, reason: null }],
    });
    expect(problems).toEqual([]);
  });

  it('a certificate with the issuer\'s name but another key, listed first, is passed over', () => {
    expect(judge([lookAlike, intermediate]).certificates.map((c) => c.status)).toEqual(['good']);
    expect(judge([lookAlike, alice, intermediate]).status).toBe('good');
  });

  it('a certificate with the issuer\'s key but another name, listed first, is passed over (the OCSP CertID names the issuer)', () => {
    expect(judge([sameKeyOtherName, intermediate]).certificates.map((c) => c.status)).toEqual(['good']);
  });

  it('with only look-alikes at hand no issuer is found: no certificate judged, status unknown, no source', () => {
    expect(judge([lookAlike, sameKeyOtherName, alice])).toEqual({
      status: 'unknown',
      source: null,
      revokedAt: null,
      reason: null,
      judgedAt: at2020.toISOString(),
      certificates: [],
    });
  });

  it('a path of the signer and a pinned anchor judges the signer against that anchor; a path of one is no path', () => {
    // [alice, intermediate] as a path: the intermediate is the (pinned) anchor here, alice's issuer.
    expect(judgePathRevocation(alice, [alice, intermediate], [], sources, at2020, []).certificates.map((c) => [cn(c.subject), c.status])).toEqual([['Alice', 'good']]);
    // A one-certificate path falls back to the pool.
    expect(judgePathRevocation(alice, [alice], [intermediate], sources, at2020, []).certificates.map((c) => [cn(c.subject), c.status])).toEqual([['Alice', 'good']]);
    // A link from a certificate to itself (an anchor pinned as itself) is not judged: it has no issuer to ask.
    expect(judgePathRevocation(alice, [alice, intermediate, intermediate], [], sources, at2020, []).certificates.map((c) => cn(c.subject))).toEqual(['Alice']);
  });
});

describe('LTV verdicts of files our own signer and addLtv make, exact', () => {
  let pki: LtvPki;
  let root: ParsedCertificate;
  let input: string;
  beforeAll(async () => {
    pki = await makeLtvPki(path.join(tempDir(), 'pki'));
    root = new ParsedCertificate(pki.rootDer);
    input = path.join(tempDir(), 'draft.pdf');
    writeFileSync(input, await makeSamplePdf());
  }, 60_000);
  afterAll(async () => pki?.close());

  it('B-T, then B-LTA: the timestamp as openssl reads it, the revocation unknown before and good from the /DSS after', async () => {
    const signer = await pki.issueSigner('nguoi-ky-ltv');
    const bt = path.join(tempDir(), 'bt.pdf');
    await signPdf({ input, output: bt, signer: Pkcs12Signer.fromFile(signer.p12, signer.password), timestamp: { url: pki.tsaUrl, onUnreachable: 'fail' } });
    const token = opensslTokenFacts(tokensOf(bt).values().next().value!);
    const tsa = 'CN=tsa,O=UBND tỉnh Demo,C=VN';
    const validationTime = new Date(Date.now() + 3_600_000);

    const [before] = verifyPdfSignatures(bt, { trustAnchors: [root], validationTime }).signatures;
    expect(before?.level).toBe('B-T');
    expect(before?.timestamp).toEqual({ time: token.time, tsa, intact: true, valid: true, trusted: true });
    expect(revocationOf(before)).toEqual({ status: 'unknown', source: null, revokedAt: null, reason: null, judgedAt: token.time, certificates: [unknown('nguoi-ky-ltv')] });

    const lta = path.join(tempDir(), 'lta.pdf');
    await addLtv({ input: bt, output: lta, tsa: { url: pki.tsaUrl }, extraCertificates: [root] });
    const [after, stamp] = verifyPdfSignatures(lta, { trustAnchors: [root], validationTime }).signatures;
    expect(after?.level).toBe('B-LTA');
    expect(after?.timestamp).toEqual(before?.timestamp);
    expect(revocationOf(after)).toEqual({ status: 'good', source: 'embedded', revokedAt: null, reason: null, judgedAt: token.time, certificates: [good('nguoi-ky-ltv')] });
    expect(stamp?.level).toBeNull();
    expect(stamp?.timestamp).toMatchObject({ tsa, intact: true, valid: true, trusted: true });
    expect(revocationOf(stamp)?.certificates).toEqual([good('tsa')]);
  }, 120_000);

  /**
   * A signature-time-stamp token re-made with `openssl cms -sign` (eContentType id-ct-TSTInfo) and put in place of the
   * TSA's: by a key without the timeStamping purpose, without its certificate, or over bytes that are no TSTInfo.
   */
  async function signedBt(name: string): Promise<{ bytes: Buffer; token: Buffer; key: string; cert: string }> {
    const signer = await pki.issueSigner(name);
    const file = path.join(tempDir(), `${name}.pdf`);
    await signPdf({ input, output: file, signer: Pkcs12Signer.fromFile(signer.p12, signer.password), timestamp: { url: pki.tsaUrl, onUnreachable: 'fail' } });
    const bytes = readFileSync(file);
    return { bytes, token: timestampToken(lastCms(bytes)), key: path.join(pki.dir, `${name}.key`), cert: signer.certPem };
  }
  function opensslToken(content: Uint8Array, cert: string, key: string, extra: readonly string[] = []): Buffer {
    const stem = path.join(tempDir(), `resigned-${++tokenFiles}`);
    writeFileSync(`${stem}.in`, content);
    const r = run('openssl', ['cms', '-sign', '-binary', '-nodetach', '-econtent_type', '1.2.840.113549.1.9.16.1.4', '-md', 'sha256', '-in', `${stem}.in`,
      '-signer', cert, '-inkey', key, '-outform', 'DER', '-out', `${stem}.der`, ...extra]);
    expect(r.status, r.stderr).toBe(0);
    return readFileSync(`${stem}.der`);
  }
  const tstInfoOf = (token: Uint8Array): Uint8Array =>
    verifyCmsSignature(token, { contentType: OID.tstInfo, detached: false, contentDigest: () => new Uint8Array(0) }).encapsulatedContent!;
  const withToken = (bytes: Buffer, token: Uint8Array) => embed(holeOf(bytes), withTimestampToken(lastCms(bytes), token));

  it('a token signed by a key without the timeStamping purpose: intact and valid, not trusted (an error), the time not relied on', async () => {
    const { bytes, token, key, cert } = await signedBt('nguoi-ky-tu-dong-dau');
    const genTime = opensslTokenFacts(token).time;
    const forged = opensslToken(tstInfoOf(token), cert, key);
    const validationTime = new Date(Date.now() + 3_600_000);
    const [verdict] = verifyPdfSignatures(withToken(bytes, forged), { trustAnchors: [root], validationTime }).signatures;
    expect(verdict?.timestamp).toEqual({ time: genTime, tsa: 'CN=nguoi-ky-tu-dong-dau,O=UBND tỉnh Demo,C=VN', intact: true, valid: true, trusted: false });
    expect(verdict?.problems.map((p) => [p.code, p.severity, p.message])).toEqual([
      ['TIMESTAMP_UNTRUSTED', 'error', 'Chứng thư TSA không có mục đích timeStamping / the TSA certificate lacks the timeStamping key purpose'],
    ]);
    expect(verdict?.level).toBe('B-T');
    expect(verdict?.revocation.judgedAt).toBe(validationTime.toISOString());
    // openssl, given the very bytes the token stamps, refuses it for the same reason; the TSA's own token it accepts.
    const stem = path.join(tempDir(), 'forged');
    writeFileSync(`${stem}.tst`, forged);
    writeFileSync(`${stem}.orig.tst`, token);
    writeFileSync(`${stem}.data`, Buffer.from(parseSignedData(lastCms(bytes)).signedData.signerInfos[0]!.signature.buffer));
    const tsVerify = (file: string) => run('openssl', ['ts', '-verify', '-in', file, '-token_in', '-data', `${stem}.data`, '-CAfile', pki.rootPem]);
    const refused = tsVerify(`${stem}.tst`);
    expect(refused.stdout + refused.stderr).toMatch(/Verification: FAILED[\s\S]*unsuitable certificate purpose/);
    expect(tsVerify(`${stem}.orig.tst`).stdout).toContain('Verification: OK');
  }, 120_000);

  it('a token without its signer certificate: no TSA named, not valid; trusted false with anchors, null without', async () => {
    const { bytes, token, key, cert } = await signedBt('nguoi-ky-khong-chung-thu');
    const bare = withToken(bytes, opensslToken(tstInfoOf(token), cert, key, ['-nocerts']));
    const genTime = opensslTokenFacts(token).time;
    const [withAnchors] = verifyPdfSignatures(bare, { trustAnchors: [root] }).signatures;
    expect(withAnchors?.timestamp).toEqual({ time: genTime, tsa: null, intact: true, valid: false, trusted: false });
    expect(withAnchors?.level).toBe('B-B');
    const [without] = verifyPdfSignatures(bare).signatures;
    expect(without?.timestamp).toEqual({ time: genTime, tsa: null, intact: true, valid: false, trusted: null });
  }, 120_000);

  it('a token over bytes that are no TSTInfo: no time, not intact, though its signature verifies', async () => {
    const { bytes, key, cert } = await signedBt('nguoi-ky-rac');
    const junk = withToken(bytes, opensslToken(Buffer.from('không phải TSTInfo'), cert, key));
    const [verdict] = verifyPdfSignatures(junk, { trustAnchors: [root] }).signatures;
    expect(verdict?.timestamp).toEqual({ time: null, tsa: 'CN=nguoi-ky-rac,O=UBND tỉnh Demo,C=VN', intact: false, valid: true, trusted: false });
    expect(verdict?.level).toBe('B-B');
  }, 120_000);

  it('revoked with no reason given: the words say so', async () => {
    const signer = await pki.issueSigner('nguoi-ky-khong-ly-do');
    const file = path.join(tempDir(), 'no-reason.pdf');
    await signPdf({ input, output: file, signer: Pkcs12Signer.fromFile(signer.p12, signer.password) });
    await pki.revoke(signer, null);
    const lta = path.join(tempDir(), 'no-reason-ltv.pdf');
    await addLtv({ input: file, output: lta, tsa: { url: pki.tsaUrl }, extraCertificates: [root] });
    const [signature] = verifyPdfSignatures(lta, { trustAnchors: [root], validationTime: new Date(Date.now() + 3_600_000) }).signatures;
    expect(signature?.revocation).toMatchObject({ status: 'revoked', reason: null });
    const message = signature?.problems.find((p) => p.code === 'CERT_REVOKED')?.message ?? '';
    expect(message).toContain(`(không rõ lý do), trước thời điểm ký`);
    expect(message).toContain(`(no reason), before the proven signing time`);
  }, 120_000);

  it('revoked before the proven time: CERT_REVOKED with the reason and both times in its words, the verdict revoked', async () => {
    const signer = await pki.issueSigner('nguoi-ky-thu-hoi');
    const file = path.join(tempDir(), 'revoked.pdf');
    await signPdf({ input, output: file, signer: Pkcs12Signer.fromFile(signer.p12, signer.password) });
    await pki.revoke(signer, 'superseded');
    const lta = path.join(tempDir(), 'revoked-ltv.pdf');
    await addLtv({ input: file, output: lta, tsa: { url: pki.tsaUrl }, extraCertificates: [root] });
    const validationTime = new Date(Date.now() + 3_600_000);
    const [signature] = verifyPdfSignatures(lta, { trustAnchors: [root], validationTime }).signatures;
    const revocation = revocationOf(signature)!;
    expect(revocation).toMatchObject({ status: 'revoked', source: 'embedded', reason: 'superseded' });
    expect(revocation.revokedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    expect(revocation.certificates).toEqual([{ cn: 'nguoi-ky-thu-hoi', status: 'revoked', source: 'embedded', revokedAt: revocation.revokedAt, reason: 'superseded' }]);
    const revoked = signature?.problems.filter((p) => p.code === 'CERT_REVOKED') ?? [];
    expect(revoked.map((p) => [p.severity, p.message])).toEqual([
      [
        'error',
        `Chứng thư "${signature?.revocation.certificates[0]?.subject}" đã bị thu hồi lúc ${revocation.revokedAt} (superseded), trước thời điểm ký được chứng minh ${revocation.judgedAt} / certificate "${signature?.revocation.certificates[0]?.subject}" was revoked at ${revocation.revokedAt} (superseded), before the proven signing time ${revocation.judgedAt}`,
      ],
    ]);
    expect(signature?.trusted).toBe(false);
  }, 120_000);
});
