import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { EDXML_NS, parseEdxmlFile, sanitiseAttachmentName, unpackAttachments, type EdocMessage } from '../src/index.js';
import { useWorkDir } from './work-dir.js';

const work = useWorkDir();

function edoc(attachments: string, headerExtra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<edXML xmlns="${EDXML_NS}"><edXML:edXMLEnvelope xmlns:edXML="${EDXML_NS}"><edXML:edXMLHeader><edXML:MessageHeader>
<edXML:From><edXML:OrganId>000.00.01.H99</edXML:OrganId></edXML:From><edXML:To><edXML:OrganId>000.00.02.H99</edXML:OrganId></edXML:To>
<edXML:DocumentId>000.00.01.H99,2026/12/04,1/UBND</edXML:DocumentId><edXML:Code><edXML:CodeNumber>1</edXML:CodeNumber><edXML:CodeNotation>UBND</edXML:CodeNotation></edXML:Code>
<edXML:Subject>Thử ${headerExtra}</edXML:Subject></edXML:MessageHeader><edXML:TraceHeaderList><edXML:Bussiness><edXML:BussinessDocType>0</edXML:BussinessDocType></edXML:Bussiness></edXML:TraceHeaderList>
</edXML:edXMLHeader></edXML:edXMLEnvelope><AttachmentEncoded>${attachments}</AttachmentEncoded></edXML>`;
}

function attachment(name: string, bytes: Uint8Array, contentType = 'application/pdf'): string {
  return `<Attachment><ContentId>cid:1</ContentId><AttachmentName>${name}</AttachmentName><ContentType>${contentType}</ContentType><edXML:ContentTransferEncoded xmlns:edXML="${EDXML_NS}">${Buffer.from(bytes).toString('base64')}</edXML:ContentTransferEncoded></Attachment>`;
}

function file(text: string | Buffer): string {
  const path = join(work(), 'message.edxml');
  writeFileSync(path, text);
  return path;
}

async function parseEdoc(text: string | Buffer, limits = {}): Promise<EdocMessage> {
  const m = await parseEdxmlFile(file(text), { workDir: work(), limits });
  if (m.kind !== 'edoc') throw new Error('not an edoc');
  return m;
}

describe('hostile edXML', () => {
  it('XXE: an external entity is refused at the DOCTYPE, before anything is read', async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE edXML [<!ENTITY x SYSTEM "file:///etc/passwd">]>${edoc('', '&x;').replace(/^<\?xml[^>]*>/, '')}`;
    await expect(parseEdoc(xxe)).rejects.toMatchObject({ code: 'E_EDXML_DTD_FORBIDDEN' });
  });

  it('billion laughs: refused at the DOCTYPE', async () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><lolz>&lol3;</lolz>`;
    await expect(parseEdoc(lol)).rejects.toMatchObject({ code: 'E_EDXML_DTD_FORBIDDEN' });
  });

  it('an undeclared entity without a DOCTYPE is not well-formed', async () => {
    await expect(parseEdoc(edoc('', '&lol;'))).rejects.toMatchObject({ code: 'E_EDXML_MALFORMED' });
  });

  it('oversize: the message, a text node and an attachment each meet their limit', async () => {
    const text = edoc(attachment('a.pdf', new Uint8Array(4096)));
    await expect(parseEdoc(text, { maxMessageBytes: 1000 })).rejects.toMatchObject({ code: 'E_EDXML_TOO_LARGE' });
    await expect(parseEdoc(edoc('', 'x'.repeat(5000)), { maxTextChars: 1000 })).rejects.toMatchObject({ code: 'E_EDXML_TOO_LARGE' });
    await expect(parseEdoc(text, { maxAttachmentBytes: 1000 })).rejects.toMatchObject({ code: 'E_EDXML_TOO_LARGE' });
    await expect(parseEdoc(text)).resolves.toMatchObject({ kind: 'edoc' });
  });

  it('deep nesting is refused', async () => {
    const deep = `${'<a>'.repeat(100)}${'</a>'.repeat(100)}`;
    await expect(parseEdoc(edoc('', '').replace('<AttachmentEncoded>', `<AttachmentEncoded>${deep}`))).rejects.toMatchObject({ code: 'E_EDXML_TOO_LARGE' });
  });

  it('a missing element is named', async () => {
    await expect(parseEdoc(edoc('').replace(/<edXML:Subject>.*<\/edXML:Subject>/, ''))).rejects.toMatchObject({
      code: 'E_EDXML_MISSING_ELEMENT',
      details: { element: 'MessageHeader/Subject' },
    });
  });

  it('a wrong namespace is named', async () => {
    const wrong = edoc('').replace('<edXML:From>', '<edXML:From xmlns:edXML="urn:other">').replace('</edXML:From>', '</edXML:From>');
    await expect(parseEdoc(wrong)).rejects.toMatchObject({ code: 'E_EDXML_WRONG_NAMESPACE', details: { element: 'MessageHeader/From' } });
    await expect(parseEdoc(edoc('').replace(`<edXML xmlns="${EDXML_NS}">`, '<edXML>'))).rejects.toMatchObject({ code: 'E_EDXML_WRONG_NAMESPACE' });
  });

  it('an unknown status code and a business type outside 0–3 are refused; 14 reads as 15', async () => {
    await expect(parseEdoc(edoc('').replace('<edXML:BussinessDocType>0', '<edXML:BussinessDocType>7'))).rejects.toMatchObject({ code: 'E_EDXML_INVALID_VALUE' });
  });

  it('bad base64 and data after padding are refused', async () => {
    const b64 = Buffer.from(new Uint8Array(10)).toString('base64');
    const bad = edoc(attachment('a.pdf', new Uint8Array(10)).replace(b64, 'AAAA$AAA'));
    await expect(parseEdoc(bad)).rejects.toMatchObject({ code: 'E_EDXML_ATTACHMENT_INVALID' });
    const afterPad = edoc(attachment('a.pdf', new Uint8Array(10)).replace(b64, `${b64}AAAA`));
    await expect(parseEdoc(afterPad)).rejects.toMatchObject({ code: 'E_EDXML_ATTACHMENT_INVALID' });
  });

  it('path traversal in an attachment name: only the last segment survives', async () => {
    const m = await parseEdoc(edoc(attachment('../../../etc/cron.d/evil.pdf', new Uint8Array(3))));
    expect(m.attachments[0]?.name).toBe('evil.pdf');
    expect(sanitiseAttachmentName('..\\..\\windows\\system32\\x.dll', 'f')).toBe('x.dll');
    expect(sanitiseAttachmentName('..', 'fallback')).toBe('fallback');
    expect(sanitiseAttachmentName('a\u0000b:c.pdf', 'f')).toBe('a_b_c.pdf');
  });

  it('path traversal inside a ZIP is refused', async () => {
    const zip = zipSync({ '../../evil.txt': new TextEncoder().encode('x') });
    const m = await parseEdoc(edoc(attachment('a.pdf', zip)));
    await expect(unpackAttachments(m, work())).rejects.toMatchObject({ code: 'E_ARCHIVE_REJECTED' });
  });

  it('zip bomb: a high-ratio entry is refused before it is expanded', async () => {
    const zip = zipSync({ 'bomb.txt': new Uint8Array(64 * 1024 * 1024) }, { level: 9 });
    expect(zip.length).toBeLessThan(1024 * 1024);
    const m = await parseEdoc(edoc(attachment('bomb.pdf', zip)));
    await expect(unpackAttachments(m, work())).rejects.toMatchObject({ code: 'E_ARCHIVE_REJECTED', message: expect.stringContaining('zip bomb') });
  });

  it('zip nesting past the limit is refused; within it the inner file is delivered', async () => {
    let payload: Uint8Array = new TextEncoder().encode('%PDF-1.4\nnot really\n');
    for (let i = 0; i < 4; i++) payload = zipSync({ [`level-${i}.zip`]: payload });
    const m = await parseEdoc(edoc(attachment('nested.pdf', payload)));
    await expect(unpackAttachments(m, work())).rejects.toMatchObject({ code: 'E_ARCHIVE_REJECTED' });
    const shallow = zipSync({ 'inner.txt': new TextEncoder().encode('hello') });
    const ok = await parseEdoc(edoc(attachment('x.pdf', shallow)));
    expect((await unpackAttachments(ok, work())).map((f) => f.name)).toEqual(['inner.txt']);
  });

  it('too many ZIP entries are refused', async () => {
    const entries: Record<string, Uint8Array> = {};
    for (let i = 0; i < 20; i++) entries[`f${i}.txt`] = new Uint8Array([i]);
    const m = await parseEdoc(edoc(attachment('many.zip', zipSync(entries))));
    await expect(unpackAttachments(m, work(), { maxArchiveEntries: 10 })).rejects.toMatchObject({ code: 'E_ARCHIVE_REJECTED' });
  });

  it('a non-UTF-8 file is refused', async () => {
    await expect(parseEdoc(Buffer.concat([Buffer.from(edoc('').slice(0, 200)), Buffer.from([0xff, 0xfe])]))).rejects.toMatchObject({ code: 'E_EDXML_MALFORMED' });
  });
});
