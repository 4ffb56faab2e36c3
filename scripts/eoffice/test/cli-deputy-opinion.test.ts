import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoPdf } from '@eoffice/docs-core';
import { vietnamDate } from '@eoffice/vietnamese';
import { layoutText } from '../../../packages/docs-core/test/pdf-tools.js';
import { pdfsig } from '../../../packages/signing/test/helpers/pdfsig.js';
import { runEoffice } from './run-eoffice.js';
import { runDevToken } from '../../../packages/signing/test/helpers/dev-token.js';

interface DevToken {
  softhsm2Conf: string;
  module: string;
  token: string;
  pin: string;
}

interface Person {
  username: string;
  fullName: string;
}

interface DocJson {
  id: string;
  state: string;
  number: string | null;
  symbol: string | null;
  signingAuthority: string | null;
  signerUser: Person | null;
  signedFor: Person | null;
  metadata: { signerName: string | null; signerPosition: string | null };
  files: Array<{ role: string; sha256: string }>;
  signatures: Array<{ kind: string; signerName: string; certificateSubject: string | null }>;
  assignments: Array<{ role: string; username: string; opinions?: Array<{ username: string; fullName: string; text: string; at: string }> }>;
}

let dir: string;
let dev: DevToken;
const DAY = 86_400_000;
/** An instant `days` from now, for EOFFICE_NOW, and its Vietnam date. */
const later = (days: number) => new Date(Date.now() + days * DAY);

function attempt(args: string[], now?: Date) {
  return runEoffice([...args, '--data-dir', join(dir, 'data')], {
    env: { SOFTHSM2_CONF: dev.softhsm2Conf, DEMO_PIN: dev.pin, ...(now ? { EOFFICE_NOW: now.toISOString() } : {}) },
  });
}

async function eo(args: string[], now?: Date): Promise<string> {
  const run = await attempt(args, now);
  if (run.code !== 0) throw new Error(`eoffice ${args.join(' ')} → exit ${run.code}: ${run.stderr}`);
  return run.stdout;
}

const json = async <T>(args: string[], now?: Date) => JSON.parse(await eo([...args, '--json'], now)) as T;
const key = (id: string) => ['--pkcs11', dev.module, '--token', dev.token, '--pin-env', 'DEMO_PIN', '--key-id', id];
const blob = (sha: string) => join(dir, 'data/blobs', sha.slice(0, 2), sha.slice(2, 4), sha);
const auditAfter = (action: string) =>
  spawnSync('sqlite3', [join(dir, 'data', 'eoffice.sqlite'), `select after from audit_log where action = '${action}' order by id`], { encoding: 'utf8' }).stdout;

/**
 * A draft for the chairman (lanhdao) to sign, submitted and approved by him. It prints no signature block: the
 * deputy's box then goes to Phụ lục I's default place, where it carries the authority line (a draft printing the
 * deputy's own block gets the image or "Đã ký" above the printed name, as for any signer).
 */
async function approvedForChairman(subject: string): Promise<string> {
  const file = join(dir, `${subject.length}-${Date.now()}.pdf`);
  writeFileSync(
    file,
    await makeDemoPdf({
      issuer: 'Ủy ban nhân dân tỉnh Demo',
      numberLine: 'Số:          /QĐ-UBND',
      typeName: 'Quyết định',
      subject,
      body: 'Điều 1. Nội dung. Điều 2. Quyết định có hiệu lực kể từ ngày ký.',
      dateLine: 'Tỉnh Demo, ngày      tháng      năm 2026',
    }),
  );
  const made = await json<DocJson>(['doc', 'draft', '--type', 'QĐ', '--subject', subject, '--file', file, '--signer', 'lanhdao', '--as', 'chuyenvien']);
  await eo(['doc', 'submit', made.id, '--as', 'chuyenvien']);
  // Where the deputy's box lands is what is tested here, not the draft's Phụ lục I format (cli-format-check covers it).
  await eo(['doc', 'approve', made.id, '--reason', 'Bản thử ký thay', '--as', 'lanhdao']);
  return made.id;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eoffice-cli-deputy-'));
  dev = runDevToken(join(dir, 'token'));
  await eo(['db', 'init', '--agency', '000.00.01.Z99', '--name', 'Ủy ban nhân dân tỉnh Demo', '--abbr', 'UBND']);
  await eo(['user', 'add', 'admin', '--role', 'admin']);
  const add = (username: string, role: string, fullName: string, position?: string) =>
    eo(['user', 'add', username, '--role', role, '--full-name', fullName, ...(position ? ['--position', position] : []), '--unit', 'VP', '--as', 'admin']);
  await add('vanthu', 'clerk', 'Nguyễn Thị Văn Thư');
  await add('lanhdao', 'leader', 'Nguyễn Văn An', 'Chủ tịch');
  await add('phochutich', 'leader', 'Trần Thị Bình', 'Phó Chủ tịch');
  await add('chuyenvien', 'specialist', 'Trần Chuyên Viên');
  await add('phoihop', 'specialist', 'Lê Phối Hợp');
  await add('nguoingoai', 'specialist', 'Phạm Người Ngoài');
  await eo(['agency', 'place', 'Tỉnh Demo', '--as', 'admin']);
  // Each leader binds their own key (01 the chairman's, 04 the deputy's), the clerk the agency's (02).
  await eo(['user', 'cert', 'add', ...key('01'), '--as', 'lanhdao']);
  await eo(['user', 'cert', 'add', ...key('04'), '--as', 'phochutich']);
  await eo(['agency', 'cert', 'add', ...key('02'), '--as', 'vanthu']);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ký thay: a leader names a deputy for a period, who signs "KT." with their own key (issue 11 item 5)', () => {
  it('refuses the deputy outside the period, lists and signs inside it as KT. with the deputy\'s certificate; the register, edXML and audit record it', async () => {
    const id = await approvedForChairman('Về việc ký thay trong thời gian đi công tác');
    const inside = later(3);
    const awaiting = async (now?: Date) => (await json<DocJson[]>(['doc', 'list', '--awaiting-signature', '--as', 'phochutich'], now)).map((d) => d.id);

    // Not named: another leader's document, as before.
    const notNamed = await attempt(['doc', 'sign', id, ...key('04'), '--as', 'phochutich']);
    expect(notNamed.code, notNamed.stderr).toBe(1);
    expect(notNamed.stderr).toMatch(/^E_FORBIDDEN: /);

    // Named for a period that starts in two days (dd/MM/yyyy as people write it, or ISO).
    const [from, to] = [vietnamDate(later(2)), vietnamDate(later(4))];
    const period = await json<{ id: number; from: string; to: string; activeNow: boolean; deputy: Person }>([
      'user', 'deputy', 'set', '--deputy', 'phochutich', '--from', from.split('-').reverse().join('/'), '--to', to, '--as', 'lanhdao',
    ]);
    expect([period.from, period.to, period.activeNow, period.deputy.username]).toEqual([from, to, false, 'phochutich']);
    const overlapping = await attempt(['user', 'deputy', 'set', '--deputy', 'phochutich', '--from', to, '--to', to, '--as', 'lanhdao']);
    expect(overlapping.code).toBe(1);
    expect(overlapping.stderr).toMatch(/^E_CONFLICT: /);
    const byDeputy = await json<{ deputies: Array<{ id: number; leader: Person }> }>(['user', 'deputy', 'list', '--as', 'phochutich']);
    expect(byDeputy.deputies.map((d) => [d.id, d.leader.username])).toEqual([[period.id, 'lanhdao']]);

    // Before the period: refused, typed, nothing changed; not in the deputy's list.
    const early = await attempt(['doc', 'sign', id, ...key('04'), '--as', 'phochutich']);
    expect(early.code, early.stderr).toBe(1);
    expect(early.stderr).toMatch(/^E_DEPUTY_NOT_IN_PERIOD: /);
    expect(await awaiting()).not.toContain(id);
    const unchanged = await json<DocJson>(['doc', 'show', id, '--as', 'phochutich']);
    expect([unchanged.state, unchanged.signatures.length, unchanged.signerUser?.username]).toEqual(['approved', 0, 'lanhdao']);

    // Inside it: the leader's document shows in the deputy's list and badge.
    expect(await awaiting(inside)).toContain(id);
    expect(await awaiting(later(5))).not.toContain(id);
    // The deputy signs with their own bound key only: the chairman's key is his, not the deputy's.
    const withLeadersKey = await attempt(['doc', 'sign', id, ...key('01'), '--as', 'phochutich'], inside);
    expect(withLeadersKey.code, withLeadersKey.stderr).toBe(1);
    expect(withLeadersKey.stderr).toMatch(/^E_CERT_NOT_BOUND: /);

    const signed = await json<DocJson>(['doc', 'sign', id, ...key('04'), '--as', 'phochutich'], inside);
    expect(signed.state).toBe('signed');
    expect(signed.signingAuthority).toBe('KT');
    expect(signed.signedFor?.username).toBe('lanhdao');
    expect(signed.signerUser?.username).toBe('phochutich');
    expect([signed.metadata.signerName, signed.metadata.signerPosition]).toEqual(['Trần Thị Bình', 'Phó Chủ tịch']);
    expect(signed.signatures[0]!.certificateSubject).toContain('CN=Trần Thị Bình');
    const shownText = await eo(['doc', 'show', id, '--as', 'lanhdao']);
    expect(shownText).toContain('ký thay / signed as deputy: KT. Chủ tịch Nguyễn Văn An — Trần Thị Bình');

    // The signature block: the deputy's name is not printed on the draft, so the box carries "KT." and the deputy.
    const signedFile = blob(signed.files.find((f) => f.role === 'signed')!.sha256);
    expect(pdfsig(signedFile).signatures.map((s) => [s.validation, s.signerName])).toEqual([['Signature is Valid.', 'Trần Thị Bình']]);
    const text = layoutText(signedFile);
    expect(text).toContain('KT. CHỦ TỊCH');
    expect(text).toContain('PHÓ CHỦ TỊCH');

    // The register and SignerInfo (edXML) name the deputy under "KT.".
    const issued = await json<DocJson>(['doc', 'issue', id, ...key('02'), '--as', 'vanthu'], inside);
    expect(issued.state).toBe('issued');
    const register = join(dir, 'so-di.pdf');
    await eo(['register', 'print', '--year', vietnamDate(inside).slice(0, 4), '--direction', 'out', '--out', register, '--as', 'vanthu'], inside);
    // The row: số, then the signer column "KT. Trần Thị Bình" (wrapped by the column's width after "Thị").
    expect(layoutText(register)).toMatch(/01\/QĐ-UBND .*KT\. Trần Thị/);
    const edxml = join(dir, 'ky-thay.edxml');
    await eo(['edxml', 'build', '--doc', id, '--out', edxml, '--as', 'vanthu'], inside);
    const signerInfo = /<(?:\w+:)?SignerInfo>[\s\S]*?<\/(?:\w+:)?SignerInfo>/.exec(readFileSync(edxml, 'utf8'))?.[0] ?? '';
    expect(signerInfo).toMatch(/Competence>KT\.</);
    expect(signerInfo).toMatch(/FullName>Trần Thị Bình</);

    // Audited: the naming, and the signature with whom it was for.
    expect(auditAfter('deputy.set')).toContain('"deputy":"phochutich"');
    expect(auditAfter('document.sign')).toMatch(/"deputyFor":\{"leader":"lanhdao","period":\d+/);
  }, 300_000);

  it('a period ended early no longer lets the deputy sign, even on a day inside it', async () => {
    const id = await approvedForChairman('Về việc kết thúc ký thay sớm');
    const ended = await json<{ ended: Array<{ endedAt: string | null; endedBy: string | null }> }>(['user', 'deputy', 'end', '--as', 'lanhdao']);
    expect(ended.ended.map((p) => p.endedBy)).toEqual(['lanhdao']);
    const refused = await attempt(['doc', 'sign', id, ...key('04'), '--as', 'phochutich'], later(3));
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stderr).toMatch(/^E_DEPUTY_NOT_IN_PERIOD: .*đã kết thúc/);
    expect((await json<DocJson>(['doc', 'show', id, '--as', 'lanhdao'])).state).toBe('approved');
    expect(auditAfter('deputy.end')).toContain('endedAt');
    // Only a leader names a deputy, and only a leader can be one.
    const bySpecialist = await attempt(['user', 'deputy', 'set', '--deputy', 'phochutich', '--from', vietnamDate(later(0)), '--to', vietnamDate(later(1)), '--as', 'chuyenvien']);
    expect(bySpecialist.stderr).toMatch(/^E_FORBIDDEN: /);
    const specialistDeputy = await attempt(['user', 'deputy', 'set', '--deputy', 'chuyenvien', '--from', vietnamDate(later(0)), '--to', vietnamDate(later(1)), '--as', 'lanhdao']);
    expect([specialistDeputy.code, specialistDeputy.stderr.split(':')[0]]).toEqual([2, 'E_INVALID_INPUT']);
  }, 300_000);
});

describe('ý kiến phối hợp: supporting assignees record their opinion on the assignment (issue 11 item 5)', () => {
  let received = 40;
  async function assigned(secrecy: 'none' | 'secret'): Promise<string> {
    received += 1;
    const file = join(dir, `den-${secrecy}-${Date.now()}.pdf`);
    writeFileSync(file, await makeDemoPdf({ issuer: 'Sở Tài chính', numberLine: 'Số: 41/STC-NS', typeName: 'Công văn', subject: 'Về việc lấy ý kiến', body: 'Đề nghị cho ý kiến.' }));
    const doc = await json<DocJson>([
      'doc', 'receive', '--file', file, '--paper', '--from', '000.00.03.Z99', '--from-name', 'Sở Tài chính', '--number', String(received), '--symbol', 'STC-NS',
      '--date', vietnamDate(later(0)), '--type', 'Công văn', '--subject', `Về việc lấy ý kiến (${secrecy})`, '--secrecy', secrecy, '--as', 'vanthu',
    ]);
    for (const step of ['verify', 'register', 'present']) await eo(['doc', step, doc.id, '--as', 'vanthu']);
    await eo(['doc', 'assign', doc.id, '--lead', 'chuyenvien', '--support', 'phoihop', '--due-in', '5', '--as', 'lanhdao']);
    return doc.id;
  }

  it('records text, time and who; the lead and the leader see it; others are refused (as missing when they may not see it)', async () => {
    const id = await assigned('none');
    const given = await json<DocJson>(['doc', 'opinion', id, '--text', 'Thống nhất; đề nghị bổ sung số liệu quý I', '--as', 'phoihop']);
    const support = given.assignments.find((a) => a.role === 'support')!;
    expect(support.opinions!.map((o) => [o.username, o.fullName, o.text])).toEqual([['phoihop', 'Lê Phối Hợp', 'Thống nhất; đề nghị bổ sung số liệu quý I']]);
    expect(support.opinions![0]!.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
    for (const viewer of ['chuyenvien', 'lanhdao']) {
      const shown = await json<DocJson>(['doc', 'show', id, '--as', viewer]);
      expect(shown.assignments.flatMap((a) => a.opinions ?? []).map((o) => o.text)).toEqual(['Thống nhất; đề nghị bổ sung số liệu quý I']);
      expect(await eo(['doc', 'show', id, '--as', viewer])).toContain('ý kiến phối hợp / opinion — Lê Phối Hợp (phoihop)');
    }

    // The lead and an outsider who may see the document: refused, nothing recorded.
    for (const who of ['chuyenvien', 'nguoingoai', 'lanhdao']) {
      const refused = await attempt(['doc', 'opinion', id, '--text', 'Ý kiến khác', '--as', who]);
      expect([who, refused.code, refused.stderr.split(':')[0]]).toEqual([who, 1, 'E_FORBIDDEN']);
    }
    const after = await json<DocJson>(['doc', 'show', id, '--as', 'lanhdao']);
    expect(after.assignments.flatMap((a) => a.opinions ?? [])).toHaveLength(1);
    expect(auditAfter('document.giveOpinion')).toContain('Thống nhất; đề nghị bổ sung số liệu quý I');

    // When handling is finished the supporting assignment is too.
    await eo(['doc', 'start', id, '--as', 'chuyenvien']);
    await eo(['doc', 'complete', id, '--note', 'Đã tổng hợp', '--as', 'chuyenvien']);
    const late = await attempt(['doc', 'opinion', id, '--text', 'Muộn', '--as', 'phoihop']);
    expect([late.code, late.stderr.split(':')[0]]).toEqual([1, 'E_INVALID_STATE']);
  }, 300_000);

  it('a secret document answers an outsider as a missing one', async () => {
    const id = await assigned('secret');
    const secret = await attempt(['doc', 'opinion', id, '--text', 'Dò hỏi', '--as', 'nguoingoai']);
    const missing = await attempt(['doc', 'opinion', '00000000-0000-4000-8000-000000000000', '--text', 'Dò hỏi', '--as', 'nguoingoai']);
    expect(secret.code).toBe(1);
    expect(secret.stderr.replace(id, '<id>')).toBe(missing.stderr.replace('00000000-0000-4000-8000-000000000000', '<id>'));
    expect(secret.stderr).toMatch(/^E_NOT_FOUND: /);
    // The supporting assignee of the secret document may (an assignment lets them see it).
    const given = await json<DocJson>(['doc', 'opinion', id, '--text', 'Đồng ý', '--as', 'phoihop']);
    expect(given.assignments.flatMap((a) => a.opinions ?? []).map((o) => o.text)).toEqual(['Đồng ý']);
  }, 300_000);
});
