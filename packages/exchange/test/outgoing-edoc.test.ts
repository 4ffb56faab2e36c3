import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outgoingEdoc, parseEdxmlFile, unpackAttachments, writeEdocFile } from '../src/index.js';
import { runEoffice } from './run-cli.js';
import { issueDocument, makeEndpoint, makeIdentity } from './endpoint.js';
import { EDXML_FIXTURES, useWorkDir } from './work-dir.js';

const work = useWorkDir();

describe('the edoc of an issued outgoing document', () => {
  it('carries the issued PDF with both signatures, the DocumentId form, every recipient; a secret one is refused; the CLI builds the same', async () => {
    const dir = work();
    const a = await makeEndpoint(join(dir, 'a'), '000.00.01.Z99', 'Ủy ban nhân dân tỉnh Demo', await makeIdentity(dir, 'Nguyễn Văn An'));
    try {
      const issued = await issueDocument(a, ['000.00.02.Z99', '000.00.03.Z99']);
      const message = await outgoingEdoc(a.services.store, issued.id);
      expect(message.header.documentId).toBe(`000.00.01.Z99,${issued.issuedDate?.replaceAll('-', '/')},${issued.number}/${issued.symbol}`);
      expect(message.header.to.map((t) => t.organId)).toEqual(['000.00.02.Z99', '000.00.03.Z99']);
      // The number as the sealed page and the sender's screen write it (the first of the year: "01").
      expect(message.header.codeNumber).toBe('01');
      expect(message.header.codeNumber).toBe(issued.number);
      const out = join(dir, 'out.edxml');
      await writeEdocFile(message, out);
      const back = await parseEdxmlFile(out, { workDir: dir });
      if (back.kind !== 'edoc') throw new Error('not an edoc');
      const [pdf] = await unpackAttachments(back, dir);
      const issuedFile = issued.files.find((f) => f.role === 'issued');
      expect(pdf).toMatchObject({ mediaType: 'application/pdf', sha256: issuedFile?.sha256 });
      // SignerInfo carries the authority form the draft named (issue 11 item 5).
      expect(back.header.signer).toMatchObject({ competence: 'TM.', fullName: 'Nguyễn Văn An' });

      const secret = await issueDocument(a, ['000.00.02.Z99'], { secrecy: 'secret' });
      await expect(outgoingEdoc(a.services.store, secret.id)).rejects.toMatchObject({ code: 'SECRET_NOT_EXCHANGEABLE' });

      const cli = join(dir, 'cli.edxml');
      await a.close();
      const built = await runEoffice(['edxml', 'build', '--doc', issued.id, '--out', cli, '--as', 'vanthu', '--data-dir', a.dataDir, '--json']);
      expect(built.code, built.stderr).toBe(0);
      const parsed = await runEoffice(['edxml', 'parse', cli, '--json']);
      expect(parsed.code, parsed.stderr).toBe(0);
      expect(JSON.parse(parsed.stdout)).toMatchObject({ kind: 'edoc', header: { documentId: message.header.documentId }, delivered: [{ sha256: issuedFile?.sha256 }] });
      // Missing flags are bad input; an unknown document answers as missing.
      expect((await runEoffice(['edxml', 'build', '--doc', issued.id, '--as', 'vanthu', '--data-dir', a.dataDir])).code).toBe(2);
      const missing = await runEoffice(['edxml', 'build', '--doc', 'no-such-id', '--out', cli, '--as', 'vanthu', '--data-dir', a.dataDir]);
      expect([missing.code, missing.stderr]).toEqual([1, expect.stringMatching(/^E_NOT_FOUND/)]);
    } finally {
      await a.close().catch(() => undefined);
    }
  }, 120_000);
});

describe('eoffice edxml parse', () => {
  it('reads a real sample, names a defect, and refuses an XXE payload with exit 2 and a typed error', async () => {
    const ok = await runEoffice(['edxml', 'parse', join(EDXML_FIXTURES, 'status_acceptance_03.edxml')]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('03');
    const broken = await runEoffice(['edxml', 'parse', join(EDXML_FIXTURES, 'edoc_new.edxml'), '--json']);
    expect(broken.code).toBe(2);
    expect(JSON.parse(broken.stdout)).toMatchObject({ error: { code: 'E_EDXML_MALFORMED' } });
    const xxe = join(work(), 'xxe.edxml');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(xxe, '<?xml version="1.0"?><!DOCTYPE edXML [<!ENTITY x SYSTEM "file:///etc/passwd">]><edXML>&x;</edXML>');
    const refused = await runEoffice(['edxml', 'parse', xxe]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^E_EDXML_DTD_FORBIDDEN: /);
  }, 60_000);
});
