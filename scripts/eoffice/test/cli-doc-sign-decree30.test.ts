import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoPdf } from '@eoffice/docs-core';
import { DATE_FIELD, FormEditor, IncrementalWriter, NUMBER_FIELD, PdfReader, signatureFields, widgetImageBounds } from '@eoffice/signing';
import { firstAndLastPageText } from '@eoffice/signing';
import { flatPng } from '../../../packages/docs-core/test/png-bytes.js';
import { layoutText, runTool } from '../../../packages/docs-core/test/pdf-tools.js';
import { pdfsig } from '../../../packages/signing/test/helpers/pdfsig.js';
import { REPO_ROOT, runEoffice } from './run-eoffice.js';
import { runDevToken } from '../../../packages/signing/test/helpers/dev-token.js';

interface DevToken {
  softhsm2Conf: string;
  module: string;
  token: string;
  pin: string;
  certs: { leader: string; agency: string; leaderEc: string; deputy: string };
}

let dir: string;
let dev: DevToken;
const SAMPLES = join(REPO_ROOT, 'resources/samples');

/** One CLI step with the shared data folder and the token's environment; a failure shows the CLI's stderr. */
async function eo(...args: string[]): Promise<string> {
  const run = await runEoffice([...args, '--data-dir', join(dir, 'data')], { env: { SOFTHSM2_CONF: dev.softhsm2Conf, DEMO_PIN: dev.pin } });
  if (run.code !== 0) throw new Error(`eoffice ${args.join(' ')} → exit ${run.code}: ${run.stderr}`);
  return run.stdout;
}

const key = (id: string) => ['--pkcs11', dev.module, '--token', dev.token, '--pin-env', 'DEMO_PIN', '--key-id', id];

interface DocJson {
  id: string;
  state: string;
  number: string | null;
  symbol: string | null;
  issuedDate: string | null;
  files: Array<{ role: string; sha256: string }>;
}

/** Drafted by the specialist, approved and signed by `leader`, issued by the clerk: the blob of each signed file. */
async function throughIssue(draft: string, leader: string, attachments: string[] = []): Promise<{ signed: string; issued: string; doc: DocJson; blob: (role: string) => string }> {
  const attach = attachments.flatMap((file) => ['--attach', file]);
  const made = JSON.parse(await eo('doc', 'draft', '--type', 'QĐ', '--subject', 'Về việc thành lập Tổ công tác', '--file', draft, ...attach, '--signer', leader, '--as', 'chuyenvien', '--json')) as DocJson;
  await eo('doc', 'submit', made.id, '--as', 'chuyenvien');
  // These drafts test where the signatures land (one has no signature block, another a different trích yếu), not
  // their Phụ lục I format, which outgoing-format-check.test.ts covers: approved anyway, with a reason.
  await eo('doc', 'approve', made.id, '--reason', 'Bản thử vị trí chữ ký', '--as', leader);
  await eo('doc', 'sign', made.id, ...key(leader === 'phochutich' ? '04' : '01'), '--as', leader);
  const doc = JSON.parse(await eo('doc', 'issue', made.id, ...key('02'), '--as', 'vanthu', '--json')) as DocJson;
  expect(doc.state).toBe('issued');
  const blob = (role: string) => {
    const sha = doc.files.find((f) => f.role === role)!.sha256;
    return join(dir, 'data/blobs', sha.slice(0, 2), sha.slice(2, 4), sha);
  };
  return { signed: blob('signed'), issued: blob('issued'), doc, blob };
}

/** Rects of the signature widgets, [x1, y1, x2, y2], with the image bounds of the leader's (the first). */
function signatureWidgets(file: string) {
  const reader = PdfReader.open(file);
  try {
    const widgets = signatureFields(reader).map((f) => f.widgets[0]!);
    return { rects: widgets.map((w) => w.rect as number[]), leaderImage: widgetImageBounds(reader, widgets[0]!.dict) };
  } finally {
    reader.close();
  }
}

/** The widget rect, [x1, y1, x2, y2], of a form field by name (the số and date text fields). */
function fieldRect(file: string, name: string): number[] {
  const reader = PdfReader.open(file);
  try {
    const field = new FormEditor(reader, new IncrementalWriter(reader)).fieldsByName().get(name)!;
    return reader.resolve(reader.resolveDict(field.widgets[0]!)!.get('Rect')) as number[];
  } finally {
    reader.close();
  }
}

const vietnameseDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `ngày ${String(d).padStart(2, '0')} tháng ${m <= 2 ? String(m).padStart(2, '0') : m} năm ${y}`;
};

/** A Phụ lục I draft of the province's People's Committee: "Số:" and the date line on one row, the chairman's block. */
async function chairmanDraft(name: string, subject: string, firstArticle: string): Promise<string> {
  const draft = join(dir, name);
  writeFileSync(
    draft,
    await makeDemoPdf({
      issuer: 'Ủy ban nhân dân tỉnh Demo',
      numberLine: 'Số:          /QĐ-UBND',
      typeName: 'Quyết định',
      subject,
      body: `${firstArticle} Điều 2. Quyết định có hiệu lực kể từ ngày ký.`,
      dateLine: 'Tỉnh Demo, ngày      tháng      năm 2026',
      signatureBlock: { lines: ['TM. Ủy ban nhân dân', 'Chủ tịch'], name: 'Nguyễn Văn An' },
    }),
  );
  return draft;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eoffice-cli-decree30-'));
  dev = runDevToken(join(dir, 'token'));
  await eo('db', 'init', '--agency', '000.00.01.Z99', '--name', 'Ủy ban nhân dân tỉnh Demo', '--abbr', 'UBND');
  await eo('user', 'add', 'admin', '--role', 'admin');
  await eo('user', 'add', 'vanthu', '--role', 'clerk', '--unit', 'VP', '--full-name', 'Nguyễn Thị Văn Thư', '--as', 'admin');
  await eo('user', 'add', 'lanhdao', '--role', 'leader', '--full-name', 'Nguyễn Văn An', '--position', 'Chủ tịch', '--as', 'admin');
  await eo('user', 'add', 'phochutich', '--role', 'leader', '--full-name', 'Trần Thị Bình', '--position', 'Phó Chủ tịch', '--as', 'admin');
  await eo('user', 'add', 'chuyenvien', '--role', 'specialist', '--unit', 'VP', '--full-name', 'Trần Chuyên Viên', '--as', 'admin');
  await eo('user', 'signature', 'lanhdao', '--image', join(SAMPLES, 'signature-sample.png'), '--as', 'lanhdao');
  await eo('agency', 'seal', '--image', join(SAMPLES, 'seal-sample.png'), '--as', 'vanthu');
  await eo('agency', 'place', 'Tỉnh Demo', '--as', 'admin');
  // Each leader's own key, and the agency's (Decree 30 Điều 5, 32–33): read from the token, no PIN needed.
  await eo('user', 'cert', 'add', ...key('01'), '--as', 'lanhdao');
  await eo('user', 'cert', 'add', ...key('04'), '--as', 'phochutich');
  await eo('agency', 'cert', 'add', ...key('02'), '--as', 'vanthu');
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('doc sign + doc issue draw the signatures Decree 30 prescribes (SoftHSM2 token, real PDFs)', () => {
  it('image between position and name, seal over its left third, số and date filled: pdfsig valid, text and rects where the rules say', async () => {
    const draft = await chairmanDraft('du-thao.pdf', 'Về việc thành lập Tổ công tác chuyển đổi số', 'Điều 1. Thành lập Tổ công tác chuyển đổi số.');
    const { issued, doc } = await throughIssue(draft, 'lanhdao');

    const report = pdfsig(issued);
    expect(report.signatures.map((s) => s.validation), report.raw).toEqual(['Signature is Valid.', 'Signature is Valid.']);
    expect(report.signatures.map((s) => s.signerName)).toEqual(['Nguyễn Văn An', 'UBND tỉnh Demo']);
    expect(report.signatures[1]!.totalDocumentSigned, report.raw).toBe(true);
    runTool('qpdf', ['--check', issued]);

    const text = layoutText(issued);
    expect(`${doc.number}/${doc.symbol}`).toBe('01/QĐ-UBND');
    expect(text).toMatch(/Số: 01\/QĐ-UBND/);
    expect(text).toContain(`Tỉnh Demo, ${vietnameseDate(doc.issuedDate!)}`);
    // Số and the date share one row on this draft, as Phụ lục I prints them: each field in its own column.
    const [numberRect, dateRect] = [fieldRect(issued, NUMBER_FIELD), fieldRect(issued, DATE_FIELD)] as [number[], number[]];
    expect(numberRect[2]).toBeLessThan(dateRect[0]!); // side by side, not overlapping
    expect(numberRect[1]).toBeLessThan(dateRect[3]!);
    expect(dateRect[1]).toBeLessThan(numberRect[3]!);

    // The leader's box lies between the printed position line and the printed name; the seal's right edge is one
    // third into the signature image, the seal starting to its left, centred on it vertically.
    const page = (await firstAndLastPageText(readFileSync(draft)))!.last.items;
    const name = page.find((i) => i.text === 'Nguyễn Văn An')!;
    const position = page.find((i) => i.text === 'CHỦ TỊCH')!;
    const { rects, leaderImage } = signatureWidgets(issued);
    const [leader, seal] = rects as [number[], number[]];
    expect(leader[1]).toBeGreaterThan(name.y + name.height * 0.5);
    expect(leader[3]).toBeLessThan(position.y);
    expect((leader[0]! + leader[2]!) / 2).toBeCloseTo(name.x + name.width / 2, 0);
    const [ix1, iy1, ix2, iy2] = leaderImage!;
    expect(ix2 - ix1).toBeGreaterThan(50);
    expect(seal[2]).toBeCloseTo(ix1 + (ix2 - ix1) / 3, 1);
    expect(seal[0]).toBeLessThan(ix1);
    expect((seal[1]! + seal[3]!) / 2).toBeCloseTo((iy1 + iy2) / 2, 1);

    const png = join(dir, 'issued');
    runTool('pdftoppm', ['-r', '80', '-png', '-singlefile', issued, png]);
    expect(readFileSync(`${png}.png`).subarray(1, 4).toString()).toBe('PNG');
  }, 300_000);

  it('a leader without an image on a draft without a signature block: "Đã ký" and the name in the default box bottom-right, sealed over it', async () => {
    const draft = join(dir, 'du-thao-2.pdf');
    writeFileSync(draft, await makeDemoPdf({ issuer: 'Ủy ban nhân dân tỉnh Demo', numberLine: '', typeName: 'Quyết định', subject: 'Về việc giao chỉ tiêu', body: 'Nội dung.' }));
    const appendix = join(dir, 'phu-luc.pdf');
    writeFileSync(appendix, await makeDemoPdf({ issuer: 'Ủy ban nhân dân tỉnh Demo', numberLine: '', typeName: 'Phụ lục', subject: 'Danh sách thành viên', body: 'Danh sách.' }));
    const { signed, issued, doc, blob } = await throughIssue(draft, 'phochutich', [appendix]);
    // The attachment in its own file carries the agency's signature too: the stamp top-right, number and ISO time.
    const stampedAppendix = blob('issued-attachment');
    expect(pdfsig(stampedAppendix).signatures.map((s) => s.validation)).toEqual(['Signature is Valid.']);
    expect(layoutText(stampedAppendix)).toContain(`${doc.number}/${doc.symbol}`);
    expect(layoutText(stampedAppendix)).toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00/);
    const [x1, y1] = signatureWidgets(stampedAppendix).rects[0]!;
    expect(x1).toBeGreaterThan(595.28 / 2);
    expect(y1).toBeGreaterThan(841.89 * 0.8);
    expect(pdfsig(issued).signatures.map((s) => s.validation)).toEqual(['Signature is Valid.', 'Signature is Valid.']);
    const signedText = layoutText(signed);
    expect(signedText).toContain('Đã ký');
    expect(signedText).toContain('Trần Thị Bình');
    const { rects, leaderImage } = signatureWidgets(issued);
    expect(leaderImage).toBeUndefined();
    const mm = 72 / 25.4;
    expect(rects[0]!.map((v) => Math.round(v))).toEqual([595.28 - 20 * mm - 220, 30 * mm, 595.28 - 20 * mm, 30 * mm + 130].map(Math.round));
    expect(rects[1]![2]).toBeCloseTo(rects[0]![0]! + 220 / 3, 1);
    // No "Số:" and no date line on this draft: the fields went to the default A4 boxes, and are filled (with the label).
    const text = layoutText(issued);
    expect(text).toContain(`Số: ${doc.number}/${doc.symbol}`);
    expect(text).toContain(`Tỉnh Demo, ${vietnameseDate(doc.issuedDate!)}`);
  }, 300_000);

  it('refuses an image without transparency and a seal set by a leader, with typed errors', async () => {
    const rgb = join(dir, 'rgb.png');
    writeFileSync(rgb, flatPng(200, 80, 2));
    const opaque = await runEoffice(['user', 'signature', 'lanhdao', '--image', rgb, '--as', 'lanhdao', '--data-dir', join(dir, 'data')]);
    expect(opaque.code).toBe(2); // bad input, not a refusal
    expect(opaque.stderr).toMatch(/^E_IMAGE_INVALID: .*nền trong suốt/);
    const leader = await runEoffice(['agency', 'seal', '--image', join(SAMPLES, 'seal-sample.png'), '--as', 'lanhdao', '--data-dir', join(dir, 'data')]);
    expect(leader.code).toBe(1);
    expect(leader.stderr).toMatch(/^E_FORBIDDEN: /);
    expect(existsSync(join(dir, 'data'))).toBe(true);
  });
});

describe('signing keys bound to people and to the agency (issue 11 item 1)', () => {
  /** A draft approved by `leader`, ready to sign. */
  async function approved(leader: string): Promise<string> {
    const draft = await chairmanDraft(`du-thao-${leader}-${Date.now()}.pdf`, 'Về việc kiểm tra khoá ký', 'Điều 1. Kiểm tra.');
    const made = JSON.parse(await eo('doc', 'draft', '--type', 'QĐ', '--subject', 'Về việc kiểm tra khoá ký', '--file', draft, '--signer', leader, '--as', 'chuyenvien', '--json')) as DocJson;
    await eo('doc', 'submit', made.id, '--as', 'chuyenvien');
    await eo('doc', 'approve', made.id, '--as', leader);
    return made.id;
  }

  const attempt = (...args: string[]) =>
    runEoffice([...args, '--data-dir', join(dir, 'data')], { env: { SOFTHSM2_CONF: dev.softhsm2Conf, DEMO_PIN: dev.pin } });

  it("refuses the agency's key and another leader's key for a signature, and a person's key for the seal: E_CERT_NOT_BOUND, nothing changed", async () => {
    const id = await approved('phochutich');
    for (const [keyId, as] of [['02', 'phochutich'], ['01', 'phochutich']] as const) {
      const run = await attempt('doc', 'sign', id, ...key(keyId), '--as', as);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toMatch(/^E_CERT_NOT_BOUND: /);
    }
    const unchanged = JSON.parse(await eo('doc', 'show', id, '--as', 'phochutich', '--json')) as DocJson & { signatures: unknown[] };
    expect(unchanged.state).toBe('approved');
    expect(unchanged.signatures).toEqual([]);
    const signed = JSON.parse(await eo('doc', 'sign', id, ...key('04'), '--as', 'phochutich', '--json')) as DocJson;
    expect(signed.state).toBe('signed');
    const seal = await attempt('doc', 'issue', id, ...key('01'), '--as', 'vanthu');
    expect(seal.code, seal.stderr).toBe(1);
    expect(seal.stderr).toMatch(/^E_CERT_NOT_BOUND: /);
    const still = JSON.parse(await eo('doc', 'show', id, '--as', 'vanthu', '--json')) as DocJson;
    expect(still.state).toBe('signed');
    expect(still.number).toBeNull();
  }, 300_000);

  it('refuses to bind an organisation certificate to a person and a person certificate to the agency; an expired key does not sign', async () => {
    const asPerson = await attempt('user', 'cert', 'add', '--cert', dev.certs.agency, '--as', 'chuyenvien');
    expect(asPerson.code, asPerson.stderr).toBe(1);
    expect(asPerson.stderr).toMatch(/^E_CERT_SUBJECT_KIND: /);
    const asAgency = await attempt('agency', 'cert', 'add', '--cert', dev.certs.leaderEc, '--as', 'vanthu');
    expect(asAgency.code, asAgency.stderr).toBe(1);
    expect(asAgency.stderr).toMatch(/^E_CERT_SUBJECT_KIND: /);
    const byLeader = await attempt('agency', 'cert', 'add', '--cert', dev.certs.agency, '--as', 'lanhdao');
    expect(byLeader.code).toBe(1);
    expect(byLeader.stderr).toMatch(/^E_FORBIDDEN: /);
    const listed = JSON.parse(await eo('user', 'cert', 'list', '--as', 'lanhdao', '--json')) as { certificates: Array<{ commonName: string; serialNumber: string; kind: string }> };
    expect(listed.certificates.map((c) => [c.commonName, c.kind])).toEqual([['Nguyễn Văn An', 'person']]);
    // Six years on (the dev certificates last five), the bound key is out of its validity.
    const id = await approved('lanhdao');
    const late = await runEoffice(['doc', 'sign', id, ...key('01'), '--as', 'lanhdao', '--data-dir', join(dir, 'data')], {
      env: { SOFTHSM2_CONF: dev.softhsm2Conf, DEMO_PIN: dev.pin, EOFFICE_NOW: new Date(Date.now() + 6 * 365 * 86_400_000).toISOString() },
    });
    expect(late.code, late.stderr).toBe(1);
    expect(late.stderr).toMatch(/^E_CERT_EXPIRED: /);
  }, 300_000);

  it('records the certificate subject and serial in the document, the register and the audit; the printed name is the certificate\'s', async () => {
    const draft = await chairmanDraft('du-thao-cts.pdf', 'Về việc ghi chứng thư', 'Điều 1. Ghi chứng thư.');
    const { doc } = await throughIssue(draft, 'lanhdao');
    const shown = JSON.parse(await eo('doc', 'show', doc.id, '--as', 'vanthu', '--json')) as { signatures: Array<{ kind: string; signerName: string; certificateSubject: string | null; certificateSerial: string | null }> };
    const serial = (pem: string) => spawnSync('openssl', ['x509', '-in', pem, '-noout', '-serial'], { encoding: 'utf8' }).stdout.trim().split('=')[1]!.toLowerCase().replace(/^0+/, '');
    // A serial is a number: its hex may or may not carry a leading zero nibble (forge writes whole bytes, openssl a sign byte).
    expect(shown.signatures.map((s) => [s.kind, s.signerName, s.certificateSerial?.replace(/^0+/, '')])).toEqual([
      ['person', 'Nguyễn Văn An', serial(dev.certs.leader)],
      ['agency', 'UBND tỉnh Demo', serial(dev.certs.agency)],
    ]);
    expect(shown.signatures[0]!.certificateSubject).toContain('CN=Nguyễn Văn An');
    const audit = spawnSync('sqlite3', [join(dir, 'data', 'eoffice.sqlite'), "select after from audit_log where action like 'document.%'"], { encoding: 'utf8' }).stdout;
    expect(audit).toContain(serial(dev.certs.leader));
    expect(audit).toContain(serial(dev.certs.agency));
  }, 300_000);
});

describe('eoffice sign and the workflow share one Decree 30 code path', () => {
  it('`sign --appearance signer` then `--appearance seal` draw the same boxes as `doc sign` then `doc issue` on the same draft', async () => {
    const draft = await chairmanDraft('du-thao-hai-duong.pdf', 'Về việc giao chỉ tiêu', 'Điều 1. Giao chỉ tiêu năm 2026.');
    const { issued, doc } = await throughIssue(draft, 'lanhdao');

    // `eoffice sign` works on files, without a data folder.
    const sign = async (...args: string[]) => {
      const run = await runEoffice(['sign', ...args], { env: { SOFTHSM2_CONF: dev.softhsm2Conf, DEMO_PIN: dev.pin } });
      expect(run.code, run.stderr).toBe(0);
    };
    const signed = join(dir, 'cli-signed.pdf');
    const sealed = join(dir, 'cli-sealed.pdf');
    await sign(draft, '--out', signed, ...key('01'), '--appearance', 'signer', '--image', join(SAMPLES, 'signature-sample.png'),
      '--text', 'Chủ tịch', '--text', 'Nguyễn Văn An');
    const [year, month, day] = doc.issuedDate!.split('-');
    await sign(signed, '--out', sealed, ...key('02'), '--appearance', 'seal', '--image', join(SAMPLES, 'seal-sample.png'),
      '--fill', `number=${doc.number}/${doc.symbol}`, '--fill', `date=${day}/${month}/${year}`);

    const rounded = (rect: readonly number[]) => rect.map((v) => Math.round(v * 100) / 100);
    const workflow = signatureWidgets(issued);
    const cli = signatureWidgets(sealed);
    expect(cli.rects.map(rounded)).toEqual(workflow.rects.map(rounded));
    expect(workflow.rects).toHaveLength(2);
    expect(cli.leaderImage).toEqual(workflow.leaderImage);
    for (const field of [NUMBER_FIELD, DATE_FIELD]) expect(rounded(fieldRect(sealed, field))).toEqual(rounded(fieldRect(issued, field)));
    expect(pdfsig(sealed).signatures.map((s) => s.validation)).toEqual(['Signature is Valid.', 'Signature is Valid.']);
    expect(layoutText(sealed)).toContain(`Tỉnh Demo, ${vietnameseDate(doc.issuedDate!)}`);
  });
});
