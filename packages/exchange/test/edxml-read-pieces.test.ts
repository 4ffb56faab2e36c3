import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EDXML_NS, parseEdxmlFile, type EdocMessage } from '../src/index.js';
import { useWorkDir } from './work-dir.js';

// The reader takes the file in pieces of 256 KiB and hands the attachment's part of each piece to the base64 decoder
// as bytes: these messages put the attachment's start tag, a multi-byte character and the base64's line breaks across
// a piece's edge, where a byte-level reader could go wrong.
const PIECE = 256 * 1024;
const work = useWorkDir();

const tagOpen = `<edXML:ContentTransferEncoded xmlns:edXML="${EDXML_NS}">`;

function head(subject: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<edXML xmlns="${EDXML_NS}"><edXML:edXMLEnvelope xmlns:edXML="${EDXML_NS}"><edXML:edXMLHeader><edXML:MessageHeader>
<edXML:From><edXML:OrganId>000.00.01.H99</edXML:OrganId></edXML:From><edXML:To><edXML:OrganId>000.00.02.H99</edXML:OrganId></edXML:To>
<edXML:DocumentId>000.00.01.H99,2026/12/04,1/UBND</edXML:DocumentId><edXML:Code><edXML:CodeNumber>1</edXML:CodeNumber><edXML:CodeNotation>UBND</edXML:CodeNotation></edXML:Code>
<edXML:Subject>${subject}</edXML:Subject></edXML:MessageHeader><edXML:TraceHeaderList><edXML:Bussiness><edXML:BussinessDocType>0</edXML:BussinessDocType></edXML:Bussiness></edXML:TraceHeaderList>
</edXML:edXMLHeader></edXML:edXMLEnvelope><AttachmentEncoded><Attachment><ContentId>cid:1</ContentId><AttachmentName>a.pdf</AttachmentName><ContentType>application/pdf</ContentType>`;
}
const tail = '</edXML:ContentTransferEncoded></Attachment></AttachmentEncoded></edXML>';

/** A subject of Vietnamese text (3-byte characters) and ASCII whose message puts the start tag's '<' at byte `at`. */
function subjectPlacingTagAt(at: number): string {
  const fixed = Buffer.byteLength(head(''));
  const room = at - fixed;
  const wide = 'ữ'.repeat(Math.floor(room / 3) - 1);
  return wide + 'x'.repeat(room - Buffer.byteLength(wide));
}

/** MIME-style base64: lines of 76 characters ending in CRLF, as many real senders write it. */
function wrapped(bytes: Buffer): string {
  return (bytes.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
}

async function parse(text: string | Buffer): Promise<EdocMessage> {
  const dir = work();
  const path = join(dir, 'message.edxml');
  writeFileSync(path, text);
  const m = await parseEdxmlFile(path, { workDir: dir });
  if (m.kind !== 'edoc') throw new Error('not an edoc');
  return m;
}

describe('edXML read in pieces of bytes', () => {
  it('the attachment start tag and the text before it straddle a piece edge at every offset near it; wrapped base64 decodes whole', async () => {
    const bytes = randomBytes(700_000);
    const body = `\r\n${wrapped(bytes)}\r\n`;
    for (const shift of [-40, -20, -5, -1, 0, 1, 2, 7, 30]) {
      const subject = subjectPlacingTagAt(PIECE + shift);
      const text = `${head(subject)}${tagOpen}${body}${tail}`;
      expect(Buffer.from(text).indexOf(tagOpen)).toBe(PIECE + shift);
      const m = await parse(text);
      expect(m.header.subject).toBe(subject);
      expect(m.attachments).toHaveLength(1);
      expect(m.attachments[0]).toMatchObject({ size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
      expect(readFileSync(m.attachments[0]!.path).equals(bytes)).toBe(true);
    }
  });

  it('a multi-byte character cut by a piece edge reads whole', async () => {
    // 'ữ' is 3 bytes: put its first byte, then its first two, at the end of the first piece.
    for (const cut of [1, 2]) {
      const subjectAt = Buffer.from(head('')).indexOf('<edXML:Subject>') + '<edXML:Subject>'.length;
      const before = 'x'.repeat(PIECE - cut - subjectAt);
      const subject = `${before}ữ${'ữ'.repeat(10)}`;
      expect(Buffer.from(head(subject)).subarray(PIECE - cut, PIECE + 3 - cut).toString()).toBe('ữ');
      const m = await parse(`${head(subject)}${tagOpen}${Buffer.from('%PDF').toString('base64')}${tail}`);
      expect(m.header.subject).toBe(subject);
    }
  });

  it('a byte outside base64 (a UTF-8 no-break space) in the body is refused, in either piece', async () => {
    const bytes = randomBytes(400_000);
    const b64 = bytes.toString('base64');
    for (const at of [1000, PIECE + 1000]) {
      const text = Buffer.concat([Buffer.from(`${head('Thử')}${tagOpen}`), Buffer.from(b64.slice(0, at)), Buffer.from([0xc2, 0xa0]), Buffer.from(b64.slice(at)), Buffer.from(tail)]);
      await expect(parse(text)).rejects.toMatchObject({ code: 'E_EDXML_ATTACHMENT_INVALID' });
    }
  });

  it('data after the padding in a later piece is refused', async () => {
    const padded = Buffer.from('ab').toString('base64'); // 'YWI=': padded
    const after = randomBytes(300_000).toString('base64');
    await expect(parse(`${head('Thử')}${tagOpen}${padded}${after}${tail}`)).rejects.toMatchObject({ code: 'E_EDXML_ATTACHMENT_INVALID' });
  });
});
