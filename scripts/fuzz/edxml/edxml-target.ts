import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EOfficeError } from '../../../packages/contract/src/index.js';
import { parseEdxmlFile, unpackAttachments } from '../../../packages/exchange/src/edxml/index.js';
import type { CaseOutcome, FuzzTarget } from '../run-fuzz.js';

/** Limits small enough that a mutated size field costs little, as a receiving endpoint would set them. */
const LIMITS = { maxAttachmentBytes: 16 * 1024 * 1024, maxArchiveBytes: 32 * 1024 * 1024 };

/**
 * One case: the receiving path of an edXML message — parse it (streamed from a file, as the exchange does), then
 * unpack an edoc's attachments (base64, ZIP, nested edXML). exit 0 parsed, 2 a typed EOfficeError, anything else
 * a crash. Each case gets its own private folder, removed after it.
 */
export async function runEdxmlCase(bytes: Uint8Array): Promise<CaseOutcome> {
  const dir = mkdtempSync(path.join(tmpdir(), 'eoffice-fuzz-edxml-'));
  try {
    const file = path.join(dir, 'message.edxml');
    writeFileSync(file, bytes, { mode: 0o600 });
    const message = await parseEdxmlFile(file, { workDir: dir, limits: LIMITS });
    if (message.kind === 'edoc') await unpackAttachments(message, dir, LIMITS);
    return { exit: 0 };
  } catch (error) {
    if (error instanceof EOfficeError) return { exit: 2, code: error.code, message: error.message };
    const e = error instanceof Error ? error : new Error(String(error));
    return { exit: 'crash', code: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const edxmlTarget: FuzzTarget = {
  name: 'edXML parse + unpack',
  tokens: [
    '<', '>', '</', '/>', '<?xml version="1.0"?>', '<!DOCTYPE x [<!ENTITY a "aaaa">]>', '&amp;', '&lt;', '&#0;', '&#x110000;', '&a;', '<![CDATA[',
    ']]>', '<!--', '-->', 'xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"', 'xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016"', 'edXML:',
    '<edXML:edXMLEnvelope>', '<edXML:MessageHeader>', '<edXML:From>', '<edXML:OrganId>', '<edXML:Code>', '<edXML:PromulgationInfo>',
    '<edXML:PromulgationDate>', '2014/02/30', '9999/99/99', '<AttachmentEncoded>', '<edXML:Attachment>', '<edXML:ContentTransferEncoded>',
    'cid:1', 'UEsDBA', 'JVBERi0', '====', 'application/zip', 'base64', '"', "'", '=', ' ', '\u0000', '\uFEFF',
  ],
  run: runEdxmlCase,
};
