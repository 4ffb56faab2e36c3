import { createReadStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { EOfficeError } from '@eoffice/contract';
import { writeEdxmlDate } from './edxml-date.js';
import type { Business, EdocHeader, Organ, ResponseFor, StaffInfo, StatusMessage, TraceHeader } from './edxml-message.js';
import { EDXML_NS } from './edxml-namespace.js';
import { escapeXml } from './xml-text.js';

/** An attachment to write: its bytes are read from `path` in pieces and base64-encoded as they go out. */
export interface OutgoingAttachment {
  readonly contentId: string;
  readonly name: string;
  readonly description: string;
  readonly contentType: string;
  readonly path: string;
}

export interface EdocToWrite {
  readonly header: EdocHeader;
  readonly traces: readonly TraceHeader[];
  readonly business: Business;
  readonly attachments: readonly OutgoingAttachment[];
}

const E = 'edXML:';

function el(name: string, value: string | number | null | undefined, indent: string): string {
  const text = value === null || value === undefined ? '' : String(value);
  return text === '' ? `${indent}<${E}${name}/>\n` : `${indent}<${E}${name}>${escapeXml(text)}</${E}${name}>\n`;
}

function organXml(tag: string, organ: Organ, indent: string): string {
  const i = `${indent}  `;
  return (
    `${indent}<${E}${tag}>\n` +
    el('OrganId', organ.organId, i) +
    el('OrganizationInCharge', organ.organizationInCharge, i) +
    el('OrganName', organ.organName, i) +
    el('OrganAdd', organ.organAdd, i) +
    el('Email', organ.email, i) +
    el('Telephone', organ.telephone, i) +
    el('Fax', organ.fax, i) +
    el('Website', organ.website, i) +
    `${indent}</${E}${tag}>\n`
  );
}

function responseForXml(r: ResponseFor, indent: string): string {
  const i = `${indent}  `;
  return (
    `${indent}<${E}ResponseFor>\n` +
    el('OrganId', r.organId, i) +
    el('Code', r.code, i) +
    el('PromulgationDate', r.promulgationDate ? writeEdxmlDate(r.promulgationDate) : '', i) +
    el('DocumentId', r.documentId, i) +
    `${indent}</${E}ResponseFor>\n`
  );
}

function staffXml(staff: StaffInfo | undefined, indent: string): string {
  if (!staff) return '';
  const i = `${indent}  `;
  return `${indent}<${E}StaffInfo>\n${el('Department', staff.department, i)}${el('Staff', staff.staff, i)}${el('Email', staff.email, i)}${el('Mobile', staff.mobile, i)}${indent}</${E}StaffInfo>\n`;
}

function open_(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<edXML xmlns="${EDXML_NS}">\n  <${E}edXMLEnvelope xmlns:edXML="${EDXML_NS}">\n    <${E}edXMLHeader>\n`;
}

/** The text of a status message (header only, no body), with the explicit `edXML:` prefixes the validators expect. */
export function buildStatusXml(status: Omit<StatusMessage, 'kind' | 'warnings'>): string {
  const i = '        ';
  return (
    open_() +
    `      <${E}MessageHeader>\n` +
    organXml('From', status.from, i) +
    responseForXml(status.responseFor, i) +
    staffXml(status.staffInfo, i) +
    el('StatusCode', status.statusCode, i) +
    el('Description', status.description, i) +
    el('Timestamp', status.timestamp, i) +
    `      </${E}MessageHeader>\n    </${E}edXMLHeader>\n  </${E}edXMLEnvelope>\n</edXML>\n`
  );
}

function headerXml(h: EdocHeader): string {
  const i = '        ';
  const j = `${i}  `;
  let x = `      <${E}MessageHeader>\n${organXml('From', h.from, i)}`;
  for (const to of h.to) x += organXml('To', to, i);
  x += el('DocumentId', h.documentId, i);
  x += `${i}<${E}Code>\n${el('CodeNumber', h.codeNumber, j)}${el('CodeNotation', h.codeNotation, j)}${i}</${E}Code>\n`;
  x += `${i}<${E}PromulgationInfo>\n${el('Place', h.place, j)}${el('PromulgationDate', h.promulgationDate ? writeEdxmlDate(h.promulgationDate) : '', j)}${i}</${E}PromulgationInfo>\n`;
  x += `${i}<${E}DocumentType>\n${el('Type', h.documentType.type, j)}${el('TypeDetail', h.documentType.typeDetail, j)}${el('TypeName', h.documentType.typeName, j)}${i}</${E}DocumentType>\n`;
  x += el('Subject', h.subject, i) + el('Content', h.content, i);
  x += `${i}<${E}SignerInfo>\n${el('Competence', h.signer.competence, j)}${el('Position', h.signer.position, j)}${el('FullName', h.signer.fullName, j)}${i}</${E}SignerInfo>\n`;
  x += el('DueDate', h.dueDate ? writeEdxmlDate(h.dueDate) : '', i);
  x += `${i}<${E}ToPlaces>\n${h.toPlaces.map((p) => el('Place', p, j)).join('')}${i}</${E}ToPlaces>\n`;
  x += `${i}<${E}OtherInfo>\n${el('Priority', h.priority, j)}${el('PromulgationAmount', h.promulgationAmount, j)}${el('PageAmount', h.pageAmount, j)}`;
  x += `${j}<${E}Appendixes>\n${h.appendixes.map((a) => el('Appendix', a, `${j}  `)).join('')}${j}</${E}Appendixes>\n${i}</${E}OtherInfo>\n`;
  for (const r of h.responseFor) x += responseForXml(r, i);
  x += el('SteeringType', h.steeringType, i);
  return `${x}      </${E}MessageHeader>\n`;
}

function traceXml(traces: readonly TraceHeader[], b: Business): string {
  const i = '        ';
  const j = `${i}  `;
  let x = `      <${E}TraceHeaderList>\n`;
  for (const t of traces) x += `${i}<${E}TraceHeader>\n${el('OrganId', t.organId, j)}${el('Timestamp', t.timestamp, j)}${i}</${E}TraceHeader>\n`;
  x += `${i}<${E}Bussiness>\n${el('DocumentId', b.documentId, j)}${el('BussinessDocType', b.businessDocType, j)}${el('BussinessDocReason', b.reason, j)}${el('Paper', b.paper ? 1 : 0, j)}`;
  x += staffXml(b.staffInfo, j);
  if (b.receivers) {
    const k = `${j}    `;
    x += `${j}<${E}BussinessDocumentInfo>\n${el('DocumentInfo', 1, `${j}  `)}${el('DocumentReceiver', 1, `${j}  `)}${j}  <${E}ReceiverList>\n`;
    for (const r of b.receivers) x += `${k}<${E}Receiver>\n${el('OrganId', r.organId, `${k}  `)}${el('ReceiverType', r.receiverType, `${k}  `)}${k}</${E}Receiver>\n`;
    x += `${j}  </${E}ReceiverList>\n${j}</${E}BussinessDocumentInfo>\n`;
  }
  if (b.replacements) {
    const k = `${j}  `;
    x += `${j}<${E}ReplacementInfoList>\n`;
    for (const r of b.replacements) {
      x += `${k}<${E}ReplacementInfo>\n${el('DocumentId', r.documentId, `${k}  `)}${k}  <${E}OrganIdList>\n${r.organIds.map((o) => el('OrganId', o, `${k}    `)).join('')}${k}  </${E}OrganIdList>\n${k}</${E}ReplacementInfo>\n`;
    }
    x += `${j}</${E}ReplacementInfoList>\n`;
  }
  return `${x}${i}</${E}Bussiness>\n      </${E}TraceHeaderList>\n`;
}

/**
 * Writes an edoc to `outFile` (0600, through a temporary file and a rename): header and manifest as text, then each
 * attachment read in pieces and base64-encoded straight to the file, so memory stays flat.
 */
export async function writeEdocFile(message: EdocToWrite, outFile: string): Promise<void> {
  await assertWritablePath(outFile);
  const temp = `${outFile}.${process.pid}.tmp`;
  const file = await open(temp, 'w', 0o600);
  try {
    let head = open_() + headerXml(message.header) + traceXml(message.traces, message.business);
    head += `    </${E}edXMLHeader>\n    <${E}edXMLBody>\n      <${E}edXMLManifest version="1.0">\n`;
    for (const a of message.attachments) {
      const i = '          ';
      head += `        <${E}Reference>\n${el('ContentId', a.contentId, i)}${el('ContentType', a.contentType, i)}${el('Description', a.description, i)}${el('AttachmentName', a.name, i)}        </${E}Reference>\n`;
    }
    head += `      </${E}edXMLManifest>\n    </${E}edXMLBody>\n  </${E}edXMLEnvelope>\n  <AttachmentEncoded>\n`;
    await file.write(head);
    for (const a of message.attachments) {
      const plain = (name: string, value: string): string => `      <${name}>${escapeXml(value)}</${name}>\n`;
      await file.write(
        `    <Attachment>\n${plain('ContentId', a.contentId)}${plain('AttachmentName', a.name)}${plain('Description', a.description)}${plain('ContentType', a.contentType)}` +
          `      <${E}ContentTransferEncoded xmlns:edXML="${EDXML_NS}">`,
      );
      let carry = Buffer.alloc(0);
      for await (const chunk of createReadStream(a.path, { highWaterMark: 3 * 256 * 1024 })) {
        const all = Buffer.concat([carry, chunk as Buffer]);
        const whole = all.length - (all.length % 3);
        await file.write(all.subarray(0, whole).toString('base64'));
        carry = all.subarray(whole);
      }
      await file.write(`${carry.toString('base64')}</${E}ContentTransferEncoded>\n    </Attachment>\n`);
    }
    await file.write('  </AttachmentEncoded>\n</edXML>\n');
    await file.sync();
    await file.close();
    await rename(temp, outFile);
  } catch (error) {
    await file.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
}

/** The rename replaces whatever the path names: refuse a device, a FIFO or a folder, and a folder that does not exist. */
async function assertWritablePath(path: string): Promise<void> {
  const found = await stat(path).catch(() => undefined);
  if (found && !found.isFile()) {
    throw new EOfficeError('E_OUTPUT_INVALID', `Tệp đích không phải tệp thường / the output exists and is not a regular file: ${path}`);
  }
  if (!(await stat(dirname(path)).catch(() => undefined))?.isDirectory()) {
    throw new EOfficeError('E_OUTPUT_INVALID', `Thư mục đích không tồn tại / the output's folder does not exist: ${dirname(path)}`);
  }
}
