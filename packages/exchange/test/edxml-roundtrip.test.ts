import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  EDXML_NS,
  buildDocumentId,
  buildStatusXml,
  parseEdxmlFile,
  splitDocumentId,
  writeEdocFile,
  type EdocToWrite,
} from '../src/index.js';
import { useWorkDir } from './work-dir.js';

const work = useWorkDir();

function message(attachmentPath: string): EdocToWrite {
  return {
    header: {
      from: { organId: '000.00.01.H99', organName: 'UBND tỉnh Thử <&>' },
      to: [{ organId: '000.00.02.H99' }, { organId: '000.00.03.H99', organName: 'Sở Tài chính' }],
      documentId: buildDocumentId('000.00.01.H99', '2026-12-04', '12', 'UBND-VP'),
      codeNumber: '12',
      codeNotation: 'UBND-VP',
      place: 'Thành phố Thử',
      promulgationDate: '2026-12-04',
      documentType: { type: 1, typeDetail: 0, typeName: 'Công văn' },
      subject: 'V/v thử "liên thông" & trục',
      content: '',
      signer: { competence: 'TM. ỦY BAN NHÂN DÂN', position: 'Chủ tịch', fullName: 'Nguyễn Văn A' },
      dueDate: '2026-12-31',
      toPlaces: ['Như trên', 'Lưu: VT'],
      priority: 1,
      pageAmount: 2,
      promulgationAmount: null,
      appendixes: [],
      responseFor: [],
      steeringType: 0,
    },
    traces: [{ organId: '000.00.01.H99', timestamp: '2026/12/04 09:00:00' }],
    business: { documentId: null, businessDocType: 0, reason: 'Văn bản điện tử mới', paper: false },
    attachments: [{ contentId: 'cid:1', name: 'cong-van.pdf', description: 'Văn bản chính', contentType: 'application/pdf', path: attachmentPath }],
  };
}

describe('edXML written and read back', () => {
  it('an edoc keeps every field, explicit edXML: prefixes, and the attachment bytes', async () => {
    const dir = work();
    const pdf = join(dir, 'in.pdf');
    const bytes = Buffer.from(Array.from({ length: 100_001 }, (_, i) => (i * 7) % 256));
    writeFileSync(pdf, bytes);
    const out = join(dir, 'out.edxml');
    await writeEdocFile(message(pdf), out);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain(`<edXML xmlns="${EDXML_NS}">`);
    expect(text).toContain('<edXML:MessageHeader>');
    expect(text).not.toMatch(/<MessageHeader/);
    const parsed = await parseEdxmlFile(out, { workDir: dir });
    if (parsed.kind !== 'edoc') throw new Error('not an edoc');
    expect(parsed.header).toEqual({ ...message(pdf).header });
    expect(parsed.header.documentId).toBe('000.00.01.H99,2026/12/04,12/UBND-VP');
    expect(parsed.attachments[0]).toMatchObject({ name: 'cong-van.pdf', size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    expect(readFileSync(parsed.attachments[0]?.path as string).equals(bytes)).toBe(true);
    expect(parsed.warnings).toEqual([]);
  });

  it('a status message reads back; 14 is read as 15', async () => {
    const dir = work();
    const status = {
      from: { organId: '000.00.02.H99', organName: 'Sở Tài chính' },
      responseFor: { organId: '000.00.01.H99', code: '12/UBND-VP', promulgationDate: '2026-12-04', documentId: '000.00.01.H99,2026/12/04,12/UBND-VP' },
      staffInfo: { department: 'Văn thư', staff: 'Trần Thị B' },
      statusCode: '03' as const,
      description: 'Đã tiếp nhận',
      timestamp: '2026/12/04 10:00:00',
    };
    const file = join(dir, 's.edxml');
    writeFileSync(file, buildStatusXml(status));
    expect(await parseEdxmlFile(file, { workDir: dir })).toEqual({ kind: 'status', ...status, warnings: [] });
    writeFileSync(file, buildStatusXml(status).replace('>03<', '>14<'));
    expect(await parseEdxmlFile(file, { workDir: dir })).toMatchObject({ statusCode: '15', warnings: [expect.stringContaining('14')] });
    writeFileSync(file, buildStatusXml(status).replace('>03<', '>09<'));
    await expect(parseEdxmlFile(file, { workDir: dir })).rejects.toMatchObject({ code: 'E_EDXML_INVALID_VALUE' });
  });

  it('DocumentId splits back into its parts', () => {
    expect(splitDocumentId('000.00.00.G22,2015/09/30,7816/VPCP-TTĐT')).toEqual({ organId: '000.00.00.G22', date: '2015/09/30', code: '7816/VPCP-TTĐT' });
    expect(splitDocumentId('no-commas')).toBeNull();
  });

  it('a 64 MB attachment is written and read in a process whose heap is capped at 40 MB (flat memory)', () => {
    const dir = work();
    const script = join(dir, 'big.mts');
    const src = join(import.meta.dirname, '..', 'src', 'index.ts');
    writeFileSync(
      script,
      `import { writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { writeEdocFile, parseEdxmlFile } from ${JSON.stringify(src)};
const dir = ${JSON.stringify(dir)};
const pdf = join(dir, 'big.bin');
const fd = openSync(pdf, 'w');
const block = Buffer.alloc(1024 * 1024, 7);
for (let i = 0; i < 64; i++) writeSync(fd, block);
closeSync(fd);
const m = ${JSON.stringify(message('PATH'))};
m.attachments[0].path = pdf;
await writeEdocFile(m, join(dir, 'big.edxml'));
const parsed = await parseEdxmlFile(join(dir, 'big.edxml'), { workDir: dir });
process.stdout.write(JSON.stringify({ size: parsed.attachments[0].size, heap: process.memoryUsage().heapUsed }));
`,
    );
    const tsx = join(import.meta.dirname, '..', '..', '..', 'node_modules', '.bin', 'tsx');
    const out = execFileSync(tsx, [script], { env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=40' }, encoding: 'utf8' });
    expect(JSON.parse(out).size).toBe(64 * 1024 * 1024);
  });
});
