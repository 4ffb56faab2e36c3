import { element, xmlText } from './xml-text.js';
import type { FileContents, FiledDocument } from './file-contents.js';

/** Namespace of our Phụ lục VI records: not an official one (none is published), so it names this application. */
export const PL6_NAMESPACE = 'urn:eoffice:nd30:phuluc6';

/** Phụ lục VI Phần II, document data: the fields a filed document carries, by their XML names. */
export function documentXml(contents: FileContents, doc: FiledDocument): string {
  const file = contents.file;
  return [
    '<Document>',
    `<FileCode>${element('OrganId', file.organId)}${element('FileCatalog', file.fileCatalog)}${element('FileNotation', file.fileNotation)}</FileCode>`,
    element('DocOrdinal', doc.docOrdinal),
    element('TypeName', doc.typeName),
    element('CodeNumber', doc.codeNumber),
    element('CodeNotation', doc.codeNotation),
    element('IssuedDate', doc.issuedDate),
    element('OrganName', doc.organName),
    element('Subject', doc.subject),
    element('Language', doc.language ?? 'Tiếng Việt'),
    element('PageAmount', doc.pageAmount),
    element('Description', null),
    doc.original
      ? `<Original name="${xmlText(doc.original.name)}" size="${doc.original.size}" sha256="${doc.original.sha256}" mediaType="${xmlText(doc.original.mediaType)}"/>`
      : '<Original/>',
    `<Signatures>${doc.signatures
      .map((s) => `<Signature kind="${xmlText(s.kind)}" valid="${s.valid}" signer="${xmlText(s.signerName)}" signedAt="${xmlText(s.signedAt)}" checkedAt="${xmlText(s.checkedAt)}"/>`)
      .join('')}</Signatures>`,
    '</Document>',
  ].join('');
}

/** Phụ lục VI Phần II, file data (11 fields), then the documents in DocOrdinal order. */
export function fileXml(contents: FileContents): string {
  const f = contents.file;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<File xmlns="${PL6_NAMESPACE}">`,
    `<FileCode>${element('OrganId', f.organId)}${element('FileCatalog', f.fileCatalog)}${element('FileNotation', f.fileNotation)}</FileCode>`,
    element('Title', f.title),
    element('Maintenance', f.maintenance),
    element('Rights', f.rights),
    element('Creator', f.creator),
    element('Language', f.language),
    element('StartDate', f.startDate),
    element('EndDate', f.endDate),
    element('DocTotal', f.docTotal),
    element('PageTotal', f.pageTotal),
    element('Description', f.description),
    `<Documents>${contents.documents.map((d) => documentXml(contents, d)).join('')}</Documents>`,
    '</File>',
    '',
  ].join('\n');
}
