import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEdxmlFile, unpackAttachments, type EdocMessage, type EdxmlMessage } from '../src/index.js';
import { EDXML_FIXTURES, useWorkDir } from './work-dir.js';

// One test per sample of ../shared/fixtures/edxml, each expecting what its README predicts.
const work = useWorkDir();

async function parse(name: string): Promise<EdxmlMessage> {
  return parseEdxmlFile(join(EDXML_FIXTURES, name), { workDir: work() });
}

async function parseEdoc(name: string): Promise<EdocMessage> {
  const message = await parse(name);
  if (message.kind !== 'edoc') throw new Error(`${name} is not an edoc`);
  return message;
}

async function delivered(name: string): Promise<string[]> {
  const message = await parseEdoc(name);
  return (await unpackAttachments(message, work())).map((f) => `${f.name} ${f.mediaType} ${f.size}`);
}

const SIGNED_PDF = 'GUIDE_INSTALL OPENVPN.SIGNED.PDF application/pdf 284937';

describe('edxml/ (PVN SDK resources)', () => {
  it('edoc.edxml: the undeclared xlink/edXML prefixes are read with a warning, then the JMeter placeholder is refused as not base64', async () => {
    await expect(parse('edoc.edxml')).rejects.toMatchObject({ code: 'E_EDXML_ATTACHMENT_INVALID', message: expect.stringContaining('not base64') });
  });

  it('edoc_new.edxml: the stray bytes before <?xml are refused as not well-formed', async () => {
    await expect(parse('edoc_new.edxml')).rejects.toMatchObject({ code: 'E_EDXML_MALFORMED', message: expect.stringContaining('outside of root') });
  });

  it('edoc_update.edxml: type 2 with three To and the receiver list; edXML → ZIP → edXML → the signed PDF', async () => {
    const m = await parseEdoc('edoc_update.edxml');
    expect(m.business.businessDocType).toBe(2);
    expect(m.header.to.map((t) => t.organId)).toEqual(['000.00.00.H41', '000.00.00.H14', '000.00.00.G17']);
    expect(m.business.receivers).toEqual([
      { organId: '000.00.00.H41', receiverType: '0' },
      { organId: '000.00.00.H14', receiverType: '1' },
    ]);
    expect(m.header.documentId).toBe('000.00.00.G22,2015/09/30,7816/VPCP-TTĐT');
    expect(m.attachments[0]?.contentType).toBe('application/zip');
    expect(await delivered('edoc_update.edxml')).toEqual([SIGNED_PDF]);
  });

  it('edoc_revocation.edxml: type 1 with ResponseFor filled', async () => {
    const m = await parseEdoc('edoc_revocation.edxml');
    expect(m.business.businessDocType).toBe(1);
    expect(m.header.responseFor.length).toBe(1);
    expect(m.header.responseFor[0]?.documentId).toBe('000.00.04.G14,2012/08/06,267/VPCP-TTĐT');
  });

  it('edoc_replacement.edxml: type 3 with two identical ReplacementInfo', async () => {
    const m = await parseEdoc('edoc_replacement.edxml');
    expect(m.business.businessDocType).toBe(3);
    expect(m.business.replacements?.length).toBe(2);
    expect(m.business.replacements?.[0]).toEqual(m.business.replacements?.[1]);
  });

  const statuses: Array<[string, string]> = [
    ['status.edxml', '01'],
    ['status_inbox_ 01.edxml', '01'],
    ['status_rejection_02.edxml', '02'],
    ['status_acceptance_03.edxml', '03'],
    ['status_assignment_04.edxml', '04'],
    ['status_processing_05.edxml', '05'],
    ['status_finish_06.edxml', '06'],
    ['status_cancellation_13.edxml', '13'],
    ['status_change-acceptance_15.edxml', '15'],
    ['status_change-rejection_16.edxml', '16'],
  ];
  for (const [file, code] of statuses) {
    it(`${file}: status ${code} answering a document of 000.00.00.G22`, async () => {
      const m = await parse(file);
      expect(m.kind).toBe('status');
      if (m.kind !== 'status') return;
      expect(m.statusCode).toBe(code);
      expect(m.responseFor.documentId).toMatch(/^000\.00\.00\.G22,\d{4}\/\d{2}\/\d{2},/);
      expect(m.timestamp).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(m.warnings).toEqual([]);
    });
  }
});

describe('edxml/sdk-xml/', () => {
  it('852e179c: no Bussiness (read as new, with a warning); the "PDF" in its ZIP is 17 bytes of garbage, delivered as octet-stream', async () => {
    const m = await parseEdoc('sdk-xml/852e179c-8eca-4502-ac38-0b97321f29c3.edxml');
    expect(m.traces.length).toBe(2);
    expect(m.business.businessDocType).toBe(0);
    expect(m.warnings.join()).toContain('Bussiness');
    expect((await delivered('sdk-xml/852e179c-8eca-4502-ac38-0b97321f29c3.edxml'))[0]).toMatch(/application\/octet-stream 17$/);
  });

  it('874e0f18: no OrganName, TraceHeader OrganId "null"; labelled PDF but a ZIP holding an 11 229-byte PDF', async () => {
    const m = await parseEdoc('sdk-xml/874e0f18-90dc-45fb-989a-65401470ba84.edxml');
    expect(m.header.from.organName).toBeUndefined();
    expect(m.traces.some((t) => t.organId === 'null')).toBe(true);
    expect(m.attachments[0]?.contentType).toBe('application/pdf');
    expect((await delivered('sdk-xml/874e0f18-90dc-45fb-989a-65401470ba84.edxml'))[0]).toMatch(/application\/pdf 11229$/);
  });

  it('9e272474: DocumentType 2, SteeringType 2, Priority 1; its PDF went through a text decoding and is refused as damaged', async () => {
    const m = await parseEdoc('sdk-xml/9e272474-0603-48a2-b525-9cd1af689612.edxml');
    expect([m.header.documentType.type, m.header.steeringType, m.header.priority]).toEqual([2, 2, 1]);
    await expect(unpackAttachments(m, work())).rejects.toMatchObject({ code: 'E_EDXML_ATTACHMENT_INVALID', message: expect.stringContaining('startxref') });
  });
});

describe('edxml/sdk-uploads/', () => {
  for (const id of ['1da394ba-2117-4354-a23f-6ec3e47ba81b', 'bb5d2f68-bbce-49da-aa9a-2197cabec3bf', 'bdb98a62-a2be-4c25-9075-8dcdbcdb1402']) {
    it(`${id}: three ZIP attachments each holding one small .txt; Bussiness before TraceHeader`, async () => {
      const files = await delivered(`sdk-uploads/${id}.edxml`);
      expect(files.length).toBe(3);
      for (const f of files) expect(f).toMatch(/\.txt application\/octet-stream \d+$/);
      expect((await parseEdoc(`sdk-uploads/${id}.edxml`)).traces.length).toBe(1);
    });
  }

  it('1f881896: manifest text/plain vs Attachment application/zip (a warning); TraceHeader without OrganId', async () => {
    const m = await parseEdoc('sdk-uploads/1f881896-6e3a-4a5f-87f1-c380878e148e.edxml');
    expect(m.traces[0]?.organId).toBeNull();
    expect(m.warnings.some((w) => w.includes('text/plain') && w.includes('application/zip'))).toBe(true);
  });

  it('b6e1f29d: two attachments, self-addressed, Vietnamese subject', async () => {
    const m = await parseEdoc('sdk-uploads/b6e1f29d-cdc9-4fa7-8391-442e8566f14e.edxml');
    expect(m.attachments.length).toBe(2);
    expect(m.header.to[0]?.organId).toBe(m.header.from.organId);
    expect(m.header.subject).toBe('Tiêu đề thử');
  });
});

describe('edxml/truclienthong-example/', () => {
  it('edoc.edxml: the duplicated <edXML:From> is refused (mismatched tag at line 74)', async () => {
    await expect(parse('truclienthong-example/edoc.edxml')).rejects.toMatchObject({ code: 'E_EDXML_MALFORMED', message: expect.stringContaining('74:') });
  });

  it('edoc_new.edxml: the clean counterpart parses, From 000.00.00.A80, and delivers the signed PDF', async () => {
    expect((await parseEdoc('truclienthong-example/edoc_new.edxml')).header.from.organId).toBe('000.00.00.A80');
    expect(await delivered('truclienthong-example/edoc_new.edxml')).toEqual([SIGNED_PDF]);
  });

  it('dc0bdef0: three To; its ZIP holds the malformed edoc.edxml, which is refused when opened', async () => {
    const m = await parseEdoc('truclienthong-example/dc0bdef0-c7a3-4aaf-b717-777303442973.edxml');
    expect(m.header.to.length).toBe(3);
    await expect(unpackAttachments(m, work())).rejects.toMatchObject({ code: 'E_EDXML_MALFORMED' });
  });
});

describe('edxml/edoc-integrator/', () => {
  it('edoc_new.edxml: PromulgationDate 30/10/2020 read as 2020-10-30 with a warning; empty elements tolerated', async () => {
    const m = await parseEdoc('edoc-integrator/edoc_new.edxml');
    expect(m.header.from.organId).toBe('000.00.11.H53');
    expect(m.header.promulgationDate).toBe('2020-10-30');
    expect(m.warnings.join()).toContain('dd/MM/yyyy');
    expect(m.header.signer.fullName).toBe('');
  });
});
