import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EDXML_NS, parseEdxmlFile, type EdocMessage } from '../src/index.js';
import { readEdxmlFile, type ReadMessage } from '../src/edxml/edxml-reader.js';
import { DEFAULT_LIMITS, type EdxmlLimits } from '../src/edxml/limits.js';
import { useWorkDir } from './work-dir.js';

// A message to a whole province carries ~650 To elements; the reader takes a run of them in the plain shape writers
// give them with a scanner instead of saxes (src/edxml/recipient-scanner.ts). These tests hold it to what saxes reads:
// the same tree, the same refusals, the same limits, and nothing taken that is not an element of the MessageHeader.
const work = useWorkDir();
const PIECE = 256 * 1024;

/** A To as edxml-writer writes it: an indented child per line, the absent ones self-closed. */
function to(n: number, eol = '\n'): string {
  const id = `000.00.${String(n % 100).padStart(2, '0')}.H${String(n).padStart(3, '0')}`;
  return (
    `        <edXML:To>${eol}          <edXML:OrganId>${id}</edXML:OrganId>${eol}` +
    `          <edXML:OrganName>Ủy ban nhân dân xã số ${n}</edXML:OrganName>${eol}          <edXML:OrganAdd></edXML:OrganAdd>${eol}` +
    `          <edXML:Email/>${eol}          <edXML:Telephone>0${n}</edXML:Telephone>${eol}        </edXML:To>${eol}`
  );
}

function recipients(count: number, eol = '\n'): string {
  return Array.from({ length: count }, (_, n) => to(n, eol)).join('');
}

const FROM = '<edXML:From><edXML:OrganId>000.00.01.H99</edXML:OrganId></edXML:From>';

function edoc(messageHeader: string, eol = '\n'): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<edXML xmlns="${EDXML_NS}"><edXML:edXMLEnvelope xmlns:edXML="${EDXML_NS}" xmlns:o="urn:other"><edXML:edXMLHeader>`,
    `      <edXML:MessageHeader>${messageHeader}`,
    '<edXML:DocumentId>000.00.01.H99,2026/12/04,1/UBND</edXML:DocumentId><edXML:Code><edXML:CodeNumber>1</edXML:CodeNumber></edXML:Code>',
    '<edXML:Subject>Thử</edXML:Subject></edXML:MessageHeader><edXML:TraceHeaderList><edXML:Bussiness><edXML:BussinessDocType>0</edXML:BussinessDocType></edXML:Bussiness></edXML:TraceHeaderList>',
    '</edXML:edXMLHeader></edXML:edXMLEnvelope></edXML>',
  ].join(eol);
}

function file(text: string): string {
  const path = join(work(), 'message.edxml');
  writeFileSync(path, text);
  return path;
}

async function read(text: string, limits: Partial<EdxmlLimits> = {}): Promise<ReadMessage> {
  return readEdxmlFile(file(text), work(), { ...DEFAULT_LIMITS, ...limits });
}

async function parseEdoc(text: string, limits: Partial<EdxmlLimits> = {}): Promise<EdocMessage> {
  const m = await parseEdxmlFile(file(text), { workDir: work(), limits });
  if (m.kind !== 'edoc') throw new Error('not an edoc');
  return m;
}

/** The same message with every To start tag in a shape the scanner leaves to saxes (a space before the '>'). */
const forSaxes = (text: string): string => text.replaceAll('<edXML:To>', '<edXML:To >');

describe('the recipient scanner reads a run of To elements as saxes would', () => {
  it('300 recipients, LF and CRLF, before and after From: the same tree as saxes builds, the run read by the scanner', async () => {
    for (const eol of ['\n', '\r\n']) {
      for (const header of [`${eol}${FROM}${eol}${recipients(300, eol)}`, `${eol}${recipients(300, eol)}${FROM}${eol}`]) {
        const text = edoc(header, eol);
        const scanned = await read(text);
        const parsed = await read(forSaxes(text));
        expect(scanned.recipientsScanned).toBe(300);
        expect(parsed.recipientsScanned).toBe(0);
        expect(scanned.root).toEqual(parsed.root);
        const m = await parseEdoc(text);
        expect(m.header.to).toHaveLength(300);
        expect(m.header.to[299]).toEqual({ organId: '000.00.99.H299', organName: 'Ủy ban nhân dân xã số 299', telephone: '0299' });
      }
    }
  });

  it('a run cut by the 256 KiB piece edge at any point is read whole', async () => {
    const before = edoc(`\n${FROM}\n`).indexOf('<edXML:DocumentId>');
    for (const shift of [-300, -150, -37, -9, -1, 0, 1, 5, 64, 200]) {
      // Pad the Subject-free part with a comment so the piece edge falls at `shift` inside a To near the middle.
      const run = recipients(1200);
      const target = PIECE + shift - Buffer.byteLength(run.slice(0, run.length / 2));
      const pad = `<!--${'x'.repeat(Math.max(0, target - before - 7))}-->`;
      const text = edoc(`\n${FROM}\n${pad}${run}`);
      const scanned = await read(text);
      expect(scanned.recipientsScanned).toBeGreaterThan(1100);
      expect(scanned.root).toEqual((await read(forSaxes(text))).root);
      expect((await parseEdoc(text)).header.to).toHaveLength(1200);
    }
  });
});

describe('what the scanner leaves to saxes is refused or read as before', () => {
  const around = (middle: string): string => edoc(`\n${FROM}\n${recipients(20)}${middle}${recipients(20)}`);

  it('an entity reference in a recipient is refused (no entity is declared); a predefined one is read', async () => {
    const bad = around('<edXML:To><edXML:OrganId>&xxe;</edXML:OrganId></edXML:To>');
    await expect(parseEdoc(bad)).rejects.toMatchObject({ code: 'E_EDXML_MALFORMED' });
    const m = await parseEdoc(around('<edXML:To><edXML:OrganId>A&amp;B</edXML:OrganId></edXML:To>'));
    expect(m.header.to.map((t) => t.organId)).toContain('A&B');
  });

  it('a mismatched end tag, a forbidden control character and "]]>" in a recipient are refused as not well-formed', async () => {
    for (const middle of [
      '<edXML:To><edXML:OrganId>x</edXML:OrganName></edXML:To>',
      '<edXML:To><edXML:OrganId>x\u0001y</edXML:OrganId></edXML:To>',
      '<edXML:To><edXML:OrganId>x]]>y</edXML:OrganId></edXML:To>',
      '<edXML:To><edXML:OrganId>x</edXML:OrganId>',
    ]) {
      await expect(parseEdoc(around(middle)), middle).rejects.toMatchObject({ code: 'E_EDXML_MALFORMED' });
    }
  });

  it('recipients inside a comment are not read, even right after a ">" in it', async () => {
    const m = await parseEdoc(around(`<!-- a> ${to(900)}${to(901)} -->`));
    expect(m.header.to).toHaveLength(40);
    expect(m.header.to.map((t) => t.organId)).not.toContain('000.00.00.H900');
  });

  it('a To whose prefix is bound to another namespace, or whose child is, is a typed error naming the element', async () => {
    await expect(parseEdoc(around('<o:To><o:OrganId>000.00.02.H99</o:OrganId></o:To>'))).rejects.toMatchObject({
      code: 'E_EDXML_WRONG_NAMESPACE',
      details: { element: 'MessageHeader/To' },
    });
    await expect(parseEdoc(around('<edXML:To><o:OrganId>000.00.02.H99</o:OrganId></edXML:To>'))).rejects.toMatchObject({
      code: 'E_EDXML_WRONG_NAMESPACE',
      details: { element: 'MessageHeader/To/OrganId' },
    });
  });

  it('a To outside the MessageHeader is not taken for a recipient', async () => {
    const text = edoc(`\n${FROM}\n${to(1)}`).replace('<edXML:Subject>Thử</edXML:Subject>', `<edXML:Subject>Thử</edXML:Subject><edXML:OtherInfo>${to(2)}</edXML:OtherInfo>`);
    const scanned = await read(text);
    expect(scanned.recipientsScanned).toBe(1);
    expect((await parseEdoc(text)).header.to.map((t) => t.organId)).toEqual(['000.00.01.H001']);
  });
});

describe('the limits apply to the recipients the scanner reads', () => {
  it('too many elements', async () => {
    // 300 recipients of 5 children each: 1800 elements in the run alone.
    await expect(parseEdoc(edoc(`\n${FROM}\n${recipients(300)}`), { maxElements: 1000 })).rejects.toMatchObject({ code: 'E_EDXML_TOO_LARGE' });
  });

  it('a text node too long', async () => {
    const long = edoc(`\n${FROM}\n${recipients(5)}${to(5).replace('Ủy ban nhân dân xã số 5', 'x'.repeat(200))}${recipients(5)}`);
    await expect(parseEdoc(long, { maxTextChars: 100 })).rejects.toMatchObject({ code: 'E_EDXML_TOO_LARGE' });
  });

  it('nested too deep (a header of recipients only, so nothing else reaches the depth)', async () => {
    // edXML, envelope, header, MessageHeader, To: a To's children are at depth 5, and nothing else is.
    const text = `<edXML xmlns="${EDXML_NS}"><edXML:edXMLEnvelope xmlns:edXML="${EDXML_NS}"><edXML:edXMLHeader><edXML:MessageHeader>
${recipients(3)}</edXML:MessageHeader></edXML:edXMLHeader></edXML:edXMLEnvelope></edXML>`;
    await expect(read(text, { maxDepth: 5 })).rejects.toMatchObject({ code: 'E_EDXML_TOO_LARGE', message: expect.stringContaining('deeper') });
    expect((await read(text, { maxDepth: 6 })).recipientsScanned).toBe(3);
  });
});
