import { edxmlError } from './edxml-error.js';
import { readEdxmlDate } from './edxml-date.js';
import { EDXML_NS } from './edxml-namespace.js';
import type {
  Business,
  BusinessDocType,
  EdocAttachment,
  EdocHeader,
  EdxmlMessage,
  Organ,
  ResponseFor,
  StaffInfo,
  StatusCode,
} from './edxml-message.js';
import { STATUS_CODES } from './edxml-message.js';
import type { StreamedContent } from './edxml-reader.js';
import { sanitiseAttachmentName } from './attachment-name.js';
import { children, optional, required, requiredText, textOf } from './xml-navigation.js';
import type { XmlElement } from './xml-element.js';

/** Turns a parsed tree into an edoc or a status message (a status is a MessageHeader with a StatusCode). */
export function extractMessage(root: XmlElement, contents: readonly StreamedContent[], readWarnings: readonly string[] = []): EdxmlMessage {
  if (root.local !== 'edXML') {
    throw edxmlError('E_EDXML_MISSING_ELEMENT', `Phần tử gốc là ${root.local}, không phải edXML`, `the root element is ${root.local}, not edXML`, { element: 'edXML' });
  }
  if (root.uri !== EDXML_NS) {
    throw edxmlError('E_EDXML_WRONG_NAMESPACE', `Phần tử gốc edXML sai không gian tên (${root.uri || 'không có'})`, `the root edXML is in namespace "${root.uri}", expected ${EDXML_NS}`, { element: 'edXML', namespace: root.uri });
  }
  const envelope = required(root, 'edXMLEnvelope', 'edXML');
  const header = required(envelope, 'edXMLHeader', 'edXMLEnvelope');
  const mh = required(header, 'MessageHeader', 'edXMLHeader');
  const warnings: string[] = [...readWarnings];
  const p = 'MessageHeader';
  if (optional(mh, 'StatusCode', p)) {
    return {
      kind: 'status',
      from: organ(required(mh, 'From', p), `${p}/From`),
      responseFor: responseFor(required(mh, 'ResponseFor', p), `${p}/ResponseFor`, warnings, true) as ResponseFor,
      ...optionalStaff(optional(mh, 'StaffInfo', p), `${p}/StaffInfo`),
      statusCode: statusCode(requiredText(mh, 'StatusCode', p), warnings),
      description: textOf(mh, 'Description', p),
      timestamp: requiredText(mh, 'Timestamp', p),
      warnings,
    };
  }
  const to = children(mh, 'To', p).map((el) => organ(el, `${p}/To`));
  if (to.length === 0) required(mh, 'To', p);
  const code = required(mh, 'Code', p);
  const promulgation = optional(mh, 'PromulgationInfo', p);
  const documentType = optional(mh, 'DocumentType', p);
  const signer = optional(mh, 'SignerInfo', p);
  const other = optional(mh, 'OtherInfo', p);
  const headerValue: EdocHeader = {
    from: organ(required(mh, 'From', p), `${p}/From`),
    to,
    documentId: requiredText(mh, 'DocumentId', p),
    codeNumber: requiredText(code, 'CodeNumber', `${p}/Code`),
    codeNotation: textOf(code, 'CodeNotation', `${p}/Code`),
    place: textOf(promulgation, 'Place', `${p}/PromulgationInfo`),
    promulgationDate: readEdxmlDate(textOf(promulgation, 'PromulgationDate', `${p}/PromulgationInfo`), warnings, 'PromulgationDate'),
    documentType: {
      type: int(textOf(documentType, 'Type', `${p}/DocumentType`), 0),
      typeDetail: int(textOf(documentType, 'TypeDetail', `${p}/DocumentType`), 0),
      typeName: textOf(documentType, 'TypeName', `${p}/DocumentType`),
    },
    subject: requiredText(mh, 'Subject', p),
    content: textOf(mh, 'Content', p),
    signer: {
      competence: textOf(signer, 'Competence', `${p}/SignerInfo`),
      position: textOf(signer, 'Position', `${p}/SignerInfo`),
      fullName: textOf(signer, 'FullName', `${p}/SignerInfo`),
    },
    dueDate: readEdxmlDate(textOf(mh, 'DueDate', p), warnings, 'DueDate'),
    toPlaces: (optional(mh, 'ToPlaces', p)?.children ?? []).filter((c) => c.local === 'Place').map((c) => c.text.trim()),
    priority: int(textOf(other, 'Priority', `${p}/OtherInfo`), 0),
    pageAmount: intOrNull(textOf(other, 'PageAmount', `${p}/OtherInfo`)),
    promulgationAmount: intOrNull(textOf(other, 'PromulgationAmount', `${p}/OtherInfo`)),
    appendixes: (other ? optional(other, 'Appendixes', `${p}/OtherInfo`)?.children ?? [] : []).map((c) => c.text.trim()).filter((t) => t !== ''),
    responseFor: children(mh, 'ResponseFor', p)
      .map((el) => responseFor(el, `${p}/ResponseFor`, warnings, false))
      .filter((r): r is ResponseFor => r !== null),
    steeringType: int(textOf(mh, 'SteeringType', p), 0),
  };
  const traceList = required(header, 'TraceHeaderList', 'edXMLHeader');
  const traces = children(traceList, 'TraceHeader', 'TraceHeaderList').map((t) => ({
    organId: textOf(t, 'OrganId', 'TraceHeader') || null,
    timestamp: textOf(t, 'Timestamp', 'TraceHeader'),
  }));
  return {
    kind: 'edoc',
    header: headerValue,
    traces,
    business: businessOrNew(optional(traceList, 'Bussiness', 'TraceHeaderList'), warnings),
    attachments: attachments(root, envelope, contents, warnings),
    warnings,
  };
}

function organ(el: XmlElement, path: string): Organ {
  const value: Record<string, string> = { organId: requiredText(el, 'OrganId', path) };
  for (const [key, local] of ORGAN_FIELDS) {
    const text = textOf(el, local, path);
    if (text !== '') value[key] = text;
  }
  return value as unknown as Organ;
}

const ORGAN_FIELDS = [
  ['organName', 'OrganName'],
  ['organizationInCharge', 'OrganizationInCharge'],
  ['organAdd', 'OrganAdd'],
  ['email', 'Email'],
  ['telephone', 'Telephone'],
  ['fax', 'Fax'],
  ['website', 'Website'],
] as const;

/** An edoc's ResponseFor may be an empty shell (the SDK sample): then it answers nothing. A status's is required. */
function responseFor(el: XmlElement, path: string, warnings: string[], mandatory: boolean): ResponseFor | null {
  if (!mandatory && textOf(el, 'DocumentId', path) === '' && textOf(el, 'OrganId', path) === '') return null;
  return {
    organId: requiredText(el, 'OrganId', path),
    code: textOf(el, 'Code', path),
    promulgationDate: readEdxmlDate(textOf(el, 'PromulgationDate', path), warnings, `${path}/PromulgationDate`),
    documentId: requiredText(el, 'DocumentId', path),
  };
}

function optionalStaff(el: XmlElement | undefined, path: string): { staffInfo?: StaffInfo } {
  if (!el) return {};
  const staffInfo: Record<string, string> = {};
  for (const [key, local] of [['department', 'Department'], ['staff', 'Staff'], ['email', 'Email'], ['mobile', 'Mobile']] as const) {
    const text = textOf(el, local, path);
    if (text !== '') staffInfo[key] = text;
  }
  return { staffInfo };
}

function statusCode(raw: string, warnings: string[]): StatusCode {
  const code = raw.padStart(2, '0');
  if (code === '14') {
    warnings.push('StatusCode 14 đọc là 15 (mã cũ) / legacy status 14 read as 15');
    return '15';
  }
  if (!(STATUS_CODES as readonly string[]).includes(code)) {
    throw edxmlError('E_EDXML_INVALID_VALUE', `Mã trạng thái không hợp lệ: ${raw}`, `StatusCode ${raw} is not one of ${STATUS_CODES.join(', ')}`, { element: 'MessageHeader/StatusCode', value: raw });
  }
  return code as StatusCode;
}

/** Builders that omit Bussiness (the SDK's own 2019 and 2025 messages) send a new document. */
function businessOrNew(el: XmlElement | undefined, warnings: string[]): Business {
  if (el) return business(el);
  warnings.push('Thiếu TraceHeaderList/Bussiness: đọc là văn bản mới / no Bussiness: read as a new document (type 0)');
  return { documentId: null, businessDocType: 0, reason: '', paper: false };
}

function business(el: XmlElement): Business {
  const path = 'TraceHeaderList/Bussiness';
  const rawType = requiredText(el, 'BussinessDocType', path);
  if (!/^[0-3]$/.test(rawType)) {
    throw edxmlError('E_EDXML_INVALID_VALUE', `BussinessDocType không hợp lệ: ${rawType}`, `BussinessDocType ${rawType} is not 0–3`, { element: `${path}/BussinessDocType`, value: rawType });
  }
  const info = optional(el, 'BussinessDocumentInfo', path);
  const receiverList = info ? optional(info, 'ReceiverList', `${path}/BussinessDocumentInfo`) : undefined;
  const replacementList = optional(el, 'ReplacementInfoList', path);
  return {
    documentId: textOf(el, 'DocumentId', path) || null,
    businessDocType: Number(rawType) as BusinessDocType,
    reason: textOf(el, 'BussinessDocReason', path),
    paper: textOf(el, 'Paper', path) === '1',
    ...optionalStaff(optional(el, 'StaffInfo', path), `${path}/StaffInfo`),
    ...(receiverList
      ? {
          receivers: children(receiverList, 'Receiver', 'ReceiverList').map((r) => ({
            organId: requiredText(r, 'OrganId', 'Receiver'),
            receiverType: textOf(r, 'ReceiverType', 'Receiver'),
          })),
        }
      : {}),
    ...(replacementList
      ? {
          replacements: children(replacementList, 'ReplacementInfo', 'ReplacementInfoList').map((r) => ({
            documentId: requiredText(r, 'DocumentId', 'ReplacementInfo'),
            organIds: (optional(r, 'OrganIdList', 'ReplacementInfo')?.children ?? []).map((o) => o.text.trim()).filter((t) => t !== ''),
          })),
        }
      : {}),
  };
}

function attachments(root: XmlElement, envelope: XmlElement, contents: readonly StreamedContent[], warnings: string[]): EdocAttachment[] {
  const body = optional(envelope, 'edXMLBody', 'edXMLEnvelope');
  const manifest = body ? optional(body, 'edXMLManifest', 'edXMLBody') : undefined;
  const references = new Map<string, XmlElement>();
  for (const ref of manifest ? children(manifest, 'Reference', 'edXMLManifest') : []) {
    references.set(textOf(ref, 'ContentId', 'Reference'), ref);
  }
  const encoded = optional(root, 'AttachmentEncoded', 'edXML');
  const result: EdocAttachment[] = [];
  for (const [index, att] of (encoded ? children(encoded, 'Attachment', 'AttachmentEncoded') : []).entries()) {
    const path = 'AttachmentEncoded/Attachment';
    const contentId = requiredText(att, 'ContentId', path);
    const transfer = required(att, 'ContentTransferEncoded', path);
    const content = transfer.attachmentIndex === undefined ? undefined : contents[transfer.attachmentIndex];
    if (!content) {
      throw edxmlError('E_EDXML_ATTACHMENT_INVALID', `Tệp đính kèm ${contentId} không có nội dung`, `attachment ${contentId} has no content`, { contentId });
    }
    const ref = references.get(contentId);
    if (!ref) warnings.push(`${contentId}: không có trong edXMLManifest / not listed in the manifest`);
    const pick = (local: string): string => textOf(att, local, path) || textOf(ref, local, 'edXMLManifest/Reference');
    const contentType = pick('ContentType');
    const refType = textOf(ref, 'ContentType', 'edXMLManifest/Reference');
    if (ref && refType !== '' && refType !== contentType) {
      warnings.push(`${contentId}: ContentType ${refType} (manifest) ≠ ${contentType} (Attachment)`);
    }
    result.push({
      contentId,
      name: sanitiseAttachmentName(pick('AttachmentName'), `attachment-${index + 1}`),
      description: pick('Description'),
      contentType,
      ...content,
    });
  }
  return result;
}

function int(text: string, fallback: number): number {
  return /^-?\d+$/.test(text) ? Number(text) : fallback;
}

function intOrNull(text: string): number | null {
  return /^\d+$/.test(text) ? Number(text) : null;
}
