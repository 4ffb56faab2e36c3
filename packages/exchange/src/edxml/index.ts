export * from './edxml-message.js';
export { EDXML_NS } from './edxml-namespace.js';
export { DEFAULT_LIMITS, type EdxmlLimits } from './limits.js';
export { parseEdxmlFile, type ParseOptions } from './parse-edxml.js';
export { unpackAttachments, type DeliveredFile } from './unpack-attachments.js';
export { writeEdocFile, buildStatusXml, type EdocToWrite, type OutgoingAttachment } from './edxml-writer.js';
export { buildDocumentId, splitDocumentId } from './document-id.js';
export { readEdxmlDate, writeEdxmlDate } from './edxml-date.js';
export { sanitiseAttachmentName } from './attachment-name.js';
